"""The outbox: each message queued once (its dedupe key), held until its time, sent once by the
dispatcher with the delivery backend, kept and tried again when the relay fails, and never claimed by
two runs. The messages are those a Member Enquiry's steps queue."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import LONDON, raise_one


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


def test_the_dispatcher_holds_a_message_until_its_time(world, frozen):
    frozen.move_to(datetime.datetime(2027, 3, 9, 18, 30, tzinfo=LONDON))
    raise_one(world)
    assert outbox.dispatch_due()["sent"] == 0
    assert mail.outbox == []
    frozen.move_to(datetime.datetime(2027, 3, 10, 9, 1, tzinfo=LONDON))
    assert outbox.dispatch_due()["sent"] == 2
    assert len(mail.outbox) == 2


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


class BrokenRelay(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("relay down")


def test_a_failed_send_keeps_the_message_and_retries_later(world, settings, frozen):
    raise_one(world)
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "tests.mail.test_outbox.BrokenRelay"
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
    settings.NOLAN_DELIVERY_EMAIL_BACKEND = "tests.mail.test_outbox.BrokenRelay"
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
    from nolan.mail import tasks

    raise_one(world)
    assert tasks.dispatch_outbox.call_local() == {"sent": 2, "retrying": 0, "given_up": 0}
