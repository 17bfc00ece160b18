"""API tokens: issued to a person signed in through the web (with their second factor where their
account needs one), revoked by them.

The only writers of ``rest_framework.authtoken`` tokens and of the record of how each was issued
(``TokenIssue``). Each change is one transaction with one audit event; the event names the account
and how the issuing session signed in, never the token itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

from nolan.accounts import second_factor
from nolan.accounts.second_factor import SignIn
from nolan.api.models import TokenIssue
from nolan.audit.services import record
from nolan.directory.capacities import capacities_of

WITHOUT_SECOND_FACTOR = (
    "Your account needs the code from your authenticator app, and this sign-in did not use it, so Nolan "
    "cannot issue it an API token. Sign in again and give the code when asked."
)


def token_of(*, user) -> Token | None:
    """The caller's own token, if they have one."""
    return Token.objects.filter(user=user).select_related("issue").first()


def issue_of(token: Token) -> TokenIssue | None:
    """How ``token`` was issued; None for a token issued before Nolan kept the record."""
    try:
        return token.issue
    except TokenIssue.DoesNotExist:
        return None


def issued_with_second_factor(token: Token) -> bool:
    issue = issue_of(token)
    return issue is not None and issue.second_factor


@transaction.atomic
def token_issue(*, user, sign_in: SignIn) -> Token:
    """A new token for ``user``, whose session signed in as ``sign_in`` says. One token per person: a
    new one replaces the old, which stops working. Refused (PermissionDenied) if the account needs a
    second factor and the session did not use one."""
    if second_factor.requires_second_factor(user) and not sign_in.second_factor:
        raise PermissionDenied(WITHOUT_SECOND_FACTOR)
    replaced, _ = Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    issue = TokenIssue.objects.create(
        token=token, user=user, sign_in_methods=list(sign_in.methods), second_factor=sign_in.second_factor
    )
    record(
        actor=user,
        action="api.token.issued",
        target=user,
        capacity=capacities_of(user).primary,
        extra={
            "replaced_earlier_token": bool(replaced),
            "sign_in_methods": issue.sign_in_methods,
            "second_factor": issue.second_factor,
        },
    )
    return token


@transaction.atomic
def token_revoke(*, user) -> bool:
    """Revoke ``user``'s token. False if they had none (and nothing is recorded)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        record(actor=user, action="api.token.revoked", target=user, capacity=capacities_of(user).primary)
    return bool(deleted)
