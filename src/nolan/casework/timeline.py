"""A step on a case: its timeline entry, its audit event and its e-mail, together.

Every step a workflow takes on a case (raised, assigned, answered, chased...) leaves three things: an
entry on the case's timeline (the workflow's own model, built on ``models.TimelineEntryBase``), an
event on the audit trail (``nolan.audit.services.record``), and the e-mail the step causes. A step
that wrote one and not the others would leave the timeline, the trail and the inboxes telling
different stories, so ``record_step`` writes them in that order, in the caller's transaction: they
commit together or not at all.

E-mail is the caller's: ``mail`` is a list of callables, each given the new timeline entry (a
message usually links to it or quotes it), which queue the workflow's messages through the mail app.
Casework does not compose or send anything itself, and imports no workflow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from nolan.audit.services import SYSTEM, record
from nolan.casework.models import TimelineEntryBase

Entry = TypeVar("Entry", bound=TimelineEntryBase)


@dataclass(frozen=True)
class Audit:
    """The step's audit event: its action (``enquiry.assigned``), what changed and why. It is about the
    case unless ``target`` names another record."""

    action: str
    before: dict | None = None
    after: dict | None = None
    reason: str = ""
    extra: dict | None = None
    target: Model | None = None


def actor_label(actor) -> str:
    """How the timeline names who acted: the person, or Nolan itself for the worker's own steps."""
    return str(actor)[:200] if actor is not None else SYSTEM


def record_step(
    model: type[Entry],
    case: Model,
    kind: str,
    *,
    actor,
    capacity: str,
    text: str = "",
    data: dict | None = None,
    at: datetime.datetime | None = None,
    audit: Audit,
    mail: Sequence[Callable[[Entry], Any]] = (),
) -> Entry:
    """Write the step's timeline entry (``model``, for ``case``), then its audit event, then run each of
    ``mail`` with the entry, all in the caller's transaction. Returns the entry.

    ``actor``: the user acting, or None for the worker's own steps (the entry then names Nolan). An
    entry whose ``kind`` is one of the model's ``internal_kinds`` is not shown to the Member. Raises
    ``RuntimeError`` outside a transaction, where the three could part.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_step must run inside the transaction of the step it records.")
    entry = model.objects.create(
        **{model.case_field: case},
        kind=kind,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
        capacity=capacity[:120],
        text=text,
        data=data or {},
        visible_to_member=kind not in model.internal_kinds,
    )
    record(
        actor=actor,
        action=audit.action,
        target=audit.target if audit.target is not None else case,
        capacity=capacity,
        before=audit.before,
        after=audit.after,
        reason=audit.reason,
        extra=audit.extra,
    )
    for send in mail:
        send(entry)
    return entry
