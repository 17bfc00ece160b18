"""The e-mails each enquiry step causes, written to the outbox in the step's own transaction.

Rules every message follows:

- The subject quotes the reference (``[ME-2026-000123] ...``) so a reply can be threaded back.
- Everyone who receives it is in To or Cc and named in the text; there are no blind copies
  (Haringey 12.29).
- Only people who may see the enquiry receive its details, checked against the selector's own rule
  (``selectors.may_receive``): the raising Member, the Member Enquiries team, the handling officer and
  their line. The one deliberate exception is a copy the protocol itself requires to someone outside
  that circle: the relevant Executive Member copied into a response under Islington 4.1(c). That copy
  is named in the letter, carries its reason and citation, and contains the letter (the response and
  who it is to), never the resident's details or the enquiry's attachments. It squares with Tower
  Hamlets 7.19 because 7.19 is about officers disclosing a Member's request; the copy is a rule of the
  council's own protocol, made openly, and only where its profile has that rule.
- No message contains the resident's details: it says what the step was and where to read the
  enquiry in Nolan, as a full link on the site's address (``nolan.core.links``).
- Not sent outside working hours: it waits for the next working morning unless the enquiry is urgent
  (Tower Hamlets 4(a), Haringey 5.01(u), 6.01(q); ``policies.notification_time``).
- Each has a dedupe key naming the step, so a retried step never queues a second copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils import timezone

from nolan.accounts.models import AccessRole, RoleGrant
from nolan.core.links import absolute_url
from nolan.directory.models import Officer
from nolan.directory.selectors import the_council
from nolan.enquiries import deadlines, outbox, policies, selectors
from nolan.enquiries.models import Enquiry, EnquiryEvent, OutboxMessage, Response, ResponseKind, Status
from nolan.enquiries.references import subject_line

log = logging.getLogger(__name__)


class ConfidentialityError(RuntimeError):
    """A message would have told someone about an enquiry they may not see. Never expected: it
    means a bug, so the step fails rather than send it."""


@dataclass(frozen=True)
class Recipient:
    address: outbox.Address
    member_id: int | None = None
    officer_id: int | None = None
    user: object | None = None
    deliberate_copy: bool = False  # a copy the protocol requires (Islington 4.1(c))


def enquiry_url(enquiry: Enquiry) -> str:
    """The enquiry's page, as a link to follow from an inbox."""
    return absolute_url("enquiries:detail", enquiry.reference)


def _check(enquiry: Enquiry, recipients: list[Recipient]) -> None:
    for r in recipients:
        if r.deliberate_copy:
            continue
        if not selectors.may_receive(
            enquiry, member_id=r.member_id, officer_id=r.officer_id, user=r.user, email=r.address.email
        ):
            raise ConfidentialityError(
                f"{r.address.name} may not see {enquiry.reference}, so is not sent its details."
            )


def _originator(enquiry: Enquiry) -> Recipient | None:
    if enquiry.raised_by_member_id:
        member = enquiry.raised_by_member
        return Recipient(outbox.Address(str(member), member.email), member_id=member.pk)
    if enquiry.originator_email:
        return Recipient(outbox.Address(enquiry.originator_name, enquiry.originator_email))
    return None


def _officer(officer: Officer | None, why: str = "") -> Recipient | None:
    if officer is None or not officer.email:
        return None
    return Recipient(outbox.Address(officer.full_name, officer.email, why), officer_id=officer.pk)


