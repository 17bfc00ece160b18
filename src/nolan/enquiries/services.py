"""Every change to Member Enquiries. Nothing else writes enquiry rows.

Each service:

- is one transaction (``@transaction.atomic``) with keyword-only arguments, the first being ``actor``
  (the ``User`` acting; ``None`` only for the worker's own steps such as ``close_expired``);
- checks who may act and raises ``PermissionDenied`` for anyone else (a view turns that into a
  not-found for someone who may not even see the enquiry);
- raises ``django.core.exceptions.ValidationError`` keyed by the argument's name for a bad value
  (no subject, an attachment too large or of the wrong kind, HTML in the text, a received time in the
  future), and ``ProtocolError`` carrying the policy's ``Decision`` when the protocol says no. Either
  way nothing is written: every value is checked before the first row, and attachment files written
  to disk are deleted again if the transaction fails;
- asks ``policies`` what the protocol says, with the council's parameters from ``rules``;
- adds a timeline entry (``EnquiryEvent``) and records an audit event, in the same transaction;
- writes every e-mail the step causes to the outbox in the same transaction (``notifications``), and
  wakes the dispatcher after commit (``transaction.on_commit``).

Text is plain text. Text containing HTML markup (tags such as ``<script>`` or ``<b>``) is refused with a
message rather than stored, so nothing a Member or officer writes can become markup on a page or in an
e-mail; pages escape everything anyway. A subject or a name holding hidden characters that change the
direction of text (``nolan.core.hidden_characters``) is refused too, so it reads in lists and e-mail as
it was written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.audit.services import record, record_view
from nolan.core.decisions import Decision, ProtocolError, Reason
from nolan.core.plain_text import plain_text
from nolan.directory import line
from nolan.directory.capacities import capacities_of
from nolan.directory.models import (
    Member,
    Officer,
    Post,
    Service,
    StatutoryRoleKind,
    Ward,
    WardMembership,
)
from nolan.directory.selectors import the_council
from nolan.enquiries import attachments as files
from nolan.enquiries import deadlines, notifications, policies, rules, selectors
from nolan.enquiries.models import (
    ACTING_ACCESS,
    AWAITING_ANSWER,
    ENDED_STATUSES,
    INTERNAL_EVENTS,
    OPEN_STATUSES,
    AccessReason,
    Attachment,
    Category,
    Classification,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EventKind,
    Interest,
    OriginatorType,
    PortfolioLink,
    ResidentDetails,
    Response,
    ResponseKind,
    RoutingRule,
    Status,
)
from nolan.enquiries.references import next_reference
from nolan.register import selectors as register

SYSTEM = "Nolan (system)"
TEAM = AccessRole.MEMBER_ENQUIRIES.label

SUBJECT_MAX = 200


# Who is acting ------------------------------------------------------------------------------------


def _capacity(actor) -> str:
    """The capacity the actor acts in, for the timeline and the audit trail."""
    if actor is None:
        return SYSTEM
    caps = capacities_of(actor)
    if AccessRole.MEMBER_ENQUIRIES in caps.access_roles:
        return TEAM
    if caps.member is not None:
        return "Member"
    if caps.post is not None:
        return caps.post.title
    if AccessRole.MEMBER_SERVICES in caps.access_roles:
        return AccessRole.MEMBER_SERVICES.label
    return caps.primary


def _label(actor) -> str:
    return str(actor)[:200] if actor is not None else SYSTEM


def _require_team(actor, what: str) -> None:
    if actor is None or not selectors.is_team(actor):
        raise PermissionDenied(f"Only the Member Enquiries team may {what}.")


def _require_officer_access(actor, enquiry: Enquiry, what: str, *, team_too: bool = True) -> Officer | None:
    """The actor's officer if they handle the enquiry or are in the handling officer's line; the team
    may act too unless ``team_too`` is False. Returns None for a team member with no officer access.
    The service's line, which sees an enquiry waiting to be assigned again, does not act on it."""
    if actor is not None and selectors.officer_access(actor, enquiry) in ACTING_ACCESS:
        return Officer.objects.get(pk=selectors.officer_id_of(actor))
    if team_too and actor is not None and selectors.is_team(actor):
        officer_id = selectors.officer_id_of(actor)
        return Officer.objects.filter(pk=officer_id).first() if officer_id else None
    raise PermissionDenied(f"Only the handling officer or their managers may {what}.")


def _lock(enquiry: Enquiry) -> Enquiry:
    """The enquiry, re-read and locked for the rest of the transaction."""
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


def _refuse(text: str, field: str | None = None, citation=None) -> ProtocolError:
    return ProtocolError(Decision.refuse(Reason(text, citation)), field=field)


def _require_status(enquiry: Enquiry, allowed: Iterable[str], what: str) -> None:
    if enquiry.status not in set(allowed):
        raise _refuse(f"{enquiry.reference} is {enquiry.get_status_display().lower()}, so you cannot {what}.")


# Values ---------------------------------------------------------------------------------------------


