"""Triage: the Member Enquiries team classifies an enquiry, and the policy says what follows and
who handles it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nolan.casework.timeline import Audit, record_step
from nolan.core.decisions import Decision, ProtocolError
from nolan.directory import line
from nolan.directory.models import Officer, Service, WardMembership
from nolan.directory.selectors import the_council
from nolan.enquiries import notifications, permissions, policies, rules
from nolan.enquiries.models import Classification, Enquiry, EnquiryEvent, EventKind, ResidentDetails, Status
from nolan.enquiries.permissions import Standing
from nolan.enquiries.services.access import write_access
from nolan.enquiries.services.routing import assign_officer, check_handler, choose_officer, routing_rule_for
from nolan.enquiries.services.steps import (
    Errors,
    capacity_of,
    checked_text,
    instance_of,
    lock,
    reasons_of,
    wake_dispatcher_on_commit,
)


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
    council = the_council()
    enquiry = lock(enquiry)
    replied = enquiry.status == Status.ASSIGNED and enquiry.responses.filter(sent_at__isnull=False).exists()
    permissions.triage(Standing(actor, enquiry), enquiry, replied=replied).require()
    errors = Errors()
    if classification not in Classification.values:
        errors.add("classification", "Choose what kind of request it is.")
    note = checked_text(errors, "note", note, "a note", required=False)
    external_reference = checked_text(
        errors, "external_reference", external_reference, "the reference", required=False, max_length=60
    )
    service_obj = instance_of(Service, service, errors, "service", "a service", required=False)
    officer_obj = instance_of(Officer, officer, errors, "officer", "an officer", required=False)
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
    capacity = capacity_of(actor)
    enquiry.classification = classification
    enquiry.classification_reasons = reasons_of(outcome.decision)
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
            route_decision = check_handler(enquiry, officer_obj, council, classification)
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
            handler, route_decision = choose_officer(
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
        write_access(enquiry)
    if (
        handler is not None
        and handler.pk == enquiry.assigned_officer_id
        and target_service == enquiry.service
    ):
        handler = None  # re-triaged, and it stays where it is
    event = record_step(
        EnquiryEvent,
        enquiry,
        EventKind.CLASSIFIED,
        actor=actor,
        capacity=capacity,
        text=f"{Classification(classification).label}. {outcome.decision.explain()}",
        data={
            # The triage officer's note is internal: officers and the team see it, the Member never.
            "note": note,
            "classification": classification,
            "status": outcome.status,
            "reasons": reasons_of(outcome.decision),
            "external_reference": external_reference,
            "access_in_doubt": access_in_doubt,
            "released_from": released,
        },
        audit=Audit(
            action="enquiry.classified",
            before=before,
            after={"classification": classification, "status": outcome.status},
            reason=note,
            extra={"reasons": reasons_of(outcome.decision)},
        ),
    )
    if handler is not None:
        kind = (
            EventKind.REFERRED_TO_MONITORING_OFFICER
            if outcome.route == policies.ROUTE_MONITORING_OFFICER
            else (EventKind.ASSIGNED if enquiry.assigned_officer_id is None else EventKind.REASSIGNED)
        )
        status_after = outcome.status
        assign_officer(
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
    wake_dispatcher_on_commit()
    return outcome
