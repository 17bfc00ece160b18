"""The test workflow's own tables, built on casework's abstract models.

The app is not installed (Nolan ships no such workflow), so each model names its app label and the
tests create the tables for the module that uses them (``conftest.example_tables``)."""

from __future__ import annotations

from django.db import models

from nolan.casework.models import AccessRowBase, TimelineEntryBase
from nolan.directory.models import Member, Officer

APP = "example_workflow"


class Concern(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    subject = models.CharField(max_length=200)
    raised_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+")
    received = models.DateField()
    due_date = models.DateField()
    closed = models.BooleanField(default=False)

    class Meta:
        app_label = APP

    def __str__(self) -> str:
        return self.reference


class ConcernEntry(TimelineEntryBase):
    case_field = "concern"
    internal_kinds = frozenset({"chased"})

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=30)

    class Meta(TimelineEntryBase.Meta):
        app_label = APP


class ConcernAccess(AccessRowBase):
    case_field = "concern"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="access")

    class Meta:
        app_label = APP
        constraints = [models.UniqueConstraint(fields=["concern", "officer"], name="example_access_unique")]
