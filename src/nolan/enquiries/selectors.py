"""Every read of Member Enquiries, through ONE visibility rule (Tower Hamlets 7.19).

Who sees an enquiry:

- the Member who raised it, while they are a Member (a Member whose term has ended sees none);
- the Member Enquiries team (the ``member_enquiries`` permission role): every enquiry, because they
  triage, route and chase them all. Member Services staff who raise an enquiry on a Member's behalf
  do NOT keep sight of it through that role: the enquiry is the Member's and is treated in
  confidence; they see it only if they also hold the Member Enquiries role;
- the officer handling it now, and their management line up to the Director of the directorate
  (the first Director above them and, where there is one, the Corporate Director above that; never
  the Chief Executive) (``EnquiryAccess``, rewritten by the services on every assignment, transfer
  and change of post in the directory). An
  officer it was assigned to before a transfer loses sight of it unless they are still in the new
  line. The Monitoring Officer sees an enquiry referred to them because they then handle it;
- once its handling officer has left the service (a post elsewhere, their post ended, or they left
  the council), the service's own line (its managers up to the Director of its directorate), never
  the officer's new line; an open one goes back to the team to assign, and that line sees it until
  someone is (``services.departure``, ``directory.line.service_line``).

No one else: not another Member of the same ward or political group, not a Cabinet Member (an
Executive Member copied into a response under Islington 4.1(c) receives that letter, not access to
the enquiry), not an officer of another service, not the Chief Executive unless a Director's line
reaches them, and not a system administrator (the permission role does not open enquiries; the
Django admin does not list them). Whoever may not see an enquiry gets nothing: not found, not in
search, not in counts, not in exports.

The filter is one indexed condition per query (``visible``), so lists cost the same number of
queries whatever their length. Views record each view of an enquiry with
``services.record_enquiry_view``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.directory.capacities import capacities_of
from nolan.enquiries import bands
from nolan.enquiries.models import (
    AWAITING_ANSWER,
    OPEN_STATUSES,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    Response,
    Status,
)

LIST_RELATED = ("category", "ward", "service", "assigned_officer", "raised_by_member", "resident")


# Who the user is, for enquiries --------------------------------------------------------------------


def is_team(user) -> bool:
    """Holds the Member Enquiries role (a system administrator without it does not)."""
    return AccessRole.MEMBER_ENQUIRIES in capacities_of(user).access_roles


def may_raise_for_members(user) -> bool:
    """Member Services and the Member Enquiries team may raise an enquiry on a Member's behalf."""
    roles = capacities_of(user).access_roles
    return AccessRole.MEMBER_ENQUIRIES in roles or AccessRole.MEMBER_SERVICES in roles


def member_id_of(user) -> int | None:
    member = capacities_of(user).member
    return member.pk if member else None


def officer_id_of(user) -> int | None:
    post = capacities_of(user).post
    return post.officer_id if post else None


def _visible_q(user) -> Q | None:
    """The condition for the enquiries ``user`` may see: Q() for all, None for none."""
    if not getattr(user, "is_authenticated", False):
        return None
    if is_team(user):
        return Q()
    parts: list[Q] = []
    member_id = member_id_of(user)
    if member_id:
        parts.append(Q(raised_by_member_id=member_id))
    officer_id = officer_id_of(user)
    if officer_id:
        # A correlated EXISTS rather than IN (the officer's access rows): the worklists filter on open
        # statuses first and probe the access index for each of those few rows. IN made those lists
        # 3 to 10 times slower at 50,000 enquiries on SQLite, though it halved the officer's list of
        # everything they may see (bench/enquiry_worklists.py).
        parts.append(
            Q(Exists(EnquiryAccess.objects.filter(enquiry_id=OuterRef("pk"), officer_id=officer_id)))
        )
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def visible(user) -> QuerySet[Enquiry]:
    """Every enquiry ``user`` may see, and no other. All reads start here."""
    condition = _visible_q(user)
    if condition is None:
        return Enquiry.objects.none()
    return Enquiry.objects.filter(condition)


def can_see(user, enquiry: Enquiry) -> bool:
    return visible(user).filter(pk=enquiry.pk).exists()


def is_raiser(user, enquiry: Enquiry) -> bool:
    member_id = member_id_of(user)
    return member_id is not None and enquiry.raised_by_member_id == member_id


def officer_access(user, enquiry: Enquiry) -> str | None:
    """Why the user's officer may see the enquiry ("handling_officer", "management_line"), or None."""
    officer_id = officer_id_of(user)
    if not officer_id:
        return None
    return (
        EnquiryAccess.objects.filter(enquiry=enquiry, officer_id=officer_id)
        .values_list("reason", flat=True)
        .first()
    )


