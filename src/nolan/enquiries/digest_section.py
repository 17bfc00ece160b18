"""Member Enquiries' section of the officers' daily digest (``nolan.mail.digests``).

Registered in ``EnquiriesConfig.ready``; the digest is built at the start of the working day by the
chasing run (``chasing.run``), after the day's chases and escalations. The section lists the officer's
Member enquiries that need attention:

- overdue: enquiries they handle that are past their due date;
- due soon: enquiries they handle that are due within the profile's reminder period
  (``enquiries.reminder_before_due``). The chasing ladder's reminder before the due date is given
  here, not in an e-mail of its own, and recorded on the enquiry's timeline as given in this digest
  (an enquiry beyond the ``LISTED`` shown in a part is reminded in a later digest, or chased);
- awaiting their sign-off: responses submitted to them to sign off;
- escalated to them: enquiries the ladder escalated to them that are still unanswered.

Chases after a due date and escalations are also sent on their own (see ``chasing``), and the digest
lists them again among the overdue, so it is a complete list of what needs attention that day.

Only enquiries the officer may see appear: every list is read through the selector's visibility rule
(``selectors.visible`` for the officer's sign-in), so an enquiry of another service, or one
transferred away after it was escalated, never appears. There is no section when the chasing ladder
does not run today (``chasing.plan``). The reminders it gives are recorded in the digest's own
transaction.

Like every message, no resident's details: the reference, subject, due date and where to read it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from nolan.calendar.services import current_calendar
from nolan.core.links import absolute_url
from nolan.directory.models import Officer
from nolan.enquiries import chasing, notifications, policies, selectors, services
from nolan.enquiries.models import (
    AWAITING_ANSWER,
    OPEN_STATUSES,
    Chase,
    ChaseDelivery,
    Enquiry,
    Response,
    ResponseKind,
)
from nolan.mail import digests
from nolan.mail.models import OutboxMessage

LIST_RELATED = ("category", "service", "assigned_officer")
#: Enquiries listed in each part of a digest; beyond that it says how many more the worklist shows.
LISTED = 100


@dataclass
class Digest:
    officer: Officer
    day: datetime.date
    overdue: list[Enquiry] = field(default_factory=list)
    due_soon: list[Enquiry] = field(default_factory=list)
    sign_off: list[Response] = field(default_factory=list)
    escalated: list[Enquiry] = field(default_factory=list)
    reminders: list = field(default_factory=list)  # chasing.Step, for enquiries in ``due_soon``
    more: dict[str, int] = field(default_factory=dict)  # part -> how many are not listed

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.sign_off or self.escalated)

    @property
    def count(self) -> int:
        listed = len(self.overdue) + len(self.due_soon) + len(self.sign_off) + len(self.escalated)
        return listed + sum(self.more.values())

    def total(self, part: str) -> int:
        return len(getattr(self, part)) + self.more.get(part, 0)


def recipients(*, horizon: datetime.date) -> list[Officer]:
    """Officers who may have something in today's digest: three queries, whatever the numbers."""
    handling = Enquiry.objects.filter(
        status__in=AWAITING_ANSWER, assigned_officer__isnull=False, due_date__lte=horizon
    ).values("assigned_officer_id")
    signing = Response.objects.filter(
        kind=ResponseKind.RESPONSE,
        sign_off_by__isnull=False,
        submitted_at__isnull=False,
        signed_off_at__isnull=True,
        sent_at__isnull=True,
        enquiry__status__in=OPEN_STATUSES,
    ).values("sign_off_by_id")
    escalated = Chase.objects.filter(
        rung=policies.ESCALATION, enquiry__status__in=AWAITING_ANSWER, due_date=F("enquiry__due_date")
    ).values("addressed_to_id")
    ids = set(handling.values_list("assigned_officer_id", flat=True).distinct())
    ids |= set(signing.values_list("sign_off_by_id", flat=True).distinct())
    ids |= set(escalated.values_list("addressed_to_id", flat=True).distinct())
    if not ids:
        return []
    return list(
        Officer.objects.filter(pk__in=ids, user__isnull=False, user__is_active=True)
        .select_related("user")
        .order_by("last_name", "first_name", "pk")
    )


def _listed(digest: Digest, part: str, qs) -> list:
    """At most ``LISTED`` rows of ``qs``, noting how many more there are (one more query if so)."""
    rows = list(qs[: LISTED + 1])
    if len(rows) > LISTED:
        digest.more[part] = qs.count() - LISTED
        rows = rows[:LISTED]
    return rows


def contents(officer: Officer, *, day: datetime.date, horizon: datetime.date, reminders=()) -> Digest:
    """What the officer's digest for ``day`` lists, read through the visibility selector: the same
    few queries however many enquiries there are. ``reminders``: the ladder's reminder steps planned
    today."""
    digest = Digest(officer, day)
    if officer.user_id is None:
        return digest
    visible = selectors.visible(officer.user)
    own = (
        visible.filter(assigned_officer_id=officer.pk, status__in=AWAITING_ANSWER)
        .select_related(*LIST_RELATED)
        .order_by("due_date", "-urgent", "received_at", "pk")
    )
    digest.overdue = _listed(digest, "overdue", own.filter(due_date__lt=day))
    digest.due_soon = _listed(digest, "due_soon", own.filter(due_date__gte=day, due_date__lte=horizon))
    digest.sign_off = _listed(
        digest,
        "sign_off",
        Response.objects.filter(
            kind=ResponseKind.RESPONSE,
            sign_off_by=officer,
            submitted_at__isnull=False,
            signed_off_at__isnull=True,
            sent_at__isnull=True,
            enquiry__in=visible.filter(status__in=OPEN_STATUSES),
        )
        .select_related("enquiry", "written_by")
        .order_by("submitted_at", "pk"),
    )
    digest.escalated = _listed(
        digest,
        "escalated",
        visible.filter(
            status__in=AWAITING_ANSWER,
            chases__rung=policies.ESCALATION,
            chases__addressed_to=officer,
            chases__due_date=F("due_date"),
        )
        .exclude(assigned_officer_id=officer.pk)
        .select_related(*LIST_RELATED)
        .order_by("due_date", "pk")
        .distinct(),
    )
    due_soon = {e.pk for e in digest.due_soon}
    digest.reminders = [s for s in reminders if s.handler_id == officer.pk and s.enquiry_id in due_soon]
    return digest


