"""What a signed-in person is, in the council's terms: the capacities they can act in.

Worked out once per request from the directory (their current Member term, officer post and
statutory roles) and from the permission roles granted to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nolan.accounts.models import AccessRole, RoleGrant
from nolan.directory.models import Member, Officer, Post, Seniority, StatutoryRole, StatutoryRoleKind


@dataclass(frozen=True)
class Capacities:
    member: Member | None = None
    post: Post | None = None
    statutory_roles: frozenset[str] = field(default_factory=frozenset)
    access_roles: frozenset[str] = field(default_factory=frozenset)
    is_superuser: bool = False

    @property
    def officer(self):
        return self.post.officer if self.post else None

    @property
    def acting_as(self) -> str:
        """The capacity a step is recorded in on a timeline and the audit trail: the Member Enquiries
        team, a Member, the officer's post, Member Services, else the first label that applies."""
        if AccessRole.MEMBER_ENQUIRIES in self.access_roles:
            return AccessRole.MEMBER_ENQUIRIES.label
        if self.member is not None:
            return "Member"
        if self.post is not None:
            return self.post.title
        if AccessRole.MEMBER_SERVICES in self.access_roles:
            return AccessRole.MEMBER_SERVICES.label
        return self.primary

    @property
    def is_member(self) -> bool:
        return self.member is not None

    @property
    def is_officer(self) -> bool:
        return self.post is not None

    @property
    def seniority(self) -> int:
        return self.post.seniority if self.post else 0

    @property
    def is_director(self) -> bool:
        return Seniority.DIRECTOR <= self.seniority < Seniority.CHIEF_EXECUTIVE

    @property
    def is_chief_executive(self) -> bool:
        return self.seniority == Seniority.CHIEF_EXECUTIVE or (
            StatutoryRoleKind.HEAD_OF_PAID_SERVICE in self.statutory_roles
        )

    @property
    def is_monitoring_officer(self) -> bool:
        return StatutoryRoleKind.MONITORING_OFFICER in self.statutory_roles

    def has_role(self, role: str) -> bool:
        return self.is_superuser or role in self.access_roles

    @property
    def maintains_directory(self) -> bool:
        return self.has_role(AccessRole.MEMBER_SERVICES) or self.has_role(AccessRole.ADMINISTRATOR)

    @property
    def is_staff_role(self) -> bool:
        """Council staff and anyone holding a permission role must use a second factor."""
        return self.is_officer or bool(self.access_roles) or self.is_superuser

    @property
    def labels(self) -> list[str]:
        """The capacities, in words, most significant first."""
        out: list[str] = []
        if self.member:
            out.append(self.member.get_kind_display())
        if self.is_chief_executive:
            out.append("Chief Executive")
        if self.is_monitoring_officer:
            out.append("Monitoring Officer")
        out += [
            StatutoryRoleKind(r).label
            for r in sorted(self.statutory_roles)
            if r not in {StatutoryRoleKind.MONITORING_OFFICER, StatutoryRoleKind.HEAD_OF_PAID_SERVICE}
        ]
        if self.post and not self.is_chief_executive:
            out.append(self.post.title)
        out += [AccessRole(r).label for r in sorted(self.access_roles)]
        return out

    @property
    def primary(self) -> str:
        return self.labels[0] if self.labels else "Signed in"


def capacities_for(user) -> Capacities:
    if not getattr(user, "is_authenticated", False):
        return Capacities()
    member = Member.objects.current().filter(user=user).first()
    post = (
        Post.objects.current()
        .filter(officer__user=user, officer__in=Officer.objects.current())
        .select_related("officer", "directorate", "service")
        .order_by("-seniority")
        .first()
    )
    statutory = frozenset(
        StatutoryRole.objects.current().filter(officer__user=user).values_list("kind", flat=True)
    )
    roles = frozenset(RoleGrant.objects.current().filter(user=user).values_list("role", flat=True))
    return Capacities(member, post, statutory, roles, user.is_superuser)


def capacities_of(user) -> Capacities:
    """``capacities_for``, worked out once per user object (that is, once per request)."""
    caps = getattr(user, "_nolan_capacities", None)
    if caps is None:
        caps = capacities_for(user)
        if getattr(user, "is_authenticated", False):
            user._nolan_capacities = caps
    return caps


def holds_staff_role(user) -> bool:
    """Council staff and anyone holding a permission role (``Capacities.is_staff_role``): the answer
    ``nolan.accounts.second_factor`` asks for, registered in ``DirectoryConfig.ready``."""
    return capacities_of(user).is_staff_role
