"""System administrators run Nolan; they are in no enquiry's circle, so the administration pages show
nothing of an enquiry: not its subject, its text, its resident, its response, nor the e-mail about it."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from nolan.audit.models import AuditEvent
from nolan.enquiries import services
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import raise_one
from tests.personas import make_user

SUBJECT = "Leaking roof at Heron Court"
BODY = "Rain comes through the kitchen ceiling of flat 4 whenever it storms."
RESIDENT = "Ada Quillfeather"
NOTE = "Tenancy dispute with the Quillfeather household"
ANSWER = "A roofer from Kestrel Roofing will call on Thursday."
SECRETS = (SUBJECT, "Heron Court", BODY, RESIDENT, "Quillfeather", ANSWER)


@pytest.fixture
def case(world, client):
    enquiry = raise_one(
        world,
        subject=SUBJECT,
        body=BODY,
        resident={"name": RESIDENT, "address": "4 Heron Court", "contact": "07700 900123"},
    )
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry", note=NOTE)
    enquiry.refresh_from_db()
    services.draft_response(actor=world.officer, enquiry=enquiry, text=ANSWER)
    client.force_login(world.member_enquiries)
    assert client.get(reverse("enquiries:detail", args=[enquiry.reference])).status_code == 200
    assert client.get(reverse("enquiries:index"), {"q": "Heron"}).status_code == 200
    client.logout()
    return enquiry


@pytest.fixture
def administrator(client, db):
    user = make_user("it@ashdown.test", "Ida", "Tech", second_factor=True)
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def _without_the_search_echoed(page: str) -> str:
    """The page less the administrator's own words: the search box and the links that keep them."""
    page = re.sub(r'<input[^>]*name="q"[^>]*>', "", page)
    return re.sub(r'href="[^"]*\?[^"]*"', 'href=""', page)


def _shows_nothing_of_the_enquiry(response) -> None:
    assert response.status_code == 200, response
    page = _without_the_search_echoed(response.content.decode())
    for secret in SECRETS:
        assert secret not in page, f"{response.request['PATH_INFO']} shows {secret!r}"


def test_a_system_administrator_searching_every_list_finds_nothing_of_an_enquiry(client, case, administrator):
    registered = [model for model in apps.get_models() if admin.site.is_registered(model)]
    assert AuditEvent in registered and OutboxMessage in registered
    for model in registered:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for words in (SUBJECT, "Heron", RESIDENT, "Kestrel"):
            _shows_nothing_of_the_enquiry(client.get(url, {"q": words}))
        _shows_nothing_of_the_enquiry(client.get(url))
    found = client.get(reverse("admin:audit_auditevent_changelist"), {"q": "Heron"}).content.decode()
    assert "0 results" in found


def test_audit_events_and_outbox_messages_open_without_the_enquirys_content(client, case, administrator):
    events = list(AuditEvent.objects.filter(target_id=str(case.pk)))
    messages = list(OutboxMessage.objects.filter(enquiry=case))
    assert {"enquiry.raised", "enquiry.classified", "enquiry.response_drafted", "viewed"} <= {
        e.action for e in events
    }
    assert messages
    for event in AuditEvent.objects.all():
        _shows_nothing_of_the_enquiry(client.get(reverse("admin:audit_auditevent_change", args=[event.pk])))
    for message in messages:
        for page in ("change", "history"):
            url = reverse(f"admin:mail_outboxmessage_{page}", args=[message.pk])
            _shows_nothing_of_the_enquiry(client.get(url))
    found = client.get(reverse("admin:audit_auditevent_changelist"), {"q": "Heron"}).content.decode()
    assert "0 results" in found


def test_the_audit_list_still_finds_an_enquirys_events_by_its_reference(client, case, administrator):
    page = client.get(reverse("admin:audit_auditevent_changelist"), {"q": case.reference}).content.decode()
    assert "enquiry.raised" in page and "enquiry.classified" in page
    raised = AuditEvent.objects.get(action="enquiry.raised", target_id=str(case.pk))
    assert raised.target_label == case.reference
    detail = client.get(reverse("admin:audit_auditevent_change", args=[raised.pk])).content.decode()
    assert "Not shown here: this event is about a confidential record" in detail


def test_events_about_the_directory_still_show_what_changed(client, world, administrator):
    from nolan.audit.services import record

    event = record(
        actor=world.member_services,
        action="directory.ward.updated",
        target=world.east_ward,
        before={"seats": 2},
        after={"seats": 3},
        reason="Boundary review 2026",
    )
    detail = client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).content.decode()
    assert "Boundary review 2026" in detail and "Not shown here" not in detail
