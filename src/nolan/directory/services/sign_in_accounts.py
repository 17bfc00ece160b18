"""The sign-in accounts of Members and officers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from nolan.accounts.models import User
from nolan.audit.services import record
from nolan.directory import models as m
from nolan.directory.services.shared import (
    check_may_be_member,
    check_may_be_officer,
    maintaining_capacity,
)


@transaction.atomic
def account_for(*, actor, person: m.Member | m.Officer, capacity: str | None = None) -> User:
    """The sign-in account of a Member or officer: the one already linked; else an existing account
    with the same e-mail address, now linked; else a new account with an unusable password (they sign
    in by single sign-on, or set a password through the reset link)."""
    cap = maintaining_capacity(actor, capacity)
    if person.user_id:
        return person.user
    kind = "member" if isinstance(person, m.Member) else "officer"
    user = User.objects.filter(email__iexact=person.email).first()
    action = f"directory.{kind}.account_linked"
    if user is not None:
        other = getattr(user, kind, None)  # the reverse one-to-one raises AttributeError if unset
        if other is not None and other.pk != person.pk:
            raise ValidationError({"email": f"The account {user.email} already belongs to {other}."})
        if kind == "member":
            check_may_be_member(
                name=person.full_name, email=person.email, user=user, start=person.start, end=person.end
            )
        else:
            check_may_be_officer(
                name=person.full_name, email=person.email, user=user, start=person.start, end=person.end
            )
    else:
        user = User(email=person.email.lower(), first_name=person.first_name, last_name=person.last_name)
        user.set_unusable_password()
        user.save()
        action = f"directory.{kind}.account_created"
    person.user = user
    person.save(update_fields=["user"])
    record(
        actor=actor,
        action=action,
        target=person,
        capacity=cap,
        before={"user_id": None},
        after={"user_id": user.pk, "email": user.email},
    )
    return user
