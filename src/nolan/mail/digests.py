"""The daily digest: one e-mail per officer per working day, to which each workflow adds its section.

A workflow registers a source in its ``AppConfig.ready`` (``register(source)``, the pattern of
``nolan.calendar.recompute``): ``source(now=..., council_row=...)`` returns what it has for today (a
``Contributor``: who may have something, and each one's ``Section``), or None when it has nothing to
add today (its ladder does not run, say). This module imports no workflow.

``send_all`` builds every officer's digest at the start of the working day: the sections the
officer has something in, in the order the workflows registered, then the closing lines. An officer
with nothing in any section gets no digest. The dedupe key ``digest:<officer>:<date>`` makes it once a
day however often the run is repeated; the digest and what each section records with it (Member
Enquiries records the reminders it gives) are written in one transaction. A digest not built before
the working day ends is not sent late: the next working day's lists everything.

Like every message, a section names no resident: references, subjects, dates and where to read them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone

from nolan.calendar.services import current_calendar
from nolan.directory.models import Officer
from nolan.mail import compose, hours, outbox, tasks
from nolan.mail.models import OutboxMessage

#: The kind of a digest's outbox row.
KIND = "digest"


@dataclass
class Section:
    """One workflow's part of an officer's digest."""

    lines: list[str]  # its text, between the greeting and the closing lines
    count: int  # how many things it lists (for the subject)
    subject: str  # the digest's subject when this is its only section
    note: str = ""  # a sentence added to the closing line that says when the digest is sent
    #: Called with the digest's outbox row in the digest's transaction; returns how many things it
    #: recorded (reminders given, say).
    record: Callable[[OutboxMessage], int] | None = None


class Contributor(Protocol):
    def recipients(self) -> Iterable[Officer]:
        """Officers who may have something in today's section (a few queries, whatever the numbers)."""

    def section(self, officer: Officer) -> Section | None:
        """The officer's section today, or None if there is nothing in it for them."""


Source = Callable[..., Contributor | None]

_registered: list[Source] = []


def register(source: Source) -> Source:
    """Register ``source`` (once, however often this is called); returns it, so it works as a decorator."""
    if source not in _registered:
        _registered.append(source)
    return source


def unregister(source: Source) -> None:
    if source in _registered:
        _registered.remove(source)


def registered() -> tuple[Source, ...]:
    return tuple(_registered)


@dataclass
class Sent:
    digests: int = 0
    recorded: int = 0  # what the sections recorded with their digests
    already: int = 0


def dedupe_key(officer_id: int, day: datetime.date) -> str:
    return f"digest:{officer_id}:{day.isoformat()}"


def compose_digest(officer: Officer, day: datetime.date, sections: list[Section]) -> tuple[str, str]:
    """The digest's subject and text."""
    lines = [f"Dear {officer.full_name},"]
    for section in sections:
        lines += ["", *section.lines]
    when = "This digest is sent once each working day, at its start."
    lines += [" ".join([when, *(s.note for s in sections if s.note)]), compose.SENT_BY.rstrip("\n")]
    if len(sections) == 1:
        subject = sections[0].subject
    else:
        subject = f"Needing your attention in Nolan, {hours.day(day)} ({sum(s.count for s in sections)})"
    return subject, "\n".join(lines) + "\n"


@transaction.atomic
def send(
    officer: Officer, sections: list[Section], *, day: datetime.date, now: datetime.datetime, council_row
) -> tuple[OutboxMessage | None, int]:
    """Queue the officer's digest and what its sections record, in one transaction. Returns (the
    digest's outbox row, or None if it was queued before; how many things the sections recorded)."""
    key = dedupe_key(officer.pk, day)
    if OutboxMessage.objects.filter(dedupe_key=key).exists():
        return None, 0
    subject, body = compose_digest(officer, day, sections)
    when = hours.send_time(council_row, now, urgent=False)
    row, created = outbox.enqueue(
        dedupe_key=key,
        kind=KIND,
        to=[outbox.Address(officer.full_name, officer.email)],
        subject=subject,
        body=body,
        not_before=when.at,
        not_before_reason="; ".join(str(r) for r in when.reasons),
    )
    if not created:
        return None, 0
    return row, sum(section.record(row) for section in sections if section.record is not None)


def in_working_day(council_row, now: datetime.datetime) -> bool:
    """Whether ``now`` is within the council's working day (when a digest may be built)."""
    local = timezone.localtime(now)
    if not current_calendar(council_row).is_working_day(local.date()):
        return False
    return hours.day_starts(council_row) <= local.time() < hours.day_ends(council_row)


def contributors(*, now: datetime.datetime, council_row) -> list[Contributor]:
    found = (source(now=now, council_row=council_row) for source in registered())
    return [c for c in found if c is not None]


def recipients(found: list[Contributor]) -> list[Officer]:
    officers: dict[int, Officer] = {}
    for contributor in found:
        for officer in contributor.recipients():
            officers.setdefault(officer.pk, officer)
    return sorted(officers.values(), key=lambda o: (o.last_name, o.first_name, o.pk))


def send_all(*, now: datetime.datetime, council_row, wake: bool = True, batch: int = 25) -> Sent:
    """Every officer's digest for today, unless it is not a working day or the working day has not
    started or has ended. Each officer's digest in its own transaction."""
    sent = Sent()
    if not in_working_day(council_row, now):
        return sent
    day = timezone.localtime(now).date()
    found = contributors(now=now, council_row=council_row)
    for officer in recipients(found):
        sections = [s for s in (c.section(officer) for c in found) if s is not None]
        if not sections:
            continue
        try:
            row, recorded = send(officer, sections, day=day, now=now, council_row=council_row)
        except IntegrityError:
            # Another run queued this digest (or something a section records) first: its rows stand.
            sent.already += 1
            continue
        if row is None:
            sent.already += 1
            continue
        sent.digests += 1
        sent.recorded += recorded
        if wake and sent.digests % batch == 0:
            tasks.wake_dispatcher()
    if wake and sent.digests % batch:
        tasks.wake_dispatcher()
    return sent
