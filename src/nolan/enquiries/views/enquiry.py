"""One enquiry: its page (what was asked, the clock and its explanation, the classification and why,
the replies with who was copied and why, and the timeline), its files, and the step pages for what
the viewer may do next.

The page is found through ``selectors.enquiry_get``; someone who may not see the enquiry gets the
not-found page, as if it did not exist. Each view is recorded (``services.record_enquiry_view``).
A step page offers only what the viewer may do, as ``nolan.enquiries.permissions`` decides it (the
service asks the same function before it writes); a refusal is shown with its reasons and citations
while nothing is stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from nolan.core.decisions import ProtocolError
from nolan.directory.selectors import the_council
from nolan.enquiries import forms, permissions, policies, selectors, services
from nolan.enquiries.bands import Bands
from nolan.enquiries.models import AccessReason, Classification, Enquiry, ResponseKind
from nolan.enquiries.permissions import Standing
from nolan.enquiries.views.frame import Viewer, found, invalid, refused, section


@dataclass(frozen=True)
class Situation:
    """An enquiry as one viewer stands to it: what the step pages need to know to offer a step. Whether
    a step is offered is the step's permission (``nolan.enquiries.permissions``), asked with the
    viewer's ``standing``, built from the access rows the page has already read."""

    enquiry: Enquiry
    viewer: Viewer
    standing: Standing
    today: datetime.date

    @classmethod
    def of(cls, user, enquiry: Enquiry) -> Situation:
        viewer = Viewer.of(user)
        mine = next(
            (a for a in enquiry.access.all() if viewer.officer_id and a.officer_id == viewer.officer_id),
            None,
        )
        standing = (
            Standing(user, enquiry, access=mine.reason, officer=mine.officer)
            if mine is not None
            else Standing(user, enquiry, access=None)
        )
        return cls(enquiry, viewer, standing, timezone.localdate())

    @property
    def draft(self):
        drafts = [
            r for r in self.enquiry.visible_responses if r.kind == ResponseKind.RESPONSE and r.sent_at is None
        ]
        return drafts[-1] if drafts else None

    @property
    def replied(self) -> bool:
        return any(r.sent_at for r in self.enquiry.visible_responses)

    @property
    def managers(self) -> list:
        draft = self.draft
        author = draft.written_by_id if draft else self.viewer.officer_id
        return [
            a.officer
            for a in self.enquiry.access.all()
            if a.reason == AccessReason.MANAGEMENT_LINE and a.officer_id != author
        ]


# The steps ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    button: str
    offered: Callable[[Situation], bool]
    form: Callable[..., object]
    run: Callable[..., str]  # (user, situation, cleaned data) -> the success message
    intro: str = ""
    secondary: bool = False


def _routing_text(enquiry: Enquiry) -> str:
    rule = services.routing_rule_for(enquiry.category, enquiry.ward)
    where = f" in {enquiry.ward.name}" if enquiry.ward_id else ""
    if rule is None:
        return f"No routing rule covers {enquiry.category.name}{where}: choose the service."
    handler = f", to {rule.default_handler.full_name}" if rule.default_handler_id else ""
    return f"The routing table sends {enquiry.category.name}{where} to {rule.service.name}{handler}."


def _triage_form(data, s: Situation, user):
    initial = {"classification": s.enquiry.classification or None}
    return forms.TriageForm(
        data, user=user, council=the_council(), routing_text=_routing_text(s.enquiry), initial=initial
    )


def _triage_run(user, s: Situation, data) -> str:
    outcome = services.triage(
        actor=user,
        enquiry=s.enquiry,
        classification=data["classification"],
        note=data.get("note", ""),
        access_in_doubt=data.get("access_in_doubt", False),
        service=data.get("service"),
        officer=data.get("officer"),
        signed_authorisation=data.get("signed_authorisation", False),
        external_reference=data.get("external_reference", ""),
    )
    s.enquiry.refresh_from_db()
    label = Classification(outcome.classification).label
    where = f" It is with {s.enquiry.assigned_officer.full_name}." if s.enquiry.assigned_officer_id else ""
    return f"Classified as: {label}. {s.enquiry.get_status_display()}.{where}"


def _assign_run(user, s, data) -> str:
    services.assign(actor=user, enquiry=s.enquiry, officer=data["officer"], reason=data.get("reason", ""))
    s.enquiry.refresh_from_db()
    return f"Reassigned to {s.enquiry.assigned_officer.full_name}."


