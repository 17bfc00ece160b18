"""Member Enquiries over the API: raise, read and handle enquiries, every read through
``nolan.enquiries.selectors`` and every change through ``nolan.enquiries.services``.

Thin views: check the input, call one service or selector, serialise. The selector decides who sees
an enquiry (Tower Hamlets 7.19): anyone else gets the same 404 as for a reference that does not exist,
on the detail and on every action, and nothing of it in the list, search or counts. A person who sees
the enquiry but may not take a step gets a 403 saying who may. A refusal by the protocol is a 400 with
the decision's reasons and citations, a value a service refuses is a 400 naming the field
(``nolan.api.errors``); either way the service wrote nothing.

An action returns the enquiry as the caller now sees it. A step can take the enquiry out of the
caller's sight (a transfer to another service, Member Services raising one on a Member's behalf): the
answer then says so and shows nothing more.
"""

from __future__ import annotations

from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from nolan.api.decisions import CitationOutput, ReasonOutput
from nolan.api.directory import Choice, MemberReference, PersonReference, Reference
from nolan.api.errors import error_response
from nolan.api.fields import MAX_ID, id_filter, text_filter
from nolan.api.pagination import Pages
from nolan.api.schema import ServiceInput
from nolan.enquiries import selectors, services
from nolan.enquiries.bands import BANDS, band
from nolan.enquiries.models import (
    Classification,
    Enquiry,
    EnquiryEvent,
    EventKind,
    Interest,
    OriginatorType,
    ResponseKind,
    Status,
)

TAGS = ["enquiries"]
RAG = tuple((band.name, band.meaning) for band in BANDS)
REFERENCE_SHOWN = 40


def _choice(value: str, label) -> dict | None:
    return {"value": value, "label": str(label)} if value else None


def _not_found(reference: str) -> NotFound:
    # The same answer whether the enquiry does not exist or the caller may not see it.
    return NotFound(f"There is no enquiry with reference {reference[:REFERENCE_SHOWN]}.")


def _enquiry(user, reference: str) -> Enquiry:
    enquiry = selectors.enquiry_get(user=user, reference=reference)
    if enquiry is None:
        raise _not_found(reference)
    return enquiry


# Input fields ---------------------------------------------------------------------------------------


def _text(help_text: str) -> serializers.CharField:
    """Text checked by the service (required or not, its length, no HTML): its message names the field."""
    return serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default="", help_text=help_text
    )


def _id(thing: str, help_text: str) -> serializers.IntegerField:
    message = f"Give the {thing}'s id, a whole number such as 3."
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=MAX_ID,
        help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


def _flag(help_text: str) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, default=False, help_text=help_text)


def _one_of(choices, what: str, *, default="", help_text: str = "") -> serializers.ChoiceField:
    values = ", ".join(value for value, _ in choices)
    return serializers.ChoiceField(
        choices=choices,
        required=False,
        allow_blank=True,
        default=default,
        help_text=help_text or f"One of: {values}.",
        error_messages={"invalid_choice": f"Choose {what}: one of {values}."},
    )


# Output shapes --------------------------------------------------------------------------------------


BAD_REQUEST = error_response(
    "The protocol refused the step (with its reasons and citations), or a field's value cannot be "
    "used. Nothing was stored."
)
FORBIDDEN = error_response("Not signed in, or you see the enquiry but this step is not yours.")
MAY_NOT_RAISE = error_response(
    "Not signed in, or not one who may raise this enquiry: a Member in their own name, Member Services "
    "or the Member Enquiries team on a Member's behalf or for an MP."
)
NOT_FOUND = error_response("No such enquiry, or not one you may see: the answer is the same.")


