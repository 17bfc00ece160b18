"""Every change to the register of close relationships. Nothing else writes its rows.

Each service is one transaction with keyword-only arguments, the first being ``actor``; it raises
``PermissionDenied`` for anyone who may not record a declaration and ``ValidationError`` keyed by the
argument's name for a bad value, before writing anything, and records an audit event in the same
transaction. The audit events name the Member, the officer and the nature, never the details.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.audit.services import record
from nolan.core.plain_text import plain_text
from nolan.directory.capacities import capacities_of
from nolan.directory.models import Member, Officer
from nolan.register.models import DeclaredRelationship, RelationshipNature

#: Who may record a declaration or its end, besides the Monitoring Officer themself.
RECORDERS = frozenset({AccessRole.MEMBER_ENQUIRIES, AccessRole.MONITORING_OFFICER, AccessRole.ADMINISTRATOR})


def _recorder_capacity(actor) -> str:
    """The capacity the actor records a declaration in; ``PermissionDenied`` for anyone who may not."""
    caps = capacities_of(actor) if actor is not None else None
    if caps is None or not (caps.access_roles & RECORDERS or caps.is_monitoring_officer or caps.is_superuser):
        raise PermissionDenied(
            "Only the Monitoring Officer's office or the Member Enquiries team may record this."
        )
    return caps.acting_as


def relationship_details(*, nature: str, details: str) -> str:
    """The details ``relationship_declare`` would record, or a ``ValidationError`` saying why it
    cannot (asked by the administration pages before they save)."""
    errors: dict[str, list[str]] = {}
    if nature not in RelationshipNature.values:
        errors["nature"] = ["Choose the kind of relationship."]
    details, problems = plain_text(details, "the details", required=False)
    if problems:
        errors["details"] = problems
    if errors:
        raise ValidationError(errors)
    return details


@transaction.atomic
def relationship_declare(
    *,
    actor,
    member: Member,
    officer: Officer,
    nature: str,
    details: str = "",
    declared_on: datetime.date | None = None,
) -> DeclaredRelationship:
    """Record a close relationship a Member and an officer have declared; the officer is no longer
    routed the Member's enquiries."""
    capacity = _recorder_capacity(actor)
    details = relationship_details(nature=nature, details=details)
    row = DeclaredRelationship.objects.create(
        member=member,
        officer=officer,
        nature=nature,
        details=details,
        declared_on=declared_on or timezone.localdate(),
    )
    record(
        actor=actor,
        action="register.relationship_declared",
        target=row,
        capacity=capacity,
        after={"member": member.pk, "officer": officer.pk, "nature": nature},
    )
    return row


@transaction.atomic
def relationship_end(
    *, actor, relationship: DeclaredRelationship, ended_on: datetime.date | None = None
) -> None:
    """End a declaration: from ``ended_on`` (today unless given) the officer may be routed the
    Member's enquiries again."""
    capacity = _recorder_capacity(actor)
    relationship.ended_on = ended_on or timezone.localdate()
    relationship.save(update_fields=["ended_on"])
    record(
        actor=actor,
        action="register.relationship_ended",
        target=relationship,
        capacity=capacity,
        after={"ended_on": relationship.ended_on},
    )
