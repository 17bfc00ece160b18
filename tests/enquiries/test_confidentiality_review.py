"""Member Enquiries under hostile or careless use: what could leak to someone outside the enquiry's
circle (Tower Hamlets 7.19), and input that used to be stored half-checked or end in a server error.
Each test is a problem found in review; it failed before the change that fixed it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from nolan.enquiries import outbox
from nolan.enquiries.models import Enquiry, EnquiryEvent, OutboxMessage
from tests.enquiries.conftest import LONDON

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

