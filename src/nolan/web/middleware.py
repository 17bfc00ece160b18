"""Nolan's own request middleware.

``no_store``: what every response Nolan's views give must say to browsers and proxies.

``RequireSecondFactorMiddleware``: every signed-in session must have used the second factor where the
account needs one. Checked here, on every request a session makes, so that no way in can forget it:
the site's pages, the system administration (whose own password-only sign-in page is not used: see
nolan.config.urls), and the API through DRF's session authentication, including creating a token.
API tokens carry no session; they are checked by nolan.api.authentication.

- A session of an account with an authenticator that did not use it (signed in by a way that skipped
  the code) is signed out: a page goes back to the sign-in page with a message, the API answers 401.
- Staff who must use a second factor and have not set one up yet can reach only their account pages,
  where they set it up (setting it up means entering a valid code, which counts for this session).

Which accounts need a second factor, and how a session is known to have used it, is a rule about
accounts: nolan.accounts.second_factor. This applies it to requests.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from nolan.accounts import second_factor
from nolan.directory.capacities import capacities_of


def no_store(get_response):
    """Every response from a view is ``Cache-Control: no-store``.

    Pages and API answers show what only their reader may see (an enquiry, a resident's details, a
    Member's record), and exports and attachments are files of the same: a browser must not keep a
    copy on disk, or show one from its history after sign-out, and a shared proxy must never give one
    person's page to another. One rule for every response is simpler and safer than deciding page by
    page what is confidential; the sign-in and accessibility pages lose nothing by it. Static files are
    served by WhiteNoise before this middleware and are cached as usual.
    """

    def middleware(request):
        response = get_response(request)
        patch_cache_control(response, no_store=True)
        return response

    return middleware


# Pages a staff user may reach before they have set up their authenticator app.
OPEN_PREFIXES = ("/account/", "/static/", "/accessibility")

SIGNED_OUT = (
    "Nolan has signed you out because your account needs the code from your authenticator app and "
    "this sign-in did not ask for it. Sign in again and give the code when asked."
)
SIGNED_OUT_API = (
    "This session did not use the code from your authenticator app, which your account needs, so "
    "Nolan has signed it out. Sign in to Nolan again at /account/login/ and give the code when asked."
)
SET_UP_API = "Set up your authenticator app in Nolan before using the API."


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.capacities = SimpleLazyObject(lambda: capacities_of(request.user))
        user = request.user
        if user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            if second_factor.session_lacks_second_factor(request, user):
                return _sign_out(request)
            if not request.path.startswith(OPEN_PREFIXES) and second_factor.must_set_up(user):
                if _is_api(request):
                    return JsonResponse({"detail": SET_UP_API, "errors": {}}, status=403)
                return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return self.get_response(request)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _sign_out(request):
    logout(request)
    if _is_api(request):
        # The API's error shape (nolan.api.errors.ErrorOutput): a sentence and no field errors.
        response = JsonResponse({"detail": SIGNED_OUT_API, "errors": {}}, status=401)
        response["WWW-Authenticate"] = "Token"
        return response
    messages.warning(request, SIGNED_OUT)
    login = reverse("account_login")
    if request.method in ("GET", "HEAD"):
        login += "?" + urlencode({"next": request.get_full_path()})
    return redirect(login)
