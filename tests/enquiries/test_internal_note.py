"""The triage officer's note is internal: officers and the team read it, the Member never does, on
the enquiry's page, through the API or in an e-mail."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from nolan.enquiries import services
from nolan.enquiries.models import EnquiryEvent
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import raise_one

NOTE = "Fly-tipping on housing land; routine"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def triaged_with_note(world):
    enquiry = raise_one(world)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry", note=NOTE)
    enquiry.refresh_from_db()
    return enquiry


def test_the_member_never_sees_the_triage_note(world):
    enquiry = triaged_with_note(world)
    member = signed_in(world.councillor)

    page = member.get(f"/enquiries/{enquiry.reference}/")
    assert page.status_code == 200
    assert "Classified" in page.content.decode()
    assert NOTE not in page.content.decode()

    answer = member.get(f"/api/v1/enquiries/{enquiry.reference}/").json()
    assert answer["classification_note"] == ""
    assert all(NOTE not in entry["text"] for entry in answer["timeline"])

    to_the_member = OutboxMessage.objects.filter(to__icontains=world.member_of(world.councillor).email)
    assert to_the_member.exists()
    assert all(NOTE not in message.body for message in to_the_member)


def test_officers_and_the_team_see_it_marked_as_internal(world):
    enquiry = triaged_with_note(world)

    for user in (world.member_enquiries, world.officer):
        page = signed_in(user).get(f"/enquiries/{enquiry.reference}/").content.decode()
        assert f"<strong>Internal note</strong> (officers and the Member Enquiries team only): {NOTE}" in page

    answer = signed_in(world.member_enquiries).get(f"/api/v1/enquiries/{enquiry.reference}/").json()
    assert answer["classification_note"] == NOTE


@pytest.mark.django_db(transaction=True)
def test_a_note_written_before_the_upgrade_leaves_the_text_the_member_reads(world):
    enquiry = triaged_with_note(world)
    executor = MigrationExecutor(connection)
    old = executor.migrate([("enquiries", "0008_referencecounter_to_casework")]).apps
    before = old.get_model("enquiries", "EnquiryEvent").objects.get(enquiry_id=enquiry.pk, kind="classified")
    assert before.text.endswith(f" Note: {NOTE}")  # as the entry was written before the upgrade

    MigrationExecutor(connection).migrate([("enquiries", "0009_triage_note_internal")])

    after = EnquiryEvent.objects.get(enquiry=enquiry, kind="classified")
    assert NOTE not in after.text
    assert after.data["note"] == NOTE