def _transfer_run(user, s, data) -> str:
    services.transfer(
        actor=user,
        enquiry=s.enquiry,
        service=data["service"],
        officer=data.get("officer"),
        reason=data.get("reason", ""),
    )
    s.enquiry.refresh_from_db()
    return f"Transferred to {s.enquiry.service.name}, with {s.enquiry.assigned_officer.full_name}."


def _holding_run(user, s, data) -> str:
    response = services.send_holding_reply(
        actor=user,
        enquiry=s.enquiry,
        text=data.get("text", ""),
        reason=data.get("reason", ""),
        new_due=data.get("new_due"),
    )
    return f"Holding reply sent. A full response is now due by {policies.day(response.new_due)}."


def _discussion_run(user, s, data) -> str:
    services.record_discussion(
        actor=user, enquiry=s.enquiry, with_whom=data.get("with_whom", ""), note=data.get("note", "")
    )
    return "Discussion recorded."


def _draft_form(data, s: Situation, user):
    draft = s.draft
    initial = (
        {
            "text": draft.text,
            "about_policy_implications": draft.about_policy_implications,
            "contains_statistics": draft.contains_statistics,
            "limited_to_process": draft.limited_to_process,
        }
        if draft
        else {}
    )
    return forms.DraftForm(
        data, council=the_council(), legal=s.enquiry.answer_limited_to_process, initial=initial
    )


def _draft_run(user, s, data) -> str:
    services.draft_response(
        actor=user,
        enquiry=s.enquiry,
        text=data.get("text", ""),
        about_policy_implications=data.get("about_policy_implications", False),
        contains_statistics=data.get("contains_statistics", False),
        limited_to_process=data.get("limited_to_process", False),
    )
    return "Response saved as a draft. It has not been sent."


def _sign_off_request_run(user, s, data) -> str:
    draft = services.submit_for_sign_off(actor=user, enquiry=s.enquiry, manager=data["manager"])
    return f"Sent to {draft.sign_off_by.full_name} to sign off."


def _sign_off_run(user, s, data) -> str:
    services.sign_off(actor=user, enquiry=s.enquiry)
    return "Response signed off. The handling officer can now send it."


def _send_run(user, s, data) -> str:
    response = services.send_response(actor=user, enquiry=s.enquiry)
    copied = ", ".join(c["name"] for c in response.copied_to)
    return "Response sent to the Member" + (f", copied to {copied}" if copied else "") + "."


def _reopen_form(data, s, user):
    return forms.ReasonForm(
        data,
        label="What do you still need?",
        help_text=f"You can come back on the answer until {policies.day(s.enquiry.follow_up_until)}."
        if s.enquiry.follow_up_until
        else "",
    )


def _reopen_run(user, s, data) -> str:
    services.reopen(actor=user, enquiry=s.enquiry, reason=data.get("reason", ""))
    s.enquiry.refresh_from_db()
    return f"Enquiry re-opened. A response is due by {policies.day(s.enquiry.due_date)}."


def _close_form(data, s, user):
    return forms.ReasonForm(
        data,
        label="Why is it being closed?",
        help_text="For example, the answer met the need, or the matter was resolved another way.",
    )


def _close_run(user, s, data) -> str:
    services.close(actor=user, enquiry=s.enquiry, reason=data.get("reason", ""))
    return "Enquiry closed."


def _feedback_run(user, s, data) -> str:
    services.record_feedback(
        actor=user, enquiry=s.enquiry, met_need=data["met_need"] == "yes", comment=data.get("comment", "")
    )
    return "Thank you: your feedback has been recorded."


def _attach_run(user, s, data) -> str:
    added = services.add_attachments(actor=user, enquiry=s.enquiry, attachments=data.get("attachments") or [])
    return f"{len(added)} file{'s' if len(added) != 1 else ''} added."


def _plain(form_class):
    return lambda data, s, user: form_class(data)


