"""E-mail leaves Nolan through the queue and the real worker, and survives a mail relay that is down."""

import pytest
from django.core.mail import EmailMultiAlternatives, send_mail

QUEUED = "nolan.tasks.mail.QueuedEmailBackend"


@pytest.fixture
def queued_email(settings):
    settings.EMAIL_BACKEND = QUEUED
    settings.DEFAULT_FROM_EMAIL = "nolan@ashdown.test"
    settings.NOLAN_EMAIL_RETRY_DELAY = 1


def test_send_mail_reaches_the_relay_through_the_worker(queued_email, smtp_sink, worker):
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
        bcc=["monitoring.officer@ashdown.test"],
        reply_to=["member.enquiries@ashdown.test"],
    )
    message.attach_alternative("<p>The service has answered your enquiry.</p>", "text/html")
    message.send()

    received = smtp_sink.wait_for(2)
    worker.wait_until_drained()

    by_subject = {m["Subject"]: m for m in received}
    holding = by_subject["Member enquiry ME-0042: holding reply"]
    assert holding["From"] == "nolan@ashdown.test"
    assert holding["To"] == "aisha.rahman@ashdown.test"
    assert "missed bin collections" in holding.get_payload(decode=True).decode()

    answered = by_subject["Member enquiry ME-0042: answered"]
    assert answered["To"] == "aisha.rahman@ashdown.test"
    assert answered["Cc"] == "director.place@ashdown.test"
    assert answered["Reply-To"] == "member.enquiries@ashdown.test"
    assert answered["Bcc"] is None
    assert answered["X-RcptTo"].split(", ") == [
        "aisha.rahman@ashdown.test",
        "director.place@ashdown.test",
        "monitoring.officer@ashdown.test",
    ]
    assert [part.get_content_type() for part in answered.get_payload()] == ["text/plain", "text/html"]
    assert len(smtp_sink.messages) == 2


def test_a_message_waits_while_the_relay_is_down_and_is_delivered_once_it_is_back(
    queued_email, smtp_sink, worker
):
    smtp_sink.stop()

    send_mail("Concern raised", "A concern has been raised.", None, ["monitoring.officer@ashdown.test"])

    worker.wait_for_log("Requeueing")  # the attempt failed and the task waits to be tried again
    assert smtp_sink.messages == []

    smtp_sink.start()
    [message] = smtp_sink.wait_for(1)
    worker.wait_until_drained()

    assert message["Subject"] == "Concern raised"
    assert message["To"] == "monitoring.officer@ashdown.test"
    assert len(smtp_sink.messages) == 1
