"""Who may see an enquiry, and why (its confidentiality circle): the handling officer and their
management line, or the service's line while no one handles it. The rows are rewritten when an
enquiry changes hands and when the directory changes; an open enquiry whose officer has left its
service goes back to the team to assign.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from nolan.casework import circles
from nolan.casework.timeline import Audit, record_step
from nolan.directory import line
from nolan.directory.models import Officer, Post, Service
from nolan.enquiries import notifications, policies
from nolan.enquiries.models import (
    AWAITING_ANSWER,
    OPEN_STATUSES,
    AccessReason,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EventKind,
)
from nolan.enquiries.services.steps import SYSTEM, TEAM, wake_dispatcher_on_commit


def handling_line(officer_id: int, service_id: int | None = None) -> list[tuple[int, str]]:
    """Who may see an enquiry the officer handles, and why: the officer, then their management line up
    to the Director of the directorate (``directory.line.management_line``)."""
    handler, *managers = line.management_line(officer_id, service_id)
    return [(handler, AccessReason.HANDLING_OFFICER)] + [(m, AccessReason.MANAGEMENT_LINE) for m in managers]


def _service_line(service: Service) -> list[tuple[int, str]]:
    """Who may see an enquiry of the service while no one handles it: the service's line
    (``directory.line.service_line``). No officer of another service is in it."""
    return [(officer_id, AccessReason.SERVICE_LINE) for officer_id in line.service_line(service)]


def _in_service(service: Service) -> Q:
    """Posts in the service: its own, and the directorate's posts above its services (the Director)."""
    return line.in_service(service.pk, service.directorate_id)


@dataclass(frozen=True)
class Departure:
    """How the handling officer left the enquiry's service: ``left`` ("Housing Management", or "the
    council" for an enquiry with no service) and ``how`` ("post ended Fri 12 Mar 2027")."""

    officer: Officer
    left: str
    how: str

    @property
    def text(self) -> str:
        return (
            f"{self.officer.full_name} no longer works in {self.left} ({self.how}), so the enquiry is "
            f"back with the {TEAM} to assign."
        )


def departure(enquiry: Enquiry, today: datetime.date | None = None) -> Departure | None:
    """Whether the enquiry's handling officer has left its service by ``today``: their post in it
    ended (a post in another service started, or the post simply ended) or they left the council.

    None while they still work in it (a move within the service keeps the enquiry with them), and
    for an officer who never worked in it while handling it (the Monitoring Officer it was referred
    to, the Chief Executive when no Director could take it): only leaving takes an enquiry away."""
    officer = enquiry.assigned_officer
    if officer is None:
        return None
    today = today or timezone.localdate()
    service = enquiry.service
    left = service.name if service is not None else "the council"
    if officer.end is not None and officer.end <= today:
        return Departure(officer, left, f"left the council {policies.day(officer.end)}")
    posts = Post.objects.filter(officer_id=officer.pk)
    current = posts.current(today)
    if current.filter(_in_service(service) if service is not None else Q()).exists():
        return None
    since = timezone.localtime(enquiry.assigned_at).date() if enquiry.assigned_at else enquiry.clock_starts
    ended = posts.filter(end__isnull=False, end__gte=since, end__lte=today)
    if service is not None:
        ended = ended.filter(_in_service(service))
    last = ended.order_by("-end").first()
    if last is None:
        return None
    return Departure(officer, left, f"post ended {policies.day(last.end)}")


def _access_rows(enquiry: Enquiry) -> list[tuple[int, str]]:
    """Who may see the enquiry now, and why: the handling officer and their line; while no one
    handles it, the service's line; and once its officer has left the service, the service's line,
    never the officer's new one (an open enquiry goes back to the team, ``hand_back_if_officer_left``;
    an answered one stays with its service)."""
    if enquiry.assigned_officer_id is None:
        if enquiry.status in AWAITING_ANSWER and enquiry.service_id:
            return _service_line(enquiry.service)
        return []
    if enquiry.service_id and departure(enquiry) is not None:
        return _service_line(enquiry.service)
    return handling_line(enquiry.assigned_officer_id, enquiry.service_id)


def write_access(enquiry: Enquiry) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """Rewrite who may see the enquiry (``casework.circles``); returns the circle (before, after)."""
    return circles.rewrite(EnquiryAccess, enquiry, _access_rows(enquiry))


