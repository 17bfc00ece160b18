"""The working-day calendar's pages, as Member Services, officers and councillors use them."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from nolan.audit.models import AuditEvent
from nolan.calendar import services
from nolan.calendar.models import CalendarOverride, OverrideKind
from tests.personas import make_user

INDEX = "/calendar/"


def main(response) -> str:
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


@pytest.fixture(autouse=True)
def in_2026():
    services.forget_calendars()
    with time_machine.travel(datetime.datetime(2026, 11, 3, 10, 0), tick=True):
        yield
    services.forget_calendars()


def test_the_index_url_is_the_navigations():
    assert reverse("calendar:index") == INDEX


@pytest.mark.parametrize("persona", ["councillor", "officer", "member_services"])
def test_directory_readers_see_this_year_and_next(client, ashdown, persona):
    client.force_login(getattr(ashdown, persona))
    response = client.get(INDEX)
    assert response.status_code == 200
    page = main(response)
    assert "England and Wales" in page
    assert "Bank holidays and closure days in 2026" in page
    assert "Bank holidays and closure days in 2027" in page
    assert "Mon 28 Dec 2026" in page and "Boxing Day (substitute day)" in page
    assert "Mon 27 Dec 2027" in page and "Christmas Day (substitute day)" in page
    assert services.current_calendar().version in page
    assert "Calendar version 1" in page


def test_only_editors_are_offered_changes(client, ashdown):
    client.force_login(ashdown.councillor)
    assert "Add a closure day" not in main(client.get(INDEX))
    client.force_login(ashdown.member_services)
    assert "Add a closure day" in main(client.get(INDEX))


def test_someone_with_no_place_in_the_council_is_refused(client, db):
    client.force_login(make_user("visitor@ashdown.test", "Vic", "Visitor", second_factor=False))
    assert client.get(INDEX).status_code == 403


def test_signed_out_goes_to_sign_in(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302 and "login" in response["Location"]


# Working out a due date --------------------------------------------------------------------------


def ask(client, day: datetime.date, days, region="england-and-wales"):
    query = {"start_day": day.day, "start_month": day.month, "start_year": day.year, "working_days": days}
    return client.get(INDEX, {**query, "region": region})


def test_the_due_date_and_its_explanation(client, ashdown):
    client.force_login(ashdown.councillor)
    response = ask(client, datetime.date(2026, 12, 24), 10)
    page = main(response)
    assert "Due Tue 12 Jan 2027" in page
    assert (
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year&#x27;s Day; due Tue 12 Jan 2027."
    ) in page
    assert "<title>Due Tue 12 Jan 2027" in response.content.decode()


def test_another_regions_due_date(client, ashdown):
    client.force_login(ashdown.officer)
    page = main(ask(client, datetime.date(2026, 12, 24), 10, region="scotland"))
    assert "Due Wed 13 Jan 2027" in page
    assert "Scotland bank holidays" in page


@pytest.mark.parametrize(
    ("start", "days", "error"),
    [
        (("31", "2", "2026"), "10", "Day 0 must be a real date, with a day, month and year"),
        (("", "", ""), "10", "Enter a date for “Day 0”"),
        (("24", "12", "2026"), "ten", "The number of working days must be a whole number, like 10"),
        (("24", "12", "2026"), "-1", "The number of working days must be 0 or more"),
        (("24", "12", "2026"), "", "Enter the number of working days"),
    ],
)
def test_bad_input_gets_the_govuk_error_summary(client, ashdown, start, days, error):
    client.force_login(ashdown.councillor)
    response = client.get(
        INDEX, {"start_day": start[0], "start_month": start[1], "start_year": start[2], "working_days": days}
    )
    assert response.status_code == 200
    page = main(response)
    assert "govuk-error-summary" in page and error in page
    assert "Due " not in page
    assert response.content.decode().count("<title>Error: ") == 1


# Adding and removing the council's own days ------------------------------------------------------


def add(client, **changes):
    values = {
        "date_day": "24",
        "date_month": "12",
        "date_year": "2026",
        "kind": OverrideKind.CLOSURE,
        "description": "Council offices closed (Christmas Eve)",
        "region": "",
        "reason": "Agreed by the Chief Executive",
    }
    return client.post(reverse("calendar:override_add"), {**values, **changes})


def test_member_services_add_a_closure_day_and_it_is_listed_and_counted(client, ashdown):
    client.force_login(ashdown.member_services)
    response = add(client)
    assert response.status_code == 302 and response["Location"] == INDEX
    page = main(client.get(INDEX))
    assert "Office closure day added: Thu 24 Dec 2026" in page
    assert "Council offices closed (Christmas Eve)" in page
    assert "Calendar version 2" in page
    answer = main(ask(client, datetime.date(2026, 12, 23), 10))
    assert "Due Tue 12 Jan 2027" in answer
    assert "skipped Thu 24 Dec Council offices closed (Christmas Eve)" in answer
    event = AuditEvent.objects.get(action="calendar.override_added")
    assert event.reason == "Agreed by the Chief Executive"


def test_a_bad_day_is_shown_on_its_field_and_nothing_is_saved(client, ashdown):
    client.force_login(ashdown.member_services)
    response = add(client, date_day="25", reason="")
    page = main(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Give a reason for the change" in page
    response = add(client, date_day="25")
    page = main(response)
    assert "Fri 25 Dec 2026 is already a bank holiday (Christmas Day)" in page
    assert 'href="#id_date_0"' in page
    assert not CalendarOverride.objects.exists()


def test_removing_a_day_asks_for_a_reason_and_puts_the_working_day_back(client, ashdown):
    client.force_login(ashdown.member_services)
    add(client)
    override = CalendarOverride.objects.get()
    remove = reverse("calendar:override_remove", args=[override.pk])
    confirm = main(client.get(remove))
    assert "Council offices closed (Christmas Eve)" in confirm and "Agreed by the Chief Executive" in confirm
    refused = main(client.post(remove, {"reason": ""}))
    assert "govuk-error-summary" in refused
    response = client.post(remove, {"reason": "The offices will open"})
    assert response.status_code == 302
    assert "Due Mon 11 Jan 2027" in main(ask(client, datetime.date(2026, 12, 23), 10))
    assert AuditEvent.objects.get(action="calendar.override_removed").reason == "The offices will open"
    assert client.get(remove).status_code == 404  # no longer in force


@pytest.mark.parametrize("persona", ["councillor", "officer", "director", "member_enquiries"])
def test_others_may_not_change_the_calendar(client, ashdown, persona):
    client.force_login(ashdown.member_services)
    add(client)
    override = CalendarOverride.objects.get()
    client.force_login(getattr(ashdown, persona))
    assert client.get(reverse("calendar:override_add")).status_code == 403
    assert add(client, date_day="23").status_code == 403
    remove = reverse("calendar:override_remove", args=[override.pk])
    assert client.post(remove, {"reason": "No"}).status_code == 403
    assert CalendarOverride.objects.active().count() == 1
