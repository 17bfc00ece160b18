"""Every change to the council directory. Nothing else writes directory rows.

Each service:

- is one transaction (``@transaction.atomic``) with keyword-only arguments, the first being ``actor``
  (the ``User`` acting);
- lets only those who maintain the directory act (Member Services or a system administrator, see
  ``selectors.can_maintain_directory``) and raises ``PermissionDenied`` for anyone else;
- raises ``django.core.exceptions.ValidationError`` keyed by field name for a bad value, so a form
  shows the message on the field it names (the keys are the service's own argument names). A name
  holding hidden characters that change the direction of text is one (``NAMES``, checked by
  ``nolan.core.hidden_characters``), whichever way it came: a page, a CSV import or a command;
- raises ``ProtocolError`` carrying the policy's ``Decision`` for a breach of the protocol (a Member
  cannot be employed by the council, Haringey 7.03). Nothing is written and no event is recorded;
- records exactly one audit event in the same transaction, with the before and after of what changed,
  the reason given, and the capacity the actor acted in. ``capacity`` may be passed in; otherwise it
  is the permission role that allows the change ("Member Services", "System administrator"), which
  says more on the trail than the person's job title would.

History is never overwritten. A change of ward, group, group office, council role, committee place,
post or statutory role ENDS the current row (sets ``end``, the first day it no longer holds) and
creates a new one. Ending a term of office or employment ends everything the person held.

A step that starts or ends an officer's post or employment tells the apps registered in ``moves``
(in the same transaction, after its own rows and event), so what follows an officer's place in the
council (who may see an enquiry, who handles it) follows the step.

``actor=None`` is for the ``nolan import`` command only: pass ``capacity=COMMAND_LINE`` with it and
the event is recorded as the system, acting from the command line.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.audit.services import changes, record, snapshot
from nolan.core.decisions import ProtocolError
from nolan.core.hidden_characters import hidden_characters_message
from nolan.core.models import Dated
from nolan.directory import models as m
from nolan.directory import moves, policies, selectors
from nolan.directory.capacities import capacities_for

COMMAND_LINE = "command line"

#: Statutory roles with one holder at a time; a deputy role may have several.
SINGLE_HOLDER_STATUTORY_ROLES = frozenset(
    {
        m.StatutoryRoleKind.HEAD_OF_PAID_SERVICE,
        m.StatutoryRoleKind.MONITORING_OFFICER,
        m.StatutoryRoleKind.SECTION_151_OFFICER,
    }
)

#: Who may grant which permission role (see ``role_grant``).
MEMBER_SERVICES_MAY_GRANT = frozenset({AccessRole.MEMBER_ENQUIRIES})

MEMBER_FIELDS = ("title", "first_name", "last_name", "email", "phone", "kind")
OFFICER_FIELDS = ("first_name", "last_name", "email", "phone", "employee_number", "employment_type")
POST_FIELDS = (
    "title",
    "seniority",
    "directorate",
    "service",
    "line_manager",
    "politically_restricted",
    "political_assistant_to",
    "start",
)


# Who is acting, and in what capacity ---------------------------------------------------------------


def _capacity(actor, capacity: str | None, roles: Iterable[str]) -> str:
    if capacity:
        return capacity
    if actor is None:
        return COMMAND_LINE
    caps = capacities_for(actor)
    for role in roles:
        if role in caps.access_roles:
            return AccessRole(role).label
    if caps.is_superuser:
        return AccessRole.ADMINISTRATOR.label
    return caps.primary


def _maintainer(actor, capacity: str | None) -> str:
    """The capacity to record, once the actor is known to maintain the directory."""
    if actor is None:
        if capacity == COMMAND_LINE:
            return COMMAND_LINE
        raise PermissionDenied("Only the command line may act without a signed-in person.")
    if not selectors.can_maintain_directory(actor):
        raise PermissionDenied("Only Member Services or a system administrator may change the directory.")
    return _capacity(actor, capacity, (AccessRole.MEMBER_SERVICES, AccessRole.ADMINISTRATOR))


def maintaining_capacity(actor, capacity: str | None = None) -> str:
    """The capacity to record for ``actor`` maintaining the directory; ``PermissionDenied`` if they may
    not (for the import and other callers that act through several services)."""
    return _maintainer(actor, capacity)


# Values --------------------------------------------------------------------------------------------


class _Errors:
    """Collects field errors so a form shows every one of them at once."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def merge(self, error: ValidationError, rename: dict[str, str] | None = None) -> None:
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add((rename or {}).get(field, field), message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _date(value, field: str, *, required: bool = True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: "Enter a date."})
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError({field: f"“{value}” is not a date: use the form 2026-05-07."})


def _email(value: str, field: str = "email") -> str:
    email = (value or "").strip().lower()
    if not email:
        raise ValidationError({field: "Enter an e-mail address."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: f"“{value}” is not an e-mail address."}) from None
    return email


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason: it is kept on the audit trail."})
    return reason


#: The names each kind of row holds: shown on their own in lists, pages and e-mail, so none may hold
#: hidden characters that change the direction of text (``nolan.core.hidden_characters``).
NAMES: dict[type[models.Model], tuple[str, ...]] = {
    m.Council: ("name", "short_name"),
    m.Ward: ("name", "code"),
    m.PoliticalGroup: ("name", "short_name"),
    m.Member: ("title", "first_name", "last_name"),
    m.Committee: ("name",),
    m.Directorate: ("name",),
    m.Service: ("name",),
    m.Officer: ("first_name", "last_name"),
    m.Post: ("title",),
}


