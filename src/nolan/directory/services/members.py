"""Members: their terms, ward and group memberships, group offices and council roles."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from nolan.accounts.models import RoleGrant, User
from nolan.audit.services import record, snapshot
from nolan.core.hidden_characters import hidden_characters_message
from nolan.directory import models as m
from nolan.directory.services.shared import (
    FieldErrors,
    apply_changes,
    as_date,
    as_email,
    check_may_be_member,
    email_free,
    end_rows,
    held_on,
    in_words,
    maintaining_capacity,
    not_ended_by,
    required_reason,
    row_summary,
    term_covers,
    validate_row,
)

MEMBER_FIELDS = ("title", "first_name", "last_name", "email", "phone", "kind")


@transaction.atomic
def member_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str,
    title: str = "Cllr",
    kind: str = m.MemberKind.COUNCILLOR,
    phone: str = "",
    start: datetime.date,
    end: datetime.date | None = None,
    wards: Iterable[m.Ward] = (),
    group: m.PoliticalGroup | None = None,
    user: User | None = None,
    capacity: str | None = None,
) -> m.Member:
    """Add a Member whose term runs from ``start`` (to ``end``, exclusive, if known), with their ward
    memberships and political group (``None``: independent) from ``start``.

    Refused (``ProtocolError``, Haringey 7.03) if an officer employed during the term has the same
    sign-in account or the same e-mail address (compared without regard to case)."""
    cap = maintaining_capacity(actor, capacity)
    errors = FieldErrors()
    start = as_date(start, "start")
    end = as_date(end, "end", required=False)
    try:
        email = as_email(email)
    except ValidationError as error:
        errors.merge(error)
        email = ""
    member = m.Member(
        user=user,
        title=(title or "").strip(),
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=email,
        phone=(phone or "").strip(),
        kind=kind,
        start=start,
        end=end,
    )
    validate_row(member, errors, exclude=["email"] if not email else ())
    if end is not None and end <= start:
        errors.add("end", f"The term must end after it starts ({in_words(start)}).")
    wards = list(wards or ())
    if len({w.pk for w in wards}) != len(wards):
        errors.add("wards", "A ward is listed twice.")
    for ward in wards:
        held_on(ward, start, "wards", errors, "ward")
    held_on(group, start, "group", errors, "political group")
    if email:
        email_free(m.Member, email, start, end, errors)
    errors.raise_any()
    check_may_be_member(name=member.full_name, email=email, user=user, start=start, end=end)

    member.save()
    started = [m.WardMembership.objects.create(member=member, ward=w, start=start, end=end) for w in wards]
    if group is not None:
        started.append(m.GroupMembership.objects.create(member=member, group=group, start=start, end=end))
    record(
        actor=actor,
        action="directory.member.created",
        target=member,
        capacity=cap,
        after=snapshot(member) | {"wards": [w.name for w in wards], "group": group.name if group else None},
        extra={"started": [row_summary(r) for r in started]},
    )
    return member


@transaction.atomic
def member_update(
    *, actor, member: m.Member, data: dict, reason: str = "", capacity: str | None = None
) -> m.Member:
    """Change a Member's name, title, e-mail, phone or kind (``MEMBER_FIELDS``). Wards, groups, roles
    and the term have their own services, which keep the history."""
    cap = maintaining_capacity(actor, capacity)
    data = dict(data)
    if "email" in data:
        data["email"] = as_email(data["email"])
    before, after = apply_changes(member, data, MEMBER_FIELDS)
    if "email" in after:
        errors = FieldErrors()
        email_free(m.Member, member.email, member.start, member.end, errors, exclude=member)
        errors.raise_any()
        check_may_be_member(
            name=member.full_name, email=member.email, user=member.user, start=member.start, end=member.end
        )
    if after:
        member.save()
        record(
            actor=actor,
            action="directory.member.updated",
            target=member,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return member


def end_term(member: m.Member, end: datetime.date) -> tuple[dict, dict, list]:
    """End the Member's term and everything they hold on ``end``: the rows of ``member_end_term`` and
    of ``end_dated`` for a Member, each of which records the event."""
    errors = FieldErrors()
    if end < member.start:
        errors.add("end", f"The term cannot end before it started ({in_words(member.start)}).")
    if member.end is not None and member.end <= end:
        errors.add("end", f"{member}'s term already ended on {in_words(member.end)}.")
    errors.raise_any()
    before = {"end": member.end}
    ended = []
    for related in (
        "ward_memberships",
        "group_memberships",
        "group_offices",
        "roles",
        "committee_memberships",
    ):
        ended += end_rows(getattr(member, related).all(), end)
    if member.user_id:
        ended += end_rows(RoleGrant.objects.filter(user_id=member.user_id), end)
    member.end = end
    member.save(update_fields=["end"])
    return before, {"end": end}, ended


@transaction.atomic
def member_end_term(
    *, actor, member: m.Member, end: datetime.date, reason: str, capacity: str | None = None
) -> m.Member:
    """End a Member's term on ``end`` (the first day they are no longer a Member) and with it every
    ward and group membership, group office, council role, committee place and permission role they
    hold. A reason is required (e.g. "Not re-elected, 7 May 2026")."""
    cap = maintaining_capacity(actor, capacity)
    end = as_date(end, "end")
    reason = required_reason(reason)
    before, after, ended = end_term(member, end)
    record(
        actor=actor,
        action="directory.member.term_ended",
        target=member,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
        extra={"ended": ended},
    )
    return member


@transaction.atomic
def ward_membership_start(
    *,
    actor,
    member: m.Member,
    ward: m.Ward,
    start: datetime.date,
    replace: bool = False,
    reason: str = "",
    capacity: str | None = None,
) -> m.WardMembership:
    """Start the Member's membership of ``ward`` on ``start`` (to the end of their term).

    With ``replace=True`` the Member's other ward memberships end the same day (a move of ward after
    a boundary review); otherwise they are kept."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start")
    errors = FieldErrors()
    term_covers(member, start, "start", errors)
    held_on(ward, start, "ward", errors, "ward")
    if not_ended_by(member.ward_memberships.filter(ward=ward), start).exists():
        errors.add("ward", f"{member} already represents {ward}.")
    errors.raise_any()
    ended = end_rows(member.ward_memberships.exclude(ward=ward), start) if replace else []
    row = m.WardMembership.objects.create(member=member, ward=ward, start=start, end=member.end)
    record(
        actor=actor,
        action="directory.member.ward_started",
        target=member,
        capacity=cap,
        before={"wards": [e["label"] for e in ended]} if ended else None,
        after={"ward": ward.name, "start": start},
        reason=reason,
        extra={"started": [row_summary(row)], "ended": ended},
    )
    return row


