"""Member Enquiries: what a Member asks the council, who handles it, and everything that happens to it.

Rows are created and changed only by ``services``; every read goes through ``selectors``, which apply
the one visibility rule (Tower Hamlets 7.19). The shape:

- ``Enquiry``: the enquiry itself, with its clock (received, day 0, due dates and the calendar version
  they were worked out with), its triage outcome and who is handling it.
- ``ResidentDetails``: the resident concerned, kept in its own table so the retention rule can
  anonymise it without touching the enquiry's record.
- ``EnquiryEvent``: the timeline the enquiry page shows. Views of an enquiry are NOT timeline entries;
  they are audit events (``services.record_enquiry_view``), so the timeline stays about the enquiry.
- ``EnquiryAccess``: which officers may see the enquiry and why (the handling officer and their
  management line up to and including the Director; while an enquiry whose officer left its service
  waits to be assigned again, the service's own line), rewritten by the services on every
  assignment, transfer and move in the directory, so the selector's visibility filter is one indexed
  EXISTS.
- ``Response``: holding replies and responses, with sign-off and the named copies sent.
- ``Attachment``: files the Member sent, stored under MEDIA_ROOT with a random name.
- ``EnquiryMessage``: which enquiry each e-mail in the outbox (``nolan.mail``) is about; every e-mail an
  enquiry step causes is written in the same transaction as the step (see ``notifications``).
- The council-edited lists: ``Category``, ``RoutingRule`` and ``PortfolioLink``. The declared close
  relationships that routing passes over are the register's (``nolan.register``).

The models that hold an enquiry's content say ``audit_confidential = True``: the system
administration pages show no details of their audit events. A model whose ``str`` would put
confidential text on the audit trail gives an ``audit_label`` instead (the reference).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nolan.casework.models import AccessRowBase, AttachmentBase, TimelineEntryBase
from nolan.directory.models import Member, Officer, Service, Ward
from nolan.mail.models import OutboxMessage


class OriginatorType(models.TextChoices):
    MEMBER = "member", "Member"
    MEMBER_SERVICES = "member_services", "Member Services on behalf of a Member"
    ELECTED_REPRESENTATIVE = "elected_representative", "MP or other elected representative"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ASSIGNED = "assigned", "With the handling officer"
    HOLDING_REPLY_SENT = "holding_reply_sent", "Holding reply sent"
    RESPONDED = "responded", "Responded"
    REOPENED = "reopened", "Re-opened"
    CLOSED = "closed", "Closed"
    # Triage outcomes that take the matter out of the Member Enquiries process.
    SERVICE_REQUEST = "service_request", "Passed to the service as a service request"
    COMPLAINT_REFERRED = "complaint_referred", "Referred to the complaints procedure"
    CONSENT_NEEDED = "consent_needed", "Waiting for the data subject's authorisation"


#: Statuses in which the enquiry is still being handled (the worklists and chasing work on these).
OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.HOLDING_REPLY_SENT, Status.REOPENED)
#: Statuses in which a handling officer owes the Member an answer.
AWAITING_ANSWER = (Status.ASSIGNED, Status.HOLDING_REPLY_SENT, Status.REOPENED)
#: Statuses that end the enquiry's life in the Member Enquiries process.
ENDED_STATUSES = (Status.CLOSED, Status.SERVICE_REQUEST, Status.COMPLAINT_REFERRED)


class Classification(models.TextChoices):
    MEMBER_ENQUIRY = "member_enquiry", "Member enquiry"
    SERVICE_REQUEST = "service_request", "Service request"
    COMPLAINT = "complaint", "Complaint on a resident's behalf"
    INFORMATION_REQUEST = "information_request", "Request for information the Member has a right to"
    POLICY = "policy", "Policy or non-routine matter"
    LEGAL_PROCEEDINGS = "legal_proceedings", "Matter in legal proceedings"
    PERSONAL_INFORMATION = "personal_information", "Personal information about someone else"


class Interest(models.TextChoices):
    NONE = "none", "No interest to declare"
    PERSONAL = "personal", "Personal interest"
    FINANCIAL = "financial", "Financial interest"


class Category(models.Model):
    """What an enquiry is about. The council edits the list; a category is retired, never deleted."""

    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Category (and optionally ward) to the service that handles it. The most specific rule wins:
    a rule for the category in the enquiry's ward beats the category's rule for every ward."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="routing_rules")
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank: every ward without its own rule.",
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    default_handler = models.ForeignKey(
        Officer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer who takes these enquiries; blank: the service's most senior manager "
        "below Director.",
    )

    class Meta:
        ordering = ["category__name", "ward__name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "ward"], name="routing_rule_category_ward_unique"),
            models.UniqueConstraint(
                fields=["category"],
                condition=Q(ward__isnull=True),
                name="routing_rule_category_every_ward_unique",
            ),
        ]

    def __str__(self) -> str:
        where = self.ward.name if self.ward_id else "every ward"
        return f"{self.category} in {where} → {self.service}"


class PortfolioLink(models.Model):
    """Which Executive (Cabinet) Member's portfolio covers a service, for Islington 4.1(c) copies.

    Linked by the portfolio's NAME (as in ``MemberRole.portfolio``), not by a role row, so a reshuffle
    that gives the portfolio to another Member needs no change here.
    """

    service = models.OneToOneField(Service, on_delete=models.PROTECT, related_name="+")
    portfolio = models.CharField(max_length=200, help_text="As written in the Cabinet Member's role.")

    class Meta:
        ordering = ["portfolio"]

    def __str__(self) -> str:
        return f"{self.service} → {self.portfolio}"


#: Member Enquiries' series of references, ``ME-2026-000123`` (``nolan.casework.references``).
REFERENCE_SERIES = "ME"


class Enquiry(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    originator_type = models.CharField(max_length=30, choices=OriginatorType.choices)
    raised_by_member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiries",
        help_text="Blank for an MP or other elected representative.",
    )
    originator_name = models.CharField(
        max_length=200, help_text="Who the enquiry is from, as named when it was raised."
    )
    originator_email = models.EmailField(blank=True)
    raised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", help_text="Who entered it."
    )
    follows_up = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text="An earlier enquiry or service request this one chases.",
    )

    subject = models.CharField(max_length=200)
    body = models.TextField("what is asked")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    urgent = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    interest = models.CharField(max_length=20, choices=Interest.choices, default=Interest.NONE)
    interest_details = models.TextField(blank=True)

    # The clock.
    received_at = models.DateTimeField()
    clock_starts = models.DateField(help_text="Day 0: the working day the response time counts from.")
    acknowledge_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    original_due = models.DateField(
        help_text="The due date first worked out; never changed by a holding reply."
    )
    revised_due = models.DateField(null=True, blank=True, help_text="The new date given in a holding reply.")
    due_date = models.DateField(help_text="The date the answer is due now: the revised date if there is one.")
    calendar_version = models.CharField(max_length=64, blank=True)
    due_explanation = models.TextField(blank=True)

    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)

    # Triage.
    classification = models.CharField(max_length=30, choices=Classification.choices, blank=True)
    classification_reasons = models.JSONField(
        default=list, blank=True, help_text="The decision's reasons, each with its citation."
    )
    classification_note = models.TextField(blank=True, help_text="Why the triage officer chose it.")
    classified_at = models.DateTimeField(null=True, blank=True)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_reference = models.CharField(
        max_length=60, blank=True, help_text="The complaint's or service request's own reference."
    )

    # Handling.
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_enquiries"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    follow_up_until = models.DateField(
        null=True, blank=True, help_text="Last day the Member may re-open the enquiry after the response."
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    # The Member's view of the answer.
    met_need = models.BooleanField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)

    # The e-mail its steps caused, in the outbox (``nolan.mail``), linked by ``EnquiryMessage``.
    messages = models.ManyToManyField(
        OutboxMessage, through="EnquiryMessage", related_name="enquiries", related_query_name="enquiry"
    )

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "enquiries"
        indexes = [
            models.Index(fields=["status", "due_date"], name="enquiry_status_due"),
            models.Index(fields=["status", "received_at"], name="enquiry_status_received"),
            models.Index(
                fields=["assigned_officer", "status", "due_date"], name="enquiry_officer_status_due"
            ),
            models.Index(fields=["service", "status", "due_date"], name="enquiry_service_status_due"),
            # The lists' default order (newest received first), for the team and for one Member.
            models.Index(fields=["received_at", "id"], name="enquiry_received"),
            models.Index(fields=["raised_by_member", "received_at", "id"], name="enquiry_member_received"),
            models.Index(fields=["closed_at"], name="enquiry_closed_at"),
        ]

    #: Events about an enquiry keep its details from the system administration pages (``nolan.audit``).
    audit_confidential = True

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    @property
    def audit_label(self) -> str:
        """How the audit trail names it: the reference, never the subject."""
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def waiting_to_assign(self) -> bool:
        """Awaiting an answer with no one handling it: its officer left the service, and the Member
        Enquiries team is to assign it again."""
        return self.status in AWAITING_ANSWER and self.assigned_officer_id is None

    @property
    def answer_limited_to_process(self) -> bool:
        """A matter in legal proceedings is answered on process only (Tower Hamlets 13.4)."""
        return self.classification == Classification.LEGAL_PROCEEDINGS


class ResidentDetails(models.Model):
    """The resident the enquiry concerns. Anonymised by the retention rule; the enquiry stays."""

    enquiry = models.OneToOneField(Enquiry, on_delete=models.CASCADE, related_name="resident")
    name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    contact = models.CharField(max_length=200, blank=True, help_text="Telephone or e-mail.")
    asked_member_to_act = models.BooleanField(
        null=True, blank=True, help_text="Did the resident ask the Member to act on their behalf?"
    )
    special_category_data = models.BooleanField(
        default=False, help_text="Health, ethnicity, religion, sexuality and the like (UK GDPR Art 9)."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "resident details"
        indexes = [models.Index(fields=["name"])]

    audit_confidential = True

    def __str__(self) -> str:
        return "(anonymised)" if self.anonymised_at else (self.name or "(no name)")

    @property
    def audit_label(self) -> str:
        return f"Resident concerned by {self.enquiry.reference}"


class EventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    CLASSIFIED = "classified", "Classified"
    ROUTED = "routed", "Routed"
    ASSIGNED = "assigned", "Assigned"
    REASSIGNED = "reassigned", "Reassigned"
    TRANSFERRED = "transferred", "Transferred to another service"
    REFERRED_TO_MONITORING_OFFICER = "referred_mo", "Referred to the Monitoring Officer"
    HOLDING_REPLY = "holding_reply", "Holding reply sent"
    DISCUSSED = "discussed", "Discussed with the Member and managers"
    RESPONSE_DRAFTED = "response_drafted", "Response drafted"
    SUBMITTED_FOR_SIGN_OFF = "submitted_sign_off", "Submitted for sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    RESPONSE_SENT = "response_sent", "Response sent"
    REOPENED = "reopened", "Re-opened"
    CLOSED = "closed", "Closed"
    FEEDBACK = "feedback", "Member's feedback"
    ATTACHMENT_ADDED = "attachment_added", "Attachment added"
    DUE_DATE_RECOMPUTED = "due_recomputed", "Due date recomputed"
    CHASED = "chased", "Chased"
    ESCALATED = "escalated", "Escalated"
    HANDED_BACK = "handed_back", "Back with the Member Enquiries team to assign"


#: Internal handling steps a Member does not see on their timeline.
INTERNAL_EVENTS = frozenset(
    {
        EventKind.RESPONSE_DRAFTED,
        EventKind.SUBMITTED_FOR_SIGN_OFF,
        EventKind.SIGNED_OFF,
        EventKind.CHASED,
        EventKind.ESCALATED,
    }
)


class EnquiryEvent(TimelineEntryBase):
    """One entry of the enquiry's timeline. Append-only; every one also has an audit event."""

    case_field = "enquiry"
    internal_kinds = INTERNAL_EVENTS

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)

    class Meta(TimelineEntryBase.Meta):
        indexes = [models.Index(fields=["enquiry", "at"]), models.Index(fields=["kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d %b %Y %H:%M})"


class AccessReason(models.TextChoices):
    HANDLING_OFFICER = "handling_officer", "Handling officer"
    MANAGEMENT_LINE = "management_line", "In the handling officer's management line"
    SERVICE_LINE = "service_line", "In the service's management line (no handling officer now)"


#: Access that lets an officer act on the enquiry (reply, draft, transfer). The service's line sees
#: an enquiry whose officer left the service, but it waits for the team to assign it again.
ACTING_ACCESS = (AccessReason.HANDLING_OFFICER, AccessReason.MANAGEMENT_LINE)


class EnquiryAccess(AccessRowBase):
    """An officer who may see the enquiry, and why. Rewritten on every assignment and transfer."""

    case_field = "enquiry"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="access")
    reason = models.CharField(max_length=30, choices=AccessReason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "officer"], name="enquiry_access_unique"),
        ]
        indexes = [models.Index(fields=["officer", "enquiry"], name="enquiry_access_officer")]

    def __str__(self) -> str:
        return f"{self.officer} ({self.get_reason_display()})"


