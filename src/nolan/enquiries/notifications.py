"""The e-mails each enquiry step causes: Member Enquiries' own texts, queued with ``nolan.mail.compose``
in the step's own transaction.

Every message follows mail's rules (``nolan.mail.compose``): named recipients only, in To or Cc
(Haringey 12.29); sent in the council's working hours unless the enquiry is urgent (Tower Hamlets 4(a),
Haringey 5.01(u), 6.01(q)); a dedupe key naming the step; the footer. Member Enquiries adds:

- The subject quotes the reference (``[ME-2026-000123] ...``) so a reply can be threaded back.
- Only people who may see the enquiry receive its details, checked against the selector's own rule
  (``selectors.may_receive``): the raising Member, the Member Enquiries team, the handling officer and
  their line. The one deliberate exception is a copy the protocol itself requires to someone outside
  that circle: the relevant Executive Member copied into a response under Islington 4.1(c), which the
  policy marks as such (``policies.Copy.required_outside_circle``). That copy is named in the letter,
  carries its reason and citation, and contains the letter (the response and who it is to), never the
  resident's details or the enquiry's attachments. It squares with Tower Hamlets 7.19 because 7.19 is
  about officers disclosing a Member's request; the copy is a rule of the council's own protocol, made
  openly, and only where its profile has that rule.
- No message contains the resident's details: it says what the step was and where to read the
  enquiry in Nolan, as a full link on the site's address (``nolan.core.links``).
- Each message is linked to its enquiry (``EnquiryMessage``) as it is queued.
"""

from __future__ import annotations

import datetime

from nolan.accounts.models import AccessRole, RoleGrant
from nolan.casework.references import subject_line
from nolan.core.links import absolute_url
from nolan.directory.models import Officer
from nolan.enquiries import policies, selectors
from nolan.enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, Response, ResponseKind, Status
from nolan.mail import compose, tasks
from nolan.mail.compose import ConfidentialityError, Recipient
from nolan.mail.models import OutboxMessage
from nolan.mail.outbox import Address

__all__ = ["ConfidentialityError", "Recipient", "wake_dispatcher"]

#: Ask the worker to send what is due now (the services call it after commit).
wake_dispatcher = tasks.wake_dispatcher


def enquiry_url(enquiry: Enquiry) -> str:
    """The enquiry's page, as a link to follow from an inbox."""
    return absolute_url("enquiries:detail", enquiry.reference)


def may_see(enquiry: Enquiry):
    """Member Enquiries' answer to mail's question "may this person see this case?"."""

    def check(r: Recipient) -> bool:
        return selectors.may_receive(
            enquiry, member_id=r.member_id, officer_id=r.officer_id, user=r.user, email=r.address.email
        )

    return check


def check(enquiry: Enquiry, recipients: list[Recipient]) -> None:
    """Refuse (``ConfidentialityError``) a message about ``enquiry`` to anyone who may not see it,
    other than a copy the protocol requires."""
    compose.check(recipients, may_see=may_see(enquiry), about=enquiry.reference)


def originator(enquiry: Enquiry) -> Recipient | None:
    if enquiry.raised_by_member_id:
        return compose.member(enquiry.raised_by_member)
    if enquiry.originator_email:
        return Recipient(Address(enquiry.originator_name, enquiry.originator_email))
    return None


#: An officer as a recipient (None without an e-mail address).
officer = compose.officer


def team() -> list[Recipient]:
    """The Member Enquiries team, each once."""
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
        out.append(Recipient(Address(str(grant.user), grant.user.email), user=grant.user))
    return out


def send(
    enquiry: Enquiry,
    *,
    key: str,
    kind: str,
    to: list[Recipient | None],
    cc: list[Recipient | None] = (),
    subject: str,
    body: str,
    now: datetime.datetime | None = None,
    council=None,
) -> OutboxMessage | None:
    """Queue one message about the enquiry (``nolan.mail.compose.send``), linked to it. None if nobody
    in ``to`` has an e-mail address."""
    return compose.send(
        key=key,
        kind=kind,
        reference=enquiry.reference,
        to=to,
        cc=cc,
        subject=subject_line(enquiry.reference, subject),
        body=body,
        may_see=may_see(enquiry),
        urgent=enquiry.urgent,
        now=now,
        council=council,
        on_queued=lambda row: EnquiryMessage.objects.create(enquiry=enquiry, message=row),
    )


def footer(enquiry: Enquiry) -> str:
    return compose.footer(url=enquiry_url(enquiry), reference=enquiry.reference, what="the enquiry")


def summary(enquiry: Enquiry) -> str:
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
    send(
        enquiry,
        key=f"raised:{enquiry.pk}:member",
        kind="receipt",
        to=[originator(enquiry)],
        subject=f"Received: {enquiry.subject}",
        body=(
            f"Dear {enquiry.originator_name},\n\n"
            f"Your enquiry has been received and given the reference {enquiry.reference}.\n"
            f"A full response is due by {due}.\n\n"
            f"How the date was worked out: {enquiry.due_explanation}\n" + footer(enquiry)
        ),
    )
    send(
        enquiry,
        key=f"raised:{enquiry.pk}:team",
        kind="triage",
        to=list(team()),
        subject=("URGENT new enquiry: " if enquiry.urgent else "New enquiry to triage: ") + enquiry.subject,
        body=summary(enquiry) + footer(enquiry),
    )


