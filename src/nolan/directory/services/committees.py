"""Committees and sub-committees, and the Members' places on them."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from nolan.audit.services import record, snapshot
from nolan.directory import models as m
from nolan.directory.services.shared import (
    FieldErrors,
    apply_changes,
    as_date,
    end_rows,
    held_on,
    maintaining_capacity,
    name_free,
    not_ended_by,
    row_summary,
    term_covers,
    validate_row,
)


def _check_parent(committee: m.Committee | None, parent: m.Committee | None, on, errors: FieldErrors) -> None:
    if parent is None:
        return
    held_on(parent, on, "parent", errors, "committee")
    seen = set()
    node = parent
    while node is not None and node.pk not in seen:
        if committee is not None and node.pk == committee.pk:
            errors.add("parent", f"{parent} is {committee} or one of its sub-committees.")
            return
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def committee_create(
    *,
    actor,
    name: str,
    kind: str,
    parent: m.Committee | None = None,
    terms_of_reference: str = "",
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Committee:
    """Add a committee (or, with ``parent``, a sub-committee) from ``start`` (today if not given)."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    errors = FieldErrors()
    committee = m.Committee(
        name=(name or "").strip(),
        kind=kind,
        parent=parent,
        terms_of_reference=(terms_of_reference or "").strip(),
        start=start,
    )
    validate_row(committee, errors)
    _check_parent(None, parent, start, errors)
    name_free(m.Committee.objects.all(), committee.name, "name", errors, "committee", on=start)
    errors.raise_any()
    committee.save()
    record(
        actor=actor,
        action="directory.committee.created",
        target=committee,
        capacity=cap,
        after=snapshot(committee),
    )
    return committee


@transaction.atomic
def committee_update(
    *, actor, committee: m.Committee, data: dict, reason: str = "", capacity: str | None = None
) -> m.Committee:
    """Change a committee's name, kind, parent committee or terms of reference."""
    cap = maintaining_capacity(actor, capacity)
    before, after = apply_changes(committee, data, ("name", "kind", "parent", "terms_of_reference"))
    errors = FieldErrors()
    if "parent_id" in after:
        _check_parent(committee, committee.parent, timezone.localdate(), errors)
    if "name" in after:
        name_free(m.Committee.objects.exclude(pk=committee.pk), committee.name, "name", errors, "committee")
    errors.raise_any()
    if after:
        committee.save()
        record(
            actor=actor,
            action="directory.committee.updated",
            target=committee,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return committee


@transaction.atomic
def committee_membership_add(
    *,
    actor,
    committee: m.Committee,
    member: m.Member,
    role: str = m.CommitteeRole.MEMBER,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.CommitteeMembership:
    """Give a Member a place on a committee from ``start`` as chair, vice-chair, member or substitute.

    A committee has one chair and one vice-chair at a time: appointing a new chair ends the old
    chair's place as chair that day (add them again as a member if they stay on the committee). If
    the Member already has a place with another role, that place ends and the new one starts."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start")
    errors = FieldErrors()
    if role not in m.CommitteeRole.values:
        errors.add("role", f"“{role}” is not a committee role.")
    held_on(committee, start, "committee", errors, "committee")
    term_covers(member, start, "member", errors)
    m.Committee.objects.select_for_update().filter(pk=committee.pk).first()
    own = not_ended_by(committee.memberships.filter(member=member), start)
    if own.filter(role=role, start__lte=start).exists():
        errors.add("role", f"{member} is already {m.CommitteeRole(role).label.lower()} of {committee}.")
    errors.raise_any()
    ended = end_rows(own, start)
    if role in (m.CommitteeRole.CHAIR, m.CommitteeRole.VICE_CHAIR):
        ended += end_rows(committee.memberships.filter(role=role), start)
    row = m.CommitteeMembership.objects.create(
        committee=committee, member=member, role=role, start=start, end=member.end
    )
    record(
        actor=actor,
        action="directory.committee.membership_added",
        target=committee,
        capacity=cap,
        after={"member": str(member), "role": m.CommitteeRole(role).label, "start": start},
        reason=reason,
        extra={"ended": ended, "started": [row_summary(row)]},
    )
    return row