def may_receive(enquiry: Enquiry, *, member_id=None, officer_id=None, user=None, email: str = "") -> bool:
    """The selector's rule, for someone who is sent the enquiry's details by e-mail: the raising Member
    (or the MP or other representative who raised it), an officer with access, or the team."""
    if member_id is not None and member_id == enquiry.raised_by_member_id:
        return True
    if email and enquiry.originator_email and email.lower() == enquiry.originator_email.lower():
        return True
    if (
        officer_id is not None
        and EnquiryAccess.objects.filter(enquiry=enquiry, officer_id=officer_id).exists()
    ):
        return True
    return user is not None and is_team(user)


# Lists ---------------------------------------------------------------------------------------------


def enquiry_list(
    *,
    user,
    status: str | list[str] | None = None,
    open_only: bool = False,
    overdue: bool = False,
    urgent: bool | None = None,
    service: int | None = None,
    officer: int | None = None,
    ward: int | None = None,
    category: int | None = None,
    originator_type: str | None = None,
    raised_by_member: int | None = None,
    received_from: datetime.date | None = None,
    received_to: datetime.date | None = None,
    search: str = "",
    mine: bool = False,
    rag: str | None = None,
    with_rag: bool = False,
    today: datetime.date | None = None,
    order: str = "-received_at",
) -> QuerySet[Enquiry]:
    """The enquiries the user may see, filtered, with what a list row shows joined in (no query per row).

    ``mine``: for a Member, the enquiries they raised; for an officer, the ones they handle.
    ``search`` matches every word against the reference, subject, what is asked and the resident's
    name. ``rag`` keeps those of one red/amber/green status; it and ``with_rag`` annotate each row's
    ``rag_status`` in the query (as ``rag`` works it out), so a list shows it without a query per row.
    """
    today = today or timezone.localdate()
    qs = visible(user)
    if mine:
        member_id, officer_id = member_id_of(user), officer_id_of(user)
        if member_id:
            qs = qs.filter(raised_by_member_id=member_id)
        elif officer_id:
            qs = qs.filter(assigned_officer_id=officer_id)
        else:
            qs = qs.none()
    if status:
        qs = qs.filter(status__in=[status] if isinstance(status, str) else list(status))
    if open_only or overdue:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if overdue:
        qs = qs.filter(due_date__lt=today)
    if urgent is not None:
        qs = qs.filter(urgent=urgent)
    if service:
        qs = qs.filter(service_id=service)
    if officer:
        qs = qs.filter(assigned_officer_id=officer)
    if ward:
        qs = qs.filter(ward_id=ward)
    if category:
        qs = qs.filter(category_id=category)
    if originator_type:
        qs = qs.filter(originator_type=originator_type)
    if raised_by_member:
        qs = qs.filter(raised_by_member_id=raised_by_member)
    if received_from:
        qs = qs.filter(received_at__date__gte=received_from)
    if received_to:
        qs = qs.filter(received_at__date__lte=received_to)
    for word in (search or "").split():
        qs = qs.filter(
            Q(reference__icontains=word)
            | Q(subject__icontains=word)
            | Q(body__icontains=word)
            | Q(resident__name__icontains=word)
        )
    if rag or with_rag:
        qs = bands.Bands.for_today(today).annotate(qs)
    if rag:
        qs = qs.filter(rag_status=rag)
    # Ties broken in the same direction as the order, so one index (received_at, id) serves the page.
    return qs.select_related(*LIST_RELATED).order_by(order, "-pk" if order.startswith("-") else "pk")


def sees_as_member(user) -> bool:
    """A Member with no officer post or team role sees an enquiry as a Member: not the steps only
    officers and the team see, nor their internal notes."""
    return bool(member_id_of(user)) and not is_team(user) and not officer_id_of(user)


def enquiry_get(*, user, reference: str) -> Enquiry | None:
    """One enquiry with everything its page shows, or None if the user may not see it (or it does
    not exist: the two are indistinguishable). The view then calls ``services.record_enquiry_view``."""
    member_view = sees_as_member(user)
    events = EnquiryEvent.objects.select_related("actor").order_by("at", "id")
    if member_view:
        events = events.filter(visible_to_member=True)
    responses = Response.objects.select_related("written_by", "signed_off_by", "sign_off_by").order_by(
        "written_at", "id"
    )
    if member_view:
        responses = responses.filter(sent_at__isnull=False)
    return (
        visible(user)
        .filter(reference=(reference or "").strip().upper())
        .select_related(
            *LIST_RELATED, "raised_by_user", "classified_by", "follows_up", "service__directorate"
        )
        .prefetch_related(
            Prefetch("events", queryset=events, to_attr="timeline"),
            Prefetch("responses", queryset=responses, to_attr="visible_responses"),
            Prefetch("attachments"),
            Prefetch("access", queryset=EnquiryAccess.objects.select_related("officer")),
        )
        .first()
    )


