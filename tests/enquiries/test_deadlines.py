"""An enquiry's clock, from the council's calendar and profile: golden dates and their explanations."""

from __future__ import annotations

import datetime

import pytest

from nolan.enquiries import deadlines, rules
from tests.enquiries.conftest import LONDON, raise_one


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_received_on_christmas_eve_2026_is_due_on_tuesday_12_january_2027(world):
    """The issue's golden case: England and Wales holidays, 10 working days."""
    assert int(rules.response_time(world.council).value) == 10
    enquiry = raise_one(world, received_at=at(2026, 12, 24, 11, 0))
    assert enquiry.clock_starts == datetime.date(2026, 12, 24)
    assert enquiry.due_date == enquiry.original_due == datetime.date(2027, 1, 12)
    assert enquiry.reference == "ME-2026-000001"
    explanation = enquiry.due_explanation
    for words in ("25 Dec", "28 Dec", "1 Jan", "12 Jan 2027"):
        assert words in explanation, explanation


@pytest.mark.parametrize(
    ("received", "day0", "due"),
    [
        # Before the 17:00 cut-off on a working day: that day is day 0.
        (at(2027, 3, 9, 16, 59), datetime.date(2027, 3, 9), datetime.date(2027, 3, 23)),
        # After the cut-off: the next working day is day 0.
        (at(2027, 3, 9, 17, 30), datetime.date(2027, 3, 10), datetime.date(2027, 3, 24)),
        # On a Saturday: Monday is day 0.
        (at(2027, 3, 6, 10, 0), datetime.date(2027, 3, 8), datetime.date(2027, 3, 22)),
        # Friday evening before Easter 2027 (Good Friday 26 March, Easter Monday 29 March).
        (at(2027, 3, 19, 18, 0), datetime.date(2027, 3, 22), datetime.date(2027, 4, 7)),
    ],
)
def test_the_clock_follows_the_calendars_day_zero_rules(world, frozen, received, day0, due):
    frozen.move_to(max(received, at(2027, 3, 9, 10, 0)) + datetime.timedelta(minutes=5))
    enquiry = raise_one(world, received_at=received)
    assert (enquiry.clock_starts, enquiry.due_date) == (day0, due)


def test_a_late_receipt_is_explained(world, frozen):
    frozen.move_to(at(2027, 3, 9, 18, 0))
    enquiry = raise_one(world, received_at=at(2027, 3, 9, 17, 30))
    assert enquiry.due_explanation.startswith(
        "Received Tue 9 Mar 2027 at 17:30, after the receipt cut-off, so the clock starts on Wed 10 Mar 2027."
    )


def test_the_council_sets_its_own_cut_off(world, frozen):
    frozen.move_to(at(2027, 3, 9, 18, 0))
    world.council.receipt_cut_off = datetime.time(16, 0)
    world.council.save()
    enquiry = raise_one(world, received_at=at(2027, 3, 9, 16, 30))
    assert enquiry.clock_starts == datetime.date(2027, 3, 10)


def test_the_acknowledgement_date_comes_from_the_profile(world):
    days = int(rules.acknowledgement_time(world.council).value)
    enquiry = raise_one(world)
    assert enquiry.acknowledge_by == deadlines.add_working_days(
        world.council, datetime.date(2027, 3, 9), days
    )
    assert enquiry.acknowledge_by > enquiry.clock_starts


def test_the_calendar_version_used_is_stored(world):
    enquiry = raise_one(world)
    assert enquiry.calendar_version


def test_the_christmas_eve_explanation_is_the_calendars_own_words(world):
    enquiry = raise_one(world, received_at=at(2026, 12, 24, 11, 0))
    assert enquiry.due_explanation == (
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year's Day; due Tue 12 Jan 2027"
    )


def test_a_protocol_that_says_10_days_counts_calendar_days_moved_on_to_a_working_day(world):
    """Haringey 12.19 gives "a 10-day timescale" without saying working days: ten calendar days from
    day 0, moved on to the next working day when the tenth is a day the council is closed."""
    world.council.protocol_profile = "haringey"
    world.council.save(update_fields=["protocol_profile"])
    rule = rules.response_time(world.council)
    assert (rule.value, rule.unit, [str(c) for c in rule.citations]) == (10, "days", ["Haringey 12.19"])
    # Tue 9 Mar 2027 + 10 days = Fri 19 Mar 2027, a working day.
    enquiry = raise_one(world)
    assert enquiry.due_date == datetime.date(2027, 3, 19)
    # Thu 24 Dec 2026 + 10 days = Sun 3 Jan 2027, so Mon 4 Jan 2027.
    christmas = raise_one(world, received_at=at(2026, 12, 24, 11, 0))
    assert christmas.due_date == datetime.date(2027, 1, 4)
    assert "10 calendar days from Thu 24 Dec 2026" in christmas.due_explanation
    assert christmas.due_explanation.endswith("due Mon 4 Jan 2027")


def test_a_council_closure_day_moves_open_due_dates_and_says_so(world):
    """The calendar is versioned: when Member Services add a closure day, open enquiries whose date
    nobody revised are worked out again with the new calendar, on the timeline and the audit trail."""
    from nolan.audit.models import AuditEvent
    from nolan.calendar import services as calendar_services
    from nolan.enquiries.models import EventKind

    enquiry = raise_one(world)
    assert enquiry.due_date == datetime.date(2027, 3, 23)
    old_version = enquiry.calendar_version
    calendar_services.add_override(
        actor=world.member_services,
        date=datetime.date(2027, 3, 15),
        kind="closure",
        description="Council offices closed (election count)",
        reason="The count is held in the Town Hall",
    )
    enquiry.refresh_from_db()
    assert enquiry.due_date == enquiry.original_due == datetime.date(2027, 3, 24)
    assert enquiry.calendar_version != old_version
    assert "Council offices closed (election count)" in enquiry.due_explanation
    event = enquiry.events.get(kind=EventKind.DUE_DATE_RECOMPUTED)
    assert "now due by Wed 24 Mar 2027" in event.text
    assert AuditEvent.objects.filter(action="enquiry.due_date_recomputed", target_id=str(enquiry.pk)).exists()


def test_a_date_given_in_a_holding_reply_is_not_moved_by_a_calendar_change(world):
    from nolan.calendar import services as calendar_services
    from nolan.enquiries import services

    enquiry = raise_one(world)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry")
    services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="We need the contractor's survey first.",
        reason="Waiting for a survey",
        new_due=datetime.date(2027, 3, 30),
    )
    calendar_services.add_override(
        actor=world.member_services,
        date=datetime.date(2027, 3, 15),
        kind="closure",
        description="Council offices closed",
        reason="Election count",
    )
    enquiry.refresh_from_db()
    assert enquiry.due_date == datetime.date(2027, 3, 30)