class _Errors:
    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def merge(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add(field, message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _text(errors: _Errors, field: str, value, label: str, **checks) -> str:
    """The text as stored, each problem with it added to ``errors`` under ``field`` (``checks``: as
    ``nolan.core.plain_text``'s)."""
    text, problems = plain_text(value, label, **checks)
    for problem in problems:
        errors.add(field, problem)
    return text


def _as_instance(model, value, errors: _Errors, field: str, label: str, *, required: bool = True):
    if value in (None, ""):
        if required:
            errors.add(field, f"Choose {label}.")
        return None
    if isinstance(value, model):
        return value
    try:
        return model.objects.get(pk=int(value))
    except (ValueError, TypeError, model.DoesNotExist):
        errors.add(field, f"Choose {label} from the list.")
        return None


def _aware(value, errors: _Errors, field: str) -> datetime.datetime | None:
    if value is None:
        return timezone.now()
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            errors.add(field, "Enter the received time as a date and time, for example 2026-12-24 10:30.")
            return None
    if not isinstance(value, datetime.datetime):
        errors.add(field, "Enter the received time as a date and time.")
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


# Timeline and trail ---------------------------------------------------------------------------------


def _event(
    enquiry: Enquiry,
    kind: str,
    *,
    actor,
    capacity: str,
    text: str = "",
    data: dict | None = None,
    at: datetime.datetime | None = None,
) -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry=enquiry,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        capacity=capacity[:120],
        text=text,
        data=data or {},
        visible_to_member=kind not in INTERNAL_EVENTS,
    )


def _reasons(decision: Decision) -> list[dict]:
    return [r.as_dict() for r in decision.reasons]


def _wake_dispatcher() -> None:
    transaction.on_commit(notifications.wake_dispatcher)


# Who may see an enquiry ------------------------------------------------------------------------------


def handling_line(officer_id: int, service_id: int | None = None) -> list[tuple[int, str]]:
    """Who may see an enquiry the officer handles, and why: the officer, then their management line up
    to the Director of the directorate (``directory.line.management_line``)."""
    handler, *managers = line.management_line(officer_id, service_id)
    return [(handler, AccessReason.HANDLING_OFFICER)] + [(m, AccessReason.MANAGEMENT_LINE) for m in managers]


def _service_line(service: Service) -> list[tuple[int, str]]:
    """Who may see an enquiry of the service while no one handles it: the service's line
    (``directory.line.service_line``). No officer of another service is in it."""
    return [(officer_id, AccessReason.SERVICE_LINE) for officer_id in line.service_line(service)]


def _in_service(service: Service) -> Q:
    """Posts in the service: its own, and the directorate's posts above its services (the Director)."""
    return line.in_service(service.pk, service.directorate_id)


@dataclass(frozen=True)
class Departure:
    """How the handling officer left the enquiry's service: ``left`` ("Housing Management", or "the
    council" for an enquiry with no service) and ``how`` ("post ended Fri 12 Mar 2027")."""

    officer: Officer
    left: str
    how: str

    @property
    def text(self) -> str:
        return (
            f"{self.officer.full_name} no longer works in {self.left} ({self.how}), so the enquiry is "
            f"back with the {TEAM} to assign."
        )


def departure(enquiry: Enquiry, today: datetime.date | None = None) -> Departure | None:
    """Whether the enquiry's handling officer has left its service by ``today``: their post in it
    ended (a post in another service started, or the post simply ended) or they left the council.

    None while they still work in it (a move within the service keeps the enquiry with them), and
    for an officer who never worked in it while handling it (the Monitoring Officer it was referred
    to, the Chief Executive when no Director could take it): only leaving takes an enquiry away."""
    officer = enquiry.assigned_officer
    if officer is None:
        return None
    today = today or timezone.localdate()
    service = enquiry.service
    left = service.name if service is not None else "the council"
    if officer.end is not None and officer.end <= today:
        return Departure(officer, left, f"left the council {policies.day(officer.end)}")
    posts = Post.objects.filter(officer_id=officer.pk)
    current = posts.current(today)
    if current.filter(_in_service(service) if service is not None else Q()).exists():
        return None
    since = timezone.localtime(enquiry.assigned_at).date() if enquiry.assigned_at else enquiry.clock_starts
    ended = posts.filter(end__isnull=False, end__gte=since, end__lte=today)
    if service is not None:
        ended = ended.filter(_in_service(service))
    last = ended.order_by("-end").first()
    if last is None:
        return None
    return Departure(officer, left, f"post ended {policies.day(last.end)}")


def _access_rows(enquiry: Enquiry) -> list[tuple[int, str]]:
    """Who may see the enquiry now, and why: the handling officer and their line; while no one
    handles it, the service's line; and once its officer has left the service, the service's line,
    never the officer's new one (an open enquiry goes back to the team, ``hand_back_if_officer_left``;
    an answered one stays with its service)."""
    if enquiry.assigned_officer_id is None:
        if enquiry.status in AWAITING_ANSWER and enquiry.service_id:
            return _service_line(enquiry.service)
        return []
    if enquiry.service_id and departure(enquiry) is not None:
        return _service_line(enquiry.service)
    return handling_line(enquiry.assigned_officer_id, enquiry.service_id)


def _access_of(enquiry: Enquiry) -> set[tuple[int, str]]:
    return set(EnquiryAccess.objects.filter(enquiry=enquiry).values_list("officer_id", "reason"))


def _write_access(enquiry: Enquiry) -> None:
    EnquiryAccess.objects.filter(enquiry=enquiry).delete()
    EnquiryAccess.objects.bulk_create(
        [
            EnquiryAccess(enquiry=enquiry, officer_id=officer_id, reason=reason)
            for officer_id, reason in _access_rows(enquiry)
        ]
    )


@transaction.atomic
def refresh_access(
    *, enquiries: Iterable[Enquiry] | None = None, officer_ids: Iterable[int] | None = None
) -> int:
    """Rewrite who may see open enquiries from the directory as it is now (after a restructure or a
    change of line manager), those waiting to be assigned again included. ``officer_ids``: instead,
    every enquiry, whatever its status, that those officers handle or may see (their post changed:
    they may have left the line, or joined it), and every one waiting to be assigned again (its
    service's line may have changed). Returns how many enquiries' access changed."""
    waiting = Q(status__in=AWAITING_ANSWER, assigned_officer__isnull=True, service__isnull=False)
    if officer_ids is not None:
        ids = list(officer_ids)
        qs = Enquiry.objects.filter(
            Q(assigned_officer_id__in=ids)
            | Q(pk__in=EnquiryAccess.objects.filter(officer_id__in=ids).values("enquiry_id"))
            | waiting
        )
    else:
        qs = Enquiry.objects.filter(Q(status__in=OPEN_STATUSES, assigned_officer__isnull=False) | waiting)
    if enquiries is not None:
        qs = qs.filter(pk__in=[e.pk for e in enquiries])
    changed = 0
    for enquiry in qs.select_related("assigned_officer", "service"):
        before = _access_of(enquiry)
        _write_access(enquiry)
        after = _access_of(enquiry)
        if before != after:
            changed += 1
            record(
                actor=None,
                action="enquiry.access_refreshed",
                target=enquiry,
                capacity=SYSTEM,
                before={"access": sorted(before)},
                after={"access": sorted(after)},
            )
    return changed


def _hand_back(enquiry: Enquiry, gone: Departure) -> EnquiryEvent:
    """The enquiry goes back to the team to assign, with the reason on its timeline; the service's
    line sees it meanwhile. The due date stays. The team is e-mailed; the Member is not (they are not
    e-mailed of a reassignment either), and reads the reason on the timeline."""
    officer = gone.officer
    before = _access_of(enquiry)
    enquiry.assigned_officer = None
    enquiry.assigned_at = None
    enquiry.save()
    _write_access(enquiry)
    after = _access_of(enquiry)
    event = _event(
        enquiry,
        EventKind.HANDED_BACK,
        actor=None,
        capacity=SYSTEM,
        text=gone.text,
        data={
            "previous_officer": officer.pk,
            "previous_officer_name": officer.full_name,
            "service": enquiry.service_id,
            "left": gone.left,
            "how": gone.how,
        },
    )
    record(
        actor=None,
        action="enquiry.handed_back",
        target=enquiry,
        capacity=SYSTEM,
        before={"assigned_officer": officer.pk, "access": sorted(before)},
        after={"assigned_officer": None, "access": sorted(after)},
        reason=gone.text,
    )
    notifications.handed_back(enquiry, event)
    return event


def hand_back_if_officer_left(
    *, officer_ids: Iterable[int] | None = None, today: datetime.date | None = None
) -> int:
    """Every open enquiry whose handling officer has left its service (``departure``) goes back to
    the team to assign (``_hand_back``): those of ``officer_ids``, or all. Each in its own transaction
    (inside the caller's, when a directory step calls it). Returns how many went back."""
    today = today or timezone.localdate()
    # Only the enquiries whose officer holds no post in the service today can have lost it: the rest
    # are left out in one query.
    in_service = (
        Post.objects.current(today)
        .filter(
            line.in_service(OuterRef("service_id"), OuterRef("service__directorate_id")),
            officer_id=OuterRef("assigned_officer_id"),
            officer__start__lte=today,
        )
        .filter(Q(officer__end__isnull=True) | Q(officer__end__gt=today))
    )
    qs = Enquiry.objects.filter(status__in=OPEN_STATUSES, assigned_officer__isnull=False).filter(
        ~Exists(in_service)
    )
    if officer_ids is not None:
        qs = qs.filter(assigned_officer_id__in=list(officer_ids))
    handed = 0
    for pk in qs.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            enquiry = (
                Enquiry.objects.select_for_update(of=("self",))
                .select_related("assigned_officer", "service")
                .get(pk=pk)
            )
            gone = departure(enquiry, today) if enquiry.status in OPEN_STATUSES else None
            if gone is None:
                continue
            _hand_back(enquiry, gone)
            handed += 1
    if handed:
        _wake_dispatcher()
    return handed


def follow_directory_moves(officer_ids: frozenset[int]) -> int:
    """Registered with the directory's ``moves`` (``apps``): once a directory step has started or
    ended an officer's post or employment, in its transaction, their open enquiries of a service they
    left go back to the team, and the access of every enquiry they handle or may see is rewritten.
    Otherwise the officer's new line would read the old service's enquiries, and the old line lose
    them. Returns how many enquiries changed."""
    handed = hand_back_if_officer_left(officer_ids=officer_ids)
    return handed + refresh_access(officer_ids=officer_ids)


def follow_directory() -> int:
    """What ``follow_directory_moves`` does for every enquiry, as the directory stands today: a move
    dated for a later day takes effect on that day with nobody saving anything (the nightly task).
    Returns how many enquiries' access changed, those handed back included."""
    handed = hand_back_if_officer_left()
    return handed + refresh_access()


# Routing -------------------------------------------------------------------------------------------


def routing_rule_for(category: Category, ward: Ward | None) -> RoutingRule | None:
    """The most specific rule: the category in this ward, else the category in every ward."""
    rules_qs = RoutingRule.objects.filter(category=category).select_related(
        "service__directorate", "default_handler"
    )
    if ward is not None:
        specific = rules_qs.filter(ward=ward).first()
        if specific:
            return specific
    return rules_qs.filter(ward__isnull=True).first()


def _related_officers(member_id: int | None) -> dict[int, str]:
    """The officers the Member has declared a close relationship with today, each with its nature in
    words, for the routing's reasons."""
    if not member_id:
        return {}
    related = register.related_officers(member_id=member_id, on=timezone.localdate())
    return {officer_id: nature.label.lower() for officer_id, nature in related.items()}


def _candidate(post: Post, why: str, related: dict[int, str]) -> policies.Candidate:
    return policies.Candidate(
        officer_id=post.officer_id,
        name=post.officer.full_name,
        seniority=post.seniority,
        why=why,
        related=post.officer_id in related,
        relationship=related.get(post.officer_id, ""),
    )


def _directors(service: Service, related: dict[int, str]) -> list[policies.Candidate]:
    out = []
    for post in line.directors_for(service):
        out.append(_candidate(post, f"the {post.title}, Director for {service.name}", related))
    for post in line.chief_executive_posts():
        out.append(_candidate(post, "the Chief Executive, as no Director could take it", related))
    return _unique(out)


def _handlers(
    service: Service, rule: RoutingRule | None, related: dict[int, str], category: Category
) -> list[policies.Candidate]:
    out = []
    if rule is not None and rule.service_id == service.pk and rule.default_handler_id:
        post = line.post_of(rule.default_handler_id, service.pk)
        if post is not None:
            out.append(_candidate(post, f"the routing table's handling officer for {category.name}", related))
    for post in line.senior_posts_in(service, limit=5):
        out.append(_candidate(post, f"the {post.title}, the most senior manager in {service.name}", related))
    out.extend(_directors(service, related))
    return _unique(out)


def _monitoring_officers(related: dict[int, str]) -> list[policies.Candidate]:
    out = []
    for kind, why in (
        (StatutoryRoleKind.MONITORING_OFFICER, "the Monitoring Officer, who determines access"),
        (StatutoryRoleKind.DEPUTY_MONITORING_OFFICER, "a Deputy Monitoring Officer"),
    ):
        for post in line.statutory_officer_posts(kind):
            out.append(_candidate(post, why, related))
    return _unique(out)


def _unique(candidates: list[policies.Candidate]) -> list[policies.Candidate]:
    seen: set[int] = set()
    out = []
    for c in candidates:
        if c.officer_id not in seen:
            seen.add(c.officer_id)
            out.append(c)
    return out


def _choose(
    enquiry: Enquiry, route: str, service: Service | None, routing: RoutingRule | None, council
) -> tuple[Officer, Decision]:
    related = _related_officers(enquiry.raised_by_member_id)
    if route == policies.ROUTE_MONITORING_OFFICER:
        candidates = _monitoring_officers(related)
    elif service is None:
        raise ValidationError({"service": "Choose the service that handles it."})
    elif route == policies.ROUTE_DIRECTOR:
        candidates = _directors(service, related)
    else:
        candidates = _handlers(service, routing, related, enquiry.category)
    choice = policies.choose_handler(
        candidates=candidates,
        relationships=rules.relationships(council),
        member_name=enquiry.originator_name,
    )
    if choice.candidate is None:
        raise ProtocolError(choice.decision, field="officer")
    return Officer.objects.get(pk=choice.candidate.officer_id), choice.decision


def _check_handler(
    enquiry: Enquiry, officer: Officer, council, classification: str | None = None
) -> Decision:
    """A handler chosen by a person: in post, allowed for the classification, and not related."""
    post = line.post_of(officer.pk, enquiry.service_id)
    if post is None:
        raise ValidationError({"officer": f"{officer.full_name} is not in post."})
    decision = policies.may_handle(
        classification=classification or enquiry.classification,
        seniority=post.seniority,
        officer_name=officer.full_name,
        rule=rules.legal_proceedings(council),
    )
    if not decision.allowed:
        raise ProtocolError(decision, field="officer")
    related = _related_officers(enquiry.raised_by_member_id)
    if officer.pk in related:
        choice = policies.choose_handler(
            candidates=[
                policies.Candidate(
                    officer.pk, officer.full_name, post.seniority, "", True, related[officer.pk]
                )
            ],
            relationships=rules.relationships(council),
            member_name=enquiry.originator_name,
        )
        raise ProtocolError(choice.decision, field="officer")
    return decision


def _assign(
    enquiry: Enquiry,
    officer: Officer,
    *,
    actor,
    capacity: str,
    kind: str,
    reason: str,
    decision: Decision | None = None,
    service: Service | None = None,
) -> EnquiryEvent:
    previous = enquiry.assigned_officer
    previous_service = enquiry.service
    # The Member hears who deals with it the first time; one handed back to the team when its officer
    # left the service, and now assigned again, is an internal reassignment.
    first = previous is None and not enquiry.events.filter(kind=EventKind.HANDED_BACK).exists()
    if service is not None:
        enquiry.service = service
    enquiry.assigned_officer = officer
    enquiry.assigned_at = timezone.now()
    if enquiry.status in (Status.RECEIVED, Status.CONSENT_NEEDED):
        enquiry.status = Status.ASSIGNED
    enquiry.save()
    _write_access(enquiry)
    text = f"{officer.full_name}" + (f", {enquiry.service.name}" if enquiry.service_id else "")
    event = _event(
        enquiry,
        kind,
        actor=actor,
        capacity=capacity,
        text=f"{text}. {reason}".strip(),
        data={
            "officer": officer.pk,
            "officer_name": officer.full_name,
            "service": enquiry.service_id,
            "service_name": enquiry.service.name if enquiry.service_id else "",
            "previous_officer": previous.pk if previous else None,
            "previous_service": previous_service.pk if previous_service else None,
            "reason": reason,
            "reasons": _reasons(decision) if decision else [],
        },
    )
    record(
        actor=actor,
        action=f"enquiry.{kind}",
        target=enquiry,
        capacity=capacity,
        before={
            "assigned_officer": previous.pk if previous else None,
            "service": previous_service.pk if previous_service else None,
        },
        after={"assigned_officer": officer.pk, "service": enquiry.service_id},
        reason=reason,
        extra={"reasons": _reasons(decision) if decision else []},
    )
    notifications.assigned(enquiry, event, first=first)
    if enquiry.acknowledged_at is None and previous is None:
        enquiry.acknowledged_at = timezone.now()
        enquiry.save(update_fields=["acknowledged_at", "updated_at"])
    return event


# Raising ----------------------------------------------------------------------------------------------


def _originator(
    actor, member, originator_type, originator_name, originator_email, errors: _Errors, council
) -> tuple[str, Member | None, str, str]:
    caps = capacities_of(actor)
    may_act_for = selectors.may_raise_for_members(actor)
    if originator_type == OriginatorType.ELECTED_REPRESENTATIVE:
        if not may_act_for:
            raise PermissionDenied(
                "Only Member Services or the Member Enquiries team may record an MP's enquiry."
            )
        decision = policies.may_raise_as(
            originator_type=originator_type, elected_representatives=rules.elected_representatives(council)
        )
        if not decision.allowed:
            raise ProtocolError(decision, field="originator_type")
        name = _text(
            errors,
            "originator_name",
            originator_name,
            "the name of the MP or representative",
            max_length=200,
            one_line=True,
            is_name=True,
        )
        email = (originator_email or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.add(
                    "originator_email",
                    "Enter an e-mail address in the correct format, like name@example.org.",
                )
        return OriginatorType.ELECTED_REPRESENTATIVE, None, name, email
    if originator_type not in (None, "", OriginatorType.MEMBER, OriginatorType.MEMBER_SERVICES):
        errors.add("originator_type", "Choose who the enquiry is from.")
        return "", None, "", ""
    if member is None or (caps.member is not None and _pk(member) == caps.member.pk):
        if caps.member is None:
            if may_act_for:
                errors.add("member", "Choose the Member the enquiry is from.")
                return "", None, "", ""
            raise PermissionDenied(
                "Only a Member, or Member Services on a Member's behalf, may raise an enquiry."
            )
        return OriginatorType.MEMBER, caps.member, str(caps.member), caps.member.email
    if not may_act_for:
        raise PermissionDenied("A Member may raise enquiries only in their own name.")
    chosen = _as_instance(Member, member, errors, "member", "the Member the enquiry is from")
    if chosen is None:
        return "", None, "", ""
    if not chosen.is_current():
        errors.add("member", f"{chosen} is not a Member of the council now.")
    return OriginatorType.MEMBER_SERVICES, chosen, str(chosen), chosen.email


def _pk(value) -> int | None:
    try:
        return value.pk if hasattr(value, "pk") else int(value)
    except (TypeError, ValueError):
        return None


RESIDENT_FIELDS = ("name", "address", "contact", "asked_member_to_act", "special_category_data")


def _resident(errors: _Errors, resident: dict | None) -> dict | None:
    if not resident:
        return None
    unknown = set(resident) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown resident fields: {sorted(unknown)}")
    out = {
        "name": _text(
            errors,
            "resident_name",
            resident.get("name"),
            "the resident's name",
            required=False,
            max_length=200,
            is_name=True,
        ),
        "address": _text(
            errors,
            "resident_address",
            resident.get("address"),
            "the resident's address",
            required=False,
            max_length=1000,
        ),
        "contact": _text(
            errors,
            "resident_contact",
            resident.get("contact"),
            "the resident's contact details",
            required=False,
            max_length=200,
        ),
        "asked_member_to_act": resident.get("asked_member_to_act"),
        "special_category_data": bool(resident.get("special_category_data")),
    }
    if not any([out["name"], out["address"], out["contact"]]):
        return None
    return out


@transaction.atomic
def raise_enquiry(
    *,
    actor,
    subject: str,
    body: str,
    category: Category | int | None,
    ward: Ward | int | None = None,
    member: Member | int | None = None,
    originator_type: str | None = None,
    originator_name: str = "",
    originator_email: str = "",
    urgent: bool = False,
    urgency_reason: str = "",
    interest: str = Interest.NONE,
    interest_details: str = "",
    resident: dict | None = None,
    attachments: Sequence[Any] = (),
    received_at: datetime.datetime | str | None = None,
    follows_up: Enquiry | None = None,
) -> Enquiry:
    """A Member raises an enquiry (or Member Services / the team on a Member's behalf, or for an MP
    where the council allows it). The clock starts from ``received_at`` (now, unless given)."""
    council = the_council()
    errors = _Errors()
    kind, raised_by_member, name, email = _originator(
        actor, member, originator_type, originator_name, originator_email, errors, council
    )
    subject = _text(
        errors, "subject", subject, "a subject", max_length=SUBJECT_MAX, one_line=True, is_name=True
    )
    body = _text(errors, "body", body, "what is being asked")
    category_obj = _as_instance(Category, category, errors, "category", "a category")
    if category_obj is not None and not category_obj.active:
        errors.add("category", f"{category_obj.name} is no longer used: choose another category.")
    ward_obj = _as_instance(Ward, ward, errors, "ward", "a ward", required=False)
    urgency_reason = _text(
        errors, "urgency_reason", urgency_reason, "why it is urgent", required=bool(urgent)
    )
    if interest not in Interest.values:
        errors.add("interest", "Choose whether you have an interest to declare.")
    interest_details = _text(
        errors,
        "interest_details",
        interest_details,
        "the interest you are declaring",
        required=interest in (Interest.PERSONAL, Interest.FINANCIAL),
    )
    resident_values = _resident(errors, resident)
    received = _aware(received_at, errors, "received_at")
    if received is not None:
        decision = policies.receipt_time(received_at=received, now=timezone.now())
        if not decision.allowed:
            errors.add("received_at", f"{decision.reasons[0].text}.")
    # The earlier enquiry is the same Member's (an MP's, one the actor may see): the team sees every
    # enquiry, and must not link one Member's enquiry to another's, whose reference it would show.
    if follows_up is not None and not (
        follows_up.raised_by_member_id == raised_by_member.pk
        if raised_by_member is not None
        else follows_up.raised_by_member_id is None and selectors.can_see(actor, follows_up)
    ):
        errors.add("follows_up", "Choose an earlier enquiry from the same Member.")
    try:
        checked = files.check_all(attachments)
    except ValidationError as error:
        errors.merge(error)
        checked = []
    errors.raise_any()

    clock = deadlines.clock_for(council, received)
    stored: list[str] = []
    try:
        enquiry = Enquiry.objects.create(
            reference=next_reference(timezone.localtime(received).year),
            originator_type=kind,
            raised_by_member=raised_by_member,
            originator_name=name,
            originator_email=email,
            raised_by_user=actor,
            follows_up=follows_up,
            subject=subject,
            body=body,
            category=category_obj,
            ward=ward_obj,
            urgent=bool(urgent),
            urgency_reason=urgency_reason if urgent else "",
            interest=interest,
            interest_details=interest_details if interest != Interest.NONE else "",
            received_at=received,
            clock_starts=clock.clock_starts,
            acknowledge_by=clock.acknowledge_by,
            original_due=clock.due,
            due_date=clock.due,
            calendar_version=clock.calendar_version,
            due_explanation=clock.explanation,
        )
        if resident_values:
            ResidentDetails.objects.create(enquiry=enquiry, **resident_values)
        for item in checked:
            name_on_disk = files.store(item)
            stored.append(name_on_disk)
            Attachment.objects.create(
                enquiry=enquiry,
                file=name_on_disk,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=actor,
            )
        capacity = _capacity(actor)
        _event(
            enquiry,
            EventKind.RAISED,
            actor=actor,
            capacity=capacity,
            text=f"Raised by {name}" + (f" (entered by {actor})" if kind != OriginatorType.MEMBER else ""),
            data={
                "received_at": received.isoformat(),
                "clock_starts": clock.clock_starts.isoformat(),
                "due": clock.due.isoformat(),
                "acknowledge_by": clock.acknowledge_by.isoformat(),
                "explanation": clock.explanation,
                "calendar_version": clock.calendar_version,
                "attachments": [c.original_name for c in checked],
                "interest": interest,
            },
            at=timezone.now(),
        )
        record(
            actor=actor,
            action="enquiry.raised",
            target=enquiry,
            capacity=capacity,
            after={
                "reference": enquiry.reference,
                "originator_type": kind,
                "raised_by_member": raised_by_member.pk if raised_by_member else None,
                "category": category_obj.pk,
                "ward": ward_obj.pk if ward_obj else None,
                "urgent": enquiry.urgent,
                "interest": interest,
                "received_at": received,
                "due_date": clock.due,
                "calendar_version": clock.calendar_version,
                "attachments": [c.sha256 for c in checked],
            },
        )
        notifications.raised(enquiry)
        if enquiry.urgent:
            _route_urgent_on_receipt(enquiry, council)
        _wake_dispatcher()
    except BaseException:
        for name_on_disk in stored:
            files.delete(name_on_disk)
        raise
    return enquiry


def _route_urgent_on_receipt(enquiry: Enquiry, council) -> None:
    """An urgent enquiry goes straight to the service's Director (Tower Hamlets 7.2(a)) when the
    routing table knows the service; otherwise it waits at the top of the triage queue."""
    routing = routing_rule_for(enquiry.category, enquiry.ward)
    if routing is None:
        return
    related = _related_officers(enquiry.raised_by_member_id)
    choice = policies.choose_handler(
        candidates=_directors(routing.service, related),
        relationships=rules.relationships(council),
        member_name=enquiry.originator_name,
    )
    if choice.candidate is None:
        return
    urgent_rule = rules.triage_rules(council).urgent
    decision = Decision(
        "urgent",
        (
            *urgent_rule.reasons(
                "The enquiry is extremely urgent for constituents, so it goes straight to the service's "
                "Director or Chief Officer"
            ),
            *choice.decision.reasons,
        ),
    )
    enquiry.classification = Classification.MEMBER_ENQUIRY
    enquiry.classification_reasons = _reasons(decision)
    enquiry.classified_at = timezone.now()
    _assign(
        enquiry,
        Officer.objects.get(pk=choice.candidate.officer_id),
        actor=None,
        capacity=SYSTEM,
        kind=EventKind.ROUTED,
        reason=decision.explain(),
        decision=decision,
        service=routing.service,
    )


@transaction.atomic
def add_attachments(*, actor, enquiry: Enquiry, attachments: Sequence[Any]) -> list[Attachment]:
    """Add files to an open enquiry (the raising Member, the team, or an officer with access)."""
    if not (
        selectors.is_raiser(actor, enquiry)
        or selectors.is_team(actor)
        or selectors.officer_access(actor, enquiry) in ACTING_ACCESS
    ):
        raise PermissionDenied("You cannot add files to this enquiry.")
    enquiry = _lock(enquiry)
    if enquiry.status in ENDED_STATUSES:
        raise _refuse(
            f"{enquiry.reference} is {enquiry.get_status_display().lower()}: files can no longer be added."
        )
    checked = files.check_all(attachments)
    if not checked:
        raise ValidationError({"attachments": "Choose a file to attach."})
    if enquiry.attachments.count() + len(checked) > files.MAX_FILES:
        raise ValidationError({"attachments": f"An enquiry can have at most {files.MAX_FILES} files."})
    stored: list[str] = []
    created = []
    try:
        for item in checked:
            name_on_disk = files.store(item)
            stored.append(name_on_disk)
            created.append(
                Attachment.objects.create(
                    enquiry=enquiry,
                    file=name_on_disk,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    uploaded_by=actor,
                )
            )
        capacity = _capacity(actor)
        _event(
            enquiry,
            EventKind.ATTACHMENT_ADDED,
            actor=actor,
            capacity=capacity,
            text=", ".join(c.original_name for c in checked),
            data={"attachments": [a.pk for a in created]},
        )
        record(
            actor=actor,
            action="enquiry.attachment_added",
            target=enquiry,
            capacity=capacity,
            after={"attachments": [{"name": c.original_name, "sha256": c.sha256} for c in checked]},
        )
    except BaseException:
        for name_on_disk in stored:
            files.delete(name_on_disk)
        raise
    return created


# Triage ---------------------------------------------------------------------------------------------


@transaction.atomic
def triage(
    *,
    actor,
    enquiry: Enquiry,
    classification: str,
    note: str = "",
    access_in_doubt: bool = False,
    service: Service | int | None = None,
    officer: Officer | int | None = None,
    signed_authorisation: bool = False,
    external_reference: str = "",
) -> policies.Triage:
    """The Member Enquiries team classifies the enquiry; what follows (and why) comes from the policy.

    Routing: ``service`` and ``officer`` may be chosen by the team; otherwise the routing table gives
    the service and the route gives the officer (the routing rule's handling officer or the service's
    most senior manager; the Director for urgent, policy and legal matters; the Monitoring Officer
    when access is in doubt), passing over anyone the Member has declared a close relationship with.
    """
    _require_team(actor, "triage enquiries")
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, (Status.RECEIVED, Status.CONSENT_NEEDED, Status.ASSIGNED), "triage it")
    if enquiry.status == Status.ASSIGNED and enquiry.responses.filter(sent_at__isnull=False).exists():
        raise _refuse(f"{enquiry.reference} has had a reply: reassign or transfer it instead.")
    errors = _Errors()
    if classification not in Classification.values:
        errors.add("classification", "Choose what kind of request it is.")
    note = _text(errors, "note", note, "a note", required=False)
    external_reference = _text(
        errors, "external_reference", external_reference, "the reference", required=False, max_length=60
    )
    service_obj = _as_instance(Service, service, errors, "service", "a service", required=False)
    officer_obj = _as_instance(Officer, officer, errors, "officer", "an officer", required=False)
    errors.raise_any()

    resident = ResidentDetails.objects.filter(enquiry=enquiry).first()
    member_wards = (
        set(
            WardMembership.objects.current()
            .filter(member_id=enquiry.raised_by_member_id)
            .values_list("ward_id", flat=True)
        )
        if enquiry.raised_by_member_id
        else set()
    )
    outcome = policies.triage(
        classification=classification,
        rules=rules.triage_rules(council),
        urgent=enquiry.urgent,
        access_in_doubt=access_in_doubt,
        follows_up_service_request=bool(
            enquiry.follows_up_id and enquiry.follows_up.classification == Classification.SERVICE_REQUEST
        ),
        interest=enquiry.interest,
        personal=policies.PersonalInformationFacts(
            member_represents_ward=bool(enquiry.ward_id and enquiry.ward_id in member_wards),
            acting_for_data_subject=bool(resident and resident.asked_member_to_act),
            special_category=bool(resident and resident.special_category_data),
            signed_authorisation=signed_authorisation,
        ),
    )
    if outcome.refused:
        raise ProtocolError(outcome.decision, field="classification")

    before = {"classification": enquiry.classification, "status": enquiry.status}
    capacity = _capacity(actor)
    enquiry.classification = classification
    enquiry.classification_reasons = _reasons(outcome.decision)
    enquiry.classification_note = note
    enquiry.classified_at = timezone.now()
    enquiry.classified_by = actor
    if external_reference:
        enquiry.external_reference = external_reference

    routing = routing_rule_for(enquiry.category, enquiry.ward)
    target_service = service_obj or (routing.service if routing else enquiry.service)
    handler: Officer | None = None
    route_decision: Decision | None = None
    if outcome.route is not None:
        if officer_obj is not None:
            route_decision = _check_handler(enquiry, officer_obj, council, classification)
            handler = officer_obj
            if target_service is None:
                post = line.post_of(officer_obj.pk)
                target_service = post.service if post else None
        else:
            if target_service is None and outcome.route != policies.ROUTE_MONITORING_OFFICER:
                where = f" in {enquiry.ward.name}" if enquiry.ward_id else ""
                raise ValidationError(
                    {"service": f"No routing rule covers {enquiry.category.name}{where}: choose the service."}
                )
            handler, route_decision = _choose(
                enquiry, outcome.route, target_service, routing if service_obj is None else None, council
            )

    enquiry.status = outcome.status if outcome.status != Status.ASSIGNED else enquiry.status
    if outcome.status in (Status.SERVICE_REQUEST, Status.COMPLAINT_REFERRED):
        enquiry.closed_at = timezone.now()
    released = None
    if outcome.route is None and enquiry.assigned_officer_id:
        # Taken out of the service's hands (a complaint, or waiting for consent): its officers no
        # longer see it.
        released = enquiry.assigned_officer.full_name
        enquiry.assigned_officer = None
    enquiry.save()
    if released:
        _write_access(enquiry)
    if (
        handler is not None
        and handler.pk == enquiry.assigned_officer_id
        and target_service == enquiry.service
    ):
        handler = None  # re-triaged, and it stays where it is
    event = _event(
        enquiry,
        EventKind.CLASSIFIED,
        actor=actor,
        capacity=capacity,
        text=f"{Classification(classification).label}. {outcome.decision.explain()}"
        + (f" Note: {note}" if note else ""),
        data={
            "classification": classification,
            "status": outcome.status,
            "reasons": _reasons(outcome.decision),
            "external_reference": external_reference,
            "access_in_doubt": access_in_doubt,
            "released_from": released,
        },
    )
    record(
        actor=actor,
        action="enquiry.classified",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={"classification": classification, "status": outcome.status},
        reason=note,
        extra={"reasons": _reasons(outcome.decision)},
    )
    if handler is not None:
        kind = (
            EventKind.REFERRED_TO_MONITORING_OFFICER
            if outcome.route == policies.ROUTE_MONITORING_OFFICER
            else (EventKind.ASSIGNED if enquiry.assigned_officer_id is None else EventKind.REASSIGNED)
        )
        status_after = outcome.status
        _assign(
            enquiry,
            handler,
            actor=actor,
            capacity=capacity,
            kind=kind,
            reason=route_decision.explain() if route_decision else "",
            decision=route_decision,
            service=target_service,
        )
        if status_after != Status.ASSIGNED and enquiry.status != status_after:
            enquiry.status = status_after
            enquiry.save(update_fields=["status", "updated_at"])
    if outcome.status in (Status.SERVICE_REQUEST, Status.COMPLAINT_REFERRED, Status.CONSENT_NEEDED):
        notifications.routed_out(enquiry, event)
    _wake_dispatcher()
    return outcome


# Handling --------------------------------------------------------------------------------------------


def _reason_text(errors: _Errors, reason: str, label: str = "the reason") -> str:
    return _text(errors, "reason", reason, label)


def _officer_in_service(officer: Officer, service: Service | None) -> bool:
    if service is None:
        return True
    return line.works_in(officer.pk, service)


@transaction.atomic
def assign(*, actor, enquiry: Enquiry, officer: Officer | int, reason: str) -> Enquiry:
    """Give the enquiry to another officer of the same service (the team, or a manager in the
    handling officer's line)."""
    if not (
        selectors.is_team(actor) or selectors.officer_access(actor, enquiry) == AccessReason.MANAGEMENT_LINE
    ):
        raise PermissionDenied(
            "Only the Member Enquiries team or the handling officer's managers may reassign it."
        )
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "reassign it")
    errors = _Errors()
    reason = _reason_text(errors, reason, "why it is being reassigned")
    officer_obj = _as_instance(Officer, officer, errors, "officer", "an officer")
    errors.raise_any()
    if officer_obj.pk == enquiry.assigned_officer_id:
        raise ValidationError({"officer": f"{officer_obj.full_name} is already handling it."})
    if not _officer_in_service(officer_obj, enquiry.service):
        where = enquiry.service.name
        raise ValidationError(
            {"officer": f"{officer_obj.full_name} does not work in {where}: transfer it instead."}
        )
    decision = _check_handler(enquiry, officer_obj, council)
    _assign(
        enquiry,
        officer_obj,
        actor=actor,
        capacity=_capacity(actor),
        kind=EventKind.REASSIGNED,
        reason=reason,
        decision=decision,
    )
    _wake_dispatcher()
    return enquiry


