"""Checking the audit trail: recompute every hash and follow every link."""

from __future__ import annotations

from dataclasses import dataclass

from nolan.audit.chain import GENESIS, HASHED_FIELDS, event_hash
from nolan.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken_event_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_chain(batch_size: int = 2000) -> VerifyResult:
    previous = GENESIS
    checked = 0
    fields = ["id", "prev_hash", "hash", *HASHED_FIELDS]
    for row in AuditEvent.objects.order_by("id").values(*fields).iterator(chunk_size=batch_size):
        if row["prev_hash"] != previous:
            return VerifyResult(
                checked,
                row["id"],
                f"Audit event #{row['id']} ({row['action']}) does not follow the event before it: "
                "an event before it was removed or altered.",
            )
        if event_hash(row, row["prev_hash"]) != row["hash"]:
            return VerifyResult(
                checked,
                row["id"],
                f"Audit event #{row['id']} ({row['action']} by {row['actor_label']} at "
                f"{row['occurred_at']:%Y-%m-%d %H:%M:%S} UTC) has been altered: its contents no longer "
                "match its hash.",
            )
        previous = row["hash"]
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_hash != previous or head.count != checked):
        return VerifyResult(
            checked, None, f"The newest {head.count - checked} audit event(s) have been removed from the end."
        )
    return VerifyResult(checked)
