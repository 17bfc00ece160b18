"""Staff roles must sign in with a second factor (TOTP)."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from nolan.directory.capacities import capacities_of

# Pages a staff user may reach before they have set up their authenticator app.
OPEN_PREFIXES = ("/account/", "/static/", "/accessibility")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.capacities = SimpleLazyObject(lambda: capacities_of(request.user))
        if (
            settings.NOLAN_REQUIRE_STAFF_SECOND_FACTOR
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and request.capacities.is_staff_role
            and not _has_totp(request.user)
        ):
            if request.path.startswith("/api/"):
                # The API's error shape (nolan.api.errors.ErrorOutput): a sentence and no field errors.
                detail = "Set up your authenticator app in Nolan before using the API."
                return JsonResponse({"detail": detail, "errors": {}}, status=403)
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