@transaction.atomic
def transfer(
    *, actor, enquiry: Enquiry, service: Service | int, reason: str, officer: Officer | int | None = None
) -> Enquiry:
    """Move the enquiry to another service, with the reason (the team, or the handling officer and
    their line). The officers of the old service lose sight of it unless still in the new line."""
    if not (selectors.is_team(actor) or selectors.officer_access(actor, enquiry) in ACTING_ACCESS):
        raise PermissionDenied("Only the Member Enquiries team or the handling officer may transfer it.")
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "transfer it")
    errors = _Errors()
    reason = _reason_text(errors, reason, "why it is being transferred")
    service_obj = _as_instance(Service, service, errors, "service", "the service to transfer it to")
    officer_obj = _as_instance(Officer, officer, errors, "officer", "an officer", required=False)
    errors.raise_any()
    if service_obj.pk == enquiry.service_id:
        raise ValidationError({"service": f"It is already with {service_obj.name}."})
    if officer_obj is not None:
        if not _officer_in_service(officer_obj, service_obj):
            raise ValidationError(
                {"officer": f"{officer_obj.full_name} does not work in {service_obj.name}."}
            )
        decision = _check_handler(enquiry, officer_obj, council)
    else:
        route = (
            policies.ROUTE_DIRECTOR
            if enquiry.urgent
            or enquiry.classification in (Classification.POLICY, Classification.LEGAL_PROCEEDINGS)
            else policies.ROUTE_HANDLER
        )
        routing = RoutingRule.objects.filter(category=enquiry.category, service=service_obj).first()
        officer_obj, decision = _choose(enquiry, route, service_obj, routing, council)
    _assign(
        enquiry,
        officer_obj,
        actor=actor,
        capacity=_capacity(actor),
        kind=EventKind.TRANSFERRED,
        reason=reason,
        decision=decision,
        service=service_obj,
    )
    _wake_dispatcher()
    return enquiry


