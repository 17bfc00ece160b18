"""API tokens: issued to a person signed in through the web (with their second factor), revoked by them.

The only writers of ``rest_framework.authtoken`` tokens. Each change is one transaction with one audit
event; the event names the account, never the token itself.
"""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from nolan.audit.services import record
from nolan.directory.capacities import capacities_of


def token_of(*, user) -> Token | None:
    """The caller's own token, if they have one."""
    return Token.objects.filter(user=user).first()


@transaction.atomic
def token_issue(*, user) -> Token:
    """A new token for ``user``. One token per person: a new one replaces the old, which stops working."""
    replaced, _ = Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record(
        actor=user,
        action="api.token.issued",
        target=user,
        capacity=capacities_of(user).primary,
        extra={"replaced_earlier_token": bool(replaced)},
    )
    return token


@transaction.atomic
def token_revoke(*, user) -> bool:
    """Revoke ``user``'s token. False if they had none (and nothing is recorded)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        record(actor=user, action="api.token.revoked", target=user, capacity=capacities_of(user).primary)
    return bool(deleted)
