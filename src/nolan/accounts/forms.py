"""Nolan's versions of allauth's forms, where Nolan needs more than allauth does."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal.auth import TOTP


class ActivateAuthenticatorForm(ActivateTOTPForm):
    """Setting up the authenticator app, where the code given to confirm it is used up as a code given
    at sign-in is: allauth checks it without marking it used, so it could sign someone in once more
    within its 30 seconds."""

    def clean_code(self) -> str:
        code = super().clean_code()
        # allauth offers no public call to mark a code used; the sign-in check (TOTP.validate_code)
        # looks for the mark this makes. tests/accounts/test_second_factor.py fails if it stops doing so.
        TOTP(Authenticator(user=self.user, type=Authenticator.Type.TOTP))._mark_code_used(code)
        return code