@transaction.atomic
def send_holding_reply(
    *, actor, enquiry: Enquiry, text: str, reason: str, new_due: datetime.date
) -> Response:
    """Tell the Member, within the response time, why a full response is not possible yet and when it
    will come. The original due date is kept; the new date becomes the revised due date."""
    officer = _require_officer_access(actor, enquiry, "send a holding reply", team_too=False)
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "send a holding reply")
    errors = _Errors()
    text = _text(errors, "text", text, "the holding reply")
    reason = _reason_text(errors, reason, "why a full response is not possible yet")
    if not isinstance(new_due, datetime.date):
        errors.add("new_due", "Enter the date the Member can expect a full response.")
    errors.raise_any()
    today = timezone.localdate()
    decision = policies.holding_reply(
        today=today, due=enquiry.due_date, new_due=new_due, reason=reason, rule=rules.holding_reply(council)
    )
    if not decision.allowed:
        raise ProtocolError(decision, field="new_due")
    copies = _copies(enquiry, officer, council, full_response=False)
    now = timezone.now()
    response = Response.objects.create(
        enquiry=enquiry,
        kind=ResponseKind.HOLDING_REPLY,
        text=text,
        written_by=officer,
        reason=reason,
        new_due=new_due,
        sent_at=now,
        sent_by=actor,
        copied_to=[c.as_dict() for c in copies.copies],
    )
    before = {"due_date": enquiry.due_date, "revised_due": enquiry.revised_due, "status": enquiry.status}
    enquiry.revised_due = new_due
    enquiry.due_date = new_due
    if enquiry.status != Status.REOPENED:
        enquiry.status = Status.HOLDING_REPLY_SENT
    enquiry.save()
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.HOLDING_REPLY,
        actor=actor,
        capacity=capacity,
        text=f"Full response now expected by {policies.day(new_due)}. Reason: {reason}",
        data={
            "response": response.pk,
            "original_due": enquiry.original_due.isoformat(),
            "previous_due": before["due_date"].isoformat(),
            "new_due": new_due.isoformat(),
            "reasons": _reasons(decision),
            "copied_to": response.copied_to,
        },
    )
    record(
        actor=actor,
        action="enquiry.holding_reply",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={"due_date": new_due, "revised_due": new_due, "status": enquiry.status},
        reason=reason,
        extra={"reasons": _reasons(decision), "response": response.pk},
    )
    notifications.reply(enquiry, response, event, copies)
    _wake_dispatcher()
    return response


