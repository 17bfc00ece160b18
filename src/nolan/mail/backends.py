"""Django's own e-mail (allauth's sign-in codes and password resets, anything using ``send_mail``)
goes through the outbox too, so one retry and one exactly-once story covers every message Nolan sends.

``EMAIL_BACKEND = "nolan.mail.backends.OutboxEmailBackend"``: each message becomes an outbox row in
the current transaction (its own, if there is none), and the worker is woken once it commits. The
dispatcher then sends it with NOLAN_DELIVERY_EMAIL_BACKEND, as it sends a workflow's. These messages
are about a person's own account, never a case, so they go at once whatever the hour.

Everyone who receives a message is named in To or Cc: a message with blind copies is refused, as the
outbox has none (Haringey 12.29); so is one with attachments, which Nolan never e-mails.
"""

from __future__ import annotations

import uuid
from email.utils import getaddresses

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from nolan.mail import outbox, tasks

#: The kind of an outbox row written by this backend.
KIND = "account"


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        messages = list(email_messages)
        for message in messages:
            refuse(message)
        with transaction.atomic():
            for message in messages:
                queue(message)
            transaction.on_commit(tasks.wake_dispatcher)
        return len(messages)


def refuse(message) -> None:
    """Refuse what the outbox cannot send as written (before anything is queued)."""
    if message.bcc:
        raise ValueError("Nolan sends no blind copies: name everyone in To or Cc (Haringey 12.29).")
    if message.attachments:
        raise ValueError("Nolan does not send attachments by e-mail: link to them in Nolan instead.")
    if not message.recipients():
        raise ValueError(f"The message {message.subject!r} has no recipient.")


def _addresses(values) -> list[outbox.Address]:
    return [outbox.Address(name, email) for name, email in getaddresses(list(values)) if email]


def queue(message):
    """One outbox row for one of Django's messages. Returns (row, created)."""
    now = timezone.now()
    return outbox.enqueue(
        dedupe_key=f"{KIND}:{uuid.uuid4().hex}",
        kind=KIND,
        to=_addresses(message.to),
        cc=_addresses(message.cc),
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or "",
        reply_to=list(message.reply_to),
        alternatives=[(a[0], a[1]) for a in getattr(message, "alternatives", None) or ()],
        not_before=now,
        not_before_reason="About the person's own account: sent at once",
        urgent=True,
    )
