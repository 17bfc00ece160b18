"""The Member Enquiries pages' forms.

Field names are the keyword arguments of the service each form feeds, so a ``ValidationError`` the
service raises (keyed by argument) lands on the field it is about. The forms only parse what was
typed into Python values; the service checks every rule (a subject, plain text, the attachments'
type and size, a received time that has passed) and reports every problem at once.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from nolan.casework import attachments
from nolan.directory import selectors as directory
from nolan.enquiries import rules
from nolan.enquiries.bands import BANDS
from nolan.enquiries.models import Category, Classification, Interest, Status
from nolan.enquiries.policies import Rule
from nolan.govuk.forms import date_field

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known")]


def _yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _text(
    label: str, *, rows: int = 0, help_text: str = "", max_length: int | None = None
) -> forms.CharField:
    """A text field the service checks (so it is not required here: the service says what is missing)."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
    )


def _choice(label: str, choices, *, help_text: str = "", radios: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
    )


def cited(rule: Rule) -> str:
    """The paragraphs a rule comes from, or that the protocol is silent and Nolan's default applies."""
    if rule.specified and rule.citations:
        return ", ".join(str(c) for c in rule.citations)
    return "the council's protocol does not say; Nolan's default"


# Attachments ---------------------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.Field):
    """Any number of files from one ``<input type="file" multiple>``; the service checks each one."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        files = value if isinstance(value, list | tuple) else [value]
        return [f for f in files if f]

    def bound_data(self, data, initial):
        return initial  # a browser never sends a file back; nothing to show again


ATTACHMENTS_HINT = (
    f"You can choose up to {attachments.MAX_FILES} files: {attachments.ALLOWED_LIST}, each no larger "
    "than {size}. Programs, scripts and web pages cannot be attached."
)


def attachments_field() -> AttachmentsField:
    size = f"{attachments.max_bytes() // (1024 * 1024)} MB"
    return AttachmentsField(label="Attachments (optional)", help_text=ATTACHMENTS_HINT.format(size=size))


# Lists -----------------------------------------------------------------------------------------------

RAG_CHOICES = [("", "Any"), *((band.name, band.choice) for band in BANDS)]


class EnquiryFilterForm(forms.Form):
    """Search and filters for every list of enquiries (the selector applies the visibility rule)."""

    q = forms.CharField(
        label="Search", required=False, max_length=100, help_text="Reference, subject or resident's name"
    )
    status = forms.ChoiceField(label="Status", required=False)
    rag = forms.ChoiceField(label="Red, amber or green", required=False, choices=RAG_CHOICES)
    category = forms.TypedChoiceField(label="Category", required=False, coerce=int, empty_value=None)
    ward = forms.TypedChoiceField(label="Ward", required=False, coerce=int, empty_value=None)
    service = forms.TypedChoiceField(label="Service", required=False, coerce=int, empty_value=None)
    received_from = date_field("Received on or after", required=False)
    received_to = date_field("Received on or before", required=False)

    def __init__(self, data=None, *, user, show_service: bool = True):
        super().__init__(data)
        self.fields["status"].choices = [("", "Any status")] + list(Status.choices)
        self.fields["category"].choices = [("", "All categories")] + [
            (c.pk, c.name) for c in Category.objects.all()
        ]
        self.fields["ward"].choices = [("", "All wards")] + [
            (w.pk, w.name) for w in directory.ward_list(user=user)
        ]
        if show_service:
            self.fields["service"].choices = [("", "All services")] + [
                (s.pk, s.name) for s in directory.service_list(user=user).order_by("name")
            ]
        else:
            del self.fields["service"]
        for name in ("received_from", "received_to"):
            self.fields[name].help_text = "For example, 24 12 2026."

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error(
                "received_to", "The 'on or before' date must be the same as or after the first date"
            )
        return data

    def filters(self) -> dict:
        """``selectors.enquiry_list`` keyword arguments; an invalid filter is shown and not applied."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "status": data.get("status") or None,
            "category": data.get("category"),
            "ward": data.get("ward"),
            "service": data.get("service"),
            "received_from": data.get("received_from"),
            "received_to": data.get("received_to"),
        }

    def band(self) -> str:
        return (self.cleaned_data.get("rag") or "") if self.is_valid() else ""

    def active(self) -> bool:
        return self.is_bound and any(v for k, v in self.data.items() if k != "page")


# Raising an enquiry --------------------------------------------------------------------------------