def _team() -> list[Recipient]:
    grants = (
        RoleGrant.objects.current()
        .filter(role=AccessRole.MEMBER_ENQUIRIES, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    seen: set[str] = set()
    out = []
    for grant in grants:
        if grant.user.email in seen:
            continue
        seen.add(grant.user.email)
        out.append(Recipient(outbox.Address(str(grant.user), grant.user.email), user=grant.user))
    return out


def _send(
    enquiry: Enquiry,
    *,
    key: str,
    kind: str,
    to: list[Recipient | None],
    cc: list[Recipient | None] = (),
    subject: str,
    body: str,
    now=None,
    council=None,
) -> OutboxMessage | None:
    """Queue one message about the enquiry, to named recipients only, at the first time the council's
    hours allow (``now`` and ``council`` for a caller that already has them). None if nobody in
    ``to`` has an e-mail address."""
    to_list = [r for r in to if r is not None and r.address.email]
    cc_list = [r for r in cc if r is not None and r.address.email]
    if not to_list:
        return None
    _check(enquiry, to_list + cc_list)
    when = deadlines.send_time(
        council if council is not None else the_council(), now or timezone.now(), urgent=enquiry.urgent
    )
    row, _created = outbox.enqueue(
        dedupe_key=key,
        kind=kind,
        enquiry=enquiry,
        to=[r.address for r in to_list],
        cc=[r.address for r in cc_list],
        subject=subject_line(enquiry.reference, subject),
        body=body.rstrip() + "\n",
        not_before=when.at,
        not_before_reason="; ".join(str(r) for r in when.reasons),
        urgent=enquiry.urgent,
    )
    return row


def _footer(enquiry: Enquiry) -> str:
    return (
        f"\nRead the enquiry in Nolan: {enquiry_url(enquiry)}\n"
        f"Quote {enquiry.reference} in any reply.\n"
        "This message was sent by Nolan. Any request from a Member is treated in confidence.\n"
    )


def _summary(enquiry: Enquiry) -> str:
    lines = [f"Enquiry {enquiry.reference}: {enquiry.subject}", f"From: {enquiry.originator_name}"]
    lines.append(f"Category: {enquiry.category.name}" + (f", {enquiry.ward.name}" if enquiry.ward_id else ""))
    if enquiry.urgent:
        lines.append(f"URGENT: {enquiry.urgency_reason}")
    lines.append(f"Due by: {policies.day(enquiry.due_date)}")
    return "\n".join(lines) + "\n"


# The steps -------------------------------------------------------------------------------------------


def raised(enquiry: Enquiry) -> None:
    """A receipt to the Member (reference and due date) and a note to the team's triage queue."""
    due = policies.day(enquiry.due_date)
    _send(
        enquiry,
        key=f"raised:{enquiry.pk}:member",
        kind="receipt",
        to=[_originator(enquiry)],
        subject=f"Received: {enquiry.subject}",
        body=(
            f"Dear {enquiry.originator_name},\n\n"
            f"Your enquiry has been received and given the reference {enquiry.reference}.\n"
            f"A full response is due by {due}.\n\n"
            f"How the date was worked out: {enquiry.due_explanation}\n" + _footer(enquiry)
        ),
    )
    _send(
        enquiry,
        key=f"raised:{enquiry.pk}:team",
        kind="triage",
        to=list(_team()),
        subject=("URGENT new enquiry: " if enquiry.urgent else "New enquiry to triage: ") + enquiry.subject,
        body=_summary(enquiry) + _footer(enquiry),
    )


def assigned(enquiry: Enquiry, event: EnquiryEvent, *, first: bool) -> None:
    officer = enquiry.assigned_officer
    service = enquiry.service.name if enquiry.service_id else ""
    reason = event.data.get("reason", "")
    if enquiry.status == Status.SERVICE_REQUEST:
        what, heading = "A service request has been passed to you", "Service request"
    else:
        what, heading = "An enquiry has been given to you to answer", "Enquiry for you"
    _send(
        enquiry,
        key=f"{event.kind}:{enquiry.pk}:{event.pk}:officer",
        kind="assigned",
        to=[_officer(officer)],
        subject=f"{heading}: {enquiry.subject}",
        body=f"Dear {officer.full_name},\n\n{what}.\n{reason}\n\n" + _summary(enquiry) + _footer(enquiry),
    )
    if enquiry.status == Status.SERVICE_REQUEST:
        return
    if first or event.kind == "transferred":
        verb = "is being dealt with" if first else "has been transferred and is now being dealt with"
        _send(
            enquiry,
            key=f"{event.kind}:{enquiry.pk}:{event.pk}:member",
            kind="acknowledgement",
            to=[_originator(enquiry)],
            subject=f"Being dealt with: {enquiry.subject}",
            body=(
                f"Dear {enquiry.originator_name},\n\n"
                f"Your enquiry {enquiry.reference} {verb} by {officer.full_name}"
                + (f", {service}" if service else "")
                + f".\nA full response is due by {policies.day(enquiry.due_date)}.\n"
                + _footer(enquiry)
            ),
        )


def handed_back(enquiry: Enquiry, event: EnquiryEvent) -> None:
    """Tell the team an enquiry is back with them to assign, and why (its officer left the service)."""
    _send(
        enquiry,
        key=f"handed_back:{enquiry.pk}:{event.pk}:team",
        kind="handed_back",
        to=list(_team()),
        subject=("URGENT enquiry to assign again: " if enquiry.urgent else "Enquiry to assign again: ")
        + enquiry.subject,
        body=f"{event.text}\n\n"
        + (f"Service: {enquiry.service.name}\n" if enquiry.service_id else "")
        + _summary(enquiry)
        + _footer(enquiry),
    )


def routed_out(enquiry: Enquiry, event: EnquiryEvent) -> None:
    """Tell the Member that triage took the matter out of the enquiries process, and why."""
    reasons = "\n".join(
        f"- {r['text']}" + (f" ({r['citation']['text']})" if r.get("citation") else "")
        for r in event.data.get("reasons", [])
    )
    if enquiry.status == Status.SERVICE_REQUEST:
        service = enquiry.service.name if enquiry.service_id else "the service"
        opening = f"Your enquiry has been passed to {service} as a service request."
        subject = "Passed to the service"
    elif enquiry.status == Status.COMPLAINT_REFERRED:
        ref = f" (complaint reference {enquiry.external_reference})" if enquiry.external_reference else ""
        opening = f"Your enquiry has been referred to the council's complaints procedure{ref}."
        subject = "Referred to the complaints procedure"
    else:
        opening = "Your enquiry asks for personal information about someone, and needs their authorisation."
        subject = "Authorisation needed"
    _send(
        enquiry,
        key=f"classified:{enquiry.pk}:{event.pk}:member",
        kind="routed_out",
        to=[_originator(enquiry)],
        subject=f"{subject}: {enquiry.subject}",
        body=f"Dear {enquiry.originator_name},\n\n{opening}\n\nWhy:\n{reasons}\n" + _footer(enquiry),
    )


def _copies_text(copies: policies.Copies) -> str:
    if not copies.copies:
        return "No one else has been sent this letter.\n"
    lines = ["This letter has also been sent to:"]
    for c in copies.copies:
        role = f", {c.person.role}" if c.person.role else ""
        lines.append(f"- {c.person.name}{role}: {'; '.join(str(r) for r in c.reasons)}")
    return "\n".join(lines) + "\n"


def reply(enquiry: Enquiry, response: Response, event: EnquiryEvent, copies: policies.Copies) -> None:
    """A holding reply or a response, to the Member, copied (by name) to whoever the protocol says."""
    holding = response.kind == ResponseKind.HOLDING_REPLY
    author = response.written_by
    cc: list[Recipient | None] = []
    for c in copies.copies:
        if c.person.role == "Executive Member":
            cc.append(
                Recipient(
                    outbox.Address(c.person.name, c.person.email, "Executive Member"), deliberate_copy=True
                )
            )
        else:
            officer = Officer.objects.filter(email__iexact=c.person.email).order_by("pk").first()
            cc.append(_officer(officer, c.person.role) if officer else None)
    if holding:
        subject = f"Holding reply: {enquiry.subject}"
        lead = (
            f"A full response to your enquiry is not possible yet. You can expect it by "
            f"{policies.day(response.new_due)}.\n\nWhy: {response.reason}\n\n"
        )
    else:
        subject = f"Response: {enquiry.subject}"
        lead = ""
        if enquiry.answer_limited_to_process:
            lead = "As this matter is the subject of legal proceedings, this answer comments on process only."
            lead += "\n\n"
    body = (
        f"Dear {enquiry.originator_name},\n\n{lead}{response.text}\n\n"
        f"{author.full_name}\n\n" + _copies_text(copies) + _footer(enquiry)
    )
    _send(
        enquiry,
        key=f"{event.kind}:{enquiry.pk}:{response.pk}",
        kind="holding_reply" if holding else "response",
        to=[_originator(enquiry)],
        cc=cc,
        subject=subject,
        body=body,
    )


def sign_off_requested(enquiry: Enquiry, draft: Response, event: EnquiryEvent) -> None:
    manager = draft.sign_off_by
    _send(
        enquiry,
        key=f"sign_off:{enquiry.pk}:{event.pk}",
        kind="sign_off_requested",
        to=[_officer(manager)],
        subject=f"Response to sign off: {enquiry.subject}",
        body=f"Dear {manager.full_name},\n\n{draft.written_by.full_name} asks you to sign off the response "
        "to this enquiry before it is sent.\n\n" + _summary(enquiry) + _footer(enquiry),
    )


def signed_off(enquiry: Enquiry, draft: Response, event: EnquiryEvent) -> None:
    _send(
        enquiry,
        key=f"signed_off:{enquiry.pk}:{event.pk}",
        kind="signed_off",
        to=[_officer(draft.written_by)],
        subject=f"Response signed off: {enquiry.subject}",
        body=f"Dear {draft.written_by.full_name},\n\n{draft.signed_off_by.full_name} has signed off your "
        "response. You can now send it.\n\n" + _footer(enquiry),
    )


def reopened(enquiry: Enquiry, event: EnquiryEvent) -> None:
    to = [_officer(enquiry.assigned_officer)] if enquiry.assigned_officer_id else list(_team())
    _send(
        enquiry,
        key=f"reopened:{enquiry.pk}:{event.pk}",
        kind="reopened",
        to=to,
        subject=f"Re-opened: {enquiry.subject}",
        body=f"{enquiry.originator_name} has come back on the answer:\n\n{event.text}\n\n"
        + _summary(enquiry)
        + _footer(enquiry),
    )


def closed(enquiry: Enquiry, event: EnquiryEvent, *, by_member: bool) -> None:
    if by_member:
        return
    _send(
        enquiry,
        key=f"closed:{enquiry.pk}:{event.pk}",
        kind="closed",
        to=[_originator(enquiry)],
        subject=f"Closed: {enquiry.subject}",
        body=f"Dear {enquiry.originator_name},\n\nYour enquiry {enquiry.reference} has been closed.\n"
        f"{event.text}\n\nYou can tell us in Nolan whether the answer met the need.\n" + _footer(enquiry),
    )


def feedback(enquiry: Enquiry, event: EnquiryEvent) -> None:
    if not enquiry.assigned_officer_id:
        return
    _send(
        enquiry,
        key=f"feedback:{enquiry.pk}:{event.pk}",
        kind="feedback",
        to=[_officer(enquiry.assigned_officer)],
        subject=f"Member's feedback: {enquiry.subject}",
        body=f"{enquiry.originator_name} says: {event.text}\n" + _footer(enquiry),
    )


def wake_dispatcher() -> None:
    """Ask the worker to send what is due now rather than at the next minute (after commit)."""
    try:
        from nolan.enquiries.tasks import dispatch_outbox_now

        dispatch_outbox_now()
    except Exception:
        # The worker's queue being unavailable must never fail a step that has committed: the
        # periodic task sends the message at the next minute anyway.
        log.warning("Could not wake the outbox dispatcher", exc_info=True)