class CopyOutput(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    role = serializers.CharField()
    why = serializers.CharField()
    citations = CitationOutput(many=True)

    class Meta:
        ref_name = "EnquiryCopy"


class ResponseOutput(serializers.Serializer):
    """A holding reply or the response; a Member sees only those sent."""

    id = serializers.IntegerField()
    kind = serializers.SerializerMethodField()
    text = serializers.CharField()
    written_by = PersonReference()
    written_at = serializers.DateTimeField()
    about_policy_implications = serializers.BooleanField()
    contains_statistics = serializers.BooleanField()
    limited_to_process = serializers.BooleanField()
    reason = serializers.CharField(help_text="A holding reply's reason.")
    new_due = serializers.DateField(allow_null=True, help_text="The date a holding reply gave.")
    sign_off_by = PersonReference(allow_null=True, help_text="The manager asked to sign it off.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    signed_off_by = PersonReference(allow_null=True)
    signed_off_at = serializers.DateTimeField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True, help_text="Null while it is a draft.")
    copied_to = CopyOutput(many=True, help_text="Everyone copied, named, with why (no blind copies).")

    class Meta:
        ref_name = "EnquiryResponse"

    @extend_schema_field(Choice)
    def get_kind(self, response) -> dict:
        return _choice(response.kind, ResponseKind(response.kind).label)


class TimelineEntryOutput(serializers.Serializer):
    kind = serializers.SerializerMethodField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_label")
    capacity = serializers.CharField()
    text = serializers.CharField()
    reasons = serializers.SerializerMethodField(help_text="The decision behind the step, with citations.")

    class Meta:
        ref_name = "EnquiryTimelineEntry"

    @extend_schema_field(Choice)
    def get_kind(self, event: EnquiryEvent) -> dict:
        return _choice(event.kind, EventKind(event.kind).label)

    @extend_schema_field(ReasonOutput(many=True))
    def get_reasons(self, event: EnquiryEvent) -> list:
        return ReasonOutput((event.data or {}).get("reasons") or [], many=True).data


class AttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="In bytes.")
    uploaded_at = serializers.DateTimeField()
    removed = serializers.SerializerMethodField(help_text="True once the retention rule deleted the file.")

    class Meta:
        ref_name = "EnquiryAttachment"

    def get_removed(self, attachment) -> bool:
        return attachment.removed_at is not None