class ResponseKind(models.TextChoices):
    HOLDING_REPLY = "holding_reply", "Holding reply"
    RESPONSE = "response", "Response"


class Response(models.Model):
    """A holding reply or a response. A response is drafted, optionally signed off, then sent."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(max_length=20, choices=ResponseKind.choices)
    text = models.TextField()
    written_by = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    # What kind of information it is (Islington 4.1(c): copied to the Executive Member).
    about_policy_implications = models.BooleanField(default=False)
    contains_statistics = models.BooleanField(default=False)
    limited_to_process = models.BooleanField(
        default=False, help_text="The officer confirms the answer comments on process only."
    )
    # A holding reply's reason and new date.
    reason = models.TextField(blank=True)
    new_due = models.DateField(null=True, blank=True)
    # Sign-off.
    sign_off_by = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # Sending.
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copied_to = models.JSONField(
        default=list, blank=True, help_text="Everyone copied, by name, with why (never blind copies)."
    )

    class Meta:
        ordering = ["written_at", "id"]
        indexes = [models.Index(fields=["enquiry", "kind", "sent_at"])]

    audit_confidential = True

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.enquiry.reference}"


#: Where an enquiry's files are stored, under MEDIA_ROOT.
ATTACHMENT_FOLDER = "enquiries"


def attachment_path(instance, filename: str) -> str:
    # ``casework.attachments.store`` chooses the random name; this only places it.
    return f"{ATTACHMENT_FOLDER}/{filename}"


class Attachment(AttachmentBase):
    """A file the Member sent (``nolan.casework.attachments`` checks and stores it)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255, blank=True)

    class Meta(AttachmentBase.Meta):
        pass

    @property
    def audit_label(self) -> str:
        """The file's name can say what the enquiry is about; the trail names the enquiry instead."""
        return f"File {self.pk} of {self.enquiry.reference}"


