"""Answering the Member: the holding reply, the draft response and its sign-off, sending the
response, and who is copied on each (named, with the reasons).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from nolan.casework.timeline import Audit, record_step
from nolan.core.decisions import Decision, ProtocolError, Reason
from nolan.directory import line
from nolan.directory.models import Member, Officer, Service
from nolan.directory.selectors import the_council
from nolan.enquiries import deadlines, notifications, permissions, policies, rules
from nolan.enquiries.models import (
    AccessReason,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EventKind,
    PortfolioLink,
    Response,
    ResponseKind,
    Status,
)
from nolan.enquiries.permissions import Standing
from nolan.enquiries.services.steps import (
    Errors,
    capacity_of,
    checked_text,
    instance_of,
    lock,
    reason_text,
    reasons_of,
    wake_dispatcher_on_commit,
)


@transaction.atomic
def send_holding_reply(
    *, actor, enquiry: Enquiry, text: str, reason: str, new_due: datetime.date
) -> Response:
    """Tell the Member, within the response time, why a full response is not possible yet and when it
    will come. The original due date is kept; the new date becomes the revised due date."""
    council = the_council()
    enquiry = lock(enquiry)
    standing = Standing(actor, enquiry)
    permissions.holding_reply(standing, enquiry).require()
    officer = standing.officer
    errors = Errors()
    text = checked_text(errors, "text", text, "the holding reply")
    reason = reason_text(errors, reason, "why a full response is not possible yet")
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
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
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
            "reasons": reasons_of(decision),
            "copied_to": response.copied_to,
        },
        audit=Audit(
            action="enquiry.holding_reply",
            before=before,
            after={"due_date": new_due, "revised_due": new_due, "status": enquiry.status},
            reason=reason,
            extra={"reasons": reasons_of(decision), "response": response.pk},
        ),
        mail=[lambda event: notifications.reply(enquiry, response, event, copies)],
    )
    wake_dispatcher_on_commit()
    return response


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
    enquiry = lock(enquiry)
    standing = Standing(actor, enquiry)
    permissions.draft_response(standing, enquiry).require()
    officer = standing.officer
    errors = Errors()
    text = checked_text(errors, "text", text, "the response")
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
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
        enquiry,
        EventKind.RESPONSE_DRAFTED,
        actor=actor,
        capacity=capacity,
        data={"response": draft.pk, **{k: v for k, v in values.items() if k != "text"}},
        audit=Audit(action="enquiry.response_drafted", after=values),
    )
    return draft


@transaction.atomic
def submit_for_sign_off(*, actor, enquiry: Enquiry, manager: Officer | int) -> Response:
    """Ask a manager in the handling officer's line to sign the draft off."""
    enquiry = lock(enquiry)
    draft = _draft(enquiry)
    permissions.sign_off_request(Standing(actor, enquiry), enquiry, draft=draft).require()
    errors = Errors()
    manager_obj = instance_of(Officer, manager, errors, "manager", "the manager to sign it off")
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
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
        enquiry,
        EventKind.SUBMITTED_FOR_SIGN_OFF,
        actor=actor,
        capacity=capacity,
        text=f"To {manager_obj.full_name}",
        data={"response": draft.pk, "manager": manager_obj.pk},
        audit=Audit(action="enquiry.submitted_for_sign_off", after={"sign_off_by": manager_obj.pk}),
        mail=[lambda event: notifications.sign_off_requested(enquiry, draft, event)],
    )
    wake_dispatcher_on_commit()
    return draft


@transaction.atomic
def sign_off(*, actor, enquiry: Enquiry) -> Response:
    """A manager in the handling officer's line signs the draft off."""
    enquiry = lock(enquiry)
    draft = _draft(enquiry)
    standing = Standing(actor, enquiry)
    permissions.sign_off(standing, enquiry, draft=draft).require()
    draft.signed_off_by = standing.officer
    draft.signed_off_at = timezone.now()
    draft.save()
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
        enquiry,
        EventKind.SIGNED_OFF,
        actor=actor,
        capacity=capacity,
        data={"response": draft.pk},
        audit=Audit(action="enquiry.signed_off", after={"response": draft.pk}),
        mail=[lambda event: notifications.signed_off(enquiry, draft, event)],
    )
    wake_dispatcher_on_commit()
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
    council = the_council()
    enquiry = lock(enquiry)
    draft = _draft(enquiry)
    permissions.send_response(Standing(actor, enquiry), enquiry, draft=draft).require()
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
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
        enquiry,
        EventKind.RESPONSE_SENT,
        actor=actor,
        capacity=capacity,
        text="Copied to " + ", ".join(c.person.name for c in copies.copies) if copies.copies else "",
        data={
            "response": draft.pk,
            "copied_to": draft.copied_to,
            "reasons": reasons_of(copies.decision),
            "follow_up_until": enquiry.follow_up_until.isoformat(),
            "in_time": timezone.localdate() <= enquiry.due_date,
            "met_original": timezone.localdate() <= enquiry.original_due,
        },
        audit=Audit(
            action="enquiry.response_sent",
            before=before,
            after={
                "status": Status.RESPONDED,
                "follow_up_until": enquiry.follow_up_until,
                "copied_to": [c["email"] for c in draft.copied_to],
            },
            extra={"reasons": reasons_of(copies.decision), "response": draft.pk},
        ),
        mail=[lambda event: notifications.reply(enquiry, draft, event, copies)],
    )
    wake_dispatcher_on_commit()
    return draft
