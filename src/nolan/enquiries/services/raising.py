"""Raising an enquiry: a Member (or Member Services or the team on a Member's behalf, or for an MP
where the council allows it) raises it, an urgent one goes straight to the service's Director, and
files are added to it while it is open.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from nolan.casework import attachments as files
from nolan.casework import references
from nolan.casework.timeline import Audit, record_step
from nolan.core.decisions import Decision, ProtocolError
from nolan.directory.capacities import capacities_of
from nolan.directory.models import Member, Officer, Ward
from nolan.directory.selectors import the_council
from nolan.enquiries import deadlines, notifications, permissions, policies, rules, selectors
from nolan.enquiries.models import (
    ATTACHMENT_FOLDER,
    REFERENCE_SERIES,
    Attachment,
    Category,
    Classification,
    Enquiry,
    EnquiryEvent,
    EventKind,
    Interest,
    OriginatorType,
    ResidentDetails,
)
from nolan.enquiries.permissions import Standing
from nolan.enquiries.services.routing import assign_officer, directors_for, related_officers, routing_rule_for
from nolan.enquiries.services.steps import (
    SYSTEM,
    Errors,
    capacity_of,
    checked_text,
    instance_of,
    lock,
    reasons_of,
    wake_dispatcher_on_commit,
)

SUBJECT_MAX = 200


def _originator(
    actor, member, originator_type, originator_name, originator_email, errors: Errors, council
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
        name = checked_text(
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
    chosen = instance_of(Member, member, errors, "member", "the Member the enquiry is from")
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


def _resident(errors: Errors, resident: dict | None) -> dict | None:
    if not resident:
        return None
    unknown = set(resident) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown resident fields: {sorted(unknown)}")
    out = {
        "name": checked_text(
            errors,
            "resident_name",
            resident.get("name"),
            "the resident's name",
            required=False,
            max_length=200,
            is_name=True,
        ),
        "address": checked_text(
            errors,
            "resident_address",
            resident.get("address"),
            "the resident's address",
            required=False,
            max_length=1000,
        ),
        "contact": checked_text(
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


def _aware(value, errors: Errors, field: str) -> datetime.datetime | None:
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
    errors = Errors()
    kind, raised_by_member, name, email = _originator(
        actor, member, originator_type, originator_name, originator_email, errors, council
    )
    subject = checked_text(
        errors, "subject", subject, "a subject", max_length=SUBJECT_MAX, one_line=True, is_name=True
    )
    body = checked_text(errors, "body", body, "what is being asked")
    category_obj = instance_of(Category, category, errors, "category", "a category")
    if category_obj is not None and not category_obj.active:
        errors.add("category", f"{category_obj.name} is no longer used: choose another category.")
    ward_obj = instance_of(Ward, ward, errors, "ward", "a ward", required=False)
    urgency_reason = checked_text(
        errors, "urgency_reason", urgency_reason, "why it is urgent", required=bool(urgent)
    )
    if interest not in Interest.values:
        errors.add("interest", "Choose whether you have an interest to declare.")
    interest_details = checked_text(
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
        checked = files.check_all(attachments, case="enquiry")
    except ValidationError as error:
        errors.merge(error)
        checked = []
    errors.raise_any()

    clock = deadlines.clock_for(council, received)
    with files.storing(folder=ATTACHMENT_FOLDER) as store:
        enquiry = Enquiry.objects.create(
            reference=references.next_reference(REFERENCE_SERIES, timezone.localtime(received).year),
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
            Attachment.objects.create(
                enquiry=enquiry,
                file=store(item),
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=actor,
            )
        capacity = capacity_of(actor)
        record_step(
            EnquiryEvent,
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
            audit=Audit(
                action="enquiry.raised",
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
            ),
            mail=[lambda event: notifications.raised(enquiry)],
        )
        if enquiry.urgent:
            _route_urgent_on_receipt(enquiry, council)
        wake_dispatcher_on_commit()
    return enquiry


def _route_urgent_on_receipt(enquiry: Enquiry, council) -> None:
    """An urgent enquiry goes straight to the service's Director (Tower Hamlets 7.2(a)) when the
    routing table knows the service; otherwise it waits at the top of the triage queue."""
    routing = routing_rule_for(enquiry.category, enquiry.ward)
    if routing is None:
        return
    related = related_officers(enquiry.raised_by_member_id)
    choice = policies.choose_handler(
        candidates=directors_for(routing.service, related),
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
    enquiry.classification_reasons = reasons_of(decision)
    enquiry.classified_at = timezone.now()
    assign_officer(
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
    enquiry = lock(enquiry)
    permissions.attach(Standing(actor, enquiry), enquiry).require()
    checked = files.check_all(attachments, case="enquiry")
    if not checked:
        raise ValidationError({"attachments": "Choose a file to attach."})
    if enquiry.attachments.count() + len(checked) > files.MAX_FILES:
        raise ValidationError({"attachments": f"An enquiry can have at most {files.MAX_FILES} files."})
    created = []
    with files.storing(folder=ATTACHMENT_FOLDER) as store:
        for item in checked:
            created.append(
                Attachment.objects.create(
                    enquiry=enquiry,
                    file=store(item),
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    uploaded_by=actor,
                )
            )
        record_step(
            EnquiryEvent,
            enquiry,
            EventKind.ATTACHMENT_ADDED,
            actor=actor,
            capacity=capacity_of(actor),
            text=", ".join(c.original_name for c in checked),
            data={"attachments": [a.pk for a in created]},
            audit=Audit(
                action="enquiry.attachment_added",
                after={"attachments": [{"name": c.original_name, "sha256": c.sha256} for c in checked]},
            ),
        )
    return created
