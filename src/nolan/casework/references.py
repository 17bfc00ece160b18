"""Case references: a workflow's prefix, the year and a number, ``ME-2026-000123``; unique, and
quotable in e-mail subjects.

Each workflow has its own series (its prefix: ``ME`` for Member Enquiries), and numbers run per series
and year from 1. ``next_reference`` must be called inside the transaction that saves the case: it
increments the year's counter with one UPDATE, which on PostgreSQL locks the counter row until the
transaction ends and on SQLite takes the database's write lock (the settings open every transaction
with BEGIN IMMEDIATE), so two cases raised at the same moment never get the same number, and a
rolled-back case gives its number back.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F

from nolan.casework.models import ReferenceCounter

#: A prefix: two to ten capital letters (it is quoted in e-mail subjects and found there again).
PREFIX = re.compile(r"[A-Z]{2,10}")


def _checked(series: str) -> str:
    if not PREFIX.fullmatch(series or ""):
        raise ValueError(f"A reference prefix is two to ten capital letters, not {series!r}.")
    return series


def format_reference(series: str, year: int, number: int) -> str:
    return f"{_checked(series)}-{year}-{number:06d}"


def next_reference(series: str, year: int) -> str:
    """The next reference of ``series`` in ``year``, inside the transaction that saves the case."""
    _checked(series)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference must run inside the transaction that saves the case.")
    counters = ReferenceCounter.objects.filter(series=series, year=year)
    if not counters.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(series=series, year=year, last=1)
                return format_reference(series, year, 1)
        except IntegrityError:
            # Another transaction created the year's counter first: take the next number after it.
            counters.update(last=F("last") + 1)
    return format_reference(series, year, counters.values_list("last", flat=True).get())


def pattern(series: str) -> re.Pattern[str]:
    """A reference of ``series`` anywhere in a text, as a whole word."""
    return re.compile(rf"\b({re.escape(_checked(series))}-\d{{4}}-\d{{6,}})\b")


def find_reference(series: str, text: str) -> str | None:
    """The first reference of ``series`` quoted in ``text`` (an e-mail subject, say), if any."""
    match = pattern(series).search(text or "")
    return match.group(1) if match else None


def subject_line(reference: str, text: str) -> str:
    """An e-mail subject that quotes the reference so a reply can be threaded into the case."""
    return f"[{reference}] {text}"
