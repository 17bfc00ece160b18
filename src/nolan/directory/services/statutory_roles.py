"""The council's statutory officers: Head of Paid Service, Monitoring Officer, Section 151 Officer and
their deputies."""

from __future__ import annotations

import datetime

from django.db import transaction

from nolan.audit.services import record
from nolan.directory import models as m
from nolan.directory.services.shared import (
    FieldErrors,
    as_date,
    employed_on,
    end_rows,
    maintaining_capacity,
    not_ended_by,
    row_summary,
)

#: Statutory roles with one holder at a time; a deputy role may have several.
SINGLE_HOLDER_STATUTORY_ROLES = frozenset(
    {
        m.StatutoryRoleKind.HEAD_OF_PAID_SERVICE,
        m.StatutoryRoleKind.MONITORING_OFFICER,
        m.StatutoryRoleKind.SECTION_151_OFFICER,
    }
)


@transaction.atomic
def statutory_role_assign(
    *,
    actor,
    officer: m.Officer,
    kind: str,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.StatutoryRole:
    """Designate an officer as Head of Paid Service, Monitoring Officer, Section 151 Officer or a
    deputy from ``start``. Each role other than a deputy's has one holder: the previous holder stops
    holding it that day."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start")
    errors = FieldErrors()
    if kind not in m.StatutoryRoleKind.values:
        errors.add("kind", f"“{kind}” is not a statutory role.")
    employed_on(officer, start, "start", errors)
    if not_ended_by(officer.statutory_roles.filter(kind=kind), start).filter(start__lte=start).exists():
        errors.add("kind", f"{officer} already holds that role.")
    errors.raise_any()
    ended = []
    if kind in SINGLE_HOLDER_STATUTORY_ROLES:
        ended = end_rows(m.StatutoryRole.objects.filter(kind=kind).exclude(officer=officer), start)
    row = m.StatutoryRole.objects.create(officer=officer, kind=kind, start=start, end=officer.end)
    record(
        actor=actor,
        action="directory.officer.statutory_role_assigned",
        target=officer,
        capacity=cap,
        before={"holders": [e["label"] for e in ended]} if ended else None,
        after={"role": m.StatutoryRoleKind(kind).label, "start": start},
        reason=reason,
        extra={"ended": ended, "started": [row_summary(row)]},
    )
    return row