def _clean(obj: models.Model, errors: _Errors, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        errors.merge(error)
    for name in NAMES.get(type(obj), ()):
        label = obj._meta.get_field(name).verbose_name
        if message := hidden_characters_message(getattr(obj, name), label):
            errors.add(name, message)


def _overlapping(qs: models.QuerySet, start: datetime.date, end: datetime.date | None) -> models.QuerySet:
    """Rows of a Dated queryset that hold on some day of [start, end)."""
    qs = qs.filter(Q(end__isnull=True) | Q(end__gt=start))
    return qs.filter(start__lt=end) if end is not None else qs


def _not_ended_by(qs: models.QuerySet, on: datetime.date) -> models.QuerySet:
    """Rows still holding on ``on`` or starting later: the ones an ending on ``on`` must end."""
    return qs.filter(Q(end__isnull=True) | Q(end__gt=on))


def _row(obj: Dated) -> dict[str, Any]:
    """A short description of a dated row for an event's ``extra``."""
    return {
        "type": obj._meta.label_lower,
        "id": obj.pk,
        "label": _label(obj),
        "start": obj.start,
        "end": obj.end,
    }


def _label(obj) -> str:
    if isinstance(obj, m.WardMembership):
        return f"{obj.member} for {obj.ward}"
    if isinstance(obj, m.GroupMembership):
        return f"{obj.member} in {obj.group}"
    if isinstance(obj, m.GroupOfficeHolding):
        return f"{obj.get_office_display()} of {obj.group}: {obj.member}"
    if isinstance(obj, m.CommitteeMembership):
        return f"{obj.get_role_display()} of {obj.committee}: {obj.member}"
    if isinstance(obj, m.MemberRole):
        return f"{obj}: {obj.member}"
    if isinstance(obj, m.Post):
        return f"{obj.title}: {obj.officer}"
    return str(obj)


def _end_rows(qs: models.QuerySet, on: datetime.date) -> list[dict[str, Any]]:
    """End every row of ``qs`` not yet ended by ``on``; one that had not started yet never holds."""
    ended = []
    for row in _not_ended_by(qs, on).select_for_update().order_by("pk"):
        row.end = max(on, row.start)
        row.save(update_fields=["end"])
        ended.append(_row(row))
    return ended


def _held_on(obj: Dated, on: datetime.date, field: str, errors: _Errors, what: str) -> None:
    """A ward, group, committee, directorate or service must not have ended by ``on``.

    It may have been recorded as starting later: one added today (the default start) still takes
    the Members and officers who were already there, with their real start dates."""
    if obj is not None and obj.end is not None and obj.end <= on:
        errors.add(field, f"{obj} is no longer a {what} on {_day(on)}: it ended on {_day(obj.end)}.")


def _update(obj: models.Model, data: dict, editable: Iterable[str]) -> tuple[dict, dict]:
    """Apply ``data`` to ``obj`` and validate it; return the (before, after) of what changed."""
    editable = set(editable)
    errors = _Errors()
    for key in data:
        if key not in editable:
            errors.add(key, "This cannot be changed here.")
    errors.raise_any()
    attnames = [obj._meta.get_field(key).attname for key in data]
    before = snapshot(obj, attnames)
    for key, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, key, value)
    _clean(obj, errors)
    errors.raise_any()
    return changes(before, snapshot(obj, attnames))


def _name_free(qs: models.QuerySet, name: str, field: str, errors: _Errors, what: str, on=None) -> None:
    clash = qs.current(on).filter(name__iexact=name.strip()).first()
    if clash is not None:
        errors.add(field, f"There is already a current {what} called “{clash}”.")


# Protocol checks -----------------------------------------------------------------------------------


def _check_may_be_member(*, name: str, email: str, user, start, end) -> None:
    """Haringey 7.03: refuse if the person is employed by the council during the term."""
    officers = _overlapping(m.Officer.objects.all(), start, end)
    by_email = officers.filter(email__iexact=email).exists()
    by_user = user is not None and officers.filter(user=user).exists()
    decision = policies.may_be_member(person=name, is_current_officer=by_email or by_user)
    if not decision.allowed:
        raise ProtocolError(decision, field="email" if by_email else "user")


def _check_may_be_officer(*, name: str, email: str, user, start, end=None) -> None:
    """Haringey 7.03: refuse if the person is a Member of the council during the employment."""
    members = _overlapping(m.Member.objects.all(), start, end)
    by_email = members.filter(email__iexact=email).exists()
    by_user = user is not None and members.filter(user=user).exists()
    decision = policies.may_be_officer(person=name, is_current_member=by_email or by_user)
    if not decision.allowed:
        raise ProtocolError(decision, field="email" if by_email else "user")


def _email_free(model, email: str, start, end, errors: _Errors, exclude=None) -> None:
    clash = _overlapping(model.objects.filter(email__iexact=email), start, end)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    clash = clash.first()
    if clash is not None:
        errors.add("email", f"{email} is already the e-mail address of {clash}.")


# The council, wards and political groups -----------------------------------------------------------

COUNCIL_FIELDS = (
    "name",
    "short_name",
    "protocol_profile",
    "bank_holiday_region",
    "working_day_starts",
    "working_day_ends",
    "receipt_cut_off",
    "website",
)


