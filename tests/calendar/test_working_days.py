"""Golden dates for the working-day calendar: received → day 0 → due, 2024 to 2028, for England and
Wales, Scotland and Northern Ireland, with the substitute days and the one-off days proclaimed in
2022 and 2023; the cut-off rule; and the explanation text, word for word."""

from __future__ import annotations

import datetime

import pytest

from nolan.calendar import (
    UnknownRegion,
    WorkingCalendar,
    add_working_days,
    calendar_days_rolled_forward,
    clear_days_before,
    clear_days_between,
    explain_calendar_days,
    explain_clear_days,
    explain_working_days,
    explain_working_days_between,
    start_of_clock,
    working_days_between,
)

D = datetime.date
CUT_OFF = datetime.time(17, 0)
ENGLAND = WorkingCalendar("england-and-wales")
SCOTLAND = WorkingCalendar("scotland")
NORTHERN_IRELAND = WorkingCalendar("northern-ireland")


def due(calendar, received: datetime.datetime, days: int = 10) -> tuple[datetime.date, datetime.date]:
    day0 = start_of_clock(received, CUT_OFF, calendar)
    return day0, add_working_days(day0, days, calendar)


def at(y, m, d, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hour, minute)


# The bank holidays themselves: GOV.UK's England and Wales list, 2024 to 2028 --------------------------

ENGLAND_AND_WALES_2024_2028 = {
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2028: ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
}