def counts_by_status(*, user, **filters) -> dict[str, int]:
    """How many enquiries the user may see in each status (every status present, zeros included)."""
    qs = enquiry_list(user=user, **filters).order_by()
    counts = dict.fromkeys(Status.values, 0)
    for row in qs.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def triage_queue(*, user) -> QuerySet[Enquiry]:
    """Enquiries waiting for the Member Enquiries team (to triage, for consent, or to assign again
    because their officer left the service): urgent first, then oldest first. Empty for anyone else."""
    if not is_team(user):
        return Enquiry.objects.none()
    return (
        visible(user)
        .filter(
            Q(status__in=[Status.RECEIVED, Status.CONSENT_NEEDED])
            | Q(status__in=AWAITING_ANSWER, assigned_officer__isnull=True)
        )
        .select_related(*LIST_RELATED)
        .order_by("-urgent", "received_at", "pk")
    )


def officer_worklist(*, user, include_line: bool = False) -> QuerySet[Enquiry]:
    """What the user's officer must answer: urgent first, then by due date.

    ``include_line``: also the enquiries of the officers they manage (a manager's or Director's view).
    """
    officer_id = officer_id_of(user)
    if not officer_id:
        return Enquiry.objects.none()
    qs = visible(user).filter(status__in=AWAITING_ANSWER)
    if not include_line:
        qs = qs.filter(assigned_officer_id=officer_id)
    return qs.select_related(*LIST_RELATED).order_by("-urgent", "due_date", "received_at", "pk")


def director_overdue_by_service(*, user, today: datetime.date | None = None) -> list[dict]:
    """For each service, how many of the enquiries the user may see are overdue, and the oldest due
    date. One query."""
    today = today or timezone.localdate()
    rows = (
        visible(user)
        .filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .values("service_id", "service__name")
        .annotate(overdue=Count("pk"), oldest_due=Min("due_date"))
        .order_by("service__name")
    )
    return [
        {
            "service_id": r["service_id"],
            "service": r["service__name"] or "Not yet routed to a service",
            "overdue": r["overdue"],
            "oldest_due": r["oldest_due"],
            "days_overdue": (today - r["oldest_due"]).days,
        }
        for r in rows
    ]


EXPORT_COLUMNS = (
    "reference",
    "originator_type",
    "raised_by",
    "received_at",
    "category",
    "ward",
    "urgent",
    "classification",
    "status",
    "service",
    "handling_officer",
    "original_due",
    "due_date",
    "responded_at",
    "responded_in_time",
    "closed_at",
    "met_need",
)


def export_rows(*, user, **filters) -> Iterator[dict]:
    """The rows of an export (CSV, the Standards Committee report): no resident details, no text of
    the enquiry, only what the reports count. Filters as ``enquiry_list``."""
    qs = enquiry_list(user=user, **filters).select_related(None).order_by("received_at", "pk")
    values = qs.values_list(
        "reference",
        "originator_type",
        "originator_name",
        "received_at",
        "category__name",
        "ward__name",
        "urgent",
        "classification",
        "status",
        "service__name",
        "assigned_officer__first_name",
        "assigned_officer__last_name",
        "original_due",
        "due_date",
        "responded_at",
        "closed_at",
        "met_need",
    )
    for (
        reference,
        originator_type,
        originator_name,
        received_at,
        category,
        ward,
        urgent,
        classification,
        status,
        service,
        officer_first,
        officer_last,
        original_due,
        due_date,
        responded_at,
        closed_at,
        met_need,
    ) in values.iterator(chunk_size=2000):
        responded_on = timezone.localtime(responded_at).date() if responded_at else None
        yield {
            "reference": reference,
            "originator_type": originator_type,
            "raised_by": originator_name,
            "received_at": timezone.localtime(received_at),
            "category": category,
            "ward": ward or "",
            "urgent": urgent,
            "classification": classification,
            "status": status,
            "service": service or "",
            "handling_officer": f"{officer_first} {officer_last}" if officer_first else "",
            "original_due": original_due,
            "due_date": due_date,
            "responded_at": timezone.localtime(responded_at) if responded_at else None,
            "responded_in_time": (responded_on <= due_date) if responded_on else None,
            "closed_at": timezone.localtime(closed_at) if closed_at else None,
            "met_need": met_need,
        }


def rag(enquiry: Enquiry, today: datetime.date | None = None) -> str:
    """red (overdue), amber (due within two working days) or green; "" once it is no longer open
    (``bands.band``)."""
    return bands.band(enquiry, today)