class ResidentOutput(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()
    contact = serializers.CharField()
    asked_member_to_act = serializers.BooleanField(allow_null=True)
    special_category_data = serializers.BooleanField()
    anonymised = serializers.SerializerMethodField(help_text="True once the retention rule blanked them.")

    class Meta:
        ref_name = "EnquiryResident"

    def get_anonymised(self, resident) -> bool:
        return resident.anonymised_at is not None


class EnquirySummaryOutput(serializers.Serializer):
    """An enquiry as a list shows it."""

    reference = serializers.CharField(help_text="Unique; quote it in e-mail subjects.")
    subject = serializers.CharField()
    status = serializers.SerializerMethodField()
    rag = serializers.SerializerMethodField(
        help_text="; ".join(f"{band.name}: {band.meaning.lower()}" for band in BANDS) + "; '' once not open."
    )
    urgent = serializers.BooleanField()
    originator_type = serializers.SerializerMethodField()
    originator_name = serializers.CharField(help_text="Who the enquiry is from.")
    raised_by_member = MemberReference(allow_null=True, help_text="Null for an MP or other representative.")
    category = Reference()
    ward = Reference(allow_null=True)
    service = Reference(allow_null=True)
    handling_officer = PersonReference(source="assigned_officer", allow_null=True)
    received_at = serializers.DateTimeField()
    due_date = serializers.DateField(help_text="Due now: the revised date if a holding reply gave one.")
    original_due = serializers.DateField(help_text="The due date first worked out; never changed.")
    revised_due = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "EnquirySummary"

    @extend_schema_field(Choice)
    def get_status(self, enquiry: Enquiry) -> dict:
        return _choice(enquiry.status, enquiry.get_status_display())

    @extend_schema_field(serializers.ChoiceField(choices=[("", "Not open"), *RAG]))
    def get_rag(self, enquiry: Enquiry) -> str:
        annotated = getattr(enquiry, "rag_status", None)
        return annotated if annotated is not None else band(enquiry)

    @extend_schema_field(Choice)
    def get_originator_type(self, enquiry: Enquiry) -> dict:
        return _choice(enquiry.originator_type, enquiry.get_originator_type_display())


class EnquiryOutput(EnquirySummaryOutput):
    """An enquiry with what the caller may see of its handling: the timeline (a Member sees the
    steps taken for them, not the internal ones), the replies, the clock with its explanation and
    the triage decision's reasons with their citations."""

    body = serializers.CharField(help_text="What is asked, as plain text.")
    urgency_reason = serializers.CharField()
    interest = serializers.SerializerMethodField(help_text="The Member's declared interest in the matter.")
    interest_details = serializers.CharField()
    resident = serializers.SerializerMethodField(help_text="The resident concerned; null if none.")
    entered_by = serializers.CharField(source="raised_by_user", help_text="Who entered the enquiry.")
    follows_up = serializers.CharField(
        source="follows_up.reference", allow_null=True, help_text="The earlier enquiry this one chases."
    )
    clock_starts = serializers.DateField(help_text="Day 0: the working day the response time counts from.")
    acknowledge_by = serializers.DateField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    due_explanation = serializers.CharField(help_text="How the due date was worked out.")
    classification = serializers.SerializerMethodField(help_text="Null until the team triages it.")
    classification_reasons = ReasonOutput(many=True, help_text="Why triage routed it as it did.")
    classification_note = serializers.SerializerMethodField(
        help_text="The triage officer's internal note: empty for a Member, who never sees it."
    )
    classified_at = serializers.DateTimeField(allow_null=True)
    external_reference = serializers.CharField(help_text="The complaint's or service request's reference.")
    answer_limited_to_process = serializers.BooleanField(help_text="A matter in legal proceedings.")
    assigned_at = serializers.DateTimeField(allow_null=True)
    responded_at = serializers.DateTimeField(allow_null=True)
    follow_up_until = serializers.DateField(
        allow_null=True, help_text="The last day the Member may re-open it after the response."
    )
    closed_at = serializers.DateTimeField(allow_null=True)
    met_need = serializers.BooleanField(allow_null=True, help_text="The Member's view of the answer.")
    feedback = serializers.CharField()
    attachments = AttachmentOutput(many=True, source="attachments.all")
    responses = ResponseOutput(many=True, source="visible_responses")
    timeline = TimelineEntryOutput(many=True)

    class Meta:
        ref_name = "Enquiry"

    @extend_schema_field(serializers.CharField())
    def get_classification_note(self, enquiry: Enquiry) -> str:
        request = self.context.get("request")
        if request is None or selectors.sees_as_member(request.user):
            return ""
        return enquiry.classification_note

    @extend_schema_field(Choice)
    def get_interest(self, enquiry: Enquiry) -> dict:
        return _choice(enquiry.interest, enquiry.get_interest_display())

    @extend_schema_field(ResidentOutput(allow_null=True))
    def get_resident(self, enquiry: Enquiry) -> dict | None:
        try:
            resident = enquiry.resident
        except Enquiry.resident.RelatedObjectDoesNotExist:
            return None
        return ResidentOutput(resident).data

    @extend_schema_field(Choice(allow_null=True))
    def get_classification(self, enquiry: Enquiry) -> dict | None:
        return _choice(enquiry.classification, enquiry.get_classification_display())


class OutOfSightOutput(serializers.Serializer):
    """The step was taken, and it took the enquiry out of the caller's sight."""

    reference = serializers.CharField()
    detail = serializers.CharField()

    class Meta:
        ref_name = "EnquiryOutOfSight"


RESULT = PolymorphicProxySerializer(
    component_name="EnquiryResult",
    serializers=[EnquiryOutput, OutOfSightOutput],
    resource_type_field_name=None,
)


def _result(request, reference: str, *, created: bool = False) -> Response:
    """The enquiry after a step, as the caller now sees it."""
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    enquiry = selectors.enquiry_get(user=request.user, reference=reference)
    if enquiry is None:
        detail = (
            f"Done. {reference} is not among the enquiries you may see: it is treated in confidence "
            "between the Member, the Member Enquiries team and the officers handling it."
        )
        return Response({"reference": reference, "detail": detail}, status=code)
    return Response(EnquiryOutput(enquiry, context={"request": request}).data, status=code)


# Lists and counts ------------------------------------------------------------------------------------


class EnquiryFilters(serializers.Serializer):
    status = _one_of(Status.choices, "a status")
    category = id_filter("category")
    ward = id_filter("ward")
    service = id_filter("service")
    rag = _one_of(RAG, "red, amber or green", help_text="red (overdue), amber or green; open enquiries only.")
    q = text_filter("Words to find in the reference, subject, what is asked or the resident's name.")

    class Meta:
        ref_name = "EnquiryFilters"

    def filters(self) -> dict:
        values = {k: v for k, v in self.validated_data.items() if v not in (None, "")}
        if "q" in values:
            values["search"] = values.pop("q")
        return values


def _filters(request) -> dict:
    serializer = EnquiryFilters(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.filters()


class RaiseInput(ServiceInput):
    """A new enquiry. A Member raises it in their own name (leave ``member`` out); Member Services
    or the Member Enquiries team give the Member's id, or ``originator_type`` 'elected_representative'
    with the MP's name where the council allows it."""

    required_by_service = ("subject", "body", "category")

    subject = _text("Required; at most 200 characters of plain text.")
    body = _text("Required: what is asked, as plain text (no HTML).")
    category = _id("category", "Required: the category's id.")
    ward = _id("ward", "The ward it concerns.")
    member = _id("Member", "On a Member's behalf: the Member the enquiry is from.")
    originator_type = _one_of(
        OriginatorType.choices, "who the enquiry is from", help_text="Left out: worked out from the caller."
    )
    originator_name = _text("An MP's or other representative's name.")
    originator_email = _text("An MP's or other representative's e-mail address.")
    urgent = _flag("Extremely urgent for constituents (give the reason).")
    urgency_reason = _text("Required if urgent.")
    interest = _one_of(Interest.choices, "whether you have an interest to declare", default=Interest.NONE)
    interest_details = _text("Required with a personal or financial interest.")
    resident_name = _text("The resident concerned, if any.")
    resident_address = _text("")
    resident_contact = _text("Telephone or e-mail.")
    resident_asked_member_to_act = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Did the resident ask the Member to act?"
    )
    resident_special_category_data = _flag("Health, ethnicity, religion, sexuality and the like.")
    received_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it reached the council, if not now; never in the future.",
        error_messages={"invalid": "Enter the received time as a date and time, e.g. 2026-12-24T10:30."},
    )
    follows_up = _text("The reference of an earlier enquiry this one chases.")

    class Meta:
        ref_name = "EnquiryRaise"


