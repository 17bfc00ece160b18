from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "web/home.html", {})


def bad_request(request, exception=None):
    return render(request, "web/errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "web/errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    return render(request, "web/errors/500.html", status=500)
