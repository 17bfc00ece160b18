"""Who handles an enquiry: the routing table's rule for its category and ward, the candidates for
each route (the handling officer or the service's most senior managers, the Director, the Monitoring
Officer), passing over anyone the Member has declared a close relationship with, the checks on a
handler chosen by a person, and giving the enquiry to the officer chosen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from nolan.casework import relationships
from nolan.casework.timeline import Audit, record_step
from nolan.core.decisions import Decision, ProtocolError
from nolan.directory import line
from nolan.directory.models import Officer, Post, Service, StatutoryRoleKind, Ward
from nolan.enquiries import notifications, policies, rules
from nolan.enquiries.models import Category, Enquiry, EnquiryEvent, EventKind, RoutingRule, Status
from nolan.enquiries.services.access import write_access
from nolan.enquiries.services.steps import reasons_of


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


def related_officers(member_id: int | None) -> dict[int, str]:
    """The officers the Member has declared a close relationship with today, each with its nature in
    words, for the routing's reasons."""
    if not member_id:
        return {}
    return relationships.related_officers(member_id=member_id, on=timezone.localdate())


def _candidate(post: Post, why: str, related: dict[int, str]) -> policies.Candidate:
    return policies.Candidate(
        officer_id=post.officer_id,
        name=post.officer.full_name,
        seniority=post.seniority,
        why=why,
        related=post.officer_id in related,
        relationship=related.get(post.officer_id, ""),
    )


def directors_for(service: Service, related: dict[int, str]) -> list[policies.Candidate]:
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
    out.extend(directors_for(service, related))
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


def choose_officer(
    enquiry: Enquiry, route: str, service: Service | None, routing: RoutingRule | None, council
) -> tuple[Officer, Decision]:
    related = related_officers(enquiry.raised_by_member_id)
    if route == policies.ROUTE_MONITORING_OFFICER:
        candidates = _monitoring_officers(related)
    elif service is None:
        raise ValidationError({"service": "Choose the service that handles it."})
    elif route == policies.ROUTE_DIRECTOR:
        candidates = directors_for(service, related)
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


def check_handler(enquiry: Enquiry, officer: Officer, council, classification: str | None = None) -> Decision:
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
    related = related_officers(enquiry.raised_by_member_id)
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


def officer_in_service(officer: Officer, service: Service | None) -> bool:
    if service is None:
        return True
    return line.works_in(officer.pk, service)


def assign_officer(
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
    write_access(enquiry)
    text = f"{officer.full_name}" + (f", {enquiry.service.name}" if enquiry.service_id else "")
    event = record_step(
        EnquiryEvent,
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
            "reasons": reasons_of(decision) if decision else [],
        },
        audit=Audit(
            action=f"enquiry.{kind}",
            before={
                "assigned_officer": previous.pk if previous else None,
                "service": previous_service.pk if previous_service else None,
            },
            after={"assigned_officer": officer.pk, "service": enquiry.service_id},
            reason=reason,
            extra={"reasons": reasons_of(decision) if decision else []},
        ),
        mail=[lambda event: notifications.assigned(enquiry, event, first=first)],
    )
    if enquiry.acknowledged_at is None and previous is None:
        enquiry.acknowledged_at = timezone.now()
        enquiry.save(update_fields=["acknowledged_at", "updated_at"])
    return event
