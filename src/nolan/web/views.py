"""The pages every person sees: their home page, the accessibility statement and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from nolan.accounts.models import AccessRole
from nolan.directory import selectors
from nolan.enquiries.views.attention import attention
from nolan.web.context_processors import service_name
from nolan.web.navigation import capacities_of_request, display_name


@login_required
def home(request):
    """Who the person is in the council, in each capacity they hold, and what needs their attention."""
    user = request.user
    caps = capacities_of_request(request)
    member = selectors.member_get(user=user, pk=caps.member.pk) if caps.member else None
    officer = selectors.officer_get(user=user, pk=caps.officer.pk) if caps.officer else None
    context = {
        "name": display_name(user, caps),
        "capacities": caps.labels,
        "member": member,
        "officer": officer,
        "posts": getattr(officer, "current_posts", []),
        "statutory_roles": getattr(officer, "current_statutory_roles", []),
        "access_roles": [AccessRole(r).label for r in sorted(caps.access_roles)],
        "has_place": caps.is_member or caps.is_officer or bool(caps.access_roles),
        "can_read_directory": selectors.can_read_directory(user),
        "can_maintain_directory": caps.maintains_directory,
        "attention": attention(user),
    }
    return render(request, "web/home.html", context)


def accessibility(request):
    """The accessibility statement: public, so anyone can read it before or without signing in."""
    return render(request, "web/accessibility.html")


def bad_request(request, exception=None):
    return render(request, "web/errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "web/errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """For settings.CSRF_FAILURE_VIEW: a form sent from a page that was open too long, or whose
    session ended, explained in words a person can act on rather than Django's technical page."""
    return render(request, "web/errors/403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    """Rendered without the request's context processors, which need the database that may be the
    very thing that failed; the council's name is shown if it can still be read."""
    try:
        council = selectors.the_council()
    except DatabaseError:
        council = None
    template = loader.get_template("web/errors/500.html")
    body = template.render(
        {"council_name": council.name if council else "Nolan", "service_name": service_name()}
    )
    return HttpResponseServerError(body)