@transaction.atomic
def group_membership_change(
    *,
    actor,
    member: m.Member,
    group: m.PoliticalGroup | None,
    on: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.GroupMembership | None:
    """Move a Member to ``group`` on ``on`` (``None``: they become independent).

    The current group membership ends on ``on`` (both rows stay, so the history shows both), and so
    do any offices the Member held in the group they leave. Returns the new membership, if any."""
    cap = maintaining_capacity(actor, capacity)
    on = as_date(on, "on")
    errors = FieldErrors()
    term_covers(member, on, "on", errors)
    held_on(group, on, "group", errors, "political group")
    current = list(member.group_memberships.current(on).select_related("group"))
    if group is not None and any(gm.group_id == group.pk for gm in current):
        errors.add("group", f"{member} is already a member of {group}.")
    if group is None and not current:
        errors.add("group", f"{member} is already independent.")
    errors.raise_any()
    old = [gm.group.name for gm in current]
    ended = end_rows(member.group_memberships.all(), on)
    offices = member.group_offices.all()
    if group is not None:
        offices = offices.exclude(group=group)
    ended += end_rows(offices, on)
    row = None
    if group is not None:
        row = m.GroupMembership.objects.create(member=member, group=group, start=on, end=member.end)
    record(
        actor=actor,
        action="directory.member.group_changed",
        target=member,
        capacity=cap,
        before={"group": ", ".join(old) or None},
        after={"group": group.name if group else None, "on": on},
        reason=reason,
        extra={"ended": ended, "started": [row_summary(row)] if row else []},
    )
    return row


@transaction.atomic
def group_office_assign(
    *,
    actor,
    group: m.PoliticalGroup,
    member: m.Member,
    office: str,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.GroupOfficeHolding:
    """Make ``member`` the group's leader, deputy leader or whip from ``start``. The previous holder
    of that office in the group stops holding it that day. The Member must belong to the group."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start")
    errors = FieldErrors()
    if office not in m.GroupOffice.values:
        errors.add("office", f"“{office}” is not a group office.")
    held_on(group, start, "group", errors, "political group")
    if not member.group_memberships.current(start).filter(group=group).exists():
        errors.add("member", f"{member} is not a member of {group} on {in_words(start)}.")
    m.PoliticalGroup.objects.select_for_update().filter(pk=group.pk).first()
    holders = not_ended_by(group.office_holdings.filter(office=office), start)
    if holders.filter(member=member, start__lte=start).exists():
        errors.add("member", f"{member} already holds that office.")
    errors.raise_any()
    ended = end_rows(holders, start)
    row = m.GroupOfficeHolding.objects.create(
        group=group, member=member, office=office, start=start, end=member.end
    )
    record(
        actor=actor,
        action="directory.group.office_assigned",
        target=group,
        capacity=cap,
        before={m.GroupOffice(office).label: [e["label"] for e in ended]} if ended else None,
        after={m.GroupOffice(office).label: str(member), "start": start},
        reason=reason,
        extra={"ended": ended, "started": [row_summary(row)]},
    )
    return row


@transaction.atomic
def member_role_assign(
    *,
    actor,
    member: m.Member,
    kind: str,
    portfolio: str = "",
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.MemberRole:
    """Give a Member a council role from ``start`` (Leader, Cabinet Member for a portfolio...).

    There is one Leader of the Council and one Cabinet Member per portfolio: appointing a new one
    ends the previous holder's role that day. Other roles may be held by several Members."""
    cap = maintaining_capacity(actor, capacity)
    start = as_date(start, "start")
    portfolio = (portfolio or "").strip()
    errors = FieldErrors()
    if kind not in m.MemberRoleKind.values:
        errors.add("kind", f"“{kind}” is not a council role.")
    term_covers(member, start, "start", errors)
    if len(portfolio) > 200:
        errors.add("portfolio", "Use at most 200 characters.")
    if message := hidden_characters_message(portfolio, "the portfolio"):
        errors.add("portfolio", message)
    same = not_ended_by(member.roles.filter(kind=kind, portfolio__iexact=portfolio), start)
    if same.filter(start__lte=start).exists():
        errors.add("kind", f"{member} already holds that role.")
    errors.raise_any()
    predecessors = m.MemberRole.objects.none()
    if kind == m.MemberRoleKind.LEADER:
        predecessors = m.MemberRole.objects.filter(kind=kind)
    elif kind == m.MemberRoleKind.CABINET_MEMBER and portfolio:
        predecessors = m.MemberRole.objects.filter(kind=kind, portfolio__iexact=portfolio)
    ended = end_rows(predecessors.exclude(member=member), start)
    row = m.MemberRole.objects.create(
        member=member, kind=kind, portfolio=portfolio, start=start, end=member.end
    )
    record(
        actor=actor,
        action="directory.member.role_assigned",
        target=member,
        capacity=cap,
        after={"role": str(row), "start": start},
        reason=reason,
        extra={"ended": ended, "started": [row_summary(row)]},
    )
    return row
