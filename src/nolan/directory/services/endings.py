"""Ending any dated directory row, and what ends with it."""

from __future__ import annotations

import datetime

from django.db import transaction

from nolan.accounts.models import RoleGrant
from nolan.audit.services import record
from nolan.core.models import Dated
from nolan.directory import models as m
from nolan.directory import moves
from nolan.directory.services.members import end_term
from nolan.directory.services.officers import end_employment
from nolan.directory.services.permission_roles import role_revoke
from nolan.directory.services.shared import (
    FieldErrors,
    as_date,
    end_rows,
    in_words,
    maintaining_capacity,
    not_ended_by,
    required_reason,
)


@transaction.atomic
def end_dated(*, actor, obj: Dated, end: datetime.date, reason: str, capacity: str | None = None) -> Dated:
    """End any dated directory row (a membership, office, role, post, ward, group, committee...) on
    ``end``, the first day it no longer holds. ``end`` must be on or after its start (ending on the
    start day records that it never held). A reason is required.

    Ending a Member or an officer is ``member_end_term`` / ``officer_leave``; a permission role is
    ``role_revoke``. Ending a ward, political group or committee also ends the memberships and
    offices in it (and a committee's sub-committees). A directorate or service that still has
    services or officers in post cannot be ended: move them first."""
    if isinstance(obj, RoleGrant):
        return role_revoke(actor=actor, grant=obj, end=end, reason=reason, capacity=capacity)
    if not isinstance(obj, Dated) or obj._meta.app_label != "directory":
        raise TypeError(f"end_dated ends dated directory rows, not {type(obj).__name__}.")
    cap = maintaining_capacity(actor, capacity)
    end = as_date(end, "end")
    reason = required_reason(reason)
    if isinstance(obj, m.Member):
        before, after, ended = end_term(obj, end)
    elif isinstance(obj, m.Officer):
        before, after, ended = end_employment(obj, end)
    else:
        errors = FieldErrors()
        if end < obj.start:
            errors.add("end", f"It cannot end before it started ({in_words(obj.start)}).")
        if obj.end is not None and obj.end <= end:
            errors.add("end", f"It already ended on {in_words(obj.end)}.")
        if isinstance(obj, m.Directorate):
            if not_ended_by(obj.services.all(), end).exists():
                errors.add("end", f"{obj} still has services: move or end them first.")
            if not_ended_by(obj.posts.all(), end).exists():
                errors.add("end", f"{obj} still has officers in post: move them first.")
        if isinstance(obj, m.Service) and not_ended_by(obj.posts.all(), end).exists():
            errors.add("end", f"{obj} still has officers in post: move them first.")
        errors.raise_any()
        ended = _end_contents(obj, end)
        before = {"end": obj.end}
        obj.end = end
        obj.save(update_fields=["end"])
        after = {"end": end}
    record(
        actor=actor,
        action=f"directory.{obj._meta.model_name}.ended",
        target=obj,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
        extra={"ended": ended},
    )
    if isinstance(obj, m.Officer):
        moves.run([obj.pk])
    elif isinstance(obj, m.Post):
        moves.run([obj.officer_id])
    return obj


def _end_contents(obj: Dated, end: datetime.date) -> list:
    if isinstance(obj, m.Ward):
        return end_rows(obj.memberships.all(), end)
    if isinstance(obj, m.PoliticalGroup):
        return end_rows(obj.memberships.all(), end) + end_rows(obj.office_holdings.all(), end)
    if isinstance(obj, m.Committee):
        ended = end_rows(obj.memberships.all(), end)
        for sub in not_ended_by(obj.sub_committees.all(), end):
            ended += _end_contents(sub, end)
            ended += end_rows(m.Committee.objects.filter(pk=sub.pk), end)
        return ended
    return []