@transaction.atomic
def record_discussion(*, actor, enquiry: Enquiry, with_whom: str, note: str) -> EnquiryEvent:
    """A very time-consuming enquiry discussed with the Member and managers (Haringey 12.20)."""
    _require_officer_access(actor, enquiry, "record a discussion")
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "record a discussion")
    errors = _Errors()
    with_whom = _text(errors, "with_whom", with_whom, "who took part", max_length=300)
    note = _text(errors, "note", note, "what was agreed")
    errors.raise_any()
    rule = rules.rule(council, "discussion")
    reasons = rule.reasons(
        "A very time-consuming enquiry may be discussed with the Member and senior Members or managers"
    )
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.DISCUSSED,
        actor=actor,
        capacity=capacity,
        text=f"With {with_whom}: {note}",
        data={"with": with_whom, "reasons": [r.as_dict() for r in reasons]},
    )
    record(
        actor=actor,
        action="enquiry.discussed",
        target=enquiry,
        capacity=capacity,
        after={"with": with_whom},
        reason=note,
    )
    return event


def _draft(enquiry: Enquiry) -> Response | None:
    return (
        enquiry.responses.filter(kind=ResponseKind.RESPONSE, sent_at__isnull=True)
        .select_related("written_by", "sign_off_by", "signed_off_by")
        .order_by("-written_at", "-pk")
        .first()
    )


