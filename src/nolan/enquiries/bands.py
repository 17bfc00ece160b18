"""Red, amber and green: how near an open enquiry is to its due date, worked out in one place.

Red once the due date has passed; amber when it is due today or within ``AMBER_WORKING_DAYS`` working
days of the council's calendar; green otherwise; no band once the enquiry is no longer open. Every
place that shows or filters by the band reads it from here: a single enquiry (``band``), a page of
them with the calendar consulted once (``Bands``), a list's query (``Bands.annotate``, ``Bands.narrow``),
and the words for each band on a page's tag, in a list's filter and in the API (``BANDS``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone

from nolan.enquiries import deadlines
from nolan.enquiries.models import OPEN_STATUSES

AMBER_WORKING_DAYS = 2
_IN_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}

RED = "red"
AMBER = "amber"
GREEN = "green"


@dataclass(frozen=True)
class Band:
    """One band and its words: ``label`` on a page's tag (with ``colour``, which only repeats what the
    words say), ``choice`` in a list's filter, ``meaning`` in the API."""

    name: str
    label: str
    colour: str
    choice: str
    meaning: str


BANDS = (
    Band(RED, "Red: overdue", "govuk-tag--red", choice="Red: overdue", meaning="Overdue"),
    Band(
        AMBER,
        "Amber: due soon",
        "govuk-tag--orange",
        choice=f"Amber: due within {AMBER_WORKING_DAYS} working days",
        meaning=f"Due within {_IN_WORDS[AMBER_WORKING_DAYS]} working days",
    ),
    Band(GREEN, "Green: on track", "govuk-tag--green", choice="Green: on track", meaning="On time"),
)
BY_NAME = {band.name: band for band in BANDS}


@dataclass(frozen=True)
class Bands:
    """The bands on one day, with the calendar consulted once rather than per enquiry."""

    today: datetime.date
    green_from: datetime.date  # the first due date that is green

    @classmethod
    def for_today(cls, today: datetime.date | None = None) -> Bands:
        today = today or timezone.localdate()
        return cls(today, deadlines.add_working_days(None, today, AMBER_WORKING_DAYS + 1))

    def of_values(self, status: str, due_date: datetime.date) -> str:
        """The band of an enquiry with this status and due date ("" once not open)."""
        if status not in OPEN_STATUSES:
            return ""
        if due_date < self.today:
            return RED
        if due_date < self.green_from:
            return AMBER
        return GREEN

    def of(self, enquiry) -> str:
        return self.of_values(enquiry.status, enquiry.due_date)

    def of_row(self, row: dict) -> str:
        """For an export row (a dict from ``selectors.export_rows``)."""
        return self.of_values(row["status"], row["due_date"])

    def where(self, name: str) -> Q:
        """The enquiries in the band ``name``, as a query condition."""
        open_ = Q(status__in=OPEN_STATUSES)
        if name == RED:
            return open_ & Q(due_date__lt=self.today)
        if name == AMBER:
            return open_ & Q(due_date__gte=self.today, due_date__lt=self.green_from)
        if name == GREEN:
            return open_ & Q(due_date__gte=self.green_from)
        raise ValueError(f"No band called {name!r}")

    def narrow(self, qs: QuerySet, name: str) -> QuerySet:
        """Only the enquiries in one band (a list's red/amber/green filter); all of them for no band."""
        return qs.filter(self.where(name)) if name else qs

    def annotate(self, qs: QuerySet) -> QuerySet:
        """Each row's band as ``rag_status``, worked out in the query ("" once not open)."""
        return qs.annotate(
            rag_status=Case(
                *(When(self.where(band.name), then=Value(band.name)) for band in BANDS),
                default=Value(""),
                output_field=CharField(),
            )
        )


def band(enquiry, today: datetime.date | None = None) -> str:
    """The band of one enquiry today (or on ``today``): red, amber, green, or "" once not open."""
    return Bands.for_today(today).of(enquiry)
