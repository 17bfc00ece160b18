"""Checking the audit trail: every event's MAC and link, the chain-head row, and the head kept outside
the database (``head``).

What each finding means:

- ``altered``: an event's contents no longer match its MAC. An edit whose hashes were recomputed
  without the audit key (as anyone with the database could do with plain SHA-256) is found here.
- ``unlinked``: an event does not follow the one before it (an event between them was removed).
- ``head_file_forged``: a line of the head file was not written with the audit key.
- ``tail_removed``: the head file records more events than the database holds: the newest were
  deleted, with or without the chain-head row.
- ``diverged``: the database holds another event at a position the head file records: the trail was
  cut back and written again from there (or the database restored from an older copy).
- ``head_row_removed``, ``head_row_replaced``: the chain-head row is missing, or says something the
  chain and the head file do not. ``head_row_ahead``: it says there are more events than the chain
  holds and the head file cannot tell which is true (it has no line for them): either the newest
  events were removed before their line was written, or the row was replaced.

A head file behind the database is not a finding: a process stopped between a commit and its line.
The events after its last line are still checked by their MACs, and the result says how many.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nolan.audit import head as head_file
from nolan.audit.chain import GENESIS, HASHED_FIELDS, audit_key, event_mac, same
from nolan.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken_event_id: int | None = None
    problem: str = ""
    finding: str = ""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problem


def _broken(checked: int, finding: str, problem: str, event_id: int | None = None) -> VerifyResult:
    return VerifyResult(checked, event_id, problem, finding)


def _head_file_lines(source: Path) -> tuple[dict[int, head_file.Line], VerifyResult | None]:
    """The head file's lines by count, or the finding if a line is not Nolan's."""
    lines = head_file.read(source) or []
    by_count: dict[int, head_file.Line] = {}
    for line in lines:
        if not line.authentic:
            if not line.complete:
                continue  # the last line cut short by a stop: the lines before it stand
            return {}, _broken(
                0,
                "head_file_forged",
                f"Line {line.number} of the head file {source} was not written by Nolan: its MAC does not "
                "match (it was added or changed without the audit key).",
            )
        earlier = by_count.setdefault(line.count, line)
        if not same(earlier.mac, line.mac):
            return {}, _broken(
                0,
                "diverged",
                f"The head file {source} records two different events as event number {line.count} "
                f"(lines {earlier.number} and {line.number}): the trail was cut back to before it and "
                "written again from there.",
            )
    return by_count, None


def verify_chain(batch_size: int = 2000, head_file_path: Path | str | None = None) -> VerifyResult:
    key = audit_key()
    source = Path(head_file_path) if head_file_path else head_file.path()
    file_exists = source.exists()
    expected, bad_file = _head_file_lines(source)  # reported after the events' own MACs

    previous = GENESIS
    checked = 0
    fields = ["id", "prev_hash", "hash", *HASHED_FIELDS]
    for row in AuditEvent.objects.order_by("id").values(*fields).iterator(chunk_size=batch_size):
        if row["prev_hash"] != previous:
            return _broken(
                checked,
                "unlinked",
                f"Audit event #{row['id']} ({row['action']}) does not follow the event before it: "
                f"an event before it was removed or altered. ({checked} events before it are intact.)",
                row["id"],
            )
        if not same(event_mac(row, row["prev_hash"], key), row["hash"]):
            hint = (
                " If every event fails this way, NOLAN_AUDIT_KEY is not the key the trail was written with."
                if checked == 0
                else ""
            )
            return _broken(
                checked,
                "altered",
                f"Audit event #{row['id']} ({row['action']} by {row['actor_label']} at "
                f"{row['occurred_at']:%Y-%m-%d %H:%M:%S} UTC) has been altered: its contents no longer "
                "match its MAC, which only the audit key can make. "
                f"({checked} events before it are intact.){hint}",
                row["id"],
            )
        previous = row["hash"]
        checked += 1
        line = expected.get(checked)
        if line is not None and not same(line.mac, previous):
            return _broken(
                checked,
                "diverged",
                f"Audit event #{row['id']} is not the event the head file {source} recorded as event number "
                f"{checked} (line {line.number}): the trail was cut back to before it and written again "
                "from there, or the database was restored from an older copy.",
                row["id"],
            )

    if bad_file:
        return VerifyResult(checked, None, bad_file.problem, bad_file.finding)
    row = AuditChainHead.objects.filter(pk=1).first()
    newest = max(expected, default=0)
    if newest > checked:
        if row is None:
            what_of_row = "The chain-head row was removed too."
        elif (row.count, row.last_hash) == (checked, previous):
            what_of_row = "The chain-head row was rewritten to match what is left."
        else:
            what_of_row = f"The chain-head row says {row.count}."
        return _broken(
            checked,
            "tail_removed",
            f"The newest {newest - checked} audit event(s) have been removed from the end: the head file "
            f"{source} (line {expected[newest].number}) records {newest} events, the database holds "
            f"{checked}. {what_of_row}",
        )
    if row is None:
        if checked:
            return _broken(
                checked,
                "head_row_removed",
                f"The chain-head row has been removed; the {checked} events themselves are intact.",
            )
    elif (row.count, row.last_hash) != (checked, previous):
        recorded = expected.get(row.count)
        if row.count <= checked or (recorded is not None and not same(recorded.mac, row.last_hash)):
            return _broken(
                checked,
                "head_row_replaced",
                f"The chain-head row has been replaced: it says {row.count} events ending "
                f"{row.last_hash[:12]}, but the chain has {checked} ending {previous[:12]}, and Nolan never "
                "writes one without the other.",
            )
        return _broken(
            checked,
            "head_row_ahead",
            f"The chain-head row says {row.count} events but the chain has {checked}, and the head file "
            f"{source} records no more than {newest}: either the newest {row.count - checked} event(s) were "
            "removed after its last line was written, or the chain-head row was replaced.",
        )

    notes = []
    if not file_exists and checked:
        notes.append(
            f"There is no head file at {source} yet: the end of the trail was checked against the "
            "chain-head row alone."
        )
    elif newest < checked:
        notes.append(
            f"The newest {checked - newest} event(s) were committed after the head file's last line "
            "(a stop between a commit and its line); their MACs are valid."
        )
    return VerifyResult(checked, notes=tuple(notes))
