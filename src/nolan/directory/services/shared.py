"""What the directory's service modules share: who is acting and in what capacity, reading and
checking values, the dated rows every step starts and ends, and the protocol's checks on a person
being both a Member and an officer. For the modules of ``nolan.directory.services`` only: callers use
the services themselves."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.audit.services import changes, snapshot
from nolan.core.decisions import ProtocolError
from nolan.core.hidden_characters import hidden_characters_message
from nolan.core.models import Dated
from nolan.directory import models as m
from nolan.directory import policies, selectors
from nolan.directory.capacities import capacities_for

COMMAND_LINE = "command line"


# Who is acting, and in what capacity ---------------------------------------------------------------


def acting_capacity(actor, capacity: str | None, roles: Iterable[str]) -> str:
    if capacity:
        return capacity
    if actor is None:
        return COMMAND_LINE
    caps = capacities_for(actor)
    for role in roles:
        if role in caps.access_roles:
            return AccessRole(role).label
    if caps.is_superuser:
        return AccessRole.ADMINISTRATOR.label
    return caps.primary


def maintaining_capacity(actor, capacity: str | None = None) -> str:
    """The capacity to record for ``actor`` maintaining the directory; ``PermissionDenied`` if they may
    not (for every step here, and for the import and other callers that act through several services)."""
    if actor is None:
        if capacity == COMMAND_LINE:
            return COMMAND_LINE
        raise PermissionDenied("Only the command line may act without a signed-in person.")
    if not selectors.can_maintain_directory(actor):
        raise PermissionDenied("Only Member Services or a system administrator may change the directory.")
    return acting_capacity(actor, capacity, (AccessRole.MEMBER_SERVICES, AccessRole.ADMINISTRATOR))


# Values --------------------------------------------------------------------------------------------


class FieldErrors:
    """Collects field errors so a form shows every one of them at once."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def merge(self, error: ValidationError, rename: dict[str, str] | None = None) -> None:
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add((rename or {}).get(field, field), message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def in_words(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def as_date(value, field: str, *, required: bool = True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: "Enter a date."})
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError({field: f"“{value}” is not a date: use the form 2026-05-07."})


def as_email(value: str, field: str = "email") -> str:
    email = (value or "").strip().lower()
    if not email:
        raise ValidationError({field: "Enter an e-mail address."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: f"“{value}” is not an e-mail address."}) from None
    return email


def required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason: it is kept on the audit trail."})
    return reason


#: The names each kind of row holds: shown on their own in lists, pages and e-mail, so none may hold
#: hidden characters that change the direction of text (``nolan.core.hidden_characters``).
NAMES: dict[type[models.Model], tuple[str, ...]] = {
    m.Council: ("name", "short_name"),
    m.Ward: ("name", "code"),
    m.PoliticalGroup: ("name", "short_name"),
    m.Member: ("title", "first_name", "last_name"),
    m.Committee: ("name",),
    m.Directorate: ("name",),
    m.Service: ("name",),
    m.Officer: ("first_name", "last_name"),
    m.Post: ("title",),
}


def validate_row(obj: models.Model, errors: FieldErrors, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        errors.merge(error)
    for name in NAMES.get(type(obj), ()):
        label = obj._meta.get_field(name).verbose_name
        if message := hidden_characters_message(getattr(obj, name), label):
            errors.add(name, message)


def overlapping(qs: models.QuerySet, start: datetime.date, end: datetime.date | None) -> models.QuerySet:
    """Rows of a Dated queryset that hold on some day of [start, end)."""
    qs = qs.filter(Q(end__isnull=True) | Q(end__gt=start))
    return qs.filter(start__lt=end) if end is not None else qs


def not_ended_by(qs: models.QuerySet, on: datetime.date) -> models.QuerySet:
    """Rows still holding on ``on`` or starting later: the ones an ending on ``on`` must end."""
    return qs.filter(Q(end__isnull=True) | Q(end__gt=on))


def row_summary(obj: Dated) -> dict[str, Any]:
    """A short description of a dated row for an event's ``extra``."""
    return {
        "type": obj._meta.label_lower,
        "id": obj.pk,
        "label": _label(obj),
        "start": obj.start,
        "end": obj.end,
    }


def _label(obj) -> str:
    if isinstance(obj, m.WardMembership):
        return f"{obj.member} for {obj.ward}"
    if isinstance(obj, m.GroupMembership):
        return f"{obj.member} in {obj.group}"
    if isinstance(obj, m.GroupOfficeHolding):
        return f"{obj.get_office_display()} of {obj.group}: {obj.member}"
    if isinstance(obj, m.CommitteeMembership):
        return f"{obj.get_role_display()} of {obj.committee}: {obj.member}"
    if isinstance(obj, m.MemberRole):
        return f"{obj}: {obj.member}"
    if isinstance(obj, m.Post):
        return f"{obj.title}: {obj.officer}"
    return str(obj)


def end_rows(qs: models.QuerySet, on: datetime.date) -> list[dict[str, Any]]:
    """End every row of ``qs`` not yet ended by ``on``; one that had not started yet never holds."""
    ended = []
    for row in not_ended_by(qs, on).select_for_update().order_by("pk"):
        row.end = max(on, row.start)
        row.save(update_fields=["end"])
        ended.append(row_summary(row))
    return ended


def held_on(obj: Dated, on: datetime.date, field: str, errors: FieldErrors, what: str) -> None:
    """A ward, group, committee, directorate or service must not have ended by ``on``.

    It may have been recorded as starting later: one added today (the default start) still takes
    the Members and officers who were already there, with their real start dates."""
    if obj is not None and obj.end is not None and obj.end <= on:
        errors.add(field, f"{obj} is no longer a {what} on {in_words(on)}: it ended on {in_words(obj.end)}.")


def apply_changes(obj: models.Model, data: dict, editable: Iterable[str]) -> tuple[dict, dict]:
    """Apply ``data`` to ``obj`` and validate it; return the (before, after) of what changed."""
    editable = set(editable)
    errors = FieldErrors()
    for key in data:
        if key not in editable:
            errors.add(key, "This cannot be changed here.")
    errors.raise_any()
    attnames = [obj._meta.get_field(key).attname for key in data]
    before = snapshot(obj, attnames)
    for key, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, key, value)
    validate_row(obj, errors)
    errors.raise_any()
    return changes(before, snapshot(obj, attnames))


def name_free(qs: models.QuerySet, name: str, field: str, errors: FieldErrors, what: str, on=None) -> None:
    clash = qs.current(on).filter(name__iexact=name.strip()).first()
    if clash is not None:
        errors.add(field, f"There is already a current {what} called “{clash}”.")


# Protocol checks -----------------------------------------------------------------------------------


def check_may_be_member(*, name: str, email: str, user, start, end) -> None:
    """Haringey 7.03: refuse if the person is employed by the council during the term."""
    officers = overlapping(m.Officer.objects.all(), start, end)
    by_email = officers.filter(email__iexact=email).exists()
    by_user = user is not None and officers.filter(user=user).exists()
    decision = policies.may_be_member(person=name, is_current_officer=by_email or by_user)
    if not decision.allowed:
        raise ProtocolError(decision, field="email" if by_email else "user")


def check_may_be_officer(*, name: str, email: str, user, start, end=None) -> None:
    """Haringey 7.03: refuse if the person is a Member of the council during the employment."""
    members = overlapping(m.Member.objects.all(), start, end)
    by_email = members.filter(email__iexact=email).exists()
    by_user = user is not None and members.filter(user=user).exists()
    decision = policies.may_be_officer(person=name, is_current_member=by_email or by_user)
    if not decision.allowed:
        raise ProtocolError(decision, field="email" if by_email else "user")


def email_free(model, email: str, start, end, errors: FieldErrors, exclude=None) -> None:
    clash = overlapping(model.objects.filter(email__iexact=email), start, end)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    clash = clash.first()
    if clash is not None:
        errors.add("email", f"{email} is already the e-mail address of {clash}.")


def term_covers(member: m.Member, on: datetime.date, field: str, errors: FieldErrors) -> None:
    if not member.is_current(on):
        errors.add(field, f"{member} is not a Member of the council on {in_words(on)}.")


def employed_on(officer: m.Officer, on, field: str, errors: FieldErrors) -> None:
    if not officer.is_current(on):
        errors.add(field, f"{officer} is not employed by the council on {in_words(on)}.")