class RaiseForm(forms.Form):
    originator_type = _choice(
        "Who is the enquiry from?",
        [
            ("member", "A Member of the council"),
            ("elected_representative", "An MP or other elected representative"),
        ],
        radios=True,
    )
    member = forms.TypedChoiceField(
        label="Member",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="The Member the enquiry is from",
    )
    originator_name = _text("Name of the MP or representative", max_length=200)
    originator_email = _text("Their e-mail address (optional)", max_length=254)
    received_at = date_field("Date received", required=False, help_text="Leave blank for now.")
    received_time = forms.CharField(
        label="Time received", required=False, max_length=5, help_text="For example, 14:30."
    )
    subject = _text("Subject", help_text="A short title, for example the street or the problem.")
    body = _text(
        "What are you asking?", rows=6, help_text="Say what you would like the council to do or tell you."
    )
    category = forms.TypedChoiceField(label="Category", required=False, coerce=int, empty_value=None)
    ward = forms.TypedChoiceField(label="Ward (optional)", required=False, coerce=int, empty_value=None)
    resident_name = _text("Resident's name (optional)", max_length=200)
    resident_address = _text("Resident's address (optional)", rows=3)
    resident_contact = _text("Resident's telephone or e-mail (optional)", max_length=200)
    resident_asked_member_to_act = _choice(
        "Did the resident ask you to act on their behalf?", YES_NO_UNKNOWN, radios=True
    )
    resident_special_category = _choice(
        "Does it involve special category data about the resident?",
        YES_NO,
        radios=True,
        help_text="Health, ethnic origin, religion, sexual orientation, trade union membership and the like.",
    )
    urgent = _choice("Is it urgent?", YES_NO, radios=True, help_text="")
    urgency_reason = _text("If it is urgent, why?", rows=3)
    interest = _choice(
        "Do you have a personal or financial interest in the matter?", Interest.choices, radios=True
    )
    interest_details = _text("If you have an interest, what is it?", rows=3)
    attachments = attachments_field()

    def __init__(
        self,
        data=None,
        files=None,
        *,
        user,
        may_raise_for_members: bool,
        actor_is_member: bool,
        council,
        **kwargs,
    ):
        super().__init__(data, files, **kwargs)
        self.may_raise_for_members = may_raise_for_members
        self.actor_is_member = actor_is_member
        self.fields["category"].choices = [("", "Choose a category")] + [
            (c.pk, c.name) for c in Category.objects.filter(active=True)
        ]
        self.fields["ward"].choices = [("", "Not about one ward")] + [
            (w.pk, w.name) for w in directory.ward_list(user=user)
        ]
        urgent_rule = rules.triage_rules(council).urgent
        self.fields["urgent"].help_text = (
            "An extremely urgent enquiry goes straight to the service's Director or Chief Officer "
            f"({cited(urgent_rule)})."
        )
        interests = rules.triage_rules(council).interests
        self.fields[
            "interest"
        ].help_text = (
            f"Declare any personal or financial interest so officers are aware of it ({cited(interests)})."
        )
        if may_raise_for_members:
            self.fields["member"].choices = [("", "Choose a Member")] + [
                (m.pk, f"{m} ({', '.join(wm.ward.name for wm in m.current_ward_memberships) or 'no ward'})")
                for m in directory.member_list(user=user)
            ]
            representatives = rules.elected_representatives(council)
            if representatives.value:
                self.fields["originator_type"].help_text = (
                    "The council takes enquiries from MPs and other elected representatives "
                    f"({cited(representatives)})."
                )
            else:
                for name in ("originator_type", "originator_name", "originator_email"):
                    del self.fields[name]
            self.fields[
                "resident_asked_member_to_act"
            ].label = "Did the resident ask the Member to act on their behalf?"
            self.fields[
                "interest"
            ].label = "Does the Member have a personal or financial interest in the matter?"
            self.fields["interest_details"].label = "If the Member has an interest, what is it?"
            self.fields["body"].label = "What is being asked?"
        else:
            for name in (
                "originator_type",
                "member",
                "originator_name",
                "originator_email",
                "received_at",
                "received_time",
            ):
                del self.fields[name]
        self.initial.setdefault("interest", Interest.NONE)
        self.initial.setdefault("urgent", "no")
        self.initial.setdefault("resident_special_category", "no")

    def clean_received_time(self):
        value = (self.cleaned_data.get("received_time") or "").strip()
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value.replace(".", ":"), "%H:%M").time()
        except ValueError:
            raise forms.ValidationError("Enter the time as hours and minutes, for example 14:30") from None

    def clean(self):
        data = super().clean()
        if "received_time" in self.fields:
            if data.get("received_time") and not data.get("received_at"):
                self.add_error("received_at", "Enter the date it was received as well as the time")
            if (
                data.get("received_at")
                and not data.get("received_time")
                and "received_time" not in self.errors
            ):
                self.add_error("received_time", "Enter the time it was received, for example 14:30")
        return data

    def service_arguments(self) -> dict:
        """The ``services.raise_enquiry`` keyword arguments (bar the actor)."""
        data = self.cleaned_data
        args = {
            "subject": data.get("subject", ""),
            "body": data.get("body", ""),
            "category": data.get("category"),
            "ward": data.get("ward"),
            "urgent": data.get("urgent") == "yes",
            "urgency_reason": data.get("urgency_reason", ""),
            "interest": data.get("interest") or Interest.NONE,
            "interest_details": data.get("interest_details", ""),
            "resident": {
                "name": data.get("resident_name", ""),
                "address": data.get("resident_address", ""),
                "contact": data.get("resident_contact", ""),
                "asked_member_to_act": _yes_no(data.get("resident_asked_member_to_act")),
                "special_category_data": data.get("resident_special_category") == "yes",
            },
            "attachments": data.get("attachments") or [],
        }
        if self.may_raise_for_members:
            kind = data.get("originator_type") or "member"
            if kind == "elected_representative":
                args.update(
                    originator_type=kind,
                    originator_name=data.get("originator_name", ""),
                    originator_email=data.get("originator_email", ""),
                )
            else:
                args["member"] = data.get("member")
                if args["member"] is None and self.actor_is_member:
                    # Without a Member chosen the service would raise it in the actor's own name.
                    self.add_error("member", "Choose the Member the enquiry is from")
            day = data.get("received_at")
            if day:
                at = data["received_time"]
                args["received_at"] = timezone.make_aware(datetime.datetime.combine(day, at))
        return args