def assigned(enquiry: Enquiry, event: EnquiryEvent, *, first: bool) -> None:
    handler = enquiry.assigned_officer
    service = enquiry.service.name if enquiry.service_id else ""
    reason = event.data.get("reason", "")
    if enquiry.status == Status.SERVICE_REQUEST:
        what, heading = "A service request has been passed to you", "Service request"
    else:
        what, heading = "An enquiry has been given to you to answer", "Enquiry for you"
    send(
        enquiry,
        key=f"{event.kind}:{enquiry.pk}:{event.pk}:officer",
        kind="assigned",
        to=[officer(handler)],
        subject=f"{heading}: {enquiry.subject}",
        body=f"Dear {handler.full_name},\n\n{what}.\n{reason}\n\n" + summary(enquiry) + footer(enquiry),
    )
    if enquiry.status == Status.SERVICE_REQUEST:
        return
    if first or event.kind == "transferred":
        verb = "is being dealt with" if first else "has been transferred and is now being dealt with"
        send(
            enquiry,
            key=f"{event.kind}:{enquiry.pk}:{event.pk}:member",
            kind="acknowledgement",
            to=[originator(enquiry)],
            subject=f"Being dealt with: {enquiry.subject}",
            body=(
                f"Dear {enquiry.originator_name},\n\n"
                f"Your enquiry {enquiry.reference} {verb} by {handler.full_name}"
                + (f", {service}" if service else "")
                + f".\nA full response is due by {policies.day(enquiry.due_date)}.\n"
                + footer(enquiry)
            ),
        )


def handed_back(enquiry: Enquiry, event: EnquiryEvent) -> None:
    """Tell the team an enquiry is back with them to assign, and why (its officer left the service)."""
    send(
        enquiry,
        key=f"handed_back:{enquiry.pk}:{event.pk}:team",
        kind="handed_back",
        to=list(team()),
        subject=("URGENT enquiry to assign again: " if enquiry.urgent else "Enquiry to assign again: ")
        + enquiry.subject,
        body=f"{event.text}\n\n"
        + (f"Service: {enquiry.service.name}\n" if enquiry.service_id else "")
        + summary(enquiry)
        + footer(enquiry),
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
    send(
        enquiry,
        key=f"classified:{enquiry.pk}:{event.pk}:member",
        kind="routed_out",
        to=[originator(enquiry)],
        subject=f"{subject}: {enquiry.subject}",
        body=f"Dear {enquiry.originator_name},\n\n{opening}\n\nWhy:\n{reasons}\n" + footer(enquiry),
    )


def copies_text(copies: policies.Copies) -> str:
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
        if c.required_outside_circle:
            # The protocol requires this copy (its reasons say which paragraph): it is sent though the
            # person may not see the enquiry.
            cc.append(
                Recipient(Address(c.person.name, c.person.email, c.person.role), required_copy=c.reasons)
            )
        else:
            person = Officer.objects.filter(email__iexact=c.person.email).order_by("pk").first()
            cc.append(officer(person, c.person.role) if person else None)
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
        f"{author.full_name}\n\n" + copies_text(copies) + footer(enquiry)
    )
    send(
        enquiry,
        key=f"{event.kind}:{enquiry.pk}:{response.pk}",
        kind="holding_reply" if holding else "response",
        to=[originator(enquiry)],
        cc=cc,
        subject=subject,
        body=body,
    )


def sign_off_requested(enquiry: Enquiry, draft: Response, event: EnquiryEvent) -> None:
    manager = draft.sign_off_by
    send(
        enquiry,
        key=f"sign_off:{enquiry.pk}:{event.pk}",
        kind="sign_off_requested",
        to=[officer(manager)],
        subject=f"Response to sign off: {enquiry.subject}",
        body=f"Dear {manager.full_name},\n\n{draft.written_by.full_name} asks you to sign off the response "
        "to this enquiry before it is sent.\n\n" + summary(enquiry) + footer(enquiry),
    )


def signed_off(enquiry: Enquiry, draft: Response, event: EnquiryEvent) -> None:
    send(
        enquiry,
        key=f"signed_off:{enquiry.pk}:{event.pk}",
        kind="signed_off",
        to=[officer(draft.written_by)],
        subject=f"Response signed off: {enquiry.subject}",
        body=f"Dear {draft.written_by.full_name},\n\n{draft.signed_off_by.full_name} has signed off your "
        "response. You can now send it.\n\n" + footer(enquiry),
    )


def reopened(enquiry: Enquiry, event: EnquiryEvent) -> None:
    to = [officer(enquiry.assigned_officer)] if enquiry.assigned_officer_id else list(team())
    send(
        enquiry,
        key=f"reopened:{enquiry.pk}:{event.pk}",
        kind="reopened",
        to=to,
        subject=f"Re-opened: {enquiry.subject}",
        body=f"{enquiry.originator_name} has come back on the answer:\n\n{event.text}\n\n"
        + summary(enquiry)
        + footer(enquiry),
    )


def closed(enquiry: Enquiry, event: EnquiryEvent, *, by_member: bool) -> None:
    if by_member:
        return
    send(
        enquiry,
        key=f"closed:{enquiry.pk}:{event.pk}",
        kind="closed",
        to=[originator(enquiry)],
        subject=f"Closed: {enquiry.subject}",
        body=f"Dear {enquiry.originator_name},\n\nYour enquiry {enquiry.reference} has been closed.\n"
        f"{event.text}\n\nYou can tell us in Nolan whether the answer met the need.\n" + footer(enquiry),
    )


def feedback(enquiry: Enquiry, event: EnquiryEvent) -> None:
    if not enquiry.assigned_officer_id:
        return
    send(
        enquiry,
        key=f"feedback:{enquiry.pk}:{event.pk}",
        kind="feedback",
        to=[officer(enquiry.assigned_officer)],
        subject=f"Member's feedback: {enquiry.subject}",
        body=f"{enquiry.originator_name} says: {event.text}\n" + footer(enquiry),
    )
