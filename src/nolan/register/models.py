"""The register of close relationships between Members and officers.

A close relationship (family, partner, business, close friendship) a Member and an officer have
declared to the council, so that the officer is never routed the Member's enquiries. Rows are
created and ended only by ``services``; the workflows read them through ``selectors``. The details
of a declaration are for the Monitoring Officer and the two people concerned: the system
administration pages never show them once written (``admin``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from nolan.directory.models import Member, Officer


class RelationshipNature(models.TextChoices):
    FAMILY = "family", "Family"
    PARTNER = "partner", "Partner"
    BUSINESS = "business", "Business"
    CLOSE_FRIENDSHIP = "close_friendship", "Close friendship"
    OTHER = "other", "Other"


class DeclaredRelationship(models.Model):
    """A close relationship between a Member and an officer, declared to the council.

    A simple list until the register has pages of its own; an officer with a current declaration is
    never routed the Member's enquiries. Ended, never deleted.
    """

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+")
    nature = models.CharField(max_length=20, choices=RelationshipNature.choices)
    details = models.TextField(blank=True)
    declared_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-declared_on"]
        indexes = [models.Index(fields=["member", "officer"])]

    def __str__(self) -> str:
        return f"{self.member} – {self.officer} ({self.get_nature_display()})"
