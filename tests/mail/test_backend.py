"""Django's own e-mail (send_mail, allauth's sign-in codes and password resets) goes through the outbox
and the real worker to a real relay, as a workflow's messages do: sent once, kept while the relay is
down, never with blind copies."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.urls import reverse

from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from nolan.mail.tasks import dispatch_outbox_now
from tests.enquiries.test_worker_restart import kill, restart, wait_until
from tests.personas import build_council

OUTBOX = "nolan.mail.backends.OutboxEmailBackend"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def outbox_email(settings):
    settings.EMAIL_BACKEND = OUTBOX
    settings.DEFAULT_FROM_EMAIL = "nolan@ashdown.test"
    settings.NOLAN_EMAIL_RETRY_DELAY = 1


def test_send_mail_reaches_the_relay_through_the_outbox_and_the_worker(outbox_email, smtp_sink, worker):
    send_mail(
        "Member enquiry ME-0042: holding reply",
        "Your enquiry about missed bin collections is with Waste and Street Cleaning.",
        None,
        ["aisha.rahman@ashdown.test"],
    )
    message = EmailMultiAlternatives(
        "Member enquiry ME-0042: answered",
        "The service has answered your enquiry.",
        "member.enquiries@ashdown.test",
        to=["aisha.rahman@ashdown.test"],
        cc=["director.place@ashdown.test"],
        reply_to=["member.enquiries@ashdown.test"],
    )
    message.attach_alternative("<p>The service has answered your enquiry.</p>", "text/html")
    message.send()
    assert OutboxMessage.objects.filter(kind="account").count() == 2

    received = smtp_sink.wait_for(2)
    worker.wait_until_drained()

    by_subject = {m["Subject"]: m for m in received}
    holding = by_subject["Member enquiry ME-0042: holding reply"]
    assert holding["From"] == "nolan@ashdown.test"
    assert holding["To"] == "aisha.rahman@ashdown.test"
    assert "missed bin collections" in holding.get_payload(decode=True).decode()

    answered = by_subject["Member enquiry ME-0042: answered"]
    assert answered["From"] == "member.enquiries@ashdown.test"
    assert answered["To"] == "aisha.rahman@ashdown.test"
    assert answered["Cc"] == "director.place@ashdown.test"
    assert answered["Reply-To"] == "member.enquiries@ashdown.test"
    assert answered["Bcc"] is None
    assert answered["X-RcptTo"].split(", ") == ["aisha.rahman@ashdown.test", "director.place@ashdown.test"]
    assert [part.get_content_type() for part in answered.get_payload()] == ["text/plain", "text/html"]
    assert len(smtp_sink.messages) == 2
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_a_message_with_blind_copies_is_refused_and_nothing_is_queued(outbox_email):
    message = EmailMessage(
        "Member enquiry ME-0042: answered",
        "The service has answered your enquiry.",
        to=["aisha.rahman@ashdown.test"],
        bcc=["monitoring.officer@ashdown.test"],
    )
    with pytest.raises(ValueError, match="no blind copies"):
        message.send()
    assert not OutboxMessage.objects.exists()


def test_a_message_waits_while_the_relay_is_down_and_is_delivered_once_it_is_back(
    outbox_email, smtp_sink, worker
):
    smtp_sink.stop()

    send_mail("Concern raised", "A concern has been raised.", None, ["monitoring.officer@ashdown.test"])

    worker.wait_for_log("executed in")  # the attempt failed: the row is kept to be tried again
    row = OutboxMessage.objects.get(subject="Concern raised")
    assert row.sent_at is None and row.attempts == 1 and row.last_error
    assert smtp_sink.messages == []

    smtp_sink.start()
    [message] = smtp_sink.wait_for(1)
    worker.wait_until_drained()

    assert message["Subject"] == "Concern raised"
    assert message["To"] == "monitoring.officer@ashdown.test"
    assert len(smtp_sink.messages) == 1


def test_a_password_reset_held_by_the_relay_when_the_worker_is_killed_is_delivered_once(
    outbox_email, client, relay, worker_process
):
    """The worker is killed (SIGKILL) while the relay holds the reset e-mail it has not acknowledged;
    restarted, it sends the e-mail again, and the councillor receives it once."""
    councillor = build_council().councillor
    relay.hold_from_now(1)
    worker_process.start()

    response = client.post(reverse("account_reset_password"), {"email": councillor.email})
    assert response.status_code == 302
    [row] = OutboxMessage.objects.all()
    assert relay.holding.wait(30), f"the relay was given {relay.given} messages\n{worker_process.log()}"
    kill(worker_process)
    wait_until(lambda: relay.held == 0, "the relay to drop what it held", worker_process, 10)
    relay.stop_holding()
    assert relay.dropped == 1 and relay.messages == []
    row.refresh_from_db()
    assert row.sent_at is None

    restart(worker_process, starts=2)
    dispatch_outbox_now()  # as the periodic task does every minute
    [message] = relay.wait_for(1, timeout=30)
    worker_process.wait_until_drained(timeout=30)
    time.sleep(1)  # anything sent twice would have arrived by now

    assert Counter(m["Message-ID"] for m in relay.messages) == {outbox.message_id(row): 1}
    assert message["X-RcptTo"] == councillor.email
    assert "/account/password/reset/key/" in message.get_payload(decode=True).decode()
    row.refresh_from_db()
    assert row.sent_at is not None
