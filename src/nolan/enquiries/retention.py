"""Member Enquiries' part of the retention run (``nolan.casework.retention``): the ended enquiries
whose resident details or files the council's retention rule removes (``services.retention_plan``)."""

from __future__ import annotations

import datetime

from nolan.casework import retention
from nolan.enquiries import services

NAME = "Member Enquiries"


def _holds(row: dict) -> tuple[str, ...]:
    held = ("resident details",) if row["resident"] else ()
    if row["files"]:
        held += (f"{row['files']} file{'s' if row['files'] != 1 else ''}",)
    return held


def plan(today: datetime.date) -> retention.Plan:
    rule, rows = services.retention_plan(today=today)
    due = tuple(retention.Due(r["reference"], r["closed_on"], _holds(r), r["enquiry"]) for r in rows)
    return retention.Plan(NAME, rule, due)


def apply(today: datetime.date) -> int:
    return services.apply_retention(today=today)
