"""Every read of the directory, scoped to what the acting user may see.

Who may read the directory: anyone who currently holds a place in the council (a Member in their
term of office, an officer in post) or a permission role. A person whose term or employment has
ended, or an account with no place, sees nothing: not even a count.

The officers' employment details (employee number, employment type and whether a post is politically
restricted) are personnel data: visible to Member Services, HR and system administrators, and to the
officer themselves. Line management is not: who reports to whom is how the protocols route a concern
or an escalation (to the officer's manager, then the Director), so every directory reader sees it.

The one exception is the council itself (``the_council``): its name heads every page, the sign-in
page included, and its hours and profile govern every step, so it is read without a user.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.directory import models as m
from nolan.directory.capacities import capacities_of as _caps


def the_council() -> m.Council | None:
    """The council this installation serves (the first Council row), or None before one is set up.

    Not cached: one query on a one-row table, and a change to the council's profile or hours holds for
    the very next step, in a worker that runs for days as much as in a request."""
    return m.Council.objects.order_by("pk").first()


def can_read_directory(user) -> bool:
    caps = _caps(user)
    return caps.is_member or caps.is_officer or bool(caps.access_roles) or caps.is_superuser


def can_see_personnel_details(user, officer: m.Officer | None = None) -> bool:
    caps = _caps(user)
    if (
        caps.has_role(AccessRole.MEMBER_SERVICES)
        or caps.has_role(AccessRole.HR)
        or caps.has_role(AccessRole.ADMINISTRATOR)
    ):
        return True
    return officer is not None and officer.user_id is not None and officer.user_id == user.pk


def can_maintain_directory(user) -> bool:
    return _caps(user).maintains_directory


def _scoped(user, qs: QuerySet) -> QuerySet:
    return qs if can_read_directory(user) else qs.none()


def _current_prefetches(today=None):
    today = today or timezone.localdate()
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gt=today))
    return [
        Prefetch(
            "ward_memberships",
            queryset=m.WardMembership.objects.filter(current).select_related("ward"),
            to_attr="current_ward_memberships",
        ),
        Prefetch(
            "group_memberships",
            queryset=m.GroupMembership.objects.filter(current).select_related("group"),
            to_attr="current_group_memberships",
        ),
        Prefetch("roles", queryset=m.MemberRole.objects.filter(current), to_attr="current_roles"),
        Prefetch(
            "group_offices",
            queryset=m.GroupOfficeHolding.objects.filter(current).select_related("group"),
            to_attr="current_group_offices",
        ),
    ]


def ward_list(*, user) -> QuerySet[m.Ward]:
    return _scoped(user, m.Ward.objects.current().order_by("name"))


def group_list(*, user) -> QuerySet[m.PoliticalGroup]:
    return _scoped(user, m.PoliticalGroup.objects.current().order_by("-status", "name"))


def member_list(
    *,
    user,
    ward: int | None = None,
    group: int | str | None = None,
    q: str = "",
    include_former: bool = False,
) -> QuerySet[m.Member]:
    """Members, with their current wards, groups, roles and group offices prefetched (no query per row).

    ``group="independent"`` lists Members with no current group.
    """
    today = timezone.localdate()
    qs = m.Member.objects.all() if include_former else m.Member.objects.current(today)
    if ward:
        qs = qs.filter(ward_memberships__in=m.WardMembership.objects.current(today).filter(ward_id=ward))
    if group == "independent":
        qs = qs.exclude(group_memberships__in=m.GroupMembership.objects.current(today))
    elif group:
        qs = qs.filter(group_memberships__in=m.GroupMembership.objects.current(today).filter(group_id=group))
    if q:
        for word in q.split():
            qs = qs.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            )
    qs = qs.distinct().order_by("last_name", "first_name", "pk").prefetch_related(*_current_prefetches(today))
    return _scoped(user, qs)


def member_get(*, user, pk: int) -> m.Member | None:
    return member_list(user=user, include_former=True).filter(pk=pk).first()


def member_committee_places(*, user, member: m.Member) -> QuerySet[m.CommitteeMembership]:
    """The Member's current committee places, by committee name."""
    qs = member.committee_memberships.current().select_related("committee").order_by("committee__name")
    return _scoped(user, qs)


