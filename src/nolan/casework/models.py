"""What every case-like workflow keeps, as abstract models its own tables are built from.

Each workflow has its own tables (an enquiry's files are ``enquiries.Attachment``, a complaint's will
be the complaints app's), with the foreign key to its own case; nothing here points at a case of any
kind, so there is no generic foreign key to follow and no table shared between workflows. The one
concrete model is the reference counter, which every workflow's series shares (``references``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolan.directory.models import Officer


class ReferenceCounter(models.Model):
    """The last reference number issued in a series and year (see ``references``)."""

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="reference_counter_unique")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last}"


class AttachmentBase(models.Model):
    """A file attached to a case, stored under MEDIA_ROOT with a random name (``attachments.store``);
    the name it was sent with is kept only as data. A workflow's model adds the foreign key to its case
    and, if it wants one, an ``upload_to`` for ``file``."""

    file = models.FileField(max_length=255, blank=True)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the file was deleted under the retention rule."
    )

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    audit_confidential = True

    def __str__(self) -> str:
        return self.original_name


class TimelineEntryBase(models.Model):
    """One entry of a case's timeline, written by ``timeline.record_step`` with the step's audit event.
    Append-only. A workflow's model adds the foreign key to its case (naming it in ``case_field``), and
    ``kind`` with its own choices; ``internal_kinds`` are the kinds the Member does not see."""

    case_field: str = "case"
    internal_kinds: frozenset[str] = frozenset()

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    capacity = models.CharField(max_length=120, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    visible_to_member = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    audit_confidential = True


class AccessRowBase(models.Model):
    """An officer who may see a case, and why (``circles``). A workflow's model adds the foreign key
    to its case (unique with ``officer``, and named in ``case_field``) and gives ``reason`` its own
    choices."""

    case_field: str = "case"

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=30)

    class Meta:
        abstract = True

    audit_confidential = True
