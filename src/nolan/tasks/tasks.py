"""Tasks the worker runs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from huey.contrib.djhuey import task

EMAIL_RETRIES = 5
EMAIL_RETRY_DELAY = 60  # seconds; the sender passes its own NOLAN_EMAIL_RETRY_DELAY (mail.QueuedEmailBackend)


@task(retries=EMAIL_RETRIES, retry_delay=EMAIL_RETRY_DELAY)
def deliver_email(data: dict) -> None:
    connection = get_connection(settings.NOLAN_DELIVERY_EMAIL_BACKEND)
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    message.send()
