"""When a message may go: the council's contact hours, for every workflow's e-mail.

At once in working hours; outside them, the next working morning, unless the matter is urgent
(Tower Hamlets 4(a), Haringey 5.01(u), 6.01(q): the profile's ``contact.out_of_hours``, whose
citations each message's ``not_before_reason`` quotes). Working days are the council's calendar's
(``nolan.calendar``), its hours the council's own (``working_day_starts``, ``working_day_ends``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from nolan.calendar import add_working_days
from nolan.calendar.services import current_calendar
from nolan.core.decisions import Reason
from nolan.protocols.rule import Rule, profile_slug, read_rule

DEFAULT_DAY_STARTS = datetime.time(9, 0)
DEFAULT_DAY_ENDS = datetime.time(17, 0)

#: The profile's parameter for contact out of hours.
OUT_OF_HOURS = "contact.out_of_hours"


@dataclass(frozen=True)
class SendTime:
    at: datetime.datetime
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def day(value: datetime.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def day_starts(council) -> datetime.time:
    return getattr(council, "working_day_starts", None) or DEFAULT_DAY_STARTS


def day_ends(council) -> datetime.time:
    return getattr(council, "working_day_ends", None) or DEFAULT_DAY_ENDS


def notification_time(
    *,
    now: datetime.datetime,
    urgent: bool,
    is_working_day: bool,
    day_starts: datetime.time,
    day_ends: datetime.time,
    next_working_day: datetime.date,
    rule: Rule,
) -> SendTime:
    """When to send: at once in working hours; outside them, the next working morning, unless urgent.

    ``now`` is local (the council's time zone); ``next_working_day`` is the first working day after
    ``now``'s date.
    """
    if urgent:
        return SendTime(now, rule.reasons("The enquiry is urgent, so it is sent at once, even out of hours"))
    if is_working_day and day_starts <= now.time() < day_ends:
        return SendTime(now, (Reason("Sent at once, within working hours"),))
    if is_working_day and now.time() < day_starts:
        start = now.replace(hour=day_starts.hour, minute=day_starts.minute, second=0, microsecond=0)
    else:
        start = datetime.datetime.combine(next_working_day, day_starts, tzinfo=now.tzinfo)
    return SendTime(
        start,
        rule.reasons(
            f"Outside working hours, so it waits until {start:%H:%M} on {day(start.date())}: non-working "
            "time is respected except in emergencies"
        ),
    )


def send_time(council, now: datetime.datetime, *, urgent: bool) -> SendTime:
    """When a message may go, with the council's calendar, hours and profile (``council``: its row)."""
    calendar = current_calendar(council)
    local = timezone.localtime(now)
    return notification_time(
        now=local,
        urgent=urgent,
        is_working_day=calendar.is_working_day(local.date()),
        day_starts=day_starts(council),
        day_ends=day_ends(council),
        next_working_day=add_working_days(local.date(), 1, calendar),
        rule=read_rule(profile_slug(council), OUT_OF_HOURS),
    )