STEPS: dict[str, Step] = {
    step.slug: step
    for step in (
        Step(
            "triage",
            "Triage the enquiry",
            "Classify and route",
            lambda s: permissions.triage(s.standing, s.enquiry, replied=s.replied).allowed,
            _triage_form,
            _triage_run,
            intro="Say what kind of request it is. What follows, and why, comes from the council's protocol.",
        ),
        Step(
            "holding-reply",
            "Send a holding reply",
            "Send holding reply",
            lambda s: permissions.holding_reply(s.standing, s.enquiry).allowed,
            _plain(forms.HoldingReplyForm),
            _holding_run,
            intro="Tell the Member why a full response is not possible yet, and when they can expect one.",
        ),
        Step(
            "draft",
            "Write the response",
            "Save draft",
            lambda s: permissions.draft_response(s.standing, s.enquiry).allowed,
            _draft_form,
            _draft_run,
            intro="The draft is not sent until you send it. Changing a signed-off draft needs a new "
            "sign-off.",
        ),
        Step(
            "sign-off-request",
            "Ask a manager to sign the response off",
            "Ask for sign-off",
            lambda s: (
                permissions.sign_off_request(s.standing, s.enquiry, draft=s.draft).allowed
                and bool(s.managers)
            ),
            lambda data, s, user: forms.SignOffRequestForm(data, managers=s.managers),
            _sign_off_request_run,
            secondary=True,
        ),
        Step(
            "sign-off",
            "Sign off the response",
            "Sign off",
            lambda s: permissions.sign_off(s.standing, s.enquiry, draft=s.draft).allowed,
            _plain(forms.ConfirmForm),
            _sign_off_run,
        ),
        Step(
            "send",
            "Send the response",
            "Send response",
            lambda s: permissions.send_response(s.standing, s.enquiry, draft=s.draft).allowed,
            _plain(forms.ConfirmForm),
            _send_run,
            intro="Check the response and who it will be copied to. Everyone copied is named in it.",
        ),
        Step(
            "discussion",
            "Record a discussion",
            "Record discussion",
            lambda s: permissions.discussion(s.standing, s.enquiry).allowed,
            _plain(forms.DiscussionForm),
            _discussion_run,
            intro="A very time-consuming enquiry can be discussed with the Member and senior Members or "
            "managers.",
            secondary=True,
        ),
        Step(
            "reassign",
            "Reassign the enquiry",
            "Reassign",
            lambda s: permissions.reassign(s.standing, s.enquiry).allowed,
            lambda data, s, user: forms.AssignForm(data, user=user, service_id=s.enquiry.service_id),
            _assign_run,
            intro="Give it to another officer of the same service.",
            secondary=True,
        ),
        Step(
            "transfer",
            "Transfer to another service",
            "Transfer",
            lambda s: permissions.transfer(s.standing, s.enquiry).allowed,
            lambda data, s, user: forms.TransferForm(
                data, user=user, current_service_id=s.enquiry.service_id
            ),
            _transfer_run,
            secondary=True,
        ),
        Step(
            "reopen",
            "Come back on the answer",
            "Re-open enquiry",
            lambda s: permissions.reopen(s.standing, s.enquiry, today=s.today).allowed,
            _reopen_form,
            _reopen_run,
            intro="The same enquiry re-opens with a new response time from today.",
        ),
        Step(
            "feedback",
            "Did the answer meet your need?",
            "Send feedback",
            lambda s: permissions.feedback(s.standing, s.enquiry).allowed,
            _plain(forms.FeedbackForm),
            _feedback_run,
        ),
        Step(
            "attach",
            "Add files",
            "Add files",
            lambda s: permissions.attach(s.standing, s.enquiry).allowed,
            lambda data, s, user: forms.AttachmentsForm(data),
            _attach_run,
            secondary=True,
        ),
        Step(
            "close",
            "Close the enquiry",
            "Close enquiry",
            lambda s: permissions.close(s.standing, s.enquiry).allowed,
            _close_form,
            _close_run,
            secondary=True,
        ),
    )
}


# The enquiry page ------------------------------------------------------------------------------------


def _reason_line(reason: dict) -> str:
    citation = (reason.get("citation") or {}).get("text")
    return f"{reason['text']} ({citation})" if citation else reason["text"]


def _timeline(enquiry: Enquiry, *, member_view: bool) -> list[dict]:
    """Each entry with its sentence and, apart, the reasons (with citations) behind it, and for officers
    and the team the internal note (a Member's view never has one)."""
    out = []
    for event in enquiry.timeline:
        reasons = list((event.data or {}).get("reasons") or [])
        text = event.text
        if reasons:
            explained = "; ".join(_reason_line(r) for r in reasons)
            text = text.replace(explained, "").strip().rstrip(".").strip()
        note = "" if member_view else (event.data or {}).get("note", "")
        out.append({"event": event, "text": text, "reasons": reasons, "dates": _dates(event), "note": note})
    return out


