"""The council's own working-day changes and the calendar's versions.

``CalendarOverride``: a day the council adds to its region's bank holidays (a one-off bank holiday,
an office closure day) or a bank holiday on which its offices open. Removing one keeps the row, with
who removed it and why. ``CalendarVersion``: each distinct state of a region's calendar, identified
by the content hash of its holidays and overrides (``WorkingCalendar.content_hash``); every stored
deadline records the version it used (the first 16 characters of the hash).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nolan.directory.models import BankHolidayRegion


class OverrideKind(models.TextChoices):
    BANK_HOLIDAY = "bank_holiday", "Extra bank holiday"
    CLOSURE = "closure", "Office closure day"
    OPENING = "opening", "Offices open on a bank holiday"


class CalendarOverrideQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)

    def for_region(self, region: str):
        """The overrides that apply in ``region``: its own and those for every region."""
        return self.filter(Q(region=region) | Q(region=""))


class CalendarOverride(models.Model):
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=OverrideKind.choices)
    description = models.CharField(
        max_length=100, help_text="How the day is named in explanations, e.g. “Council offices closed”."
    )
    region = models.CharField(
        max_length=30, choices=BankHolidayRegion.choices, blank=True, help_text="Blank: every region."
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removal_reason = models.CharField(max_length=500, blank=True)

    objects = CalendarOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["removed_at", "date"], name="calendar_override_active_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "region"],
                condition=Q(removed_at__isnull=True),
                name="calendar_one_active_override_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}: {self.description}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None

    @property
    def region_label(self) -> str:
        return self.get_region_display() if self.region else "Every region"


class CalendarVersion(models.Model):
    region = models.CharField(max_length=30, choices=BankHolidayRegion.choices)
    number = models.PositiveIntegerField(help_text="1, 2, 3… for each region.")
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    cause = models.CharField(max_length=300)
    holidays_package = models.CharField(max_length=20, blank=True)
    content = models.JSONField(default=dict, help_text="The holidays and overrides the hash is of.")
    recomputed = models.PositiveIntegerField(
        default=0, help_text="Open deadlines worked out again when this version took effect."
    )

    class Meta:
        ordering = ["region", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="calendar_version_number_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.get_region_display()} calendar, version {self.number} ({self.version})"

    @property
    def version(self) -> str:
        """What a deadline records: the first 16 characters of the content hash."""
        return self.content_hash[:16]