def _when(calendar, due: datetime.date, day: datetime.date) -> str:
    n = chasing.days_past_due(calendar, due, day)
    if n == 0:
        return "due today"
    plural = "" if abs(n) == 1 else "s"
    return f"{n} working day{plural} overdue" if n > 0 else f"due in {-n} working day{plural}"


def section(digest: Digest, *, calendar, now: datetime.datetime | None = None) -> digests.Section:
    """The officer's section: its text, and the reminders it gives recorded when the digest is queued
    (``now``: when they are recorded)."""
    day = policies.day(digest.day)
    reminded = {s.enquiry_id for s in digest.reminders}
    lines = [f"Your Member enquiries that need attention on {day}:"]

    def item(enquiry: Enquiry, note: str) -> None:
        urgent = " URGENT." if enquiry.urgent else ""
        lines.append(f"- {enquiry.reference} {enquiry.subject}:{urgent} {note}")
        lines.append(f"  {notifications.enquiry_url(enquiry)}")

    def heading(part: str, title: str) -> None:
        lines.extend(["", f"{title} ({digest.total(part)})"])

    def more(part: str) -> None:
        if digest.more.get(part):
            lines.append(f"- and {digest.more[part]} more: see your worklist in Nolan")

    if digest.overdue:
        heading("overdue", "Overdue")
        for e in digest.overdue:
            item(e, f"due by {policies.day(e.due_date)}, {_when(calendar, e.due_date, digest.day)}.")
        more("overdue")
    if digest.due_soon:
        heading("due_soon", "Due soon")
        for e in digest.due_soon:
            note = f"{_when(calendar, e.due_date, digest.day)}, by {policies.day(e.due_date)}."
            if e.pk in reminded:
                note += " This is your reminder before the due date."
            item(e, note)
        more("due_soon")
    if digest.sign_off:
        heading("sign_off", "Awaiting your sign-off")
        for r in digest.sign_off:
            submitted = policies.day(timezone.localtime(r.submitted_at).date())
            item(r.enquiry, f"response by {r.written_by.full_name}, submitted {submitted}.")
        more("sign_off")
    if digest.escalated:
        heading("escalated", "Escalated to you")
        for e in digest.escalated:
            handler = e.assigned_officer.full_name if e.assigned_officer_id else "no one"
            item(e, f"handled by {handler}, {_when(calendar, e.due_date, digest.day)}.")
        more("escalated")
    if digest.reminders:
        lines += ["", "Why you are reminded:"]
        lines += [f"- {r}" for r in digest.reminders[0].decision.reasons]
    lines += ["", f"Your worklist in Nolan: {absolute_url('enquiries:index')}"]
    return digests.Section(
        lines=lines,
        count=digest.count,
        subject=f"Member enquiries needing your attention, {day} ({digest.count})",
        note="A chase after a due date and an escalation are also sent on their own.",
        record=lambda row: record_reminders(digest, row, now=now or timezone.now()),
    )


def record_reminders(digest: Digest, row: OutboxMessage, *, now: datetime.datetime) -> int:
    """Record the reminders the digest ``row`` gives (in its transaction): a ``Chase`` row each, and the
    enquiry's timeline. Returns how many."""
    officer = digest.officer
    recorded = 0
    for step in digest.reminders:
        Chase.objects.create(
            enquiry_id=step.enquiry_id,
            due_date=step.due_date,
            rung=step.rung,
            at=now,
            addressed_to=officer,
            delivery=ChaseDelivery.DIGEST,
            message=row,
            reasons=[r.as_dict() for r in step.decision.reasons],
        )
        enquiry = next(e for e in digest.due_soon if e.pk == step.enquiry_id)
        services.record_chase(
            enquiry=enquiry,
            rung=step.rung,
            text=chasing.timeline_text(step, officer, digest_day=digest.day),
            at=now,
        )
        recorded += 1
    return recorded


@dataclass
class Today:
    """What Member Enquiries adds to today's digests: the chasing run's plan (its reminders and the
    horizon of "due soon"), read once for every officer."""

    plan: chasing.Plan
    now: datetime.datetime
    calendar: object

    def recipients(self) -> list[Officer]:
        return recipients(horizon=self.plan.horizon)

    def section(self, officer: Officer) -> digests.Section | None:
        digest = contents(
            officer, day=self.plan.today, horizon=self.plan.horizon, reminders=self.plan.reminders
        )
        if digest.empty:
            return None
        return section(digest, calendar=self.calendar, now=self.now)


def today(*, now: datetime.datetime, council_row) -> Today | None:
    """The digest source Member Enquiries registers (``nolan.mail.digests.register``): nothing on a day
    the chasing ladder does not run."""
    plan = chasing.plan(now=now)
    if plan.not_running:
        return None
    return Today(plan, now, current_calendar(council_row))