def member_history(*, user, member: m.Member) -> dict[str, QuerySet] | None:
    """Every ward, group, group office, role and committee place the Member has held, newest first.

    History is for the people who keep the directory (Member Services, system administrators):
    for anyone else it is None.
    """
    if not can_maintain_directory(user):
        return None
    return {
        "wards": member.ward_memberships.select_related("ward").order_by("-start"),
        "groups": member.group_memberships.select_related("group").order_by("-start"),
        "group_offices": member.group_offices.select_related("group").order_by("-start"),
        "roles": member.roles.order_by("-start"),
        "committees": member.committee_memberships.select_related("committee").order_by("-start"),
    }


def committee_list(*, user) -> QuerySet[m.Committee]:
    return _scoped(user, m.Committee.objects.current().select_related("parent").order_by("kind", "name"))


def committee_get(*, user, pk: int) -> m.Committee | None:
    today = timezone.localdate()
    qs = m.Committee.objects.select_related("parent").prefetch_related(
        Prefetch(
            "memberships",
            queryset=m.CommitteeMembership.objects.current(today).select_related("member").order_by("role"),
            to_attr="current_memberships",
        ),
        Prefetch(
            "sub_committees", queryset=m.Committee.objects.current(today), to_attr="current_sub_committees"
        ),
    )
    return _scoped(user, qs).filter(pk=pk).first()


def directorate_list(*, user) -> QuerySet[m.Directorate]:
    today = timezone.localdate()
    qs = m.Directorate.objects.current(today).prefetch_related(
        Prefetch("services", queryset=m.Service.objects.current(today), to_attr="current_services")
    )
    return _scoped(user, qs)


def service_list(*, user, directorate: int | None = None) -> QuerySet[m.Service]:
    qs = m.Service.objects.current().select_related("directorate")
    if directorate:
        qs = qs.filter(directorate_id=directorate)
    return _scoped(user, qs)


def _current_post_prefetch(today=None):
    today = today or timezone.localdate()
    return Prefetch(
        "posts",
        queryset=m.Post.objects.current(today)
        .select_related("directorate", "service", "line_manager", "political_assistant_to")
        .order_by("-seniority"),
        to_attr="current_posts",
    )


def officer_list(
    *,
    user,
    q: str = "",
    directorate: int | None = None,
    service: int | None = None,
    min_seniority: int | None = None,
    include_former: bool = False,
) -> QuerySet[m.Officer]:
    today = timezone.localdate()
    qs = m.Officer.objects.all() if include_former else m.Officer.objects.current(today)
    posts = m.Post.objects.current(today)
    if directorate:
        qs = qs.filter(posts__in=posts.filter(directorate_id=directorate))
    if service:
        qs = qs.filter(posts__in=posts.filter(service_id=service))
    if min_seniority:
        qs = qs.filter(posts__in=posts.filter(seniority__gte=min_seniority))
    if q:
        for word in q.split():
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(posts__title__icontains=word)
            )
    qs = (
        qs.distinct()
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            _current_post_prefetch(today),
            Prefetch(
                "statutory_roles",
                queryset=m.StatutoryRole.objects.current(today),
                to_attr="current_statutory_roles",
            ),
        )
    )
    return _scoped(user, qs)


def officer_get(*, user, pk: int) -> m.Officer | None:
    return officer_list(user=user, include_former=True).filter(pk=pk).first()


def officer_direct_reports(*, user, officer: m.Officer) -> QuerySet[m.Officer]:
    """Officers in post whose current post ``officer`` line-manages."""
    return officer_list(user=user).filter(posts__in=m.Post.objects.current().filter(line_manager=officer))


def statutory_officers(*, user) -> QuerySet[m.StatutoryRole]:
    return _scoped(user, m.StatutoryRole.objects.current().select_related("officer").order_by("kind"))
