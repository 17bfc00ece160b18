"""Handling an enquiry: giving it to another officer of the service, transferring it to another
service, and recording a discussion of a very time-consuming enquiry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from nolan.casework.timeline import Audit, record_step
from nolan.directory.models import Officer, Service
from nolan.directory.selectors import the_council
from nolan.enquiries import permissions, policies, rules
from nolan.enquiries.models import (
    Classification,
    Enquiry,
    EnquiryEvent,
    EventKind,
    RoutingRule,
)
from nolan.enquiries.permissions import Standing
from nolan.enquiries.services.routing import assign_officer, check_handler, choose_officer, officer_in_service
from nolan.enquiries.services.steps import (
    Errors,
    capacity_of,
    checked_text,
    instance_of,
    lock,
    reason_text,
    wake_dispatcher_on_commit,
)


@transaction.atomic
def assign(*, actor, enquiry: Enquiry, officer: Officer | int, reason: str) -> Enquiry:
    """Give the enquiry to another officer of the same service (the team, or a manager in the
    handling officer's line)."""
    council = the_council()
    enquiry = lock(enquiry)
    permissions.reassign(Standing(actor, enquiry), enquiry).require()
    errors = Errors()
    reason = reason_text(errors, reason, "why it is being reassigned")
    officer_obj = instance_of(Officer, officer, errors, "officer", "an officer")
    errors.raise_any()
    if officer_obj.pk == enquiry.assigned_officer_id:
        raise ValidationError({"officer": f"{officer_obj.full_name} is already handling it."})
    if not officer_in_service(officer_obj, enquiry.service):
        where = enquiry.service.name
        raise ValidationError(
            {"officer": f"{officer_obj.full_name} does not work in {where}: transfer it instead."}
        )
    decision = check_handler(enquiry, officer_obj, council)
    assign_officer(
        enquiry,
        officer_obj,
        actor=actor,
        capacity=capacity_of(actor),
        kind=EventKind.REASSIGNED,
        reason=reason,
        decision=decision,
    )
    wake_dispatcher_on_commit()
    return enquiry


@transaction.atomic
def transfer(
    *, actor, enquiry: Enquiry, service: Service | int, reason: str, officer: Officer | int | None = None
) -> Enquiry:
    """Move the enquiry to another service, with the reason (the team, or the handling officer and
    their line). The officers of the old service lose sight of it unless still in the new line."""
    council = the_council()
    enquiry = lock(enquiry)
    permissions.transfer(Standing(actor, enquiry), enquiry).require()
    errors = Errors()
    reason = reason_text(errors, reason, "why it is being transferred")
    service_obj = instance_of(Service, service, errors, "service", "the service to transfer it to")
    officer_obj = instance_of(Officer, officer, errors, "officer", "an officer", required=False)
    errors.raise_any()
    if service_obj.pk == enquiry.service_id:
        raise ValidationError({"service": f"It is already with {service_obj.name}."})
    if officer_obj is not None:
        if not officer_in_service(officer_obj, service_obj):
            raise ValidationError(
                {"officer": f"{officer_obj.full_name} does not work in {service_obj.name}."}
            )
        decision = check_handler(enquiry, officer_obj, council)
    else:
        route = (
            policies.ROUTE_DIRECTOR
            if enquiry.urgent
            or enquiry.classification in (Classification.POLICY, Classification.LEGAL_PROCEEDINGS)
            else policies.ROUTE_HANDLER
        )
        routing = RoutingRule.objects.filter(category=enquiry.category, service=service_obj).first()
        officer_obj, decision = choose_officer(enquiry, route, service_obj, routing, council)
    assign_officer(
        enquiry,
        officer_obj,
        actor=actor,
        capacity=capacity_of(actor),
        kind=EventKind.TRANSFERRED,
        reason=reason,
        decision=decision,
        service=service_obj,
    )
    wake_dispatcher_on_commit()
    return enquiry


@transaction.atomic
def record_discussion(*, actor, enquiry: Enquiry, with_whom: str, note: str) -> EnquiryEvent:
    """A very time-consuming enquiry discussed with the Member and managers (Haringey 12.20)."""
    council = the_council()
    enquiry = lock(enquiry)
    permissions.discussion(Standing(actor, enquiry), enquiry).require()
    errors = Errors()
    with_whom = checked_text(errors, "with_whom", with_whom, "who took part", max_length=300)
    note = checked_text(errors, "note", note, "what was agreed")
    errors.raise_any()
    rule = rules.rule(council, "discussion")
    reasons = rule.reasons(
        "A very time-consuming enquiry may be discussed with the Member and senior Members or managers"
    )
    capacity = capacity_of(actor)
    event = record_step(
        EnquiryEvent,
        enquiry,
        EventKind.DISCUSSED,
        actor=actor,
        capacity=capacity,
        text=f"With {with_whom}: {note}",
        data={"with": with_whom, "reasons": [r.as_dict() for r in reasons]},
        audit=Audit(action="enquiry.discussed", after={"with": with_whom}, reason=note),
    )
    return event