@transaction.atomic
def draft_response(
    *,
    actor,
    enquiry: Enquiry,
    text: str,
    about_policy_implications: bool = False,
    contains_statistics: bool = False,
    limited_to_process: bool = False,
) -> Response:
    """Write (or rewrite) the response. The officer ticks whether it is about the implications of
    current policies or contains statistics about services (Islington 4.1(c)); for a matter in legal
    proceedings they confirm it comments on process only (Tower Hamlets 13.4). Rewriting a draft that
    was signed off needs a new sign-off."""
    officer = _require_officer_access(actor, enquiry, "write the response", team_too=False)
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "write a response")
    errors = _Errors()
    text = _text(errors, "text", text, "the response")
    errors.raise_any()
    if enquiry.answer_limited_to_process and not limited_to_process:
        decision = Decision.refuse(
            *rules.legal_proceedings(the_council()).reasons(
                "This matter is in legal proceedings: confirm that the answer comments on process only"
            )
        )
        raise ProtocolError(decision, field="limited_to_process")
    draft = _draft(enquiry)
    values = {
        "text": text,
        "about_policy_implications": bool(about_policy_implications),
        "contains_statistics": bool(contains_statistics),
        "limited_to_process": bool(limited_to_process),
    }
    if draft is None:
        draft = Response.objects.create(
            enquiry=enquiry, kind=ResponseKind.RESPONSE, written_by=officer, **values
        )
    else:
        for key, value in values.items():
            setattr(draft, key, value)
        draft.written_by = officer
        draft.written_at = timezone.now()
        draft.signed_off_by = None
        draft.signed_off_at = None
        draft.save()
    capacity = _capacity(actor)
    _event(
        enquiry,
        EventKind.RESPONSE_DRAFTED,
        actor=actor,
        capacity=capacity,
        data={"response": draft.pk, **{k: v for k, v in values.items() if k != "text"}},
    )
    record(actor=actor, action="enquiry.response_drafted", target=enquiry, capacity=capacity, after=values)
    return draft


@transaction.atomic
def submit_for_sign_off(*, actor, enquiry: Enquiry, manager: Officer | int) -> Response:
    """Ask a manager in the handling officer's line to sign the draft off."""
    _require_officer_access(actor, enquiry, "ask for sign-off", team_too=False)
    enquiry = _lock(enquiry)
    draft = _draft(enquiry)
    if draft is None:
        raise _refuse("Write the response before asking for sign-off.", field="text")
    errors = _Errors()
    manager_obj = _as_instance(Officer, manager, errors, "manager", "the manager to sign it off")
    errors.raise_any()
    in_line = EnquiryAccess.objects.filter(
        enquiry=enquiry, officer=manager_obj, reason=AccessReason.MANAGEMENT_LINE
    ).exists()
    decision = policies.may_sign_off(
        author_id=draft.written_by_id,
        signer_id=manager_obj.pk,
        signer_in_line=in_line,
        signer_name=manager_obj.full_name,
    )
    if not decision.allowed:
        raise ProtocolError(decision, field="manager")
    draft.sign_off_by = manager_obj
    draft.submitted_at = timezone.now()
    draft.signed_off_by = None
    draft.signed_off_at = None
    draft.save()
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.SUBMITTED_FOR_SIGN_OFF,
        actor=actor,
        capacity=capacity,
        text=f"To {manager_obj.full_name}",
        data={"response": draft.pk, "manager": manager_obj.pk},
    )
    record(
        actor=actor,
        action="enquiry.submitted_for_sign_off",
        target=enquiry,
        capacity=capacity,
        after={"sign_off_by": manager_obj.pk},
    )
    notifications.sign_off_requested(enquiry, draft, event)
    _wake_dispatcher()
    return draft


@transaction.atomic
def sign_off(*, actor, enquiry: Enquiry) -> Response:
    """A manager in the handling officer's line signs the draft off."""
    enquiry = _lock(enquiry)
    draft = _draft(enquiry)
    if draft is None:
        raise _refuse("There is no draft response to sign off.")
    signer_id = selectors.officer_id_of(actor)
    if not signer_id:
        raise PermissionDenied("Only an officer may sign a response off.")
    in_line = EnquiryAccess.objects.filter(
        enquiry=enquiry, officer_id=signer_id, reason=AccessReason.MANAGEMENT_LINE
    ).exists()
    signer = Officer.objects.get(pk=signer_id)
    decision = policies.may_sign_off(
        author_id=draft.written_by_id,
        signer_id=signer_id,
        signer_in_line=in_line,
        signer_name=signer.full_name,
    )
    if not decision.allowed:
        raise ProtocolError(decision)
    draft.signed_off_by = signer
    draft.signed_off_at = timezone.now()
    draft.save()
    capacity = _capacity(actor)
    event = _event(enquiry, EventKind.SIGNED_OFF, actor=actor, capacity=capacity, data={"response": draft.pk})
    record(
        actor=actor,
        action="enquiry.signed_off",
        target=enquiry,
        capacity=capacity,
        after={"response": draft.pk},
    )
    notifications.signed_off(enquiry, draft, event)
    _wake_dispatcher()
    return draft


def executive_member_for(service: Service | None) -> Member | None:
    """The current Cabinet/Executive Member whose portfolio covers the service (``PortfolioLink``)."""
    if service is None:
        return None
    link = PortfolioLink.objects.filter(service=service).first()
    if link is None:
        return None
    return line.executive_member_for(link.portfolio)


def director_of(enquiry: Enquiry) -> Officer | None:
    """The handling officer's Director (``directory.line.director_of``): the first Director in their
    line, going up (the officer, if they are one). None while no one handles the enquiry."""
    if enquiry.assigned_officer_id is None:
        return None
    return line.director_of(enquiry.assigned_officer_id, enquiry.service_id)


def _copies(
    enquiry: Enquiry, officer: Officer | None, council, *, full_response: bool, draft: Response | None = None
) -> policies.Copies:
    post = line.post_of(officer.pk, enquiry.service_id) if officer else None
    director = director_of(enquiry)
    executive = executive_member_for(enquiry.service) if full_response else None
    result = policies.copies(
        responder_seniority=post.seniority if post else 0,
        director=policies.Person(director.full_name, director.email, _title(director)) if director else None,
        executive_member=(
            policies.Person(str(executive), executive.email, "Executive Member") if executive else None
        ),
        executive_member_is_addressee=bool(executive and executive.pk == enquiry.raised_by_member_id),
        about_policy_implications=bool(draft and draft.about_policy_implications),
        contains_statistics=bool(draft and draft.contains_statistics),
        service_name=enquiry.service.name if enquiry.service_id else "the service",
        rules=rules.copy_rules(council),
        full_response=full_response,
    )
    if not result.decision.allowed:
        raise ProtocolError(result.decision, field="about_policy_implications")
    if director is not None and officer is not None and director.pk == officer.pk:
        result = policies.Copies(
            tuple(c for c in result.copies if c.person.email != director.email), result.decision
        )
    return result


def _title(officer: Officer) -> str:
    post = line.post_of(officer.pk)
    return post.title if post else ""


def copies_preview(*, enquiry: Enquiry, officer: Officer | None, full_response: bool) -> policies.Copies:
    """Who would be copied, and why, if ``officer`` sent the holding reply (``full_response`` False)
    or the drafted response now: what the page shows before anything is sent. Writes nothing;
    raises ``ProtocolError`` as sending would."""
    draft = _draft(enquiry) if full_response else None
    writer = draft.written_by if draft is not None else officer
    return _copies(enquiry, writer, the_council(), full_response=full_response, draft=draft)