# The steps on an enquiry ---------------------------------------------------------------------------

SERVICE_ERROR_FIELDS = {"text", "reason", "new_due", "note", "with_whom", "officer", "service", "manager"}


def _officer_choices(officers) -> list[tuple[int, str]]:
    out = []
    for officer in officers:
        posts = getattr(officer, "current_posts", [])
        title = f", {posts[0].title}" if posts else ""
        out.append((officer.pk, f"{officer.full_name}{title}"))
    return out


class TriageForm(forms.Form):
    classification = forms.ChoiceField(
        label="What kind of request is it?",
        choices=Classification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of request it is"},
    )
    access_in_doubt = forms.BooleanField(
        label="The Member's right to the information asked for is in doubt", required=False
    )
    signed_authorisation = forms.BooleanField(
        label="The person the information is about has signed an authorisation for the Member", required=False
    )
    service = forms.TypedChoiceField(label="Service", required=False, coerce=int, empty_value=None)
    officer = forms.TypedChoiceField(
        label="Handling officer (optional)", required=False, coerce=int, empty_value=None
    )
    external_reference = _text(
        "Complaint or service request reference (optional)",
        max_length=60,
        help_text="The reference the complaints procedure or the service gave it.",
    )
    note = _text(
        "Internal note (optional)",
        rows=3,
        help_text="Why you chose this classification. Officers and the Member Enquiries team see it on "
        "the timeline; the Member never does.",
    )

    def __init__(self, data=None, *, user, council, routing_text: str, **kwargs):
        super().__init__(data, **kwargs)
        triage_rules = rules.triage_rules(council)
        by_classification = {
            Classification.MEMBER_ENQUIRY: (None, "Routed to the service's handling officer."),
            Classification.SERVICE_REQUEST: (
                triage_rules.service_requests,
                "Sent to the service to deliver; a later chaser about it is an enquiry.",
            ),
            Classification.COMPLAINT: (
                triage_rules.complaints,
                "Goes to the official complaints procedure and stays linked.",
            ),
            Classification.INFORMATION_REQUEST: (
                triage_rules.information_requests,
                "Information the Member has a right to without a formal Freedom of Information request.",
            ),
            Classification.POLICY: (triage_rules.non_routine, "Goes to the Corporate Director or Director."),
            Classification.LEGAL_PROCEEDINGS: (
                triage_rules.legal_proceedings,
                "Only a Director may handle it; the answer is limited to process.",
            ),
            Classification.PERSONAL_INFORMATION: (
                triage_rules.personal_information,
                "Needs the consent of the person it is about, unless it can be presumed.",
            ),
        }
        self.classification_hints = {
            value: f"{what} ({cited(rule)})" if rule else what
            for value, (rule, what) in by_classification.items()
        }
        self.fields[
            "access_in_doubt"
        ].help_text = f"The Monitoring Officer then decides ({cited(triage_rules.access_in_doubt)})."
        self.fields[
            "signed_authorisation"
        ].help_text = f"For a request for personal information ({cited(triage_rules.personal_information)})."
        self.fields["service"].help_text = f"{routing_text} Choose another service only to override it."
        self.fields["service"].choices = [("", "As the routing table says")] + [
            (s.pk, s.name) for s in directory.service_list(user=user).order_by("name")
        ]
        self.fields["officer"].help_text = (
            "Leave blank to route it by the protocol: the routing table's handling officer, the Director for "
            "urgent, policy and legal matters, or the Monitoring Officer."
        )
        self.fields["officer"].choices = [("", "Route it by the protocol")] + _officer_choices(
            directory.officer_list(user=user)
        )


