"""Nolan's working-day calendar: bank holidays by region plus the council's own days, and the date
arithmetic every clock in Nolan uses (see ``working_days`` for the conventions, ``explain`` for how a
date explains itself). Plain Python; ``services`` is the Django side (overrides, versions, the
council's current calendar)."""

from nolan.calendar.explain import (
    day_label,
    explain_calendar_days,
    explain_clear_days,
    explain_working_days,
    explain_working_days_between,
)
from nolan.calendar.working_days import (
    DEFAULT_REGION,
    REGION_NAMES,
    REGIONS,
    UnknownRegion,
    WorkingCalendar,
    add_working_days,
    bank_holidays,
    calendar_days_rolled_forward,
    clear_days_before,
    clear_days_between,
    start_of_clock,
    working_days_between,
)

__all__ = [
    "DEFAULT_REGION",
    "REGIONS",
    "REGION_NAMES",
    "UnknownRegion",
    "WorkingCalendar",
    "add_working_days",
    "bank_holidays",
    "calendar_days_rolled_forward",
    "clear_days_before",
    "clear_days_between",
    "day_label",
    "explain_calendar_days",
    "explain_clear_days",
    "explain_working_days",
    "explain_working_days_between",
    "start_of_clock",
    "working_days_between",
]
