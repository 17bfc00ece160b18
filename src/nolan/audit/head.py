"""The chain's head kept outside the database: a line appended to a file, and to the log, on each commit.

After a transaction that added audit events commits, its newest event is written out as one line,
appended to NOLAN_AUDIT_HEAD_FILE (default ``var/audit-head.log``) and logged by ``nolan.audit.head``:

    2026-11-24T09:16:00.123456+00:00 154 <MAC of event 154> <MAC of this line>

that is, when, how many events there were, the newest event's MAC, and the line's own MAC under the
audit key (so no one without the key can add a line). The file should be append-only for the
database's user (``chattr +a``, or owned by another account); the log goes wherever the council's
logs go. ``verify`` compares every line with the database: a database shorter than the file, or one
whose event at a line's count has another MAC, has been cut back. A file behind the database is not
tampering: a process stopped between a commit and its line, and the events after the last line are
still checked by their MACs.

One line per transaction, whatever the number of events in it: each ``record`` asks for a line after
the commit, and only the transaction's last event writes one. A line is only ever written for an
event that committed (``transaction.on_commit`` drops the callbacks of a rolled-back savepoint), so
the file never names an event the database did not keep. (If the transaction's last event was in a
savepoint that rolled back, the transaction writes no line; the next transaction's line covers it.)
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction

from nolan.audit.chain import head_mac, same

log = logging.getLogger(__name__)
_newest = threading.local()  # the count of the last event this thread recorded


def path() -> Path:
    return Path(settings.NOLAN_AUDIT_HEAD_FILE)


def after_commit(count: int, mac: str) -> None:
    """Called for each event appended: write the head out once the transaction commits."""
    _newest.count = count
    transaction.on_commit(partial(_write, count, mac), robust=True)


def _write(count: int, mac: str) -> None:
    if count < getattr(_newest, "count", 0):
        return  # a later event of the same transaction writes the line
    line = format_line(count, mac)
    log.info("audit head %s", line)
    target = path()
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(descriptor, f"{line}\n".encode())
        finally:
            os.close(descriptor)
    except OSError as error:
        log.error("The audit trail's head could not be written to %s: %s", target, error)


def format_line(count: int, mac: str, at: datetime.datetime | None = None) -> str:
    stamp = (at or datetime.datetime.now(datetime.UTC)).isoformat(timespec="microseconds")
    return f"{stamp} {count} {mac} {head_mac(stamp, count, mac)}"


@dataclass(frozen=True)
class Line:
    number: int
    count: int
    mac: str
    authentic: bool
    complete: bool = True  # False: the file's last line, cut short (a stop in the middle of a write)


def read(source: Path | None = None) -> list[Line] | None:
    """Every line of the head file, each checked against its own MAC; None if there is no file."""
    source = source or path()
    try:
        text = source.read_text()
    except FileNotFoundError:
        return None
    lines = []
    raw_lines = text.split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        if not raw:
            continue
        complete = number < len(raw_lines)  # the text after the last newline was never finished
        parts = raw.split(" ")
        if len(parts) == 4 and parts[1].isdigit():
            stamp, count, mac, line_mac = parts[0], int(parts[1]), parts[2], parts[3]
            authentic = same(head_mac(stamp, count, mac), line_mac)
            lines.append(Line(number, count, mac, authentic, complete))
        else:
            lines.append(Line(number, -1, "", False, complete))
    return lines
