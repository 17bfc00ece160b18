"""Reading the calendar's rows. Anyone who can read the council directory may see the working-day
calendar; Member Services and system administrators may change it."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from nolan.calendar.models import CalendarOverride, CalendarVersion
from nolan.directory import selectors as directory
from nolan.directory.capacities import capacities_of


def can_view_calendar(user) -> bool:
    return directory.can_read_directory(user)


def can_edit_calendar(user) -> bool:
    return capacities_of(user).maintains_directory


def overrides(*, user, region: str, start: datetime.date, end: datetime.date) -> QuerySet[CalendarOverride]:
    """The council's changes in force in ``region`` (its own and those for every region), by date."""
    qs = (
        CalendarOverride.objects.active()
        .for_region(region)
        .filter(date__gte=start, date__lte=end)
        .select_related("created_by")
        .order_by("date", "pk")
    )
    return qs if can_view_calendar(user) else qs.none()


def override_get(*, user, pk: int) -> CalendarOverride | None:
    """One change still in force, or None (also for someone who may not see the calendar)."""
    if not can_view_calendar(user):
        return None
    return CalendarOverride.objects.active().select_related("created_by").filter(pk=pk).first()


def latest_version(*, user, region: str) -> CalendarVersion | None:
    if not can_view_calendar(user):
        return None
    return CalendarVersion.objects.filter(region=region).order_by("-number").first()


def versions(*, user, region: str, limit: int = 10) -> list[CalendarVersion]:
    if not can_view_calendar(user):
        return []
    return list(CalendarVersion.objects.filter(region=region).order_by("-number").defer("content")[:limit])
