"""Member Enquiries under hostile or careless use: what could leak to someone outside the enquiry's
circle (Tower Hamlets 7.19), and input that used to be stored half-checked or end in a server error.
Each test is a problem found in review; it failed before the change that fixed it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from nolan.directory import models as d
from nolan.directory import services as directory
from nolan.enquiries import outbox, selectors, services
from nolan.enquiries.models import Enquiry, EnquiryEvent, OutboxMessage
from tests.enquiries.conftest import LONDON, triaged
from tests.personas import make_user

TODAY = datetime.date(2027, 3, 9)

pytestmark = pytest.mark.django_db


def raise_form(world, **values) -> dict:
    data = {
        "subject": "Broken streetlight",
        "body": "The light outside 4 Mill Lane has been out for a week.",
        "category": str(world.other_category.pk),
        "ward": str(world.east_ward.pk),
        "resident_special_category": "no",
        "urgent": "no",
        "interest": "none",
    }
    data.update(values)
    return data


def errors_of(response) -> str:
    text = response.content.decode()
    start = text.index("govuk-error-summary__list")
    return text[start : text.index("</ul>", start)]


# E-mail that could never be sent -------------------------------------------------------------------


def test_a_subject_on_two_lines_is_refused_so_the_e_mails_quoting_it_can_be_sent(world, client):
    # The subject goes into every e-mail's Subject header, which cannot hold a line break: the
    # receipt and the team's note were queued and then failed on every attempt.
    client.force_login(world.councillor)
    response = client.post(reverse("enquiries:raise"), raise_form(world, subject="Damp\nBcc: x@example.org"))
    assert response.status_code == 200
    assert "A subject must be on one line" in errors_of(response)
    assert Enquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_an_mps_name_on_two_lines_is_refused(world, client, settings):
    world.council.protocol_profile = "haringey"
    world.council.save(update_fields=["protocol_profile"])
    client.force_login(world.member_services)
    data = raise_form(
        world,
        originator_type="elected_representative",
        originator_name="Jo Smith MP\r\nCc: someone@example.org",
        originator_email="jo.smith@example.org",
    )
    response = client.post(reverse("enquiries:raise"), data)
    assert response.status_code == 200
    assert "must be on one line" in errors_of(response)
    assert Enquiry.objects.count() == 0


def test_every_e_mail_of_an_enquiry_raised_with_a_one_line_subject_is_sent(world, client):
    client.force_login(world.councillor)
    response = client.post(reverse("enquiries:raise"), raise_form(world))
    assert response.status_code == 302
    counts = outbox.dispatch_due(datetime.datetime(2027, 3, 9, 11, 0, tzinfo=LONDON))
    assert counts == {"sent": 2, "retrying": 0, "given_up": 0}
    assert EnquiryEvent.objects.count() == 1


# Dates no clock can run from ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0001", "1900"])
def test_a_received_date_long_ago_is_refused_with_a_message(world, client, year):
    # Year 1 ended in a server error (the working-day calendar cannot reach it); 1900 was stored as
    # ME-1900-000001, 127 years overdue, and would have been chased and escalated at once.
    client.force_login(world.member_services)
    data = raise_form(
        world,
        member=str(world.member_of(world.councillor).pk),
        received_at_day="1",
        received_at_month="1",
        received_at_year=year,
        received_time="10:00",
    )
    response = client.post(reverse("enquiries:raise"), data)
    assert response.status_code == 200
    assert "more than a year ago" in errors_of(response)
    assert Enquiry.objects.count() == 0


def test_a_received_date_within_the_year_is_accepted(world, client):
    client.force_login(world.member_services)
    data = raise_form(
        world,
        member=str(world.member_of(world.councillor).pk),
        received_at_day="24",
        received_at_month="12",
        received_at_year="2026",
        received_time="11:00",
    )
    assert client.post(reverse("enquiries:raise"), data).status_code == 302
    assert Enquiry.objects.get().due_date == datetime.date(2027, 1, 12)


def test_a_holding_reply_cannot_promise_an_answer_years_ahead(world, client):
    enquiry = triaged(world)
    client.force_login(world.officer)
    page = reverse("enquiries:step", args=[enquiry.reference, "holding-reply"])
    data = {"text": "We are looking into it.", "reason": "The surveyor is away."}
    far = client.post(page, {**data, "new_due_day": "31", "new_due_month": "12", "new_due_year": "9999"})
    assert far.status_code == 200
    assert "more than a year" in errors_of(far)
    enquiry.refresh_from_db()
    assert enquiry.revised_due is None and not enquiry.responses.exists()
    near = client.post(page, {**data, "new_due_day": "30", "new_due_month": "4", "new_due_year": "2027"})
    assert near.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.due_date == datetime.date(2027, 4, 30)


# Who may see an enquiry after the directory changes -------------------------------------------------


def _move_the_director_of_place(world) -> object:
    """Daniel Price moves to be Director of Resources; Nadia Noor becomes Director of Place and Sam Lee's
    line manager. Both through the directory's own services, effective today."""
    actor = world.member_services
    daniel = world.officer_of(world.director)
    nadia_user = make_user("nadia.noor@ashdown.test", "Nadia", "Noor", second_factor=True)
    nadia = d.Officer.objects.create(
        user=nadia_user, first_name="Nadia", last_name="Noor", email=nadia_user.email, start=TODAY
    )
    directory.post_start(
        actor=actor,
        officer=nadia,
        title="Director of Place",
        seniority=d.Seniority.DIRECTOR,
        directorate=world.place,
        line_manager=world.officer_of(world.chief_executive),
        start=TODAY,
    )
    directory.post_start(
        actor=actor,
        officer=daniel,
        title="Director of Resources",
        seniority=d.Seniority.DIRECTOR,
        directorate=world.resources,
        line_manager=world.officer_of(world.chief_executive),
        start=TODAY,
    )
    directory.post_start(
        actor=actor,
        officer=world.officer_of(world.officer),
        title="Housing Officer",
        seniority=d.Seniority.OFFICER,
        service=world.housing,
        line_manager=nadia,
        start=TODAY,
    )
    return nadia_user


def test_a_director_who_moves_to_another_directorate_no_longer_sees_its_enquiries(world, client):
    # The officers who may see an enquiry were written when it was assigned and never again: the
    # Director who left Place kept reading Housing's enquiries, and the new one could not.
    open_one = triaged(world)
    answered = triaged(world, subject="Missed bin collection")
    services.draft_response(actor=world.officer, enquiry=answered, text="It was collected on Monday.")
    services.send_response(actor=world.officer, enquiry=answered)
    nadia = _move_the_director_of_place(world)

    client.force_login(world.director)
    for enquiry in (open_one, answered):
        assert client.get(reverse("enquiries:detail", args=[enquiry.reference])).status_code == 404
    assert "Damp" not in client.get(reverse("enquiries:index")).content.decode()
    assert selectors.enquiry_list(user=world.director).count() == 0

    client.force_login(nadia)
    for enquiry in (open_one, answered):
        assert client.get(reverse("enquiries:detail", args=[enquiry.reference])).status_code == 200