@transaction.atomic
def send_response(*, actor, enquiry: Enquiry) -> Response:
    """Send the drafted response to the Member, with the copies the protocol asks for, each named."""
    _require_officer_access(actor, enquiry, "send the response", team_too=False)
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, AWAITING_ANSWER, "send a response")
    draft = _draft(enquiry)
    if draft is None:
        raise _refuse("Write the response before sending it.", field="text")
    sign_off_decision = policies.sign_off_needed(
        requested=draft.sign_off_by_id is not None, rule=rules.sign_off(council)
    )
    if sign_off_decision.outcome in ("required", "requested") and draft.signed_off_at is None:
        raise ProtocolError(
            Decision.refuse(*sign_off_decision.reasons, Reason("It has not been signed off yet")),
            field="sign_off",
        )
    if enquiry.answer_limited_to_process and not draft.limited_to_process:
        raise ProtocolError(
            Decision.refuse(
                *rules.legal_proceedings(council).reasons(
                    "This matter is in legal proceedings: the answer must comment on process only"
                )
            ),
            field="limited_to_process",
        )
    copies = _copies(enquiry, draft.written_by, council, full_response=True, draft=draft)
    now = timezone.now()
    draft.sent_at = now
    draft.sent_by = actor
    draft.copied_to = [c.as_dict() for c in copies.copies]
    draft.save()
    before = {"status": enquiry.status}
    window = rules.follow_up_window(council)
    enquiry.status = Status.RESPONDED
    enquiry.responded_at = now
    enquiry.follow_up_until = deadlines.add_working_days(council, timezone.localdate(), int(window.value))
    enquiry.save()
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.RESPONSE_SENT,
        actor=actor,
        capacity=capacity,
        text="Copied to " + ", ".join(c.person.name for c in copies.copies) if copies.copies else "",
        data={
            "response": draft.pk,
            "copied_to": draft.copied_to,
            "reasons": _reasons(copies.decision),
            "follow_up_until": enquiry.follow_up_until.isoformat(),
            "in_time": timezone.localdate() <= enquiry.due_date,
            "met_original": timezone.localdate() <= enquiry.original_due,
        },
    )
    record(
        actor=actor,
        action="enquiry.response_sent",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={
            "status": Status.RESPONDED,
            "follow_up_until": enquiry.follow_up_until,
            "copied_to": [c["email"] for c in draft.copied_to],
        },
        extra={"reasons": _reasons(copies.decision), "response": draft.pk},
    )
    notifications.reply(enquiry, draft, event, copies)
    _wake_dispatcher()
    return draft


# After the response ---------------------------------------------------------------------------------


def _require_raiser_or_team(actor, enquiry: Enquiry, what: str) -> None:
    if not (selectors.is_raiser(actor, enquiry) or selectors.is_team(actor)):
        raise PermissionDenied(f"Only the Member who raised it (or the Member Enquiries team) may {what}.")


@transaction.atomic
def reopen(*, actor, enquiry: Enquiry, reason: str) -> Enquiry:
    """The Member comes back on the answer within the follow-up window; the same enquiry re-opens
    with a new response time from today."""
    _require_raiser_or_team(actor, enquiry, "re-open it")
    council = the_council()
    enquiry = _lock(enquiry)
    _require_status(enquiry, (Status.RESPONDED,), "re-open it")
    errors = _Errors()
    reason = _reason_text(errors, reason, "what is still needed")
    errors.raise_any()
    decision = policies.may_reopen(
        today=timezone.localdate(),
        follow_up_until=enquiry.follow_up_until,
        rule=rules.follow_up_window(council),
    )
    if not decision.allowed:
        raise ProtocolError(decision, field="reason")
    clock = deadlines.clock_for(council, timezone.now())
    before = {
        "status": enquiry.status,
        "due_date": enquiry.due_date,
        "follow_up_until": enquiry.follow_up_until,
    }
    enquiry.status = Status.REOPENED
    enquiry.revised_due = clock.due
    enquiry.due_date = clock.due
    enquiry.calendar_version = clock.calendar_version
    enquiry.due_explanation = clock.explanation
    enquiry.follow_up_until = None
    enquiry.save()
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.REOPENED,
        actor=actor,
        capacity=capacity,
        text=f"{reason} New due date {policies.day(clock.due)}.",
        data={"reasons": _reasons(decision), "due": clock.due.isoformat(), "explanation": clock.explanation},
    )
    record(
        actor=actor,
        action="enquiry.reopened",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={"status": Status.REOPENED, "due_date": clock.due},
        reason=reason,
        extra={"reasons": _reasons(decision)},
    )
    gone = departure(enquiry)
    if gone is not None:
        _hand_back(enquiry, gone)  # its officer left the service since answering: the team assigns it
    notifications.reopened(enquiry, event)
    _wake_dispatcher()
    return enquiry


def _close(enquiry: Enquiry, *, actor, capacity: str, reason: str, at: datetime.datetime) -> EnquiryEvent:
    before = {"status": enquiry.status}
    enquiry.status = Status.CLOSED
    enquiry.closed_at = at
    enquiry.save()
    event = _event(enquiry, EventKind.CLOSED, actor=actor, capacity=capacity, text=reason, at=at)
    record(
        actor=actor,
        action="enquiry.closed",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={"status": Status.CLOSED, "closed_at": at},
        reason=reason,
    )
    return event


@transaction.atomic
def close(*, actor, enquiry: Enquiry, reason: str) -> Enquiry:
    """Close an enquiry now: the Member is content with the answer, or withdraws it, or the team
    closes it with a reason."""
    _require_raiser_or_team(actor, enquiry, "close it")
    enquiry = _lock(enquiry)
    _require_status(enquiry, (*OPEN_STATUSES, Status.RESPONDED, Status.CONSENT_NEEDED), "close it")
    errors = _Errors()
    reason = _reason_text(errors, reason, "why it is being closed")
    errors.raise_any()
    event = _close(enquiry, actor=actor, capacity=_capacity(actor), reason=reason, at=timezone.now())
    notifications.closed(enquiry, event, by_member=selectors.is_raiser(actor, enquiry))
    _wake_dispatcher()
    return enquiry


