"""E-mail through the outbox: written with the step, sent once, never out of hours unless urgent,
never to someone who may not see the enquiry, never a blind copy."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from nolan.core.decisions import Decision
from nolan.directory.selectors import the_council
from nolan.enquiries import notifications, policies, rules, selectors, services
from nolan.enquiries.models import EnquiryEvent, EventKind
from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import LONDON, raise_one, triaged, under_profile

# The steps queue their e-mail -----------------------------------------------------------------------


def test_raising_queues_a_receipt_for_the_member_and_a_note_for_the_team(world):
    enquiry = raise_one(world)
    receipt = OutboxMessage.objects.get(enquiry=enquiry, kind="receipt")
    assert receipt.to == [{"name": "Cllr Aisha Rahman", "email": "aisha.rahman@ashdown.test"}]
    assert receipt.subject == f"[{enquiry.reference}] Received: Damp in a council flat"
    assert "Tue 23 Mar 2027" in receipt.body
    assert "Mary Jones" not in receipt.body and "Eastgate House" not in receipt.body
    team = OutboxMessage.objects.get(enquiry=enquiry, kind="triage")
    assert team.to == [{"name": "Ola Bankole", "email": "member.enquiries@ashdown.test"}]


def test_a_step_that_fails_leaves_no_message_behind(world):
    before = OutboxMessage.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any failure of the step
        raise_one(world, subject="")
    assert OutboxMessage.objects.count() == before


# Working hours --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised_at", "waits_until"),
    [
        # In working hours: at once.
        (datetime.datetime(2027, 3, 9, 10, 0), datetime.datetime(2027, 3, 9, 10, 0)),
        # Tuesday evening: Wednesday morning.
        (datetime.datetime(2027, 3, 9, 18, 30), datetime.datetime(2027, 3, 10, 9, 0)),
        # Early on a working day: that morning.
        (datetime.datetime(2027, 3, 10, 7, 15), datetime.datetime(2027, 3, 10, 9, 0)),
        # Saturday: Monday morning.
        (datetime.datetime(2027, 3, 13, 11, 0), datetime.datetime(2027, 3, 15, 9, 0)),
        # Thursday evening before Good Friday and Easter Monday 2027: Tuesday morning.
        (datetime.datetime(2027, 3, 25, 19, 0), datetime.datetime(2027, 3, 30, 9, 0)),
    ],
)
def test_messages_outside_working_hours_wait_for_the_next_working_morning(
    world, frozen, raised_at, waits_until
):
    frozen.move_to(raised_at.replace(tzinfo=LONDON))
    enquiry = raise_one(world)
    receipt = OutboxMessage.objects.get(enquiry=enquiry, kind="receipt")
    assert timezone.localtime(receipt.not_before).replace(second=0, microsecond=0) == waits_until.replace(
        tzinfo=LONDON
    )
    if raised_at != waits_until:
        assert "Outside working hours" in receipt.not_before_reason
        assert "4(a)" in receipt.not_before_reason or "5.01" in receipt.not_before_reason


def test_urgent_enquiries_are_sent_at_once_even_at_night(world, frozen):
    frozen.move_to(datetime.datetime(2027, 3, 9, 22, 0, tzinfo=LONDON))
    enquiry = raise_one(world, urgent=True, urgency_reason="A family is homeless tonight")
    messages = OutboxMessage.objects.filter(enquiry=enquiry)
    assert {m.kind for m in messages} >= {"receipt", "triage", "assigned"}
    for message in messages:
        assert message.urgent
        assert timezone.localtime(message.not_before).hour == 22
        assert "urgent" in message.not_before_reason


# Sending ------------------------------------------------------------------------------------------------


def test_copies_are_named_cc_never_bcc(world):
    under_profile(world, "islington")
    enquiry = triaged(world)
    services.draft_response(
        actor=world.officer, enquiry=enquiry, text="Survey booked.", contains_statistics=True
    )
    services.send_response(actor=world.officer, enquiry=enquiry)
    outbox.dispatch_due()
    letter = next(m for m in mail.outbox if "Response" in m.subject)
    assert sorted(letter.cc) == [
        '"Cllr Priya Shah" <priya.shah@ashdown.test>',
        '"Daniel Price" <director.place@ashdown.test>',
    ]
    assert letter.bcc == []
    assert "Cllr Priya Shah" in letter.body and "Daniel Price" in letter.body


# Confidentiality ------------------------------------------------------------------------------------------


def test_every_recipient_of_every_message_may_see_the_enquiry_or_is_a_named_required_copy(world):
    enquiry = triaged(world)
    services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="Survey first.",
        reason="Surveyor",
        new_due=datetime.date(2027, 4, 6),
    )
    services.draft_response(
        actor=world.officer, enquiry=enquiry, text="Done.", about_policy_implications=True
    )
    services.send_response(actor=world.officer, enquiry=enquiry)
    officers = {
        o.email: o.pk
        for o in __import__("nolan.directory.models", fromlist=["Officer"]).Officer.objects.all()
    }
    for message in OutboxMessage.objects.filter(enquiry=enquiry):
        for person in message.to + message.cc:
            allowed = (
                selectors.may_receive(
                    enquiry,
                    member_id=enquiry.raised_by_member_id
                    if person["email"] == "aisha.rahman@ashdown.test"
                    else None,
                    officer_id=officers.get(person["email"]),
                    email=person["email"],
                )
                or person["email"] == "member.enquiries@ashdown.test"
            )
            exec_copy = person["email"] == "priya.shah@ashdown.test" and message.kind == "response"
            assert allowed or exec_copy, (message.kind, person)


def test_a_message_to_someone_who_may_not_see_the_enquiry_is_refused(world):
    enquiry = triaged(world)
    outsider = world.officer_of(world.other_service_officer)
    with pytest.raises(notifications.ConfidentialityError):
        notifications.check(enquiry, [notifications.officer(outsider)])


def test_after_a_transfer_the_old_handler_is_not_sent_the_enquiry(world):
    enquiry = triaged(world)
    services.transfer(actor=world.member_enquiries, enquiry=enquiry, service=world.legal, reason="Legal")
    message = OutboxMessage.objects.filter(enquiry=enquiry, kind="assigned").order_by("-pk").first()
    assert "sam.lee@ashdown.test" not in [p["email"] for p in message.to + message.cc]
    member_notice = (
        OutboxMessage.objects.filter(enquiry=enquiry, kind="acknowledgement").order_by("-pk").first()
    )
    assert "transferred" in member_notice.body


# The copy the protocol requires travels as the policy's data, never as a label -----------------------


def _letter_with(world, enquiry, copies):
    """The response ``notifications.reply`` queues for ``enquiry`` with ``copies``, in one transaction."""
    draft = services.draft_response(actor=world.officer, enquiry=enquiry, text="The survey is booked.")
    event = EnquiryEvent.objects.create(enquiry=enquiry, kind=EventKind.RESPONSE_SENT, actor_label="Sam Lee")
    with transaction.atomic():
        notifications.reply(enquiry, draft, event, copies)
    return OutboxMessage.objects.get(enquiry=enquiry, kind="response")


def test_a_copy_whose_label_reads_executive_member_is_still_checked(world):
    """A copy the policy does not mark as required by the protocol is checked like any other, whatever
    its label says: an officer outside the enquiry's circle whose role reads "Executive Member" is not
    sent the letter, and the step fails rather than send it."""
    enquiry = triaged(world)
    outsider = world.officer_of(world.other_service_officer)
    copies = policies.Copies(
        (policies.Copy(policies.Person(outsider.full_name, outsider.email, "Executive Member"), ()),),
        Decision("allowed", ()),
    )
    with pytest.raises(notifications.ConfidentialityError):
        _letter_with(world, enquiry, copies)
    assert not OutboxMessage.objects.filter(enquiry=enquiry, kind="response").exists()


def test_the_executive_member_copy_the_protocol_requires_is_sent_whatever_their_role_is_called(world):
    """Islington 4.1(c): the relevant Executive Member is copied into a response on policy. The policy
    marks that copy as required, so it is sent even where the Member's role is called something else."""
    under_profile(world, "islington")
    enquiry = triaged(world)
    copies = policies.copies(
        responder_seniority=0,
        director=None,
        executive_member=policies.Person("Cllr Priya Shah", "priya.shah@ashdown.test", "Cabinet Member"),
        about_policy_implications=True,
        rules=rules.copy_rules(the_council()),
    )
    letter = _letter_with(world, enquiry, copies)
    assert [c["email"] for c in letter.cc] == ["priya.shah@ashdown.test"]
    assert "- Cllr Priya Shah, Cabinet Member: " in letter.body
    assert str(copies.copies[0].reasons[0].citation) == "Islington 4.1(c)"
