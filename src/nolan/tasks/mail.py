"""E-mail goes through the background worker, so a slow or failing relay never loses a message."""

from __future__ import annotations

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    """Hands each message to the worker, which sends it with the delivery backend and retries.

    The wait between attempts travels with the queued task, so the worker retries on the schedule
    of the process that sent the message: NOLAN_EMAIL_RETRY_DELAY seconds.
    """

    def send_messages(self, email_messages):
        from nolan.tasks.tasks import deliver_email

        retry_delay = settings.NOLAN_EMAIL_RETRY_DELAY
        count = 0
        for message in email_messages:
            deliver_email(serialise(message), retry_delay=retry_delay)
            count += 1
        return count


def serialise(message) -> dict:
    data = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [],
    }
    for alternative in getattr(message, "alternatives", []) or []:
        content, mimetype = alternative[0], alternative[1]
        data["alternatives"].append([content, mimetype])
    return data
