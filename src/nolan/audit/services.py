"""Writing to the audit trail. Every service that changes a record calls ``record`` in its transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from nolan.audit import head as head_file
from nolan.audit.chain import GENESIS, event_mac, plain
from nolan.audit.models import AuditChainHead, AuditEvent

SYSTEM = "Nolan (system)"


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of a record's fields, for an event's before and after."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return plain({name: getattr(instance, name) for name in names})


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def label_of(target: models.Model) -> str:
    """How the trail names a record: its ``audit_label`` if its model gives one (a model whose ``str``
    holds confidential text, such as an enquiry's subject, must), otherwise its ``str``."""
    label = getattr(target, "audit_label", None)
    return str(target if label is None else label)[:300]


@transaction.atomic
def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    about: type[models.Model] | None = None,
    capacity: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    extra: dict | None = None,
    at: datetime.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction; once it commits, the chain's
    head is written outside the database too (``head``).

    ``about``: for an event about records of a kind rather than one record (a list or an export), the
    model; the event then has its type, so it is treated as that model's records are."""
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    if target is not None:
        target_type, target_id, target_label = target._meta.label_lower, str(target.pk), label_of(target)
    elif about is not None:
        target_type, target_id, target_label = (
            about._meta.label_lower,
            "",
            str(about._meta.verbose_name_plural),
        )
    else:
        target_type = target_id = target_label = ""
    fields = {
        "occurred_at": (at or timezone.now()).astimezone(datetime.UTC),
        "actor_id": actor_obj.pk if actor_obj else None,
        "actor_label": (str(actor_obj) if actor_obj else SYSTEM)[:200],
        "capacity": capacity[:120],
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "target_label": target_label,
        "before": plain(before) if before is not None else None,
        "after": plain(after) if after is not None else None,
        "reason": reason,
        "extra": plain(extra or {}),
    }
    digest = event_mac(fields, head.last_hash)
    event = AuditEvent(prev_hash=head.last_hash, hash=digest, **fields)
    event.save()
    head.last_hash = digest
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    head_file.after_commit(head.count, digest)
    return event


def record_view(*, actor, target: models.Model, capacity: str = "") -> AuditEvent:
    """Viewing a confidential record is an event too."""
    return record(actor=actor, action="viewed", target=target, capacity=capacity)
