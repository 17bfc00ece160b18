"""Shared model pieces."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DatedQuerySet(models.QuerySet):
    """Rows that hold for a period: ``start`` inclusive, ``end`` exclusive (None means still current)."""

    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gt=on))

    def ended(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(end__isnull=False, end__lte=on)


class Dated(models.Model):
    """A membership, role or post that starts and may end. History is kept by ending, never overwriting."""

    start = models.DateField(default=timezone.localdate)
    end = models.DateField(null=True, blank=True, help_text="First day it no longer holds; blank if current.")

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start <= on and (self.end is None or self.end > on)
