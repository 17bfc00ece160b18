"""Who is whose: an officer's post, their management line, their Director, the Directors of a service,
the Executive Member for a portfolio and the council's statutory officers.

Answered here once, for every workflow that routes, copies, chases or escalates by the line. Each
function reads the directory as it stands on ``today`` (the local date if None): a post or term of
office counts while it has started and not yet ended, and only officers still employed count.

These are the reads a service needs to decide who acts; they are not scoped to a user. What a person
may see of the directory goes through ``selectors``.

The line as the protocols use it: from the officer up through each line manager to the Director of
the directorate, that is past the first Director to a Corporate Director above them where there is
one, but never the Chief Executive (the protocols' "Corporate Director or Director", Tower Hamlets
7.1). The first Director above an officer (the officer, if they are one) is their Director, to whom a
response is copied and a missed due date escalated.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from nolan.directory.models import (
    Member,
    MemberRole,
    MemberRoleKind,
    Officer,
    Post,
    Seniority,
    Service,
    StatutoryRole,
)

#: The council roles that hold an Executive (Cabinet) portfolio.
EXECUTIVE_ROLES = (MemberRoleKind.CABINET_MEMBER, MemberRoleKind.LEADER, MemberRoleKind.DEPUTY_LEADER)

#: How many line managers ``management_line`` climbs at most (a loop in the data stops it sooner).
MOST_LEVELS = 12


def _on(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def current_posts(today: datetime.date | None = None) -> QuerySet[Post]:
    """The posts in force on ``today`` of officers employed on it, each with its officer."""
    today = _on(today)
    return (
        Post.objects.current(today)
        .filter(officer__in=Officer.objects.current(today))
        .select_related("officer")
    )


def post_of(
    officer_id: int, service_id: int | None = None, *, today: datetime.date | None = None
) -> Post | None:
    """The officer's post on ``today``: their most senior in the service ``service_id`` if they hold
    one there, else their most senior. None for an officer with no post, or no longer employed."""
    today = _on(today)
    posts = Post.objects.current(today).filter(
        officer_id=officer_id, officer__in=Officer.objects.current(today)
    )
    if service_id:
        in_service = posts.filter(service_id=service_id).order_by("-seniority").first()
        if in_service:
            return in_service
    return posts.order_by("-seniority").first()


def management_line(
    officer_id: int, service_id: int | None = None, *, today: datetime.date | None = None
) -> list[int]:
    """The officer, then each line manager up to the Director of the directorate (past the first
    Director to a Corporate Director above them, never the Chief Executive), as officer ids, nearest
    first. The officer's post is the one they hold in ``service_id``, if any. One query per level."""
    today = _on(today)
    out = [officer_id]
    post = post_of(officer_id, service_id, today=today)
    for _ in range(MOST_LEVELS):
        if post is None or post.seniority >= Seniority.CORPORATE_DIRECTOR or not post.line_manager_id:
            break
        manager_id = post.line_manager_id
        if manager_id in out:
            break
        manager_post = post_of(manager_id, today=today)
        if manager_post is not None and manager_post.seniority >= Seniority.CHIEF_EXECUTIVE:
            break
        out.append(manager_id)
        post = manager_post
    return out


def service_line(service: Service, *, today: datetime.date | None = None) -> list[int]:
    """The service's managers (Service Manager and above) and its directorate's own Directors, each
    with their line up to the Director of the directorate as ``management_line`` goes (never the Chief
    Executive), as officer ids, most senior post first. No officer of another service is in it."""
    today = _on(today)
    out: dict[int, None] = {}
    managers = Q(service_id=service.pk, seniority__gte=Seniority.SERVICE_MANAGER)
    directors = Q(service__isnull=True, directorate_id=service.directorate_id)
    directors &= Q(seniority__gte=Seniority.DIRECTOR)
    posts = current_posts(today).filter(managers | directors, seniority__lt=Seniority.CHIEF_EXECUTIVE)
    for post in posts.order_by("-seniority", "pk"):
        for officer_id in management_line(post.officer_id, service.pk, today=today):
            out.setdefault(officer_id)
    return list(out)