@transaction.atomic
def refresh_access(
    *, enquiries: Iterable[Enquiry] | None = None, officer_ids: Iterable[int] | None = None
) -> int:
    """Rewrite who may see open enquiries from the directory as it is now (after a restructure or a
    change of line manager), those waiting to be assigned again included. ``officer_ids``: instead,
    every enquiry, whatever its status, that those officers handle or may see (their post changed:
    they may have left the line, or joined it), and every one waiting to be assigned again (its
    service's line may have changed). Returns how many enquiries' access changed."""
    waiting = Q(status__in=AWAITING_ANSWER, assigned_officer__isnull=True, service__isnull=False)
    if officer_ids is not None:
        ids = list(officer_ids)
        qs = Enquiry.objects.filter(
            Q(assigned_officer_id__in=ids)
            | Q(pk__in=EnquiryAccess.objects.filter(officer_id__in=ids).values("enquiry_id"))
            | waiting
        )
    else:
        qs = Enquiry.objects.filter(Q(status__in=OPEN_STATUSES, assigned_officer__isnull=False) | waiting)
    if enquiries is not None:
        qs = qs.filter(pk__in=[e.pk for e in enquiries])
    return circles.refresh(
        EnquiryAccess,
        qs.select_related("assigned_officer", "service"),
        _access_rows,
        action="enquiry.access_refreshed",
    )


def hand_back(enquiry: Enquiry, gone: Departure) -> EnquiryEvent:
    """The enquiry goes back to the team to assign, with the reason on its timeline; the service's
    line sees it meanwhile. The due date stays. The team is e-mailed; the Member is not (they are not
    e-mailed of a reassignment either), and reads the reason on the timeline."""
    officer = gone.officer
    enquiry.assigned_officer = None
    enquiry.assigned_at = None
    enquiry.save()
    before, after = write_access(enquiry)
    return record_step(
        EnquiryEvent,
        enquiry,
        EventKind.HANDED_BACK,
        actor=None,
        capacity=SYSTEM,
        text=gone.text,
        data={
            "previous_officer": officer.pk,
            "previous_officer_name": officer.full_name,
            "service": enquiry.service_id,
            "left": gone.left,
            "how": gone.how,
        },
        audit=Audit(
            action="enquiry.handed_back",
            before={"assigned_officer": officer.pk, "access": sorted(before)},
            after={"assigned_officer": None, "access": sorted(after)},
            reason=gone.text,
        ),
        mail=[lambda event: notifications.handed_back(enquiry, event)],
    )


def hand_back_if_officer_left(
    *, officer_ids: Iterable[int] | None = None, today: datetime.date | None = None
) -> int:
    """Every open enquiry whose handling officer has left its service (``departure``) goes back to
    the team to assign (``hand_back``): those of ``officer_ids``, or all. Each in its own transaction
    (inside the caller's, when a directory step calls it). Returns how many went back."""
    today = today or timezone.localdate()
    # Only the enquiries whose officer holds no post in the service today can have lost it: the rest
    # are left out in one query.
    in_service = (
        Post.objects.current(today)
        .filter(
            line.in_service(OuterRef("service_id"), OuterRef("service__directorate_id")),
            officer_id=OuterRef("assigned_officer_id"),
            officer__start__lte=today,
        )
        .filter(Q(officer__end__isnull=True) | Q(officer__end__gt=today))
    )
    qs = Enquiry.objects.filter(status__in=OPEN_STATUSES, assigned_officer__isnull=False).filter(
        ~Exists(in_service)
    )
    if officer_ids is not None:
        qs = qs.filter(assigned_officer_id__in=list(officer_ids))
    handed = 0
    for pk in qs.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            enquiry = (
                Enquiry.objects.select_for_update(of=("self",))
                .select_related("assigned_officer", "service")
                .get(pk=pk)
            )
            gone = departure(enquiry, today) if enquiry.status in OPEN_STATUSES else None
            if gone is None:
                continue
            hand_back(enquiry, gone)
            handed += 1
    if handed:
        wake_dispatcher_on_commit()
    return handed


def follow_directory_moves(officer_ids: frozenset[int]) -> int:
    """Registered with the directory's ``moves`` (``apps``): once a directory step has started or
    ended an officer's post or employment, in its transaction, their open enquiries of a service they
    left go back to the team, and the access of every enquiry they handle or may see is rewritten.
    Otherwise the officer's new line would read the old service's enquiries, and the old line lose
    them. Returns how many enquiries changed."""
    handed = hand_back_if_officer_left(officer_ids=officer_ids)
    return handed + refresh_access(officer_ids=officer_ids)


def follow_directory() -> int:
    """What ``follow_directory_moves`` does for every enquiry, as the directory stands today: a move
    dated for a later day takes effect on that day with nobody saving anything (the nightly task).
    Returns how many enquiries' access changed, those handed back included."""
    handed = hand_back_if_officer_left()
    return handed + refresh_access()
