"""The outbox: every e-mail Nolan sends is a row here first (see ``outbox``)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """An e-mail to send, written in the same transaction as the change that causes it.

    ``dedupe_key`` is unique, so a step retried, or a chasing run repeated after a crash, can never
    queue the same message twice (``chase:<enquiry>:<rung>``, ``digest:<officer>:<date>``). The
    dispatcher (``outbox.dispatch_due``) claims due rows, sends them and marks them sent; a failure
    keeps the row, records the error and waits before the next attempt. There is no bcc: everyone
    who receives a message is named in it (Haringey 12.29).

    ``reference`` is the reference of the case the message is about (``ME-2026-000129``), sent as the
    ``X-Nolan-Reference`` header; which case's record it belongs to is the workflow's own table (for
    Member Enquiries, ``EnquiryMessage``). A message from Django's own mail (a sign-in code, a password
    reset) has none, and keeps who it is from, who to reply to and any other form of its text.
    """

    dedupe_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    reference = models.CharField(max_length=40, blank=True)
    from_email = models.CharField(max_length=320, blank=True, help_text="Blank: DEFAULT_FROM_EMAIL.")
    to = models.JSONField(help_text='[{"name": ..., "email": ...}]')
    cc = models.JSONField(default=list, blank=True, help_text='[{"name": ..., "email": ..., "why": ...}]')
    reply_to = models.JSONField(default=list, blank=True, help_text='["address", ...]')
    subject = models.CharField(max_length=300)
    body = models.TextField()
    alternatives = models.JSONField(default=list, blank=True, help_text='[["<p>...</p>", "text/html"]]')
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    not_before = models.DateTimeField(help_text="Not sent before this time (working hours).")
    not_before_reason = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the dispatcher gives up; the row stays for review."
    )

    class Meta:
        # The table Member Enquiries created, when the outbox was its own: its rows stay where they are.
        db_table = "enquiries_outboxmessage"
        ordering = ["next_attempt_at", "id"]
        indexes = [
            models.Index(fields=["sent_at", "failed_at", "next_attempt_at"], name="outbox_due"),
        ]

    audit_confidential = True

    def __str__(self) -> str:
        # Never the subject: this is the title of the message's page in the system administration.
        return f"{self.kind} message {self.pk}"
