"""Directorates and the services within them."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from nolan.audit.services import record, snapshot
from nolan.directory import models as m
from nolan.directory import moves
from nolan.directory.services.shared import (
    FieldErrors,
    apply_changes,
    as_date,
    held_on,
    maintaining_capacity,
    name_free,
    validate_row,
)


@transaction.atomic
def directorate_create(
    *, actor, name: str, start: datetime.date | None = None, capacity: str | None = None
) -> m.Directorate:
    """Add a directorate from ``start`` (today if not given)."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    errors = FieldErrors()
    directorate = m.Directorate(name=(name or "").strip(), start=start)
    validate_row(directorate, errors)
    name_free(m.Directorate.objects.all(), directorate.name, "name", errors, "directorate", on=start)
    errors.raise_any()
    directorate.save()
    record(
        actor=actor,
        action="directory.directorate.created",
        target=directorate,
        capacity=cap,
        after=snapshot(directorate),
    )
    return directorate


@transaction.atomic
def directorate_update(
    *, actor, directorate: m.Directorate, data: dict, reason: str = "", capacity: str | None = None
) -> m.Directorate:
    """Rename a directorate."""
    cap = maintaining_capacity(actor, capacity)
    before, after = apply_changes(directorate, data, ("name",))
    if after:
        errors = FieldErrors()
        name_free(
            m.Directorate.objects.exclude(pk=directorate.pk), directorate.name, "name", errors, "directorate"
        )
        errors.raise_any()
        directorate.save()
        record(
            actor=actor,
            action="directory.directorate.updated",
            target=directorate,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return directorate


@transaction.atomic
def service_create(
    *,
    actor,
    directorate: m.Directorate,
    name: str,
    email: str = "",
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Service:
    """Add a service within a directorate, with its shared mailbox if it has one."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    errors = FieldErrors()
    service = m.Service(
        directorate=directorate, name=(name or "").strip(), email=(email or "").strip().lower(), start=start
    )
    validate_row(service, errors)
    held_on(directorate, start, "directorate", errors, "directorate")
    name_free(directorate.services.all(), service.name, "name", errors, f"service in {directorate}", on=start)
    errors.raise_any()
    service.save()
    record(
        actor=actor, action="directory.service.created", target=service, capacity=cap, after=snapshot(service)
    )
    return service


@transaction.atomic
def service_update(
    *, actor, service: m.Service, data: dict, reason: str = "", capacity: str | None = None
) -> m.Service:
    """Change a service's name or mailbox, or move it to another directorate."""
    cap = maintaining_capacity(actor, capacity)
    data = dict(data)
    if data.get("email"):
        data["email"] = data["email"].strip().lower()
    before, after = apply_changes(service, data, ("name", "email", "directorate"))
    errors = FieldErrors()
    if "directorate_id" in after:
        held_on(service.directorate, timezone.localdate(), "directorate", errors, "directorate")
    if "name" in after or "directorate_id" in after:
        others = service.directorate.services.exclude(pk=service.pk)
        name_free(others, service.name, "name", errors, f"service in {service.directorate}")
    errors.raise_any()
    if after:
        service.save()
        record(
            actor=actor,
            action="directory.service.updated",
            target=service,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
        if "directorate_id" in after:
            # The Director over the service is now another directorate's.
            moves.run(service.posts.current().values_list("officer_id", flat=True))
    return service