def close_expired(*, now: datetime.datetime | None = None) -> int:
    """Close every responded enquiry whose follow-up window has passed (the worker calls this).
    Each closes in its own transaction, so one failure does not hold up the rest. Returns how many."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    closed = 0
    ids = list(
        Enquiry.objects.filter(status=Status.RESPONDED, follow_up_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            enquiry = Enquiry.objects.select_for_update().filter(pk=pk, status=Status.RESPONDED).first()
            if enquiry is None or enquiry.follow_up_until is None or enquiry.follow_up_until >= today:
                continue
            rule = rules.follow_up_window(the_council())
            reason = " ".join(
                str(r)
                for r in rule.reasons(
                    f"The Member did not come back on the answer by {policies.day(enquiry.follow_up_until)}, "
                    "so the enquiry closed"
                )
            )
            event = _close(enquiry, actor=None, capacity=SYSTEM, reason=reason, at=now)
            notifications.closed(enquiry, event, by_member=False)
            closed += 1
    if closed:
        notifications.wake_dispatcher()
    return closed


@transaction.atomic
def record_feedback(*, actor, enquiry: Enquiry, met_need: bool, comment: str = "") -> Enquiry:
    """The Member says whether the answer met the need."""
    if not selectors.is_raiser(actor, enquiry):
        raise PermissionDenied("Only the Member who raised it may say whether the answer met the need.")
    enquiry = _lock(enquiry)
    _require_status(enquiry, (Status.RESPONDED, Status.CLOSED), "give feedback on the answer")
    if enquiry.responded_at is None:
        raise _refuse("The enquiry has not been answered yet.")
    errors = _Errors()
    if met_need not in (True, False):
        errors.add("met_need", "Say whether the answer met the need.")
    comment = _text(errors, "comment", comment, "a comment", required=False)
    errors.raise_any()
    before = {"met_need": enquiry.met_need, "feedback": enquiry.feedback}
    enquiry.met_need = met_need
    enquiry.feedback = comment
    enquiry.feedback_at = timezone.now()
    enquiry.save()
    capacity = _capacity(actor)
    event = _event(
        enquiry,
        EventKind.FEEDBACK,
        actor=actor,
        capacity=capacity,
        text=("The answer met the need." if met_need else "The answer did not meet the need.")
        + (f" {comment}" if comment else ""),
        data={"met_need": met_need},
    )
    record(
        actor=actor,
        action="enquiry.feedback",
        target=enquiry,
        capacity=capacity,
        before=before,
        after={"met_need": met_need, "feedback": comment},
    )
    notifications.feedback(enquiry, event)
    _wake_dispatcher()
    return enquiry


@transaction.atomic
def record_chase(
    *, enquiry: Enquiry, rung: str, text: str, escalated: bool = False, at: datetime.datetime | None = None
) -> EnquiryEvent:
    """For the chasing run: note a reminder, chase or escalation on the timeline and the trail (the
    e-mail itself goes through ``outbox.enqueue`` with the key ``chase:<enquiry>:<rung>``)."""
    kind = EventKind.ESCALATED if escalated else EventKind.CHASED
    event = _event(enquiry, kind, actor=None, capacity=SYSTEM, text=text, data={"rung": rung}, at=at)
    record(
        actor=None,
        action=f"enquiry.{kind}",
        target=enquiry,
        capacity=SYSTEM,
        reason=text,
        extra={"rung": rung},
    )
    return event


def record_enquiry_view(*, user, enquiry: Enquiry) -> None:
    """Each view of an enquiry is an audit event (not a timeline entry). Views call this after
    ``selectors.enquiry_get`` returned the enquiry."""
    record_view(actor=user, target=enquiry, capacity=_capacity(user))


def record_enquiry_list(
    *,
    user,
    listing: str,
    filters: dict[str, Any],
    count: int,
    exported: bool = False,
    counted: bool = False,
    page: int | None = None,
    shown: Sequence[str] = (),
) -> None:
    """A list, a search, an export or filtered counts of enquiries is an audit event too, as a view is:
    who, which list (``listing``), with which filters and search words, how many matched and, for a
    page, its number and the references it showed. One event per request, from what the page already
    fetched (no query per row). The action is ``listed``, ``searched`` (a list with search words),
    ``exported`` or ``counted``."""
    applied = {name: value for name, value in filters.items() if value not in (None, "", False)}
    if exported:
        action = "exported"
    elif counted:
        action = "counted"
    else:
        action = "searched" if applied.get("search") else "listed"
    extra: dict[str, Any] = {"list": listing, "filters": applied, "count": count}
    if page is not None:
        extra.update(page=page, shown=list(shown))
    record(actor=user, action=action, about=Enquiry, capacity=_capacity(user), extra=extra)


# Retention -------------------------------------------------------------------------------------------


@transaction.atomic
def anonymise_resident(*, enquiry: Enquiry, rule_text: str, at: datetime.datetime | None = None) -> bool:
    """Blank the resident's details and delete the enquiry's files under the retention rule. The
    enquiry, its timeline and its figures stay. Returns False if there was nothing to do."""
    at = at or timezone.now()
    resident = ResidentDetails.objects.select_for_update().filter(enquiry=enquiry).first()
    files_left = list(enquiry.attachments.filter(removed_at__isnull=True))
    if (resident is None or resident.anonymised_at) and not files_left:
        return False
    if resident is not None and resident.anonymised_at is None:
        resident.name = ""
        resident.address = ""
        resident.contact = ""
        resident.asked_member_to_act = None
        resident.special_category_data = False
        resident.anonymised_at = at
        resident.save()
    names = []
    for attachment in files_left:
        names.append(attachment.file.name)
        attachment.file = ""
        attachment.removed_at = at
        attachment.save(update_fields=["file", "removed_at"])
    record(
        actor=None,
        action="enquiry.resident_anonymised",
        target=enquiry,
        capacity=SYSTEM,
        reason=rule_text,
        extra={"files_removed": len(names)},
        at=at,
    )
    for name in names:
        transaction.on_commit(lambda name=name: files.delete(name))
    return True


# The council's lists (the Member Enquiries team edits them) -----------------------------------------


def _require_list_editor(actor) -> str:
    caps = capacities_of(actor) if actor is not None else None
    if caps is None or not (
        AccessRole.MEMBER_ENQUIRIES in caps.access_roles
        or AccessRole.ADMINISTRATOR in caps.access_roles
        or caps.is_superuser
    ):
        raise PermissionDenied(
            "Only the Member Enquiries team or a system administrator may change these lists."
        )
    return _capacity(actor)


def category_name(*, name: str, category: Category | None = None) -> str:
    """The name ``category_save`` would save (``category``: the one being renamed, if any), or a
    ``ValidationError`` saying why it cannot. The administration pages ask before they save, so the
    message shows on the form."""
    errors = _Errors()
    name = _text(errors, "name", name, "the category's name", max_length=120, is_name=True)
    if name and Category.objects.filter(name__iexact=name).exclude(pk=getattr(category, "pk", None)).exists():
        errors.add("name", f"There is already a category called {name}.")
    errors.raise_any()
    return name


@transaction.atomic
def category_save(
    *, actor, name: str, active: bool = True, position: int = 0, category: Category | None = None
) -> Category:
    capacity = _require_list_editor(actor)
    name = category_name(name=name, category=category)
    before = (
        {"name": category.name, "active": category.active, "position": category.position}
        if category
        else None
    )
    category = category or Category()
    category.name, category.active, category.position = name, bool(active), int(position)
    category.save()
    record(
        actor=actor,
        action="enquiries.category_saved",
        target=category,
        capacity=capacity,
        before=before,
        after={"name": name, "active": category.active, "position": category.position},
    )
    return category


@transaction.atomic
def routing_rule_save(
    *,
    actor,
    category: Category,
    service: Service,
    ward: Ward | None = None,
    default_handler: Officer | None = None,
) -> RoutingRule:
    """Set the service (and optionally the handling officer) for a category, in one ward or all."""
    capacity = _require_list_editor(actor)
    if default_handler is not None and not _officer_in_service(default_handler, service):
        raise ValidationError(
            {"default_handler": f"{default_handler.full_name} does not work in {service.name}."}
        )
    rule = RoutingRule.objects.filter(category=category, ward=ward).first()
    before = {"service": rule.service_id, "default_handler": rule.default_handler_id} if rule else None
    rule = rule or RoutingRule(category=category, ward=ward)
    rule.service, rule.default_handler = service, default_handler
    rule.save()
    record(
        actor=actor,
        action="enquiries.routing_rule_saved",
        target=rule,
        capacity=capacity,
        before=before,
        after={
            "category": category.pk,
            "ward": ward.pk if ward else None,
            "service": service.pk,
            "default_handler": default_handler.pk if default_handler else None,
        },
    )
    return rule


@transaction.atomic
def routing_rule_delete(*, actor, rule: RoutingRule) -> None:
    capacity = _require_list_editor(actor)
    record(
        actor=actor,
        action="enquiries.routing_rule_deleted",
        target=rule,
        capacity=capacity,
        before={"category": rule.category_id, "ward": rule.ward_id, "service": rule.service_id},
    )
    rule.delete()


def portfolio_name(*, portfolio: str) -> str:
    """The portfolio ``portfolio_link_save`` would save, or a ``ValidationError`` saying why it cannot
    (asked by the administration pages before they save, as ``category_name`` is)."""
    errors = _Errors()
    portfolio = _text(
        errors, "portfolio", portfolio, "the portfolio", required=False, max_length=200, is_name=True
    )
    errors.raise_any()
    return portfolio


@transaction.atomic
def portfolio_link_save(*, actor, service: Service, portfolio: str) -> PortfolioLink | None:
    """Link a service to the Executive Member portfolio that covers it (blank removes the link)."""
    capacity = _require_list_editor(actor)
    portfolio = portfolio_name(portfolio=portfolio)
    link = PortfolioLink.objects.filter(service=service).first()
    before = {"portfolio": link.portfolio} if link else None
    if not portfolio:
        if link:
            record(
                actor=actor,
                action="enquiries.portfolio_link_deleted",
                target=link,
                capacity=capacity,
                before=before,
            )
            link.delete()
        return None
    link = link or PortfolioLink(service=service)
    link.portfolio = portfolio
    link.save()
    record(
        actor=actor,
        action="enquiries.portfolio_link_saved",
        target=link,
        capacity=capacity,
        before=before,
        after={"service": service.pk, "portfolio": portfolio},
    )
    return link


# The retention rule, run by ``nolan enquiries retention`` -------------------------------------------


def retention_plan(*, today: datetime.date | None = None) -> tuple[policies.Rule, list[dict]]:
    """What the retention rule would change today: each ended enquiry past the period whose resident
    details or files are still held. Returns (the rule, one row per enquiry, oldest first)."""
    today = today or timezone.localdate()
    rule = rules.retention(the_council())
    years = int(rule.value)
    roughly = today - datetime.timedelta(days=365 * years - 2)  # exact check per row below
    holding = Q(resident__isnull=False, resident__anonymised_at__isnull=True) | Q(
        attachments__isnull=False, attachments__removed_at__isnull=True
    )
    qs = (
        Enquiry.objects.filter(closed_at__isnull=False, closed_at__date__lte=roughly)
        .filter(holding)
        .distinct()
        .order_by("closed_at", "pk")
    )
    rows = []
    for enquiry in qs:
        closed_on = timezone.localtime(enquiry.closed_at).date()
        if not policies.retention_due(closed_on=closed_on, today=today, years=years):
            continue
        rows.append(
            {
                "enquiry": enquiry,
                "reference": enquiry.reference,
                "closed_on": closed_on,
                "resident": ResidentDetails.objects.filter(
                    enquiry=enquiry, anonymised_at__isnull=True
                ).exists(),
                "files": enquiry.attachments.filter(removed_at__isnull=True).count(),
            }
        )
    return rule, rows


def apply_retention(*, today: datetime.date | None = None) -> int:
    """Anonymise what ``retention_plan`` lists, each enquiry in its own transaction. Returns how many."""
    rule, rows = retention_plan(today=today)
    text = "; ".join(
        str(r)
        for r in rule.reasons(
            f"Resident details are anonymised {int(rule.value)} years after the enquiry ends"
        )
    )
    done = 0
    for row in rows:
        if anonymise_resident(enquiry=row["enquiry"], rule_text=text):
            done += 1
    return done
