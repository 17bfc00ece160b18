"""Enquiry references: ``ME-2026-000123``, unique, and quotable in e-mail subjects.

Numbers run per year from 1. ``next_reference`` must be called inside the transaction that saves the
enquiry: it increments the year's counter with one UPDATE, which on PostgreSQL locks the counter row
until the transaction ends and on SQLite takes the database's write lock (the settings open every
transaction with BEGIN IMMEDIATE), so two enquiries raised at the same moment never get the same
number, and a rolled-back enquiry gives its number back.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F

from nolan.enquiries.models import ReferenceCounter

SERIES = "ME"
PATTERN = re.compile(r"\b(ME-\d{4}-\d{6,})\b")


def format_reference(year: int, number: int, series: str = SERIES) -> str:
    return f"{series}-{year}-{number:06d}"


def next_reference(year: int, series: str = SERIES) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference must run inside the transaction that saves the enquiry.")
    counters = ReferenceCounter.objects.filter(series=series, year=year)
    if not counters.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(series=series, year=year, last=1)
                return format_reference(year, 1, series)
        except IntegrityError:
            # Another transaction created the year's counter first: take the next number after it.
            counters.update(last=F("last") + 1)
    return format_reference(year, counters.values_list("last", flat=True).get(), series)


def subject_line(reference: str, text: str) -> str:
    """An e-mail subject that quotes the reference so a reply can be threaded into the enquiry."""
    return f"[{reference}] {text}"


def find_reference(text: str) -> str | None:
    """The first enquiry reference quoted in ``text`` (an e-mail subject, say), if any."""
    match = PATTERN.search(text or "")
    return match.group(1) if match else None
