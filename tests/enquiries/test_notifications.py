"""E-mail through the outbox: written with the step, sent once, never out of hours unless urgent,
never to someone who may not see the enquiry, never a blind copy."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from nolan.enquiries import notifications, outbox, selectors, services
from nolan.enquiries.models import OutboxMessage
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


def test_the_same_dedupe_key_is_queued_once(world):
    when = timezone.now()
    with transaction.atomic():
        first, created = outbox.enqueue(
            dedupe_key="digest:7:2027-03-09",
            kind="digest",
            to=[outbox.Address("Sam Lee", "sam.lee@ashdown.test")],
            subject="Your enquiries today",
            body="3 due this week",
            not_before=when,
        )
        again, created_again = outbox.enqueue(
            dedupe_key="digest:7:2027-03-09",
            kind="digest",
            to=[outbox.Address("Sam Lee", "sam.lee@ashdown.test")],
            subject="Your enquiries today (again)",
            body="3 due this week",
            not_before=when,
        )
    assert created and not created_again
    assert first.pk == again.pk
    assert OutboxMessage.objects.filter(dedupe_key="digest:7:2027-03-09").count() == 1


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


def test_the_dispatcher_holds_a_message_until_its_time(world, frozen):
    frozen.move_to(datetime.datetime(2027, 3, 9, 18, 30, tzinfo=LONDON))
    raise_one(world)
    assert outbox.dispatch_due()["sent"] == 0
    assert mail.outbox == []
    frozen.move_to(datetime.datetime(2027, 3, 10, 9, 1, tzinfo=LONDON))
    assert outbox.dispatch_due()["sent"] == 2
    assert len(mail.outbox) == 2


# Sending ------------------------------------------------------------------------------------------------


def test_the_dispatcher_sends_with_the_delivery_backend_once(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    enquiry = raise_one(world)
    assert outbox.dispatch_due() == {"sent": 2, "retrying": 0, "given_up": 0}
    assert outbox.dispatch_due() == {"sent": 0, "retrying": 0, "given_up": 0}
    assert len(mail.outbox) == 2
    receipt = next(m for m in mail.outbox if "Received" in m.subject)
    assert receipt.to == ['"Cllr Aisha Rahman" <aisha.rahman@ashdown.test>']
    assert receipt.bcc == []
    assert receipt.extra_headers["X-Nolan-Reference"] == enquiry.reference
    assert receipt.extra_headers["Message-ID"].endswith("@ashdown.test>")
    row = OutboxMessage.objects.get(enquiry=enquiry, kind="receipt")
    assert row.sent_at is not None and row.attempts == 1


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


class BrokenRelay(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("relay down")


def test_a_failed_send_keeps_the_message_and_retries_later(world, settings, frozen):
    raise_one(world)
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "tests.enquiries.test_notifications.BrokenRelay"
    assert outbox.dispatch_due() == {"sent": 0, "retrying": 2, "given_up": 0}
    row = OutboxMessage.objects.get(kind="receipt")
    assert row.sent_at is None and row.attempts == 1
    assert "relay down" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert outbox.dispatch_due()["retrying"] == 0  # waits before trying again
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    frozen.shift(120)
    assert outbox.dispatch_due()["sent"] == 2
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2 and row.last_error == ""


def test_the_dispatcher_gives_up_after_its_attempts_and_keeps_the_row(world, settings, frozen):
    raise_one(world)
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "tests.enquiries.test_notifications.BrokenRelay"
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.dispatch_due()
        frozen.shift(3700)
    row = OutboxMessage.objects.get(kind="receipt")
    assert row.failed_at is not None and row.sent_at is None
    assert row.attempts == outbox.MAX_ATTEMPTS


def test_a_run_killed_after_claiming_sends_nothing_twice_and_loses_nothing(world, frozen):
    raise_one(world)
    token, claimed = outbox.claim(timezone.now())  # a run that claims its rows, then dies
    assert len(claimed) == 2
    assert outbox.dispatch_due()["sent"] == 0  # another run does not take rows still claimed
    frozen.shift(outbox.CLAIM_SECONDS + 1)
    assert outbox.dispatch_due()["sent"] == 2  # after the lease, another run sends them
    assert outbox.dispatch_due()["sent"] == 0
    assert len(mail.outbox) == 2


def test_two_runs_never_claim_the_same_row(world):
    for _ in range(3):
        raise_one(world)
    now = timezone.now()
    _, first = outbox.claim(now, limit=4)
    _, second = outbox.claim(now, limit=10)
    assert len(first) == 4 and len(second) == 2
    assert not {r.pk for r in first} & {r.pk for r in second}


def test_the_worker_task_dispatches_the_outbox(world):
    from nolan.enquiries import tasks

    raise_one(world)
    assert tasks.dispatch_outbox.call_local() == {"sent": 2, "retrying": 0, "given_up": 0}


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
        notifications._check(enquiry, [notifications._officer(outsider)])


def test_after_a_transfer_the_old_handler_is_not_sent_the_enquiry(world):
    enquiry = triaged(world)
    services.transfer(actor=world.member_enquiries, enquiry=enquiry, service=world.legal, reason="Legal")
    message = OutboxMessage.objects.filter(enquiry=enquiry, kind="assigned").order_by("-pk").first()
    assert "sam.lee@ashdown.test" not in [p["email"] for p in message.to + message.cc]
    member_notice = (
        OutboxMessage.objects.filter(enquiry=enquiry, kind="acknowledgement").order_by("-pk").first()
    )
    assert "transferred" in member_notice.body