class RaiseWithFilesInput(RaiseInput):
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text="Up to 10 files (PDF, Office, OpenDocument, e-mail, text, images), each up to 10 MB.",
    )

    class Meta:
        ref_name = "EnquiryRaiseWithFiles"


RESIDENT_FIELDS = ("name", "address", "contact", "asked_member_to_act", "special_category_data")


@extend_schema_view(
    get=extend_schema(
        tags=TAGS, parameters=[EnquiryFilters], responses={200: EnquirySummaryOutput(many=True)}
    ),
    post=extend_schema(
        tags=TAGS,
        request={"multipart/form-data": RaiseWithFilesInput, "application/json": RaiseInput},
        responses={201: RESULT, 400: BAD_REQUEST, 403: MAY_NOT_RAISE},
    ),
)
class EnquiryListApi(ListAPIView):
    """GET: the enquiries you may see, newest first; each page is recorded on the audit trail with its
    filters. POST: raise one (multipart with attachments, or JSON without); the clock starts from the
    received time, following the council's calendar."""

    pagination_class = Pages
    serializer_class = EnquirySummaryOutput
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.enquiry_list(user=self.request.user, with_rag=True, **_filters(self.request))

    def list(self, request, *args, **kwargs):
        """The page, recorded on the audit trail as the web lists are: the filters, how many matched,
        and the references on the page."""
        filters = _filters(request)
        rows = self.paginate_queryset(selectors.enquiry_list(user=request.user, with_rag=True, **filters))
        page = self.paginator.page
        services.record_enquiry_list(
            user=request.user,
            listing="api",
            filters=filters,
            count=page.paginator.count,
            page=page.number,
            shown=[enquiry.reference for enquiry in rows],
        )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def post(self, request):
        serializer = RaiseWithFilesInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        resident = {name: values.pop(f"resident_{name}") for name in RESIDENT_FIELDS}
        earlier = None
        if reference := values.pop("follows_up").strip():
            earlier = selectors.enquiry_get(user=request.user, reference=reference)
            if earlier is None:
                raise ValidationError(
                    {"follows_up": [f"There is no enquiry with reference {reference[:REFERENCE_SHOWN]}."]}
                )
        enquiry = services.raise_enquiry(actor=request.user, resident=resident, follows_up=earlier, **values)
        return _result(request, enquiry.reference, created=True)


