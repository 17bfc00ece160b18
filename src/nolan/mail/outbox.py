"""The transactional outbox: e-mail written with the change that causes it, sent once by a dispatcher.

Writing (``enqueue``) happens inside the service's transaction, so a step that rolls back leaves no
message behind and a step that commits always leaves its message. Each message has a ``dedupe_key``
that is unique in the table: enqueuing the same key again returns the row already there and queues
nothing, which is what lets the chasing run use ``chase:<enquiry>:<rung>`` and the digest
``digest:<officer>:<date>`` and be run again after a crash without sending twice.

Every e-mail Nolan sends is written here: a workflow's through ``compose``, Django's own (allauth's
sign-in codes and password resets, anything using ``send_mail``) through ``backends.OutboxEmailBackend``.

Sending (``dispatch_due``) is done by the worker every minute and straight after a step that queued
e-mail (``tasks.py``):

1. Claim due rows (not sent, not given up, ``next_attempt_at`` passed, not claimed by a live run):
   on PostgreSQL with ``SELECT ... FOR UPDATE SKIP LOCKED``, elsewhere (SQLite) with one conditional
   ``UPDATE`` per row that only succeeds if nobody else has claimed it. A claim is a lease
   (``CLAIM_SECONDS``): a worker killed mid-run leaves rows that another run picks up when it ends.
2. Send each with the DELIVERY backend (``settings.NOLAN_DELIVERY_EMAIL_BACKEND``) directly, not the
   outbox backend, so the outbox is the only queue.
3. Mark it sent at once (only if the claim is still ours). A failure keeps the row, records the
   error, and waits ``retry_delay(attempts)`` before the next attempt (NOLAN_EMAIL_RETRY_DELAY seconds,
   doubled after each failure, at most an hour); after ``MAX_ATTEMPTS`` the row
   is marked failed and stays for review.

Exactly once: a message is never queued twice (the unique key) and never sent by two runs at once
(the claim). The one window left is a worker killed after the relay accepted a message and before
the row was marked sent, a few milliseconds; the message then goes again when the lease ends, with
the same Message-ID (made from the dedupe key) so mail systems can recognise the repeat.

There is no bcc anywhere: every recipient is in To or Cc and named (Haringey 12.29).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from nolan.mail.models import OutboxMessage

log = logging.getLogger(__name__)

CLAIM_SECONDS = 300
MAX_ATTEMPTS = 8
BATCH = 100


@dataclass(frozen=True)
class Address:
    name: str
    email: str
    why: str = ""

    def as_dict(self) -> dict:
        data = {"name": self.name, "email": self.email}
        if self.why:
            data["why"] = self.why
        return data

    def formatted(self) -> str:
        name = self.name.replace('"', "'")
        return f'"{name}" <{self.email}>' if name else self.email


#: The longest wait between two attempts.
LONGEST_WAIT = datetime.timedelta(hours=1)


def retry_delay(attempts: int) -> datetime.timedelta:
    """NOLAN_EMAIL_RETRY_DELAY seconds after the first failed attempt, doubled after each further one
    (1, 2, 4, 8... minutes with the default of 60), at most an hour."""
    seconds = settings.NOLAN_EMAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return min(datetime.timedelta(seconds=seconds), LONGEST_WAIT)


def enqueue(
    *,
    dedupe_key: str,
    kind: str,
    to: Iterable[Address],
    subject: str,
    body: str,
    not_before: datetime.datetime,
    not_before_reason: str = "",
    cc: Iterable[Address] = (),
    reference: str = "",
    urgent: bool = False,
    from_email: str = "",
    reply_to: Iterable[str] = (),
    alternatives: Iterable[tuple[str, str]] = (),
) -> tuple[OutboxMessage, bool]:
    """Queue one message in the caller's transaction. Returns (row, created); an existing key is kept
    as it is and nothing new is queued. ``reference``: the case it is about, if any (its header)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue must run inside the transaction that makes the change it reports.")
    to = [a for a in to if a.email]
    if not to:
        raise ValueError(f"Message {dedupe_key!r} has no recipient with an e-mail address.")
    existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            row = OutboxMessage.objects.create(
                dedupe_key=dedupe_key[:200],
                kind=kind,
                reference=reference,
                from_email=from_email,
                to=[a.as_dict() for a in to],
                cc=[a.as_dict() for a in cc if a.email],
                reply_to=list(reply_to),
                alternatives=[[content, mimetype] for content, mimetype in alternatives],
                subject=subject[:300],
                body=body,
                urgent=urgent,
                not_before=not_before,
                not_before_reason=not_before_reason,
                next_attempt_at=not_before,
            )
    except IntegrityError:
        return OutboxMessage.objects.get(dedupe_key=dedupe_key), False
    return row, True