class EnquiryMessage(models.Model):
    """Which enquiry an e-mail in the outbox (``nolan.mail``) is about: one row per message, written
    with it (``notifications``). Its own table, so the outbox knows no workflow; ``Enquiry.messages``
    and ``OutboxMessage.objects.filter(enquiry=...)`` read it."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="+")
    message = models.OneToOneField(OutboxMessage, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["enquiry", "message"], name="enquiry_message")]

    audit_confidential = True

    def __str__(self) -> str:
        return f"{self.enquiry_id} message {self.message_id}"


class ChaseDelivery(models.TextChoices):
    EMAIL = "email", "Its own e-mail"
    DIGEST = "digest", "In the officer's daily digest"


class Chase(models.Model):
    """One rung of the chasing ladder reached for an enquiry (Tower Hamlets 7.1; see ``chasing``).

    Unique per enquiry, due date and rung: a chasing run repeated after a crash, or two runs at once,
    can never reach the same rung twice. A holding reply or a re-opening gives the enquiry a new due
    date, and the ladder starts again for it. Written in one transaction with the timeline entry, the
    audit event and the e-mail (``message``: the chase's own, or the digest it is listed in).
    """

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="chases")
    due_date = models.DateField(help_text="The due date the rung was worked out from.")
    rung = models.CharField(max_length=20, help_text='"reminder", "chase_1", "chase_2"... or "escalation".')
    at = models.DateTimeField(default=timezone.now)
    addressed_to = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="+", help_text="The officer chased or escalated to."
    )
    delivery = models.CharField(max_length=10, choices=ChaseDelivery.choices)
    message = models.ForeignKey(
        OutboxMessage, null=True, blank=True, on_delete=models.PROTECT, related_name="chases"
    )
    reasons = models.JSONField(default=list, blank=True, help_text="The decision's reasons, with citations.")

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "due_date", "rung"], name="chase_rung_once"),
        ]
        indexes = [models.Index(fields=["addressed_to", "rung"], name="chase_addressed_rung")]

    audit_confidential = True

    def __str__(self) -> str:
        return f"{self.enquiry_id} {self.rung} ({self.due_date})"