DUE_KEYS = ("original_due", "previous_due", "new_due")


def _dates(event) -> str:
    """For a holding reply: the original, the previous and the new due date, in words."""
    data = event.data or {}
    if event.kind != "holding_reply" or not data.get("new_due"):
        return ""
    original, previous, new = (policies.day(datetime.date.fromisoformat(data[k])) for k in DUE_KEYS)
    return f"Originally due {original}; due {previous} before this reply; now due {new}."


def _resident(enquiry: Enquiry):
    try:
        return enquiry.resident
    except ObjectDoesNotExist:
        return None


def _copies(s: Situation, *, full_response: bool):
    """Who a reply would be copied to and why; or the refusal sending would meet."""
    officer = None
    if s.viewer.officer_id:
        officer = next(
            (a.officer for a in s.enquiry.access.all() if a.officer_id == s.viewer.officer_id), None
        )
    try:
        return services.copies_preview(enquiry=s.enquiry, officer=officer, full_response=full_response), None
    except ProtocolError as error:
        return None, error


def _context(request, s: Situation) -> dict:
    enquiry = s.enquiry
    bands = Bands.for_today(s.today)
    return {
        **section(request, "index"),
        "enquiry": enquiry,
        "rag": bands.of(enquiry),
        "situation": s,
        "member_view": s.viewer.member_only,
        "resident": _resident(enquiry),
        "classification_reasons": enquiry.classification_reasons or [],
        "responses": [r for r in enquiry.visible_responses if r.sent_at],
        "draft": None if s.viewer.member_only else s.draft,
        "attachments": list(enquiry.attachments.all()),
        "timeline": _timeline(enquiry, member_view=s.viewer.member_only),
    }


def _get(request, reference: str) -> Enquiry:
    enquiry = found(selectors.enquiry_get(user=request.user, reference=reference))
    services.record_enquiry_view(user=request.user, enquiry=enquiry)
    return enquiry


@login_required
def detail(request, reference: str):
    enquiry = _get(request, reference)
    s = Situation.of(request.user, enquiry)
    steps = [step for step in STEPS.values() if step.offered(s)]
    return render(
        request,
        "enquiries/detail.html",
        {
            **_context(request, s),
            "main_steps": [st for st in steps if not st.secondary],
            "other_steps": [st for st in steps if st.secondary],
        },
    )


@login_required
def attachment(request, reference: str, pk: int):
    enquiry = _get(request, reference)
    item = next((a for a in enquiry.attachments.all() if a.pk == pk and a.file and not a.removed_at), None)
    if item is None:
        raise Http404("Not found")
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def step(request, reference: str, slug: str):
    chosen = STEPS.get(slug)
    if chosen is None:
        raise Http404("Not found")
    enquiry = found(selectors.enquiry_get(user=request.user, reference=reference))
    s = Situation.of(request.user, enquiry)
    detail_url = reverse("enquiries:detail", args=[enquiry.reference])
    if request.method != "POST":
        services.record_enquiry_view(user=request.user, enquiry=enquiry)
        if not chosen.offered(s):
            messages.info(request, f"“{chosen.title}” is not open to you for {enquiry.reference} now.")
            return redirect(detail_url)
    form = chosen.form(request.POST if request.method == "POST" else None, s, request.user)
    if request.method == "POST" and request.FILES:
        form.files = request.FILES
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            message = chosen.run(request.user, s, form.cleaned_data)
        except ProtocolError as error:
            refusal = error
            refused(form, error)
        except ValidationError as error:
            invalid(form, error)
        else:
            messages.success(request, message)
            if selectors.can_see(request.user, enquiry):
                return redirect(detail_url)
            return redirect("enquiries:worklist" if s.viewer.officer_id else "enquiries:index")
    extra = {}
    if slug in ("holding-reply", "send"):
        extra["copies"], extra["copies_refusal"] = _copies(s, full_response=slug == "send")
    return render(
        request,
        "enquiries/step.html",
        {**_context(request, s), "step": chosen, "form": form, "refusal": refusal, **extra},
    )
