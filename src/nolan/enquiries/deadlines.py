"""An enquiry's clock: day 0, the acknowledgement date, the due date and how it was worked out.

All working-day arithmetic is the council's calendar's (``nolan.calendar``): bank holidays for the
council's region plus its own closure days, in a versioned calendar. The day of receipt is day 0;
something received after the council's receipt cut-off, or on a non-working day, counts from the next
working day. The response time and acknowledgement time come from the council's profile
(``rules``). Every stored due date records the calendar version it used, and when the calendar
changes ``recompute_open`` (registered with ``nolan.calendar.recompute``) works out again the due
dates of open enquiries that nobody has revised by hand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from nolan import calendar as working_calendar
from nolan.calendar import (
    calendar_days_rolled_forward,
    explain_calendar_days,
    explain_working_days,
    start_of_clock,
    working_days_between,
)
from nolan.calendar.services import current_calendar
from nolan.casework.timeline import Audit, record_step
from nolan.directory.selectors import the_council
from nolan.enquiries import policies, rules
from nolan.enquiries.models import OPEN_STATUSES, Enquiry, EnquiryEvent, EventKind

# The calendar ---------------------------------------------------------------------------------------
# The only place this app touches nolan.calendar.


def _calendar(council):
    return current_calendar(council)


def _start_of_clock(calendar, received_at: datetime.datetime, cut_off: datetime.time) -> datetime.date:
    return start_of_clock(timezone.localtime(received_at), cut_off, calendar)


def _add(calendar, start: datetime.date, days: int) -> datetime.date:
    return working_calendar.add_working_days(start, days, calendar)


def _explain(calendar, start: datetime.date, days: int) -> str:
    return explain_working_days(start, days, calendar)


def _add_in(unit: str, calendar, start: datetime.date, days: int) -> datetime.date:
    """``days`` in the profile's unit: working days, or calendar days (a protocol that says "10 days",
    Haringey 12.19) moved on to a working day when they end on a day the council is closed."""
    if unit == CALENDAR_DAYS:
        return calendar_days_rolled_forward(start, days, calendar)
    return _add(calendar, start, days)


def _explain_in(unit: str, calendar, start: datetime.date, days: int) -> str:
    if unit == CALENDAR_DAYS:
        return explain_calendar_days(start, days, calendar)
    return _explain(calendar, start, days)


def _is_working_day(calendar, day: datetime.date) -> bool:
    return calendar.is_working_day(day)


def _working_days_between(calendar, start: datetime.date, end: datetime.date) -> int:
    return working_days_between(start, end, calendar)


def _version(calendar) -> str:
    return str(calendar.version)


# The clock ------------------------------------------------------------------------------------------

#: The profile's unit for a period counted in calendar days rather than working days.
CALENDAR_DAYS = "days"

DEFAULT_CUT_OFF = datetime.time(17, 0)


@dataclass(frozen=True)
class Clock:
    received_at: datetime.datetime
    clock_starts: datetime.date
    acknowledge_by: datetime.date
    due: datetime.date
    explanation: str
    calendar_version: str
    response_days: int


def _cut_off(council) -> datetime.time:
    return getattr(council, "receipt_cut_off", None) or DEFAULT_CUT_OFF


def clock_for(council, received_at: datetime.datetime, *, calendar=None) -> Clock:
    """Day 0, the acknowledgement date and the due date for something received at ``received_at``."""
    calendar = calendar or _calendar(council)
    response_time = rules.response_time(council)
    acknowledgement_time = rules.acknowledgement_time(council)
    days = int(response_time.value)
    ack_days = int(acknowledgement_time.value)
    local = timezone.localtime(received_at)
    day0 = _start_of_clock(calendar, local, _cut_off(council))
    due = _add_in(response_time.unit, calendar, day0, days)
    explanation = _explain_in(response_time.unit, calendar, day0, days)
    if day0 != local.date():
        why = (
            "after the receipt cut-off" if _is_working_day(calendar, local.date()) else "on a non-working day"
        )
        explanation = (
            f"Received {policies.day(local.date())} at {local:%H:%M}, {why}, so the clock starts on "
            f"{policies.day(day0)}. {explanation}"
        )
    return Clock(
        received_at=received_at,
        clock_starts=day0,
        acknowledge_by=_add_in(acknowledgement_time.unit, calendar, day0, ack_days),
        due=due,
        explanation=explanation,
        calendar_version=_version(calendar),
        response_days=days,
    )


def add_working_days(council, start: datetime.date, days: int) -> datetime.date:
    return _add(_calendar(council), start, days)


# Recomputing when the calendar changes ----------------------------------------------------------------


def recompute_open(calendar) -> int:
    """Work out again the due dates of open enquiries whose date nobody has revised (no holding reply,
    not re-opened) and that used another calendar version. Audited; returns how many changed."""

    council = the_council()
    if council is not None and getattr(calendar, "region", council.bank_holiday_region) != (
        council.bank_holiday_region
    ):
        return 0  # another region's days changed: this council's deadlines do not move
    version = _version(calendar)
    changed = 0
    candidates = Enquiry.objects.filter(status__in=OPEN_STATUSES, revised_due__isnull=True).exclude(
        calendar_version=version
    )
    for pk in candidates.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            enquiry = Enquiry.objects.select_for_update().get(pk=pk)
            if enquiry.revised_due is not None or enquiry.status not in OPEN_STATUSES:
                continue
            clock = clock_for(council, enquiry.received_at, calendar=calendar)
            before = {
                "due_date": enquiry.due_date,
                "acknowledge_by": enquiry.acknowledge_by,
                "calendar_version": enquiry.calendar_version,
            }
            moved = clock.due != enquiry.due_date
            enquiry.clock_starts = clock.clock_starts
            enquiry.acknowledge_by = clock.acknowledge_by
            enquiry.original_due = clock.due
            enquiry.due_date = clock.due
            enquiry.due_explanation = clock.explanation
            enquiry.calendar_version = clock.calendar_version
            enquiry.save()
            if not moved and before["acknowledge_by"] == clock.acknowledge_by:
                continue
            changed += 1
            record_step(
                EnquiryEvent,
                enquiry,
                EventKind.DUE_DATE_RECOMPUTED,
                actor=None,
                capacity="Nolan (system)",
                text=(
                    f"The working-day calendar changed: now due by {policies.day(clock.due)}. "
                    f"{clock.explanation}"
                ),
                data={
                    "before": before["due_date"].isoformat(),
                    "after": clock.due.isoformat(),
                    "version": version,
                },
                audit=Audit(
                    action="enquiry.due_date_recomputed",
                    before=before,
                    after={
                        "due_date": clock.due,
                        "acknowledge_by": clock.acknowledge_by,
                        "calendar_version": version,
                    },
                    reason="The working-day calendar changed",
                ),
            )
    return changed