class EnquiryCountsApi(APIView):
    """How many of the enquiries you may see are in each status (every status, zeros included),
    with the list's filters. Counts with a filter or search are recorded on the audit trail."""

    class OutputSerializer(serializers.Serializer):
        class StatusCount(serializers.Serializer):
            value = serializers.CharField()
            label = serializers.CharField()
            count = serializers.IntegerField()

            class Meta:
                ref_name = "EnquiryStatusCount"

        total = serializers.IntegerField()
        by_status = StatusCount(many=True)

        class Meta:
            ref_name = "EnquiryCounts"

    @extend_schema(tags=TAGS, parameters=[EnquiryFilters], responses={200: OutputSerializer})
    def get(self, request):
        filters = _filters(request)
        counts = selectors.counts_by_status(user=request.user, **filters)
        if filters:  # figures for a search or filter are recorded as a list is; plain totals are not
            services.record_enquiry_list(
                user=request.user,
                listing="api-counts",
                filters=filters,
                count=sum(counts.values()),
                counted=True,
            )
        data = {
            "total": sum(counts.values()),
            "by_status": [
                {"value": value, "label": Status(value).label, "count": n} for value, n in counts.items()
            ],
        }
        return Response(self.OutputSerializer(data).data)


# One enquiry -----------------------------------------------------------------------------------------


class EnquiryDetailApi(APIView):
    """One enquiry you may see, with its timeline. Each view is recorded in the audit trail."""

    @extend_schema(tags=TAGS, responses={200: EnquiryOutput, 404: NOT_FOUND})
    def get(self, request, reference: str):
        enquiry = _enquiry(request.user, reference)
        services.record_enquiry_view(user=request.user, enquiry=enquiry)
        return Response(EnquiryOutput(enquiry, context={"request": request}).data)


class EnquiryAction(APIView):
    """POST a step to an enquiry you may see: the input is checked, one service takes the step (or
    refuses it, changing nothing), and the answer is the enquiry as you now see it."""

    InputSerializer: type[serializers.Serializer] | None = None
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @staticmethod
    def service(**values):  # pragma: no cover - each action names its service
        raise NotImplementedError

    def post(self, request, reference: str):
        enquiry = _enquiry(request.user, reference)
        values = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            values = dict(serializer.validated_data)
        self.service(actor=request.user, enquiry=enquiry, **values)
        return _result(request, enquiry.reference)


def _action(summary: str, request):
    return extend_schema_view(
        post=extend_schema(
            tags=TAGS,
            summary=summary,
            request=request,
            responses={200: RESULT, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
        )
    )


class TriageInput(ServiceInput):
    required_by_service = ("classification",)

    classification = _one_of(Classification.choices, "what kind of request it is")
    note = _text("Why the team chose it.")
    access_in_doubt = _flag("Access to the information is in doubt: the Monitoring Officer decides.")
    service = _id("service", "The service to route it to; left out: the routing table's.")
    officer = _id("officer", "The handling officer; left out: chosen by the route.")
    signed_authorisation = _flag("The data subject's signed authorisation is held.")
    external_reference = _text("The complaint's or service request's own reference.")

    class Meta:
        ref_name = "EnquiryTriage"


@_action("Classify and route it (the Member Enquiries team)", TriageInput)
class TriageApi(EnquiryAction):
    InputSerializer = TriageInput
    service = staticmethod(services.triage)


class AssignInput(ServiceInput):
    required_by_service = ("officer", "reason")

    officer = _id("officer", "Required: another officer of the same service.")
    reason = _text("Required: why it is reassigned.")

    class Meta:
        ref_name = "EnquiryAssign"


@_action("Reassign it within the service", AssignInput)
class AssignApi(EnquiryAction):
    InputSerializer = AssignInput
    service = staticmethod(services.assign)


class TransferInput(ServiceInput):
    required_by_service = ("service", "reason")

    service = _id("service", "Required: the service to transfer it to.")
    reason = _text("Required: why it is transferred.")
    officer = _id("officer", "The officer there; left out: chosen by the route.")

    class Meta:
        ref_name = "EnquiryTransfer"


@_action("Transfer it to another service", TransferInput)
class TransferApi(EnquiryAction):
    InputSerializer = TransferInput
    service = staticmethod(services.transfer)


class HoldingReplyInput(ServiceInput):
    required_by_service = ("text", "reason", "new_due")

    text = _text("Required: the holding reply to the Member.")
    reason = _text("Required: why a full response is not possible yet.")
    new_due = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Required: when the Member can expect the full response.",
        error_messages={"invalid": "Enter the new date as a date, e.g. 2027-03-30."},
    )

    class Meta:
        ref_name = "EnquiryHoldingReply"