@pytest.mark.parametrize("year", sorted(ENGLAND_AND_WALES_2024_2028))
def test_the_weekday_bank_holidays_of_england_and_wales_are_govuks(year):
    expected = [D.fromisoformat(f"{year}-{md}") for md in ENGLAND_AND_WALES_2024_2028[year]]
    weekdays = [D(year, 1, 1) + datetime.timedelta(days=i) for i in range(366)]
    closed = [d for d in weekdays if d.year == year and d.weekday() < 5 and not ENGLAND.is_working_day(d)]
    assert closed == expected


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 12, 28), "Boxing Day (substitute day)"),
        (D(2027, 12, 27), "Christmas Day (substitute day)"),
        (D(2027, 12, 28), "Boxing Day (substitute day)"),
        (D(2028, 1, 3), "New Year's Day (substitute day)"),
        (D(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (D(2023, 5, 8), "Coronation of Charles III"),
        (D(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (D(2026, 12, 26), "Boxing Day"),  # a Saturday: named, and a weekend anyway
        (D(2026, 5, 4), "Early May bank holiday"),  # GOV.UK's names
        (D(2026, 8, 31), "Summer bank holiday"),
    ],
)
def test_substitute_and_one_off_days_are_named(day, name):
    assert ENGLAND.holiday_name(day) == name
    assert not ENGLAND.is_working_day(day)


def test_an_ordinary_day_has_no_name_and_is_a_working_day():
    assert ENGLAND.holiday_name(D(2026, 3, 10)) is None
    assert ENGLAND.is_working_day(D(2026, 3, 10))
    assert not ENGLAND.is_working_day(D(2026, 3, 14))  # Saturday


# Received → day 0 → due, 10 working days, England and Wales -------------------------------------------

GOLDEN_ENGLAND_AND_WALES = [
    # received (10:00)         day 0             due (10 working days)
    (at(2024, 3, 28), D(2024, 3, 28), D(2024, 4, 15)),  # Good Friday, Easter Monday
    (at(2024, 5, 3), D(2024, 5, 3), D(2024, 5, 20)),  # Early May bank holiday
    (at(2024, 12, 20), D(2024, 12, 20), D(2025, 1, 8)),  # Christmas, Boxing Day, New Year
    (at(2025, 4, 17), D(2025, 4, 17), D(2025, 5, 6)),  # Easter then Early May
    (at(2025, 12, 24), D(2025, 12, 24), D(2026, 1, 12)),
    (at(2026, 4, 3), D(2026, 4, 7), D(2026, 4, 21)),  # received on Good Friday: day 0 after Easter Monday
    (at(2026, 8, 27), D(2026, 8, 27), D(2026, 9, 11)),  # Late Summer bank holiday 31 Aug
    (at(2026, 12, 19), D(2026, 12, 21), D(2027, 1, 7)),  # a Saturday: day 0 is Monday
    (at(2026, 12, 24), D(2026, 12, 24), D(2027, 1, 12)),  # Boxing Day substitute Mon 28 Dec 2026
    (at(2027, 3, 25), D(2027, 3, 25), D(2027, 4, 12)),  # Easter 2027
    (at(2027, 12, 23), D(2027, 12, 23), D(2028, 1, 11)),  # substitutes 27, 28 Dec 2027 and 3 Jan 2028
    (at(2027, 12, 24), D(2027, 12, 24), D(2028, 1, 12)),
    (at(2028, 4, 15), D(2028, 4, 18), D(2028, 5, 3)),  # Saturday before Easter Monday, then Early May
    (at(2028, 12, 22), D(2028, 12, 22), D(2029, 1, 10)),
    # The one-off days: without them these would be a working day earlier.
    (at(2022, 6, 1), D(2022, 6, 1), D(2022, 6, 17)),  # Spring bank holiday moved, Platinum Jubilee
    (at(2022, 9, 16), D(2022, 9, 16), D(2022, 10, 3)),  # State Funeral 19 Sep 2022
    (at(2023, 5, 5), D(2023, 5, 5), D(2023, 5, 22)),  # Coronation 8 May 2023
]


@pytest.mark.parametrize(("received", "day0", "expected"), GOLDEN_ENGLAND_AND_WALES)
def test_golden_due_dates_england_and_wales(received, day0, expected):
    assert due(ENGLAND, received) == (day0, expected)
    assert working_days_between(day0, expected, ENGLAND) == 10


def test_acknowledgement_by_the_end_of_the_next_working_day():
    assert add_working_days(D(2026, 12, 24), 1, ENGLAND) == D(2026, 12, 29)
    assert add_working_days(D(2027, 12, 24), 1, ENGLAND) == D(2027, 12, 29)


# The other regions ----------------------------------------------------------------------------------

GOLDEN_OTHER_REGIONS = [
    # region, received, due there, due in England and Wales
    (SCOTLAND, at(2026, 12, 24), D(2027, 1, 13), D(2027, 1, 12)),  # 2 January holiday, substitute 4 Jan
    (SCOTLAND, at(2027, 3, 25), D(2027, 4, 9), D(2027, 4, 12)),  # no Easter Monday in Scotland
    (SCOTLAND, at(2026, 7, 31), D(2026, 8, 17), D(2026, 8, 14)),  # Summer bank holiday first Mon of Aug
    (SCOTLAND, at(2026, 8, 27), D(2026, 9, 10), D(2026, 9, 11)),  # no late-August holiday in Scotland
    (SCOTLAND, at(2026, 11, 27), D(2026, 12, 14), D(2026, 12, 11)),  # St Andrew's Day 30 Nov
    (NORTHERN_IRELAND, at(2026, 3, 16), D(2026, 3, 31), D(2026, 3, 30)),  # St Patrick's Day
    (NORTHERN_IRELAND, at(2026, 7, 10), D(2026, 7, 27), D(2026, 7, 24)),  # Battle of the Boyne substitute
]


@pytest.mark.parametrize(("calendar", "received", "there", "in_england"), GOLDEN_OTHER_REGIONS)
def test_scotland_and_northern_ireland_differ_where_their_holidays_do(calendar, received, there, in_england):
    assert due(calendar, received)[1] == there
    assert due(ENGLAND, received)[1] == in_england


def test_an_unknown_region_is_refused_with_the_regions_named():
    with pytest.raises(UnknownRegion, match="england-and-wales, scotland, northern-ireland"):
        WorkingCalendar("wales-only")


# Day 0 and the cut-off ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "day0"),
    [
        (at(2026, 12, 24, 16, 59), D(2026, 12, 24)),  # before the cut-off
        (at(2026, 12, 24, 17, 0), D(2026, 12, 24)),  # at the cut-off: not after it
        (at(2026, 12, 24, 17, 1), D(2026, 12, 29)),  # after: the next working day, past Christmas
        (at(2026, 12, 25, 9, 0), D(2026, 12, 29)),  # Christmas Day
        (at(2027, 3, 5, 18, 0), D(2027, 3, 8)),  # Friday evening: Monday
        (at(2027, 3, 6, 9, 0), D(2027, 3, 8)),  # Saturday: Monday
    ],
)
def test_day_zero_is_the_day_of_receipt_unless_late_or_not_a_working_day(received, day0):
    assert start_of_clock(received, CUT_OFF, ENGLAND) == day0


def test_a_late_receipt_moves_the_due_date_on():
    assert due(ENGLAND, at(2026, 12, 24, 17, 30)) == (D(2026, 12, 29), D(2027, 1, 13))


def test_a_council_with_an_earlier_cut_off():
    assert start_of_clock(at(2027, 3, 9, 16, 30), datetime.time(16, 0), ENGLAND) == D(2027, 3, 10)


# The council's own days -----------------------------------------------------------------------------


def test_an_office_closure_day_is_skipped_and_named_by_its_description():
    calendar = WorkingCalendar(closures={D(2026, 12, 24): "Council offices closed (Christmas Eve)"})
    assert not calendar.is_working_day(D(2026, 12, 24))
    assert add_working_days(D(2026, 12, 23), 10, calendar) == D(2027, 1, 12)
    assert add_working_days(D(2026, 12, 23), 10, ENGLAND) == D(2027, 1, 11)
    assert explain_working_days(D(2026, 12, 23), 10, calendar) == (
        "10 working days from Wed 23 Dec 2026: skipped Thu 24 Dec Council offices closed (Christmas Eve), "
        "Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day (substitute day), Fri 1 Jan New Year's Day; "
        "due Tue 12 Jan 2027"
    )
    assert calendar.version != ENGLAND.version


def test_a_day_the_office_opens_counts_although_it_is_a_bank_holiday():
    calendar = WorkingCalendar(openings={D(2026, 12, 28): "Offices open: Boxing Day moved"})
    assert calendar.is_working_day(D(2026, 12, 28))
    assert calendar.holiday_name(D(2026, 12, 28)) is None
    assert add_working_days(D(2026, 12, 24), 10, calendar) == D(2027, 1, 11)


# Explanations, word for word ----------------------------------------------------------------------


def test_the_issues_example_explanation():
    assert explain_working_days(D(2026, 12, 24), 10, ENGLAND) == (
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year's Day; due Tue 12 Jan 2027"
    )


def test_explanations_for_2027_and_scotland():
    assert explain_working_days(D(2027, 12, 24), 10, ENGLAND) == (
        "10 working days from Fri 24 Dec 2027: skipped Mon 27 Dec Christmas Day (substitute day), "
        "Tue 28 Dec Boxing Day (substitute day), Mon 3 Jan New Year's Day (substitute day); "
        "due Wed 12 Jan 2028"
    )
    assert explain_working_days(D(2026, 12, 24), 10, SCOTLAND) == (
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year's Day, Mon 4 Jan 2nd January (substitute day); "
        "due Wed 13 Jan 2027"
    )


def test_explanations_with_nothing_to_skip_and_in_the_singular():
    assert explain_working_days(D(2026, 3, 2), 3, ENGLAND) == (
        "3 working days from Mon 2 Mar 2026: no bank holidays or closure days on the way; due Thu 5 Mar 2026"
    )
    assert explain_working_days(D(2026, 12, 24), 1, ENGLAND) == (
        "1 working day from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day); due Tue 29 Dec 2026"
    )
    assert explain_working_days(D(2026, 3, 2), 0, ENGLAND) == (
        "0 working days from Mon 2 Mar 2026: due Mon 2 Mar 2026"
    )


def test_a_span_of_a_year_or_more_shows_the_year_on_every_day_passed():
    text = explain_working_days(D(2026, 12, 24), 260, ENGLAND)
    assert text.startswith(
        "260 working days from Thu 24 Dec 2026: skipped Fri 25 Dec 2026 Christmas Day, "
        "Mon 28 Dec 2026 Boxing Day (substitute day), Fri 1 Jan 2027 New Year's Day, "
    )
    assert "Mon 27 Dec 2027 Christmas Day (substitute day)" in text


def test_counting_working_days_between_two_dates_explains_itself():
    assert working_days_between(D(2026, 12, 24), D(2027, 1, 12), ENGLAND) == 10
    assert working_days_between(D(2027, 1, 12), D(2026, 12, 24), ENGLAND) == -10
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 9), ENGLAND) == 0
    assert explain_working_days_between(D(2026, 12, 24), D(2027, 1, 12), ENGLAND) == (
        "10 working days from Thu 24 Dec 2026 to Tue 12 Jan 2027: skipped Fri 25 Dec Christmas Day, "
        "Mon 28 Dec Boxing Day (substitute day), Fri 1 Jan New Year's Day"
    )


