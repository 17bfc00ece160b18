"""How a date was worked out, in one sentence a Member or officer can check against a diary:

    10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day
    (substitute day), Fri 1 Jan New Year's Day; due Tue 12 Jan 2027

Days are written "Thu 24 Dec 2026": weekday, day and month abbreviated, and the year on the first and
last dates. The days passed over carry no year unless the span is a year or longer (when the same day
and month could come twice). Bank holidays are named as GOV.UK names them, substitute days as
"(substitute day)", and the council's own closure days by their description. Weekends are not listed
where working days are counted, since every reader skips them; they are where calendar days are rolled
forward (or back) to a working day.
"""

from __future__ import annotations

import datetime

from nolan.calendar.working_days import (
    WorkingCalendar,
    calendar_days_rolled_forward,
    clear_days_before,
)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: datetime.date, *, year: bool = True) -> str:
    """ "Thu 24 Dec 2026" (or "Thu 24 Dec" with ``year=False``), whatever the locale."""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _years_needed(first: datetime.date, last: datetime.date) -> bool:
    return abs((last - first).days) >= 365


def _passed(days: list[datetime.date], calendar: WorkingCalendar, *, year: bool) -> str:
    out = []
    for day in days:
        name = calendar.holiday_name(day)
        label = day_label(day, year=year)
        out.append(f"{label} {name}" if name else label)
    return ", ".join(out)


def _count(days: int, unit: str) -> str:
    return f"{days} {unit}" if days == 1 else f"{days} {unit}s"


def explain_working_days(start: datetime.date, days: int, calendar: WorkingCalendar) -> str:
    """Why ``add_working_days(start, days)`` is the date it is."""
    due = calendar.add_working_days(start, days)
    direction = "before" if days < 0 else "from"
    head = f"{_count(abs(days), 'working day')} {direction} {day_label(start)}"
    skipped = calendar.non_working_weekdays(start, due)
    if days == 0 and due != start and start.weekday() < 5:
        skipped = [start, *skipped]  # rolled forward off a bank holiday or closure day
    if skipped:
        passed = _passed(skipped, calendar, year=_years_needed(start, due))
        return f"{head}: skipped {passed}; due {day_label(due)}"
    if days == 0 and due == start:
        return f"{head}: due {day_label(due)}"
    return f"{head}: no bank holidays or closure days on the way; due {day_label(due)}"


def explain_working_days_between(start: datetime.date, end: datetime.date, calendar: WorkingCalendar) -> str:
    """Why ``working_days_between(start, end)`` is the number it is."""
    count = calendar.working_days_between(start, end)
    first, last = (start, end) if start <= end else (end, start)
    head = f"{_count(abs(count), 'working day')} from {day_label(first)} to {day_label(last)}"
    skipped = calendar.non_working_weekdays(first, last + datetime.timedelta(days=1))
    if not skipped:
        return f"{head}, not counting weekends"
    return f"{head}: skipped {_passed(skipped, calendar, year=_years_needed(first, last))}"


def _all_days(after: datetime.date, before: datetime.date) -> list[datetime.date]:
    """Every day from ``after`` (inclusive) to ``before`` (exclusive), either way round, in order."""
    if before < after:
        after, before = before + datetime.timedelta(days=1), after + datetime.timedelta(days=1)
    return [after + datetime.timedelta(days=i) for i in range((before - after).days)]


def explain_calendar_days(start: datetime.date, days: int, calendar: WorkingCalendar) -> str:
    """Why ``calendar_days_rolled_forward(start, days)`` is the date it is."""
    landing = start + datetime.timedelta(days=days)
    due = calendar_days_rolled_forward(start, days, calendar)
    head = f"{_count(days, 'calendar day')} from {day_label(start)}"
    if due == landing:
        return f"{head}: due {day_label(due)}"
    passed = _passed(_all_days(landing, due), calendar, year=_years_needed(start, due))
    return (
        f"{head} fall on {day_label(landing, year=_years_needed(start, due))}, not a working day: "
        f"skipped {passed}; due {day_label(due)}"
    )


def explain_clear_days(
    event: datetime.date, days: int, calendar: WorkingCalendar, *, working_days_only: bool = True
) -> str:
    """Why ``clear_days_before(event, days)`` is the date it is."""
    by = clear_days_before(event, days, calendar, working_days_only=working_days_only)
    year = _years_needed(by, event)
    if working_days_only:
        head = f"{_count(days, 'clear working day')} before {day_label(event)}"
        skipped = calendar.non_working_weekdays(by, event)
        if skipped:
            return f"{head}: skipped {_passed(skipped, calendar, year=year)}; by {day_label(by)}"
        return f"{head}: no bank holidays or closure days on the way; by {day_label(by)}"
    head = f"{_count(days, 'clear day')} before {day_label(event)}"
    landing = event - datetime.timedelta(days=days + 1)
    if by == landing:
        return f"{head}: by {day_label(by)}"
    passed = _passed(list(reversed(_all_days(landing, by))), calendar, year=year)
    return (
        f"{head} leave {day_label(landing, year=year)}, not a working day: "
        f"skipped {passed}; by {day_label(by)}"
    )
