"""The council's own settings, its wards and its political groups."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nolan.audit.services import record, snapshot
from nolan.directory import models as m
from nolan.directory.services.shared import (
    FieldErrors,
    apply_changes,
    as_date,
    maintaining_capacity,
    name_free,
    validate_row,
)

COUNCIL_FIELDS = (
    "name",
    "short_name",
    "protocol_profile",
    "bank_holiday_region",
    "working_day_starts",
    "working_day_ends",
    "receipt_cut_off",
    "website",
)


@transaction.atomic
def council_update(*, actor, council: m.Council, data: dict, reason: str = "", capacity: str | None = None):
    """Change the council's own settings (name, protocol profile, working day...). ``data`` maps
    field names to new values; only ``COUNCIL_FIELDS`` may be changed."""
    cap = maintaining_capacity(actor, capacity)
    before, after = apply_changes(council, data, COUNCIL_FIELDS)
    if council.working_day_starts >= council.working_day_ends:
        raise ValidationError({"working_day_ends": "The working day must end after it starts."})
    if after:
        council.save()
        record(
            actor=actor,
            action="directory.council.updated",
            target=council,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return council


@transaction.atomic
def ward_create(
    *,
    actor,
    name: str,
    code: str = "",
    seats: int = 3,
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Ward:
    """Add a ward from ``start`` (today if not given)."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    errors = FieldErrors()
    ward = m.Ward(name=(name or "").strip(), code=(code or "").strip(), seats=seats, start=start)
    validate_row(ward, errors)
    if seats is not None and isinstance(seats, int) and seats < 1:
        errors.add("seats", "A ward has at least one seat.")
    name_free(m.Ward.objects.all(), ward.name, "name", errors, "ward", on=start)
    errors.raise_any()
    ward.save()
    record(actor=actor, action="directory.ward.created", target=ward, capacity=cap, after=snapshot(ward))
    return ward


@transaction.atomic
def ward_update(*, actor, ward: m.Ward, data: dict, reason: str = "", capacity: str | None = None) -> m.Ward:
    """Change a ward's name, ONS code or number of seats (to end a ward, use ``end_dated``)."""
    cap = maintaining_capacity(actor, capacity)
    before, after = apply_changes(ward, data, ("name", "code", "seats"))
    errors = FieldErrors()
    if ward.seats < 1:
        errors.add("seats", "A ward has at least one seat.")
    if "name" in after:
        name_free(m.Ward.objects.exclude(pk=ward.pk), ward.name, "name", errors, "ward")
    errors.raise_any()
    if after:
        ward.save()
        record(
            actor=actor,
            action="directory.ward.updated",
            target=ward,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return ward


@transaction.atomic
def group_create(
    *,
    actor,
    name: str,
    short_name: str = "",
    status: str,
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.PoliticalGroup:
    """Add a political group (``status`` is ``administration`` or ``opposition``)."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    errors = FieldErrors()
    group = m.PoliticalGroup(
        name=(name or "").strip(), short_name=(short_name or "").strip(), status=status, start=start
    )
    validate_row(group, errors)
    name_free(m.PoliticalGroup.objects.all(), group.name, "name", errors, "political group", on=start)
    errors.raise_any()
    group.save()
    record(actor=actor, action="directory.group.created", target=group, capacity=cap, after=snapshot(group))
    return group


@transaction.atomic
def group_update(
    *, actor, group: m.PoliticalGroup, data: dict, reason: str = "", capacity: str | None = None
) -> m.PoliticalGroup:
    """Change a group's name, short name or status (administration/opposition)."""
    cap = maintaining_capacity(actor, capacity)
    before, after = apply_changes(group, data, ("name", "short_name", "status"))
    if "name" in after:
        errors = FieldErrors()
        name_free(
            m.PoliticalGroup.objects.exclude(pk=group.pk), group.name, "name", errors, "political group"
        )
        errors.raise_any()
    if after:
        group.save()
        record(
            actor=actor,
            action="directory.group.updated",
            target=group,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return group