def test_calendar_days_rolled_forward_to_a_working_day():
    assert calendar_days_rolled_forward(D(2026, 6, 1), 28, ENGLAND) == D(2026, 6, 29)
    assert explain_calendar_days(D(2026, 6, 1), 28, ENGLAND) == (
        "28 calendar days from Mon 1 Jun 2026: due Mon 29 Jun 2026"
    )
    assert calendar_days_rolled_forward(D(2026, 11, 28), 28, ENGLAND) == D(2026, 12, 29)
    assert explain_calendar_days(D(2026, 11, 28), 28, ENGLAND) == (
        "28 calendar days from Sat 28 Nov 2026 fall on Sat 26 Dec, not a working day: skipped "
        "Sat 26 Dec Boxing Day, Sun 27 Dec, Mon 28 Dec Boxing Day (substitute day); due Tue 29 Dec 2026"
    )


def test_clear_days_exclude_both_ends():
    # 5 clear working days before a meeting on Thu 9 Apr 2026, across Easter.
    assert clear_days_before(D(2026, 4, 9), 5, ENGLAND) == D(2026, 3, 30)
    assert clear_days_between(D(2026, 3, 30), D(2026, 4, 9), ENGLAND) == 5
    assert clear_days_between(D(2026, 3, 31), D(2026, 4, 9), ENGLAND) == 4
    assert explain_clear_days(D(2026, 4, 9), 5, ENGLAND) == (
        "5 clear working days before Thu 9 Apr 2026: skipped Fri 3 Apr Good Friday, Mon 6 Apr Easter Monday; "
        "by Mon 30 Mar 2026"
    )
    # Counting every day, the answer moves back to a working day.
    assert clear_days_before(D(2027, 1, 3), 5, ENGLAND, working_days_only=False) == D(2026, 12, 24)
    assert clear_days_between(D(2026, 12, 24), D(2027, 1, 3), ENGLAND, working_days_only=False) == 9
    assert explain_clear_days(D(2027, 1, 3), 5, ENGLAND, working_days_only=False) == (
        "5 clear days before Sun 3 Jan 2027 leave Mon 28 Dec, not a working day: skipped "
        "Mon 28 Dec Boxing Day (substitute day), Sun 27 Dec, Sat 26 Dec Boxing Day, "
        "Fri 25 Dec Christmas Day; by Thu 24 Dec 2026"
    )


# Beyond the precomputed years -----------------------------------------------------------------------


def test_dates_outside_the_precomputed_years_still_work():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(D(2099, 12, 24), 1) == D(2099, 12, 29)  # Christmas on a Friday
    assert calendar.holiday_name(D(2099, 12, 28)) == "Boxing Day (substitute day)"
    assert calendar.add_working_days(D(1995, 5, 5), 1) == D(1995, 5, 9)  # VE Day 50th anniversary, 8 May
    assert calendar.working_days_between(D(1995, 1, 1), D(2099, 12, 31)) > 26000
    assert calendar.version == ENGLAND.version  # the version does not depend on what was asked
