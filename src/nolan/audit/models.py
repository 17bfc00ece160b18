"""The append-only audit trail.

Each event records who did what, acting in which capacity, to which record, when, with the before
and after of each change and the reason given. Each event also stores a MAC of its own contents and
of its predecessor's MAC, keyed with NOLAN_AUDIT_KEY (which is not in the database), so any later
edit or deletion breaks the chain and ``nolan audit verify`` names the first broken link; the
chain's head is also written outside the database after each commit, so that removing the newest
events is found too (``chain``, ``head``).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, help_text="Who acted, as they were named at the time.")
    capacity = models.CharField(max_length=120, blank=True, help_text="The capacity they acted in.")
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "id"]),
            models.Index(fields=["actor", "id"]),
            models.Index(fields=["action", "id"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_append", False):
            raise AppendOnlyError("Audit events cannot be changed.")
        kwargs.pop("_append", None)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def about_confidential_record(self) -> bool:
        """True if the event is about a record whose model says ``audit_confidential`` (an enquiry and
        what belongs to it), or one Nolan no longer knows: its before, after, reason and extra are
        then not shown outside the record's own pages."""
        if not self.target_type:
            return False
        try:
            model = apps.get_model(self.target_type)
        except (LookupError, ValueError):
            return True
        return bool(getattr(model, "audit_confidential", False))


class AuditChainHead(models.Model):
    """One row: the MAC of the newest event and how many there are. Locked while appending, so events
    are added one transaction at a time. The database's own copy of the head: ``verify`` checks it
    against the chain and the head file."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} events, newest {self.last_hash[:12]}"