def director_of(
    officer_id: int, service_id: int | None = None, *, today: datetime.date | None = None
) -> Officer | None:
    """The officer's Director: the first Director in their management line going up (the officer, if
    they are one). None when no one in the line is a Director."""
    today = _on(today)
    for line_officer_id in management_line(officer_id, service_id, today=today):
        post = post_of(line_officer_id, today=today)
        if post is not None and post.seniority >= Seniority.DIRECTOR:
            return post.officer
    return None


def in_service(service_id, directorate_id) -> Q:
    """The condition for posts in a service: its own, and its directorate's posts above its services
    (the Director). The ids may be ``OuterRef`` expressions, for a subquery per row."""
    return Q(service_id=service_id) | Q(service__isnull=True, directorate_id=directorate_id)


def works_in(officer_id: int, service: Service, *, today: datetime.date | None = None) -> bool:
    """Whether the officer holds a post in the service (``in_service``) on ``today``."""
    posts = Post.objects.current(_on(today)).filter(officer_id=officer_id)
    return posts.filter(in_service(service.pk, service.directorate_id)).exists()


def directors_for(service: Service, *, today: datetime.date | None = None) -> list[Post]:
    """The posts of the Directors (and Corporate Directors) for the service: of its directorate, or
    in the service itself; never the Chief Executive. Most senior first, then by surname."""
    posts = (
        current_posts(today)
        .filter(seniority__gte=Seniority.DIRECTOR, seniority__lt=Seniority.CHIEF_EXECUTIVE)
        .filter(Q(directorate_id=service.directorate_id) | Q(service_id=service.pk))
    )
    return list(posts.order_by("-seniority", "officer__last_name"))


def chief_executive_posts(today: datetime.date | None = None) -> list[Post]:
    """The Chief Executive's post (the Head of Paid Service's seniority), as a list: none while the
    post is vacant."""
    return list(current_posts(today).filter(seniority__gte=Seniority.CHIEF_EXECUTIVE))


def senior_posts_in(service: Service, *, limit: int, today: datetime.date | None = None) -> list[Post]:
    """The ``limit`` most senior posts in the service below Director, most senior first, then by
    surname: its manager first."""
    posts = current_posts(today).filter(service=service, seniority__lt=Seniority.DIRECTOR)
    return list(posts.order_by("-seniority", "officer__last_name")[:limit])


def statutory_officer_posts(kind: str, *, today: datetime.date | None = None) -> list[Post]:
    """The posts of the officers holding the statutory role ``kind`` (``StatutoryRoleKind``: the
    Monitoring Officer, the Head of Paid Service, the Section 151 officer, their deputies) on
    ``today``: each holder's most senior post, a holder with no post left out. One query, then one
    per holder."""
    today = _on(today)
    roles = StatutoryRole.objects.current(today).filter(kind=kind, officer__in=Officer.objects.current(today))
    out = []
    for role in roles:
        post = post_of(role.officer_id, today=today)
        if post is not None:
            out.append(post)
    return out


def executive_member_for(portfolio: str, *, today: datetime.date | None = None) -> Member | None:
    """The Member holding the Executive (Cabinet) portfolio on ``today`` (the Leader's or Deputy
    Leader's too), matched without regard to case or surrounding spaces; the first by id if several."""
    today = _on(today)
    roles = MemberRole.objects.current(today).filter(
        portfolio__iexact=portfolio.strip(), kind__in=EXECUTIVE_ROLES
    )
    return Member.objects.current(today).filter(roles__in=roles).order_by("pk").first()


def seniority_of(officer_ids: Iterable[int], *, today: datetime.date | None = None) -> dict[int, int]:
    """Each officer's seniority on ``today`` (their most senior post), for officers employed and in
    post; others are left out. One query."""
    today = _on(today)
    out: dict[int, int] = {}
    for officer_id, level in (
        Post.objects.current(today)
        .filter(officer_id__in=officer_ids, officer__in=Officer.objects.current(today))
        .values_list("officer_id", "seniority")
    ):
        out[officer_id] = max(level, out.get(officer_id, 0))
    return out
