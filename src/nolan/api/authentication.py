"""API token authentication that refuses a token not issued with the second factor its account needs."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from nolan.accounts import second_factor
from nolan.api import tokens

REFUSED = (
    "This API token was not issued to a sign-in that used the code from your authenticator app, which "
    "your account needs, so Nolan no longer accepts it. Sign in to Nolan in your browser, give the code "
    "when asked, and create a new token at /api/v1/token/."
)


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``. Tokens issued before Nolan recorded how (so without a record of
    a second factor) stop working for the accounts that need one."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if second_factor.requires_second_factor(user) and not tokens.issued_with_second_factor(token):
            raise exceptions.AuthenticationFailed(REFUSED)
        return user, token
