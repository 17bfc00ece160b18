"""Permission roles granted to sign-in accounts, and who may grant which."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.audit.services import record, snapshot
from nolan.directory.capacities import capacities_for
from nolan.directory.services.shared import (
    COMMAND_LINE,
    FieldErrors,
    acting_capacity,
    as_date,
    in_words,
    not_ended_by,
    required_reason,
)

#: Who may grant which permission role (see ``role_grant``).
MEMBER_SERVICES_MAY_GRANT = frozenset({AccessRole.MEMBER_ENQUIRIES})


def _may_grant(actor, role: str, capacity: str | None) -> str:
    """Administrators grant and revoke any role; Member Services only the Member Enquiries role."""
    if actor is None:
        if capacity == COMMAND_LINE:
            return COMMAND_LINE
        raise PermissionDenied("Only the command line may act without a signed-in person.")
    caps = capacities_for(actor)
    if caps.has_role(AccessRole.ADMINISTRATOR):
        return acting_capacity(actor, capacity, (AccessRole.ADMINISTRATOR,))
    if role in MEMBER_SERVICES_MAY_GRANT and caps.has_role(AccessRole.MEMBER_SERVICES):
        return acting_capacity(actor, capacity, (AccessRole.MEMBER_SERVICES,))
    raise PermissionDenied("Only a system administrator may grant or remove this permission role.")


@transaction.atomic
def role_grant(
    *,
    actor,
    user: User,
    role: str,
    reason: str,
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> RoleGrant:
    """Grant a permission role to a sign-in account from ``start`` (today if not given).

    System administrators may grant any role. Member Services may grant only the Member Enquiries
    team role (they run that team; the other roles reach confidential records, HR data or the
    system itself, so only an administrator grants them). A reason is required."""
    errors = FieldErrors()
    if role not in AccessRole.values:
        errors.add("role", f"“{role}” is not a permission role.")
        errors.raise_any()
    cap = _may_grant(actor, role, capacity)
    start = as_date(start, "start", required=False) or timezone.localdate()
    reason = required_reason(reason)
    if len(reason) > 300:
        errors.add("reason", "Use at most 300 characters.")
    if not user.is_active:
        errors.add("user", f"{user}'s account is disabled.")
    if not_ended_by(RoleGrant.objects.filter(user=user, role=role), start).filter(start__lte=start).exists():
        errors.add("role", f"{user} already has the {AccessRole(role).label} role.")
    errors.raise_any()
    grant = RoleGrant.objects.create(
        user=user, role=role, reason=reason, start=start, granted_by=actor if actor is not None else None
    )
    record(
        actor=actor,
        action="accounts.role.granted",
        target=grant,
        capacity=cap,
        after=snapshot(grant),
        reason=reason,
    )
    return grant


def _end_grant(grant: RoleGrant, end: datetime.date) -> tuple[dict, dict]:
    errors = FieldErrors()
    if end < grant.start:
        errors.add("end", f"The role cannot end before it started ({in_words(grant.start)}).")
    if grant.end is not None and grant.end <= end:
        errors.add("end", f"The role already ended on {in_words(grant.end)}.")
    errors.raise_any()
    before = {"end": grant.end}
    grant.end = end
    grant.save(update_fields=["end"])
    return before, {"end": end}


@transaction.atomic
def role_revoke(
    *,
    actor,
    grant: RoleGrant,
    end: datetime.date | None = None,
    reason: str,
    capacity: str | None = None,
) -> RoleGrant:
    """End a permission role on ``end`` (today if not given); the grant stays in the history. Who may
    revoke a role is who may grant it (see ``role_grant``). A reason is required."""
    cap = _may_grant(actor, grant.role, capacity)
    end = as_date(end, "end", required=False) or timezone.localdate()
    reason = required_reason(reason)
    before, after = _end_grant(grant, end)
    record(
        actor=actor,
        action="accounts.role.revoked",
        target=grant,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
    )
    return grant