class AssignForm(forms.Form):
    officer = forms.TypedChoiceField(
        label="Officer", coerce=int, empty_value=None, error_messages={"required": "Choose an officer"}
    )
    reason = _text("Why is it being reassigned?", rows=3, help_text="The Member sees this on the timeline.")

    def __init__(self, data=None, *, user, service_id, **kwargs):
        super().__init__(data, **kwargs)
        officers = directory.officer_list(user=user, service=service_id) if service_id else []
        self.fields["officer"].choices = [("", "Choose an officer")] + _officer_choices(officers)


class TransferForm(forms.Form):
    service = forms.TypedChoiceField(
        label="Service", coerce=int, empty_value=None, error_messages={"required": "Choose the service"}
    )
    officer = forms.TypedChoiceField(
        label="Handling officer (optional)", required=False, coerce=int, empty_value=None
    )
    reason = _text("Why is it being transferred?", rows=3, help_text="The Member sees this on the timeline.")

    def __init__(self, data=None, *, user, current_service_id, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["service"].choices = [("", "Choose a service")] + [
            (s.pk, s.name)
            for s in directory.service_list(user=user).order_by("name")
            if s.pk != current_service_id
        ]
        self.fields["officer"].help_text = "Leave blank for the new service's handling officer."
        self.fields["officer"].choices = [("", "The service's handling officer")] + _officer_choices(
            directory.officer_list(user=user)
        )


class HoldingReplyForm(forms.Form):
    text = _text("Holding reply", rows=6, help_text="What the Member is told now.")
    reason = _text("Why a full response is not possible yet", rows=3)
    new_due = date_field("When can the Member expect a full response?")


class DiscussionForm(forms.Form):
    with_whom = _text(
        "Who took part?", max_length=300, help_text="For example, the Member and the Head of Service."
    )
    note = _text("What was agreed?", rows=4)


class DraftForm(forms.Form):
    text = _text("Response", rows=12)
    about_policy_implications = forms.BooleanField(
        label="It gives information on the implications of current council policies", required=False
    )
    contains_statistics = forms.BooleanField(
        label="It gives statistical information about council services", required=False
    )
    limited_to_process = forms.BooleanField(
        label="It comments on process only",
        required=False,
        help_text="Needed for a matter in legal proceedings.",
    )

    def __init__(self, data=None, *, council, legal: bool, **kwargs):
        super().__init__(data, **kwargs)
        # What the council's own profile says of copying such an answer to the Executive Member, in its
        # words and with its paragraph: some protocols require the copy, others forbid it.
        copy_rule = rules.copy_rules(council).executive_member
        hint = f"{copy_rule.why.rstrip('.')} ({cited(copy_rule)})." if copy_rule.why else ""
        self.fields["about_policy_implications"].help_text = hint
        self.fields["contains_statistics"].help_text = hint
        if legal:
            self.fields["limited_to_process"].help_text = (
                "The matter is in legal proceedings, so the answer is limited to comments on process "
                f"({cited(rules.legal_proceedings(council))})."
            )
        else:
            del self.fields["limited_to_process"]


class SignOffRequestForm(forms.Form):
    manager = forms.TypedChoiceField(
        label="Manager", coerce=int, empty_value=None, error_messages={"required": "Choose the manager"}
    )

    def __init__(self, data=None, *, managers, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["manager"].choices = [("", "Choose a manager")] + [(o.pk, o.full_name) for o in managers]


class ConfirmForm(forms.Form):
    """A step with nothing to fill in (sign off, send): the page says what will happen."""


class ReasonForm(forms.Form):
    reason = _text("Reason", rows=4)

    def __init__(self, data=None, *, label: str, help_text: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class FeedbackForm(forms.Form):
    met_need = forms.ChoiceField(
        label="Did the answer meet your need?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the answer met your need"},
    )
    comment = _text("Comment (optional)", rows=4)


class AttachmentsForm(forms.Form):
    attachments = attachments_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].label = "Files"