def _due(now: datetime.datetime):
    return OutboxMessage.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        sent_at__isnull=True,
        failed_at__isnull=True,
        next_attempt_at__lte=now,
    )


def claim(now: datetime.datetime, *, limit: int = BATCH) -> tuple[str, list[OutboxMessage]]:
    """Claim up to ``limit`` due messages for this run. Returns (claim token, rows)."""
    token = secrets.token_hex(16)
    lease = now + datetime.timedelta(seconds=CLAIM_SECONDS)
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(
                _due(now)
                .order_by("next_attempt_at", "id")
                .select_for_update(skip_locked=True)
                .values_list("id", flat=True)[:limit]
            )
            OutboxMessage.objects.filter(id__in=ids).update(claimed_until=lease, claim_token=token)
    else:
        ids = []
        for pk in _due(now).order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]:
            # The same conditions again, in the UPDATE itself: only one run can win each row.
            if _due(now).filter(pk=pk).update(claimed_until=lease, claim_token=token):
                ids.append(pk)
    rows = list(OutboxMessage.objects.filter(id__in=ids, claim_token=token).order_by("next_attempt_at", "id"))
    return token, rows


def message_id(row: OutboxMessage) -> str:
    digest = hashlib.sha256(row.dedupe_key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "nolan.invalid"
    return f"<{digest}@{domain}>"


def build(row: OutboxMessage, *, connection=None) -> EmailMultiAlternatives:
    headers = {"Message-ID": message_id(row), "X-Nolan-Message": row.kind}
    if row.reference:
        headers["X-Nolan-Reference"] = row.reference
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[Address(a["name"], a["email"]).formatted() for a in row.to],
        cc=[Address(a["name"], a["email"]).formatted() for a in row.cc],
        reply_to=row.reply_to,
        headers=headers,
        connection=connection,
    )
    for content, mimetype in row.alternatives:
        message.attach_alternative(content, mimetype)
    return message


def dispatch_due(now: datetime.datetime | None = None, *, limit: int = BATCH) -> dict[str, int]:
    """Send what is due. Returns counts of sent, failed (will retry) and given up."""
    now = now or timezone.now()
    token, rows = claim(now, limit=limit)
    counts = {"sent": 0, "retrying": 0, "given_up": 0}
    if not rows:
        return counts
    mail = get_connection(settings.NOLAN_DELIVERY_EMAIL_BACKEND)
    for row in rows:
        attempts = row.attempts + 1
        try:
            build(row, connection=mail).send()
        except Exception as error:  # any failure of the relay is kept for the next attempt
            log.warning("Sending %s failed (attempt %s): %s", row.dedupe_key, attempts, error)
            failed = attempts >= MAX_ATTEMPTS
            OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(
                attempts=attempts,
                last_error=f"{type(error).__name__}: {error}"[:2000],
                next_attempt_at=max(now, timezone.now()) + retry_delay(attempts),
                failed_at=max(now, timezone.now()) if failed else None,
                claimed_until=None,
                claim_token="",
            )
            counts["given_up" if failed else "retrying"] += 1
            continue
        OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(
            attempts=attempts, sent_at=timezone.now(), last_error="", claimed_until=None, claim_token=""
        )
        counts["sent"] += 1
    return counts


def next_attempt() -> datetime.datetime | None:
    """When the earliest message waiting to be tried again is due (None if none is waiting)."""
    return (
        OutboxMessage.objects.filter(sent_at__isnull=True, failed_at__isnull=True, attempts__gt=0)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
