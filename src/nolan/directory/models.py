"""The council directory: the people and bodies the protocols speak of.

Memberships, roles and posts are ``Dated``: an election or a restructure ends a row and starts a
new one, so the history of who held what, when, is never overwritten. Rows are created and changed
only by ``services``; reads go through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from nolan.core.models import Dated


class BankHolidayRegion(models.TextChoices):
    ENGLAND_AND_WALES = "england-and-wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Council(models.Model):
    """The one council this installation serves."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    protocol_profile = models.SlugField(
        max_length=60, help_text="The protocol profile Nolan applies, e.g. tower-hamlets."
    )
    bank_holiday_region = models.CharField(
        max_length=30, choices=BankHolidayRegion.choices, default=BankHolidayRegion.ENGLAND_AND_WALES
    )
    working_day_starts = models.TimeField(default="09:00")
    working_day_ends = models.TimeField(default="17:00")
    receipt_cut_off = models.TimeField(
        default="17:00", help_text="Something received after this time counts from the next working day."
    )
    website = models.URLField(blank=True)

    def __str__(self) -> str:
        return self.name


class Ward(Dated):
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=20, blank=True, help_text="ONS ward code, if known.")
    seats = models.PositiveSmallIntegerField(default=3)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "start"], name="ward_name_start_unique")]

    def __str__(self) -> str:
        return self.name


class GroupStatus(models.TextChoices):
    ADMINISTRATION = "administration", "Administration"
    OPPOSITION = "opposition", "Opposition"


class PoliticalGroup(Dated):
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, choices=GroupStatus.choices, default=GroupStatus.OPPOSITION)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberKind(models.TextChoices):
    COUNCILLOR = "councillor", "Elected councillor"
    CO_OPTED = "co_opted", "Co-opted member"
    ELECTED_MAYOR = "elected_mayor", "Elected Mayor"
    CIVIC_MAYOR = "civic_mayor", "Civic Mayor"


class Member(Dated):
    """A Member of the council. ``start``/``end`` are the term of office."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="member"
    )
    title = models.CharField(max_length=20, default="Cllr", blank=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=MemberKind.choices, default=MemberKind.COUNCILLOR)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class WardMembership(Dated):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="ward_memberships")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        ordering = ["ward__name", "start"]
        indexes = [models.Index(fields=["ward", "end"]), models.Index(fields=["member", "end"])]


class GroupMembership(Dated):
    """A Member's membership of a political group. A Member with no current one is independent."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="group_memberships")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        ordering = ["group__name", "start"]
        indexes = [models.Index(fields=["group", "end"]), models.Index(fields=["member", "end"])]


class GroupOffice(models.TextChoices):
    LEADER = "leader", "Group leader"
    DEPUTY_LEADER = "deputy_leader", "Deputy group leader"
    WHIP = "whip", "Whip"


class GroupOfficeHolding(Dated):
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="office_holdings")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="group_offices")
    office = models.CharField(max_length=20, choices=GroupOffice.choices)

    class Meta:
        ordering = ["group__name", "office", "start"]


class MemberRoleKind(models.TextChoices):
    LEADER = "leader", "Leader of the Council"
    DEPUTY_LEADER = "deputy_leader", "Deputy Leader of the Council"
    CABINET_MEMBER = "cabinet_member", "Cabinet or Executive Member"
    OPPOSITION_SPOKESPERSON = "opposition_spokesperson", "Opposition spokesperson"
    SCRUTINY_LEAD = "scrutiny_lead", "Scrutiny lead member"


class MemberRole(Dated):
    """A council role a Member holds (committee chairs come from committee memberships)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="roles")
    kind = models.CharField(max_length=30, choices=MemberRoleKind.choices)
    portfolio = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "portfolio", "start"]
        indexes = [models.Index(fields=["kind", "end"])]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} for {self.portfolio}" if self.portfolio else label


class CommitteeKind(models.TextChoices):
    FULL_COUNCIL = "council", "Full Council"
    EXECUTIVE = "executive", "Executive (Cabinet)"
    OVERVIEW_AND_SCRUTINY = "scrutiny", "Overview and scrutiny"
    REGULATORY = "regulatory", "Regulatory"
    STANDARDS = "standards", "Standards"
    OTHER = "other", "Other"


class Committee(Dated):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=CommitteeKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_committees"
    )
    terms_of_reference = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"


class CommitteeMembership(Dated):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="committee_memberships")
    role = models.CharField(max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)

    class Meta:
        ordering = ["committee__name", "role", "start"]
        indexes = [models.Index(fields=["committee", "end"]), models.Index(fields=["member", "end"])]


class Directorate(Dated):
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(Dated):
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=160)
    email = models.EmailField(blank=True, help_text="The service's shared mailbox, if any.")

    class Meta:
        ordering = ["directorate__name", "name"]

    def __str__(self) -> str:
        return self.name


class Seniority(models.IntegerChoices):
    """Officer seniority as the protocols use it: the higher the number, the more senior."""

    OFFICER = 10, "Officer"
    SERVICE_MANAGER = 20, "Service Manager"
    HEAD_OF_SERVICE = 30, "Head of Service"
    ASSISTANT_DIRECTOR = 40, "Assistant Director"
    DEPUTY_DIRECTOR = 50, "Deputy Director"
    DIRECTOR = 60, "Director"
    CORPORATE_DIRECTOR = 70, "Corporate Director"
    CHIEF_EXECUTIVE = 80, "Chief Executive (Head of Paid Service)"


class EmploymentType(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    AGENCY = "agency", "Agency staff"
    CONSULTANT = "consultant", "Consultant"
    SECONDEE = "secondee", "Secondee"


class Officer(Dated):
    """A person who works for the council. ``start``/``end`` are their employment; posts are dated too."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="officer"
    )
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    employee_number = models.CharField(max_length=30, blank=True)
    employment_type = models.CharField(
        max_length=20, choices=EmploymentType.choices, default=EmploymentType.EMPLOYEE
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["last_name", "first_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["employee_number"],
                condition=~Q(employee_number=""),
                name="officer_employee_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Post(Dated):
    """An officer's post for a period: title, seniority, where it sits and who manages it."""

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=200)
    seniority = models.PositiveSmallIntegerField(choices=Seniority.choices, default=Seniority.OFFICER)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    line_manager = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="managed_posts"
    )
    politically_restricted = models.BooleanField(default=False)
    political_assistant_to = models.ForeignKey(
        PoliticalGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="political_assistants",
        help_text="For a political assistant's post: the group it serves.",
    )

    class Meta:
        ordering = ["-seniority", "title"]
        indexes = [
            models.Index(fields=["officer", "end"]),
            models.Index(fields=["service", "end"]),
            models.Index(fields=["directorate", "seniority", "end"]),
            models.Index(fields=["line_manager", "end"]),
        ]

    def __str__(self) -> str:
        return self.title


class StatutoryRoleKind(models.TextChoices):
    HEAD_OF_PAID_SERVICE = "head_of_paid_service", "Head of Paid Service"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"
    DEPUTY_MONITORING_OFFICER = "deputy_monitoring_officer", "Deputy Monitoring Officer"
    SECTION_151_OFFICER = "section_151_officer", "Section 151 Officer (Chief Finance Officer)"
    DEPUTY_SECTION_151_OFFICER = "deputy_section_151_officer", "Deputy Section 151 Officer"


class StatutoryRole(Dated):
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="statutory_roles")
    kind = models.CharField(max_length=40, choices=StatutoryRoleKind.choices)

    class Meta:
        ordering = ["kind", "start"]
        indexes = [models.Index(fields=["kind", "end"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.officer}"