@_action("Send a holding reply with a new date (the handling officer)", HoldingReplyInput)
class HoldingReplyApi(EnquiryAction):
    InputSerializer = HoldingReplyInput
    service = staticmethod(services.send_holding_reply)


class DiscussionInput(ServiceInput):
    required_by_service = ("with_whom", "note")

    with_whom = _text("Required: who took part.")
    note = _text("Required: what was agreed.")

    class Meta:
        ref_name = "EnquiryDiscussion"


@_action("Record a discussion of a time-consuming enquiry", DiscussionInput)
class DiscussionApi(EnquiryAction):
    InputSerializer = DiscussionInput
    service = staticmethod(services.record_discussion)


class DraftResponseInput(ServiceInput):
    required_by_service = ("text",)

    text = _text("Required: the response, as plain text.")
    about_policy_implications = _flag("It is about the implications of current policies.")
    contains_statistics = _flag("It contains statistics about services.")
    limited_to_process = _flag("It comments on process only (a matter in legal proceedings).")

    class Meta:
        ref_name = "EnquiryDraftResponse"


@_action("Write or rewrite the response (the handling officer)", DraftResponseInput)
class DraftResponseApi(EnquiryAction):
    InputSerializer = DraftResponseInput
    service = staticmethod(services.draft_response)


class SubmitForSignOffInput(ServiceInput):
    required_by_service = ("manager",)

    manager = _id("officer", "Required: a manager in the handling officer's line.")

    class Meta:
        ref_name = "EnquirySubmitForSignOff"


@_action("Ask a manager to sign the draft off", SubmitForSignOffInput)
class SubmitForSignOffApi(EnquiryAction):
    InputSerializer = SubmitForSignOffInput
    service = staticmethod(services.submit_for_sign_off)


@_action("Sign the draft off (a manager in the handling officer's line)", None)
class SignOffApi(EnquiryAction):
    service = staticmethod(services.sign_off)


@_action("Send the response, with the copies the protocol asks for", None)
class SendResponseApi(EnquiryAction):
    service = staticmethod(services.send_response)


class ReasonInput(ServiceInput):
    required_by_service = ("reason",)

    reason = _text("Required.")

    class Meta:
        ref_name = "EnquiryReason"


@_action("Re-open it within the follow-up window (the Member)", ReasonInput)
class ReopenApi(EnquiryAction):
    InputSerializer = ReasonInput
    service = staticmethod(services.reopen)


@_action("Close it (the Member, or the team)", ReasonInput)
class CloseApi(EnquiryAction):
    InputSerializer = ReasonInput
    service = staticmethod(services.close)


class FeedbackInput(ServiceInput):
    required_by_service = ("met_need",)

    met_need = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Required: did the answer meet the need?"
    )
    comment = _text("")

    class Meta:
        ref_name = "EnquiryFeedback"


@_action("Say whether the answer met the need (the Member)", FeedbackInput)
class FeedbackApi(EnquiryAction):
    InputSerializer = FeedbackInput
    service = staticmethod(services.record_feedback)


ACTIONS = {
    "triage": TriageApi,
    "assign": AssignApi,
    "transfer": TransferApi,
    "holding-reply": HoldingReplyApi,
    "discussion": DiscussionApi,
    "draft-response": DraftResponseApi,
    "submit-for-sign-off": SubmitForSignOffApi,
    "sign-off": SignOffApi,
    "send-response": SendResponseApi,
    "reopen": ReopenApi,
    "close": CloseApi,
    "feedback": FeedbackApi,
}
