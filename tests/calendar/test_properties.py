"""Properties of the working-day arithmetic on many random dates: it agrees with
``numpy.busday_offset`` / ``numpy.busday_count`` given the same holiday list, never lands on a
non-working day, and moves only forward as the start or the number of days grows."""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nolan.calendar import (
    WorkingCalendar,
    add_working_days,
    calendar_days_rolled_forward,
    working_days_between,
)

D = datetime.date

# One-off closures as a council might add them, so the comparison covers overrides too.
CLOSURES = {
    D(2026, 12, 24): "Council offices closed (Christmas Eve)",
    D(2027, 12, 31): "Council offices closed",
    D(2030, 5, 7): "Polling day: offices closed",
}
CALENDARS = {
    region: WorkingCalendar(region, closures=CLOSURES)
    for region in ("england-and-wales", "scotland", "northern-ireland")
}


def _numpy_calendar(calendar: WorkingCalendar) -> np.busdaycalendar:
    """The same non-working weekdays for numpy, 2000 to 2060."""
    days = [d for d, _name in calendar.named_days(D(2000, 1, 1), D(2060, 12, 31)) if d.weekday() < 5]
    return np.busdaycalendar(weekmask="1111100", holidays=np.array(days, dtype="datetime64[D]"))


NUMPY = {region: _numpy_calendar(calendar) for region, calendar in CALENDARS.items()}

regions = st.sampled_from(sorted(CALENDARS))
# Starts far enough inside the years numpy is given (2000 to 2060) that 300 working days either way
# stay inside them.
starts = st.dates(min_value=D(2002, 1, 1), max_value=D(2058, 12, 31))
day_counts = st.integers(min_value=-300, max_value=300)


def _numpy_add(region: str, start: D, days: int) -> D:
    # Day 0 is the start: counting forward from a non-working day, the next working day is day 1
    # (roll back first); counting back, or zero days, the start rolls forward.
    roll = "backward" if days > 0 else "forward"
    result = np.busday_offset(np.datetime64(start, "D"), days, roll=roll, busdaycal=NUMPY[region])
    return result.astype(datetime.date)


@settings(max_examples=2000, deadline=None)
@given(region=regions, start=starts, days=day_counts)
def test_adding_working_days_agrees_with_numpy(region, start, days):
    assert add_working_days(start, days, CALENDARS[region]) == _numpy_add(region, start, days)


@settings(max_examples=1000, deadline=None)
@given(region=regions, start=starts, end=starts)
def test_counting_working_days_agrees_with_numpy(region, start, end):
    # Working days after ``start`` up to and including ``end``: numpy counts [begin, end) forwards, so
    # from start + 1 to end + 1; backwards it counts (end, begin] and negates, so from start to end.
    one = np.timedelta64(0 if end < start else 1, "D")
    expected = np.busday_count(
        np.datetime64(start, "D") + one, np.datetime64(end, "D") + one, busdaycal=NUMPY[region]
    )
    assert working_days_between(start, end, CALENDARS[region]) == int(expected)


@settings(max_examples=500, deadline=None)
@given(region=regions, start=starts, days=st.integers(min_value=0, max_value=400))
def test_calendar_days_rolled_forward_agree_with_numpy(region, start, days):
    landing = np.datetime64(start, "D") + np.timedelta64(days, "D")
    expected = np.busday_offset(landing, 0, roll="forward", busdaycal=NUMPY[region]).astype(datetime.date)
    assert calendar_days_rolled_forward(start, days, CALENDARS[region]) == expected


@settings(max_examples=1000, deadline=None)
@given(region=regions, start=starts, days=day_counts)
def test_the_answer_is_always_a_working_day_and_counts_back_to_the_days(region, start, days):
    calendar = CALENDARS[region]
    due = add_working_days(start, days, calendar)
    assert calendar.is_working_day(due)
    assert calendar.holiday_name(due) is None
    assert due.weekday() < 5
    if days > 0:
        assert due > start
        assert working_days_between(start, due, calendar) == days
    elif days < 0:
        assert due < start


@settings(max_examples=1000, deadline=None)
@given(region=regions, first=starts, second=starts, days=st.integers(min_value=0, max_value=300))
def test_a_later_start_is_never_due_earlier(region, first, second, days):
    calendar = CALENDARS[region]
    first, second = sorted((first, second))
    assert add_working_days(first, days, calendar) <= add_working_days(second, days, calendar)


@settings(max_examples=1000, deadline=None)
@given(region=regions, start=starts, fewer=day_counts, more=day_counts)
def test_more_days_are_never_due_earlier(region, start, fewer, more):
    calendar = CALENDARS[region]
    fewer, more = sorted((fewer, more))
    assert add_working_days(start, fewer, calendar) <= add_working_days(start, more, calendar)