@transaction.atomic
def council_update(*, actor, council: m.Council, data: dict, reason: str = "", capacity: str | None = None):
    """Change the council's own settings (name, protocol profile, working day...). ``data`` maps
    field names to new values; only ``COUNCIL_FIELDS`` may be changed."""
    cap = _maintainer(actor, capacity)
    before, after = _update(council, data, COUNCIL_FIELDS)
    if council.working_day_starts >= council.working_day_ends:
        raise ValidationError({"working_day_ends": "The working day must end after it starts."})
    if after:
        council.save()
        record(
            actor=actor,
            action="directory.council.updated",
            target=council,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return council


@transaction.atomic
def ward_create(
    *,
    actor,
    name: str,
    code: str = "",
    seats: int = 3,
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Ward:
    """Add a ward from ``start`` (today if not given)."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    errors = _Errors()
    ward = m.Ward(name=(name or "").strip(), code=(code or "").strip(), seats=seats, start=start)
    _clean(ward, errors)
    if seats is not None and isinstance(seats, int) and seats < 1:
        errors.add("seats", "A ward has at least one seat.")
    _name_free(m.Ward.objects.all(), ward.name, "name", errors, "ward", on=start)
    errors.raise_any()
    ward.save()
    record(actor=actor, action="directory.ward.created", target=ward, capacity=cap, after=snapshot(ward))
    return ward


@transaction.atomic
def ward_update(*, actor, ward: m.Ward, data: dict, reason: str = "", capacity: str | None = None) -> m.Ward:
    """Change a ward's name, ONS code or number of seats (to end a ward, use ``end_dated``)."""
    cap = _maintainer(actor, capacity)
    before, after = _update(ward, data, ("name", "code", "seats"))
    errors = _Errors()
    if ward.seats < 1:
        errors.add("seats", "A ward has at least one seat.")
    if "name" in after:
        _name_free(m.Ward.objects.exclude(pk=ward.pk), ward.name, "name", errors, "ward")
    errors.raise_any()
    if after:
        ward.save()
        record(
            actor=actor,
            action="directory.ward.updated",
            target=ward,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return ward


@transaction.atomic
def group_create(
    *,
    actor,
    name: str,
    short_name: str = "",
    status: str,
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.PoliticalGroup:
    """Add a political group (``status`` is ``administration`` or ``opposition``)."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    errors = _Errors()
    group = m.PoliticalGroup(
        name=(name or "").strip(), short_name=(short_name or "").strip(), status=status, start=start
    )
    _clean(group, errors)
    _name_free(m.PoliticalGroup.objects.all(), group.name, "name", errors, "political group", on=start)
    errors.raise_any()
    group.save()
    record(actor=actor, action="directory.group.created", target=group, capacity=cap, after=snapshot(group))
    return group


@transaction.atomic
def group_update(
    *, actor, group: m.PoliticalGroup, data: dict, reason: str = "", capacity: str | None = None
) -> m.PoliticalGroup:
    """Change a group's name, short name or status (administration/opposition)."""
    cap = _maintainer(actor, capacity)
    before, after = _update(group, data, ("name", "short_name", "status"))
    if "name" in after:
        errors = _Errors()
        _name_free(
            m.PoliticalGroup.objects.exclude(pk=group.pk), group.name, "name", errors, "political group"
        )
        errors.raise_any()
    if after:
        group.save()
        record(
            actor=actor,
            action="directory.group.updated",
            target=group,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return group


# Members -------------------------------------------------------------------------------------------


def _term_covers(member: m.Member, on: datetime.date, field: str, errors: _Errors) -> None:
    if not member.is_current(on):
        errors.add(field, f"{member} is not a Member of the council on {_day(on)}.")


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
    cap = _maintainer(actor, capacity)
    errors = _Errors()
    start = _date(start, "start")
    end = _date(end, "end", required=False)
    try:
        email = _email(email)
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
    _clean(member, errors, exclude=["email"] if not email else ())
    if end is not None and end <= start:
        errors.add("end", f"The term must end after it starts ({_day(start)}).")
    wards = list(wards or ())
    if len({w.pk for w in wards}) != len(wards):
        errors.add("wards", "A ward is listed twice.")
    for ward in wards:
        _held_on(ward, start, "wards", errors, "ward")
    _held_on(group, start, "group", errors, "political group")
    if email:
        _email_free(m.Member, email, start, end, errors)
    errors.raise_any()
    _check_may_be_member(name=member.full_name, email=email, user=user, start=start, end=end)

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
        extra={"started": [_row(r) for r in started]},
    )
    return member


@transaction.atomic
def member_update(
    *, actor, member: m.Member, data: dict, reason: str = "", capacity: str | None = None
) -> m.Member:
    """Change a Member's name, title, e-mail, phone or kind (``MEMBER_FIELDS``). Wards, groups, roles
    and the term have their own services, which keep the history."""
    cap = _maintainer(actor, capacity)
    data = dict(data)
    if "email" in data:
        data["email"] = _email(data["email"])
    before, after = _update(member, data, MEMBER_FIELDS)
    if "email" in after:
        errors = _Errors()
        _email_free(m.Member, member.email, member.start, member.end, errors, exclude=member)
        errors.raise_any()
        _check_may_be_member(
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


def _end_member(member: m.Member, end: datetime.date) -> tuple[dict, dict, list]:
    errors = _Errors()
    if end < member.start:
        errors.add("end", f"The term cannot end before it started ({_day(member.start)}).")
    if member.end is not None and member.end <= end:
        errors.add("end", f"{member}'s term already ended on {_day(member.end)}.")
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
        ended += _end_rows(getattr(member, related).all(), end)
    if member.user_id:
        ended += _end_rows(RoleGrant.objects.filter(user_id=member.user_id), end)
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
    cap = _maintainer(actor, capacity)
    end = _date(end, "end")
    reason = _require_reason(reason)
    before, after, ended = _end_member(member, end)
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
    cap = _maintainer(actor, capacity)
    start = _date(start, "start")
    errors = _Errors()
    _term_covers(member, start, "start", errors)
    _held_on(ward, start, "ward", errors, "ward")
    if _not_ended_by(member.ward_memberships.filter(ward=ward), start).exists():
        errors.add("ward", f"{member} already represents {ward}.")
    errors.raise_any()
    ended = _end_rows(member.ward_memberships.exclude(ward=ward), start) if replace else []
    row = m.WardMembership.objects.create(member=member, ward=ward, start=start, end=member.end)
    record(
        actor=actor,
        action="directory.member.ward_started",
        target=member,
        capacity=cap,
        before={"wards": [e["label"] for e in ended]} if ended else None,
        after={"ward": ward.name, "start": start},
        reason=reason,
        extra={"started": [_row(row)], "ended": ended},
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
    cap = _maintainer(actor, capacity)
    on = _date(on, "on")
    errors = _Errors()
    _term_covers(member, on, "on", errors)
    _held_on(group, on, "group", errors, "political group")
    current = list(member.group_memberships.current(on).select_related("group"))
    if group is not None and any(gm.group_id == group.pk for gm in current):
        errors.add("group", f"{member} is already a member of {group}.")
    if group is None and not current:
        errors.add("group", f"{member} is already independent.")
    errors.raise_any()
    old = [gm.group.name for gm in current]
    ended = _end_rows(member.group_memberships.all(), on)
    offices = member.group_offices.all()
    if group is not None:
        offices = offices.exclude(group=group)
    ended += _end_rows(offices, on)
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
        extra={"ended": ended, "started": [_row(row)] if row else []},
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
    cap = _maintainer(actor, capacity)
    start = _date(start, "start")
    errors = _Errors()
    if office not in m.GroupOffice.values:
        errors.add("office", f"“{office}” is not a group office.")
    _held_on(group, start, "group", errors, "political group")
    if not member.group_memberships.current(start).filter(group=group).exists():
        errors.add("member", f"{member} is not a member of {group} on {_day(start)}.")
    m.PoliticalGroup.objects.select_for_update().filter(pk=group.pk).first()
    holders = _not_ended_by(group.office_holdings.filter(office=office), start)
    if holders.filter(member=member, start__lte=start).exists():
        errors.add("member", f"{member} already holds that office.")
    errors.raise_any()
    ended = _end_rows(holders, start)
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
        extra={"ended": ended, "started": [_row(row)]},
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
    cap = _maintainer(actor, capacity)
    start = _date(start, "start")
    portfolio = (portfolio or "").strip()
    errors = _Errors()
    if kind not in m.MemberRoleKind.values:
        errors.add("kind", f"“{kind}” is not a council role.")
    _term_covers(member, start, "start", errors)
    if len(portfolio) > 200:
        errors.add("portfolio", "Use at most 200 characters.")
    if message := hidden_characters_message(portfolio, "the portfolio"):
        errors.add("portfolio", message)
    same = _not_ended_by(member.roles.filter(kind=kind, portfolio__iexact=portfolio), start)
    if same.filter(start__lte=start).exists():
        errors.add("kind", f"{member} already holds that role.")
    errors.raise_any()
    predecessors = m.MemberRole.objects.none()
    if kind == m.MemberRoleKind.LEADER:
        predecessors = m.MemberRole.objects.filter(kind=kind)
    elif kind == m.MemberRoleKind.CABINET_MEMBER and portfolio:
        predecessors = m.MemberRole.objects.filter(kind=kind, portfolio__iexact=portfolio)
    ended = _end_rows(predecessors.exclude(member=member), start)
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
        extra={"ended": ended, "started": [_row(row)]},
    )
    return row


# Committees ----------------------------------------------------------------------------------------


def _check_parent(committee: m.Committee | None, parent: m.Committee | None, on, errors: _Errors) -> None:
    if parent is None:
        return
    _held_on(parent, on, "parent", errors, "committee")
    seen = set()
    node = parent
    while node is not None and node.pk not in seen:
        if committee is not None and node.pk == committee.pk:
            errors.add("parent", f"{parent} is {committee} or one of its sub-committees.")
            return
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def committee_create(
    *,
    actor,
    name: str,
    kind: str,
    parent: m.Committee | None = None,
    terms_of_reference: str = "",
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Committee:
    """Add a committee (or, with ``parent``, a sub-committee) from ``start`` (today if not given)."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    errors = _Errors()
    committee = m.Committee(
        name=(name or "").strip(),
        kind=kind,
        parent=parent,
        terms_of_reference=(terms_of_reference or "").strip(),
        start=start,
    )
    _clean(committee, errors)
    _check_parent(None, parent, start, errors)
    _name_free(m.Committee.objects.all(), committee.name, "name", errors, "committee", on=start)
    errors.raise_any()
    committee.save()
    record(
        actor=actor,
        action="directory.committee.created",
        target=committee,
        capacity=cap,
        after=snapshot(committee),
    )
    return committee


@transaction.atomic
def committee_update(
    *, actor, committee: m.Committee, data: dict, reason: str = "", capacity: str | None = None
) -> m.Committee:
    """Change a committee's name, kind, parent committee or terms of reference."""
    cap = _maintainer(actor, capacity)
    before, after = _update(committee, data, ("name", "kind", "parent", "terms_of_reference"))
    errors = _Errors()
    if "parent_id" in after:
        _check_parent(committee, committee.parent, timezone.localdate(), errors)
    if "name" in after:
        _name_free(m.Committee.objects.exclude(pk=committee.pk), committee.name, "name", errors, "committee")
    errors.raise_any()
    if after:
        committee.save()
        record(
            actor=actor,
            action="directory.committee.updated",
            target=committee,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return committee


@transaction.atomic
def committee_membership_add(
    *,
    actor,
    committee: m.Committee,
    member: m.Member,
    role: str = m.CommitteeRole.MEMBER,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.CommitteeMembership:
    """Give a Member a place on a committee from ``start`` as chair, vice-chair, member or substitute.

    A committee has one chair and one vice-chair at a time: appointing a new chair ends the old
    chair's place as chair that day (add them again as a member if they stay on the committee). If
    the Member already has a place with another role, that place ends and the new one starts."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start")
    errors = _Errors()
    if role not in m.CommitteeRole.values:
        errors.add("role", f"“{role}” is not a committee role.")
    _held_on(committee, start, "committee", errors, "committee")
    _term_covers(member, start, "member", errors)
    m.Committee.objects.select_for_update().filter(pk=committee.pk).first()
    own = _not_ended_by(committee.memberships.filter(member=member), start)
    if own.filter(role=role, start__lte=start).exists():
        errors.add("role", f"{member} is already {m.CommitteeRole(role).label.lower()} of {committee}.")
    errors.raise_any()
    ended = _end_rows(own, start)
    if role in (m.CommitteeRole.CHAIR, m.CommitteeRole.VICE_CHAIR):
        ended += _end_rows(committee.memberships.filter(role=role), start)
    row = m.CommitteeMembership.objects.create(
        committee=committee, member=member, role=role, start=start, end=member.end
    )
    record(
        actor=actor,
        action="directory.committee.membership_added",
        target=committee,
        capacity=cap,
        after={"member": str(member), "role": m.CommitteeRole(role).label, "start": start},
        reason=reason,
        extra={"ended": ended, "started": [_row(row)]},
    )
    return row


# Directorates and services -------------------------------------------------------------------------


@transaction.atomic
def directorate_create(
    *, actor, name: str, start: datetime.date | None = None, capacity: str | None = None
) -> m.Directorate:
    """Add a directorate from ``start`` (today if not given)."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    errors = _Errors()
    directorate = m.Directorate(name=(name or "").strip(), start=start)
    _clean(directorate, errors)
    _name_free(m.Directorate.objects.all(), directorate.name, "name", errors, "directorate", on=start)
    errors.raise_any()
    directorate.save()
    record(
        actor=actor,
        action="directory.directorate.created",
        target=directorate,
        capacity=cap,
        after=snapshot(directorate),
    )
    return directorate


@transaction.atomic
def directorate_update(
    *, actor, directorate: m.Directorate, data: dict, reason: str = "", capacity: str | None = None
) -> m.Directorate:
    """Rename a directorate."""
    cap = _maintainer(actor, capacity)
    before, after = _update(directorate, data, ("name",))
    if after:
        errors = _Errors()
        _name_free(
            m.Directorate.objects.exclude(pk=directorate.pk), directorate.name, "name", errors, "directorate"
        )
        errors.raise_any()
        directorate.save()
        record(
            actor=actor,
            action="directory.directorate.updated",
            target=directorate,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return directorate


@transaction.atomic
def service_create(
    *,
    actor,
    directorate: m.Directorate,
    name: str,
    email: str = "",
    start: datetime.date | None = None,
    capacity: str | None = None,
) -> m.Service:
    """Add a service within a directorate, with its shared mailbox if it has one."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    errors = _Errors()
    service = m.Service(
        directorate=directorate, name=(name or "").strip(), email=(email or "").strip().lower(), start=start
    )
    _clean(service, errors)
    _held_on(directorate, start, "directorate", errors, "directorate")
    _name_free(
        directorate.services.all(), service.name, "name", errors, f"service in {directorate}", on=start
    )
    errors.raise_any()
    service.save()
    record(
        actor=actor, action="directory.service.created", target=service, capacity=cap, after=snapshot(service)
    )
    return service


@transaction.atomic
def service_update(
    *, actor, service: m.Service, data: dict, reason: str = "", capacity: str | None = None
) -> m.Service:
    """Change a service's name or mailbox, or move it to another directorate."""
    cap = _maintainer(actor, capacity)
    data = dict(data)
    if data.get("email"):
        data["email"] = data["email"].strip().lower()
    before, after = _update(service, data, ("name", "email", "directorate"))
    errors = _Errors()
    if "directorate_id" in after:
        _held_on(service.directorate, timezone.localdate(), "directorate", errors, "directorate")
    if "name" in after or "directorate_id" in after:
        others = service.directorate.services.exclude(pk=service.pk)
        _name_free(others, service.name, "name", errors, f"service in {service.directorate}")
    errors.raise_any()
    if after:
        service.save()
        record(
            actor=actor,
            action="directory.service.updated",
            target=service,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
        if "directorate_id" in after:
            # The Director over the service is now another directorate's.
            moves.run(service.posts.current().values_list("officer_id", flat=True))
    return service


# Officers ------------------------------------------------------------------------------------------


def _employed_on(officer: m.Officer, on, field: str, errors: _Errors) -> None:
    if not officer.is_current(on):
        errors.add(field, f"{officer} is not employed by the council on {_day(on)}.")


def _managers_of(officer_id: int, on) -> set[int]:
    """Who manages the officer in any post held on ``on`` or later."""
    return set(
        _not_ended_by(m.Post.objects.all(), on)
        .filter(officer_id=officer_id, line_manager__isnull=False)
        .values_list("line_manager_id", flat=True)
    )


def _start_post(
    *,
    officer: m.Officer,
    title: str,
    seniority: int,
    directorate: m.Directorate | None = None,
    service: m.Service | None = None,
    line_manager: m.Officer | None = None,
    politically_restricted: bool = False,
    political_assistant_to: m.PoliticalGroup | None = None,
    start: datetime.date,
) -> tuple[m.Post, list]:
    """Validate and create a post; end the officer's current posts the day it starts."""
    start = _date(start, "start")
    errors = _Errors()
    if directorate is None and service is not None:
        directorate = service.directorate
    post = m.Post(
        officer=officer,
        title=(title or "").strip(),
        seniority=seniority,
        directorate=directorate,
        service=service,
        line_manager=line_manager,
        politically_restricted=bool(politically_restricted),
        political_assistant_to=political_assistant_to,
        start=start,
        end=officer.end,
    )
    _clean(post, errors, exclude=["officer"] if officer.pk is None else ())
    _employed_on(officer, start, "start", errors)
    _held_on(directorate, start, "directorate", errors, "directorate")
    _held_on(service, start, "service", errors, "service")
    _held_on(political_assistant_to, start, "political_assistant_to", errors, "political group")
    if service is not None and directorate is not None and service.directorate_id != directorate.pk:
        errors.add("service", f"{service} is in {service.directorate}, not {directorate}.")
    if line_manager is not None:
        if officer.pk is not None and line_manager.pk == officer.pk:
            errors.add("line_manager", "An officer cannot be their own line manager.")
        elif line_manager.end is not None and line_manager.end <= start:
            errors.add("line_manager", f"{line_manager} left the council on {_day(line_manager.end)}.")
        elif officer.pk is not None:
            seen, todo = set(), {line_manager.pk}
            while todo:
                pk = todo.pop()
                if pk == officer.pk:
                    errors.add(
                        "line_manager",
                        f"{line_manager} is managed, directly or through others, by {officer}: "
                        "line management cannot go round in a loop.",
                    )
                    break
                seen.add(pk)
                todo |= _managers_of(pk, start) - seen
    errors.raise_any()
    ended = _end_rows(officer.posts.all(), start) if officer.pk is not None else []
    post.save()
    return post, ended


@transaction.atomic
def officer_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str,
    employee_number: str = "",
    employment_type: str = m.EmploymentType.EMPLOYEE,
    phone: str = "",
    start: datetime.date,
    user: User | None = None,
    post: dict | None = None,
    capacity: str | None = None,
) -> m.Officer:
    """Add an officer employed from ``start``, with their first post if ``post`` is given (a dict of
    ``post_start``'s arguments: title, seniority, directorate, service, line_manager,
    politically_restricted, political_assistant_to, and start, which defaults to the employment's).

    Refused (``ProtocolError``, Haringey 7.03) if a Member of the council during the employment has
    the same sign-in account or e-mail address: a Member cannot be made an officer."""
    cap = _maintainer(actor, capacity)
    errors = _Errors()
    start = _date(start, "start")
    try:
        email = _email(email)
    except ValidationError as error:
        errors.merge(error)
        email = ""
    officer = m.Officer(
        user=user,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=email,
        phone=(phone or "").strip(),
        employee_number=(employee_number or "").strip(),
        employment_type=employment_type,
        start=start,
    )
    _clean(officer, errors, exclude=["email"] if not email else ())
    if email:
        _email_free(m.Officer, email, start, None, errors)
    post = dict(post or {})
    unknown = set(post) - set(POST_FIELDS)
    for key in sorted(unknown):
        errors.add(key, "This is not a detail of a post.")
    errors.raise_any()
    _check_may_be_officer(name=officer.full_name, email=email, user=user, start=start)

    officer.save()
    after = snapshot(officer)
    if post:
        post.setdefault("start", start)
        created, _ = _start_post(officer=officer, **post)
        after["post"] = snapshot(created)
    record(actor=actor, action="directory.officer.created", target=officer, capacity=cap, after=after)
    if post:
        moves.run([officer.pk])
    return officer


@transaction.atomic
def officer_update(
    *, actor, officer: m.Officer, data: dict, reason: str = "", capacity: str | None = None
) -> m.Officer:
    """Change an officer's name, e-mail, phone, employee number or employment type (``OFFICER_FIELDS``).
    Posts, statutory roles and leaving have their own services, which keep the history."""
    cap = _maintainer(actor, capacity)
    data = dict(data)
    if "email" in data:
        data["email"] = _email(data["email"])
    before, after = _update(officer, data, OFFICER_FIELDS)
    if "email" in after:
        errors = _Errors()
        _email_free(m.Officer, officer.email, officer.start, officer.end, errors, exclude=officer)
        errors.raise_any()
        _check_may_be_officer(
            name=officer.full_name,
            email=officer.email,
            user=officer.user,
            start=officer.start,
            end=officer.end,
        )
    if after:
        officer.save()
        record(
            actor=actor,
            action="directory.officer.updated",
            target=officer,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return officer


@transaction.atomic
def post_start(
    *,
    actor,
    officer: m.Officer,
    title: str,
    seniority: int,
    directorate: m.Directorate | None = None,
    service: m.Service | None = None,
    line_manager: m.Officer | None = None,
    politically_restricted: bool = False,
    political_assistant_to: m.PoliticalGroup | None = None,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.Post:
    """Start a new post for the officer (a restructure, promotion or move). Their current post ends
    the day the new one starts; both stay in the history. ``directorate`` defaults to the service's.

    Refused (``ValidationError`` on ``line_manager``) if the line manager is the officer themselves
    or is managed by them, directly or through others."""
    cap = _maintainer(actor, capacity)
    post, ended = _start_post(
        officer=officer,
        title=title,
        seniority=seniority,
        directorate=directorate,
        service=service,
        line_manager=line_manager,
        politically_restricted=politically_restricted,
        political_assistant_to=political_assistant_to,
        start=start,
    )
    record(
        actor=actor,
        action="directory.officer.post_started",
        target=officer,
        capacity=cap,
        before={"posts": [e["label"] for e in ended]} if ended else None,
        after=snapshot(post),
        reason=reason,
        extra={"ended": ended},
    )
    moves.run([officer.pk])
    return post


def _end_officer(officer: m.Officer, end: datetime.date) -> tuple[dict, dict, list]:
    errors = _Errors()
    if end < officer.start:
        errors.add("end", f"Employment cannot end before it started ({_day(officer.start)}).")
    if officer.end is not None and officer.end <= end:
        errors.add("end", f"{officer} already left on {_day(officer.end)}.")
    errors.raise_any()
    before = {"end": officer.end}
    ended = _end_rows(officer.posts.all(), end) + _end_rows(officer.statutory_roles.all(), end)
    if officer.user_id:
        ended += _end_rows(RoleGrant.objects.filter(user_id=officer.user_id), end)
    officer.end = end
    officer.save(update_fields=["end"])
    return before, {"end": end}, ended


@transaction.atomic
def officer_leave(
    *, actor, officer: m.Officer, end: datetime.date, reason: str, capacity: str | None = None
) -> m.Officer:
    """Record that an officer leaves the council's employment on ``end`` (their first day no longer
    employed). Their posts, statutory roles and the permission roles granted to their sign-in
    account end the same day. A reason is required."""
    cap = _maintainer(actor, capacity)
    end = _date(end, "end")
    reason = _require_reason(reason)
    before, after, ended = _end_officer(officer, end)
    record(
        actor=actor,
        action="directory.officer.left",
        target=officer,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
        extra={"ended": ended},
    )
    moves.run([officer.pk])
    return officer


@transaction.atomic
def statutory_role_assign(
    *,
    actor,
    officer: m.Officer,
    kind: str,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.StatutoryRole:
    """Designate an officer as Head of Paid Service, Monitoring Officer, Section 151 Officer or a
    deputy from ``start``. Each role other than a deputy's has one holder: the previous holder stops
    holding it that day."""
    cap = _maintainer(actor, capacity)
    start = _date(start, "start")
    errors = _Errors()
    if kind not in m.StatutoryRoleKind.values:
        errors.add("kind", f"“{kind}” is not a statutory role.")
    _employed_on(officer, start, "start", errors)
    if _not_ended_by(officer.statutory_roles.filter(kind=kind), start).filter(start__lte=start).exists():
        errors.add("kind", f"{officer} already holds that role.")
    errors.raise_any()
    ended = []
    if kind in SINGLE_HOLDER_STATUTORY_ROLES:
        ended = _end_rows(m.StatutoryRole.objects.filter(kind=kind).exclude(officer=officer), start)
    row = m.StatutoryRole.objects.create(officer=officer, kind=kind, start=start, end=officer.end)
    record(
        actor=actor,
        action="directory.officer.statutory_role_assigned",
        target=officer,
        capacity=cap,
        before={"holders": [e["label"] for e in ended]} if ended else None,
        after={"role": m.StatutoryRoleKind(kind).label, "start": start},
        reason=reason,
        extra={"ended": ended, "started": [_row(row)]},
    )
    return row


# Permission roles ----------------------------------------------------------------------------------


def _may_grant(actor, role: str, capacity: str | None) -> str:
    """Administrators grant and revoke any role; Member Services only the Member Enquiries role."""
    if actor is None:
        if capacity == COMMAND_LINE:
            return COMMAND_LINE
        raise PermissionDenied("Only the command line may act without a signed-in person.")
    caps = capacities_for(actor)
    if caps.has_role(AccessRole.ADMINISTRATOR):
        return _capacity(actor, capacity, (AccessRole.ADMINISTRATOR,))
    if role in MEMBER_SERVICES_MAY_GRANT and caps.has_role(AccessRole.MEMBER_SERVICES):
        return _capacity(actor, capacity, (AccessRole.MEMBER_SERVICES,))
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
    errors = _Errors()
    if role not in AccessRole.values:
        errors.add("role", f"“{role}” is not a permission role.")
        errors.raise_any()
    cap = _may_grant(actor, role, capacity)
    start = _date(start, "start", required=False) or timezone.localdate()
    reason = _require_reason(reason)
    if len(reason) > 300:
        errors.add("reason", "Use at most 300 characters.")
    if not user.is_active:
        errors.add("user", f"{user}'s account is disabled.")
    if _not_ended_by(RoleGrant.objects.filter(user=user, role=role), start).filter(start__lte=start).exists():
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
    errors = _Errors()
    if end < grant.start:
        errors.add("end", f"The role cannot end before it started ({_day(grant.start)}).")
    if grant.end is not None and grant.end <= end:
        errors.add("end", f"The role already ended on {_day(grant.end)}.")
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
    end = _date(end, "end", required=False) or timezone.localdate()
    reason = _require_reason(reason)
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


# Ending any dated row ------------------------------------------------------------------------------


@transaction.atomic
def end_dated(*, actor, obj: Dated, end: datetime.date, reason: str, capacity: str | None = None) -> Dated:
    """End any dated directory row (a membership, office, role, post, ward, group, committee...) on
    ``end``, the first day it no longer holds. ``end`` must be on or after its start (ending on the
    start day records that it never held). A reason is required.

    Ending a Member or an officer is ``member_end_term`` / ``officer_leave``; a permission role is
    ``role_revoke``. Ending a ward, political group or committee also ends the memberships and
    offices in it (and a committee's sub-committees). A directorate or service that still has
    services or officers in post cannot be ended: move them first."""
    if isinstance(obj, RoleGrant):
        return role_revoke(actor=actor, grant=obj, end=end, reason=reason, capacity=capacity)
    if not isinstance(obj, Dated) or obj._meta.app_label != "directory":
        raise TypeError(f"end_dated ends dated directory rows, not {type(obj).__name__}.")
    cap = _maintainer(actor, capacity)
    end = _date(end, "end")
    reason = _require_reason(reason)
    if isinstance(obj, m.Member):
        before, after, ended = _end_member(obj, end)
    elif isinstance(obj, m.Officer):
        before, after, ended = _end_officer(obj, end)
    else:
        errors = _Errors()
        if end < obj.start:
            errors.add("end", f"It cannot end before it started ({_day(obj.start)}).")
        if obj.end is not None and obj.end <= end:
            errors.add("end", f"It already ended on {_day(obj.end)}.")
        if isinstance(obj, m.Directorate):
            if _not_ended_by(obj.services.all(), end).exists():
                errors.add("end", f"{obj} still has services: move or end them first.")
            if _not_ended_by(obj.posts.all(), end).exists():
                errors.add("end", f"{obj} still has officers in post: move them first.")
        if isinstance(obj, m.Service) and _not_ended_by(obj.posts.all(), end).exists():
            errors.add("end", f"{obj} still has officers in post: move them first.")
        errors.raise_any()
        ended = _end_contents(obj, end)
        before = {"end": obj.end}
        obj.end = end
        obj.save(update_fields=["end"])
        after = {"end": end}
    record(
        actor=actor,
        action=f"directory.{obj._meta.model_name}.ended",
        target=obj,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
        extra={"ended": ended},
    )
    if isinstance(obj, m.Officer):
        moves.run([obj.pk])
    elif isinstance(obj, m.Post):
        moves.run([obj.officer_id])
    return obj


def _end_contents(obj: Dated, end: datetime.date) -> list:
    if isinstance(obj, m.Ward):
        return _end_rows(obj.memberships.all(), end)
    if isinstance(obj, m.PoliticalGroup):
        return _end_rows(obj.memberships.all(), end) + _end_rows(obj.office_holdings.all(), end)
    if isinstance(obj, m.Committee):
        ended = _end_rows(obj.memberships.all(), end)
        for sub in _not_ended_by(obj.sub_committees.all(), end):
            ended += _end_contents(sub, end)
            ended += _end_rows(m.Committee.objects.filter(pk=sub.pk), end)
        return ended
    return []


# Sign-in accounts ----------------------------------------------------------------------------------


@transaction.atomic
def account_for(*, actor, person: m.Member | m.Officer, capacity: str | None = None) -> User:
    """The sign-in account of a Member or officer: the one already linked; else an existing account
    with the same e-mail address, now linked; else a new account with an unusable password (they sign
    in by single sign-on, or set a password through the reset link)."""
    cap = _maintainer(actor, capacity)
    if person.user_id:
        return person.user
    kind = "member" if isinstance(person, m.Member) else "officer"
    user = User.objects.filter(email__iexact=person.email).first()
    action = f"directory.{kind}.account_linked"
    if user is not None:
        other = getattr(user, kind, None)  # the reverse one-to-one raises AttributeError if unset
        if other is not None and other.pk != person.pk:
            raise ValidationError({"email": f"The account {user.email} already belongs to {other}."})
        if kind == "member":
            _check_may_be_member(
                name=person.full_name, email=person.email, user=user, start=person.start, end=person.end
            )
        else:
            _check_may_be_officer(
                name=person.full_name, email=person.email, user=user, start=person.start, end=person.end
            )
    else:
        user = User(email=person.email.lower(), first_name=person.first_name, last_name=person.last_name)
        user.set_unusable_password()
        user.save()
        action = f"directory.{kind}.account_created"
    person.user = user
    person.save(update_fields=["user"])
    record(
        actor=actor,
        action=action,
        target=person,
        capacity=cap,
        before={"user_id": None},
        after={"user_id": user.pk, "email": user.email},
    )
    return user
