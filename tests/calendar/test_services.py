"""Changing the council's calendar: who may, what is refused, the new version, the audit trail, and
the open deadlines worked out again with the new calendar."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nolan.audit.models import AuditEvent
from nolan.calendar import WorkingCalendar, add_working_days, explain_working_days, recompute, services
from nolan.calendar.models import CalendarOverride, CalendarVersion, OverrideKind

D = datetime.date
CHRISTMAS_EVE = D(2026, 12, 24)


@pytest.fixture(autouse=True)
def fresh_calendars():
    services.forget_calendars()
    yield
    services.forget_calendars()


@pytest.fixture
def hook():
    """A registered recompute function that remembers the calendars it was called with."""
    calls = []

    def recompute_deadlines(calendar) -> int:
        calls.append(calendar)
        return 3

    recompute.register(recompute_deadlines)
    yield calls
    recompute.unregister(recompute_deadlines)


def close_christmas_eve(actor, **changes):
    values = {
        "date": CHRISTMAS_EVE,
        "kind": OverrideKind.CLOSURE,
        "description": "Council offices closed (Christmas Eve)",
        "region": "",
        "reason": "Agreed by the Chief Executive",
    }
    return services.add_override(actor=actor, **{**values, **changes})


def test_the_councils_calendar_is_its_regions(ashdown):
    calendar = services.current_calendar()
    assert calendar.region == "england-and-wales"
    assert add_working_days(CHRISTMAS_EVE, 10, calendar) == D(2027, 1, 12)
    ashdown.council.bank_holiday_region = "scotland"
    ashdown.council.save()
    assert services.current_calendar().region == "scotland"
    assert services.current_calendar(ashdown.council).region == "scotland"
    assert add_working_days(CHRISTMAS_EVE, 10, services.current_calendar()) == D(2027, 1, 13)


def test_first_use_records_version_one_without_an_audit_event(ashdown):
    calendar = services.current_calendar()
    version = CalendarVersion.objects.get(region="england-and-wales")
    assert (version.number, version.version) == (1, calendar.version)
    assert not AuditEvent.objects.filter(action__startswith="calendar.").exists()
    assert services.current_calendar() is calendar  # kept: the same version


def test_a_closure_day_makes_a_new_version_recomputes_and_is_audited(ashdown, hook):
    before = services.current_calendar()
    override = close_christmas_eve(ashdown.member_services)

    after = services.current_calendar()
    assert after.version != before.version
    assert not after.is_working_day(CHRISTMAS_EVE)
    assert add_working_days(D(2026, 12, 23), 10, after) == D(2027, 1, 12)
    assert "Thu 24 Dec Council offices closed (Christmas Eve)" in explain_working_days(
        D(2026, 12, 23), 10, after
    )
    # The recompute functions got the new calendar (the council's region only, once).
    assert [c.version for c in hook] == [after.version]
    assert not hook[0].is_working_day(CHRISTMAS_EVE)
    newest = CalendarVersion.objects.filter(region="england-and-wales").order_by("-number").first()
    assert (newest.number, newest.version, newest.recomputed) == (2, after.version, 3)
    assert "Office closure day added: Thu 24 Dec 2026" in newest.cause
    # Every region got its version, since the closure is for every region.
    assert set(CalendarVersion.objects.values_list("region", flat=True)) == {
        "england-and-wales",
        "scotland",
        "northern-ireland",
    }
    event = AuditEvent.objects.get(action="calendar.override_added")
    assert event.target_id == str(override.pk)
    assert event.actor_id == ashdown.member_services.pk
    assert event.capacity == "Member Services"
    assert event.reason == "Agreed by the Chief Executive"
    assert event.after["description"] == "Council offices closed (Christmas Eve)"
    assert event.extra["versions"]["england-and-wales"] == after.version


def test_removing_it_goes_back_to_the_old_answers_under_a_new_version_number(ashdown, hook):
    original = services.current_calendar()
    override = close_christmas_eve(ashdown.member_services)
    services.remove_override(
        actor=ashdown.member_services, override=override, reason="Offices open after all"
    )

    calendar = services.current_calendar()
    assert calendar.is_working_day(CHRISTMAS_EVE)
    assert calendar.version == original.version  # the same days and names: the same hash
    assert CalendarVersion.objects.filter(region="england-and-wales").count() == 3
    assert len(hook) == 2 and hook[1].is_working_day(CHRISTMAS_EVE)
    override.refresh_from_db()
    assert override.removed_by == ashdown.member_services
    assert override.removal_reason == "Offices open after all"
    event = AuditEvent.objects.get(action="calendar.override_removed")
    assert event.before["removed_at"] is None and event.after["removed_at"]
    with pytest.raises(ValidationError, match="already been removed"):
        services.remove_override(actor=ashdown.member_services, override=override, reason="Again")


def test_an_extra_bank_holiday_for_one_region_leaves_the_others(ashdown, hook):
    services.add_override(
        actor=ashdown.member_services,
        date=D(2030, 5, 7),
        kind=OverrideKind.BANK_HOLIDAY,
        description="Extra bank holiday",
        region="scotland",
        reason="Proclaimed",
    )
    scotland = services.calendar_for_region("scotland")
    assert not scotland.is_working_day(D(2030, 5, 7))
    assert scotland.holiday_name(D(2030, 5, 7)) == "Extra bank holiday"
    assert services.current_calendar().is_working_day(D(2030, 5, 7))
    assert hook == []  # the council is in England and Wales: its deadlines do not change


def test_a_day_the_offices_open_on_a_bank_holiday(ashdown):
    services.add_override(
        actor=ashdown.member_services,
        date=D(2026, 12, 28),
        kind=OverrideKind.OPENING,
        description="Offices open",
        region="england-and-wales",
        reason="Boxing Day taken on another day by local agreement",
    )
    calendar = services.current_calendar()
    assert calendar.is_working_day(D(2026, 12, 28))
    assert add_working_days(CHRISTMAS_EVE, 10, calendar) == D(2027, 1, 11)


def test_another_process_sees_the_change_at_once(ashdown):
    before = services.current_calendar()
    # What another process's add_override leaves in the database: the override and a version row.
    CalendarOverride.objects.create(
        date=CHRISTMAS_EVE, kind=OverrideKind.CLOSURE, description="Closed", reason="r", region=""
    )
    elsewhere = WorkingCalendar(closures={CHRISTMAS_EVE: "Closed"})
    CalendarVersion.objects.create(
        region="england-and-wales", number=2, content_hash=elsewhere.content_hash(), cause="Elsewhere"
    )
    after = services.current_calendar()
    assert after.version == elsewhere.version != before.version
    assert not after.is_working_day(CHRISTMAS_EVE)


def test_a_change_in_the_holiday_data_is_recorded_audited_and_recomputed(ashdown, hook):
    services.current_calendar()
    version = CalendarVersion.objects.get(region="england-and-wales")
    # As if the previous holidays package had not yet known of a day this one has.
    version.content["holidays"] = [pair for pair in version.content["holidays"] if pair[0] != "2023-05-08"]
    version.content_hash = "0" * 64
    version.save()
    services.forget_calendars()

    calendar = services.current_calendar()
    newest = CalendarVersion.objects.filter(region="england-and-wales").order_by("-number").first()
    assert newest.number == 2 and newest.version == calendar.version
    assert newest.cause.startswith("The bank holiday data changed")
    event = AuditEvent.objects.get(action="calendar.holidays_changed")
    assert event.after["holidays"] == [["2023-05-08", "Coronation of Charles III"]]
    assert event.before["holidays"] == []
    assert [c.version for c in hook] == [calendar.version]


# Refusals: nothing written ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["councillor", "officer", "member_enquiries", "monitoring_officer"])
def test_only_member_services_and_administrators_may_change_the_calendar(ashdown, hook, persona):
    with pytest.raises(PermissionDenied, match="Member Services or a system administrator"):
        close_christmas_eve(getattr(ashdown, persona))
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar.").exists()
    assert hook == []


def test_a_system_administrator_may(ashdown, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@ashdown.test", "pw")
    close_christmas_eve(admin)
    assert AuditEvent.objects.get(action="calendar.override_added").capacity == "System administrator"


def test_nobody_signed_in_is_refused(ashdown):
    with pytest.raises(PermissionDenied):
        close_christmas_eve(None)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date": None}, "date", "Enter the date"),
        ({"date": D(2075, 1, 2)}, "date", "from 2000 to 2060"),
        ({"date": D(2026, 12, 26)}, "date", "Sat 26 Dec 2026 is a weekend day"),
        ({"date": D(2026, 12, 25)}, "date", "already a bank holiday (Christmas Day)"),
        ({"kind": "holiday"}, "kind", "Choose what kind of day"),
        ({"region": "wales"}, "region", "Choose a region"),
        ({"description": "  "}, "description", "Enter a description"),
        ({"description": "x" * 101}, "description", "100 characters or fewer"),
        ({"reason": ""}, "reason", "Give a reason"),
        ({"kind": OverrideKind.OPENING}, "date", "not a bank holiday in England and Wales, Scotland or"),
    ],
)
def test_bad_values_are_refused_on_their_field_and_nothing_is_written(ashdown, hook, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        close_christmas_eve(ashdown.member_services, **changes)
    assert words in " ".join(caught.value.message_dict[field])
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar.").exists()
    assert hook == []


def test_a_second_change_on_the_same_day_is_refused(ashdown):
    close_christmas_eve(ashdown.member_services)
    with pytest.raises(ValidationError, match="already has a change"):
        close_christmas_eve(ashdown.member_services, region="scotland", description="Closed")
    assert CalendarOverride.objects.count() == 1
