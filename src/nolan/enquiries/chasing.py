"""Chasing outstanding enquiries (Tower Hamlets 7.1): the ladder the worker climbs each working day.

The ladder comes from the council's profile (``rules.chasing_ladder``): a reminder some working days
before the due date, a chase on the first working day after it, further chases at the profile's
interval, and escalation to the Director after the profile's number of chases. Which rung an enquiry
has come to is the pure decision ``policies.chasing_rung``; this module plans a run and carries it
out.

How the rungs reach people:

- the reminder before the due date is listed in the handling officer's daily digest
  (``digest_section``, Member Enquiries' section of ``nolan.mail.digests``, which this run sends),
  so an officer gets one e-mail a day however many of their enquiries fall due;
- a chase after the due date goes on its own to the handling officer, and an escalation on its own to
  the Director (the first Director above the handling officer, copying the handling officer, both
  named; no blind copies, Haringey 12.29). They are sent individually because a missed due date is
  the service failing a Member: each quotes the enquiry's reference so it threads with the enquiry;
- none goes out of working hours unless the enquiry is urgent (``nolan.mail.hours``: Tower
  Hamlets 4(a), Haringey 5.01(u), 6.01(q)).

Exactly once, through a crash: each rung reached is a ``Chase`` row, unique per enquiry, due date and
rung, written in one transaction with its timeline entry, its audit event and its e-mail (an outbox
row whose dedupe key is ``chase:<enquiry>:<due date>:<rung>``). A worker killed mid-run leaves each
enquiry either fully chased or not chased at all; the next run (the periodic task, every quarter of
an hour) works out the plan again and reaches only the rungs not yet reached. Sending is the
outbox's: claimed under a lease, each message once, with a Message-ID made from the dedupe key.

When: a run on a non-working day, or before the working day starts, does nothing; the next working
morning's run picks everything up. Working out who to chase is a fixed number of queries however many
enquiries are open (``plan``); writing is one short transaction per rung reached.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from nolan.calendar import add_working_days, working_days_between
from nolan.calendar.services import current_calendar
from nolan.core.decisions import Decision
from nolan.directory.line import seniority_of
from nolan.directory.models import Officer
from nolan.directory.selectors import the_council
from nolan.enquiries import notifications, policies, rules, services
from nolan.enquiries.models import (
    AWAITING_ANSWER,
    Chase,
    ChaseDelivery,
    Enquiry,
    EnquiryAccess,
)
from nolan.mail import compose, digests, hours, tasks

log = logging.getLogger(__name__)

#: Rungs written between two wake-ups of the dispatcher, so e-mail flows while a long run goes on.
BATCH = 25


@dataclass(frozen=True)
class Step:
    """One rung to reach for one enquiry, as planned."""

    enquiry_id: int
    reference: str
    due_date: datetime.date
    handler_id: int
    rung: str
    decision: Decision
    addressed_to_id: int  # the handling officer, or whoever an escalation goes to
    days_past_due: int
    escalation_note: str = ""  # why the escalation goes to whom it goes to

    @property
    def label(self) -> str:
        return policies.rung_label(self.rung)

    @property
    def by_digest(self) -> bool:
        return self.rung == policies.REMINDER


@dataclass
class Plan:
    today: datetime.date
    ladder: policies.ChasingLadder | None
    steps: list[Step] = field(default_factory=list)
    not_running: str = ""  # why nothing is done today ("" when the ladder runs)
    horizon: datetime.date | None = None  # last due date counted as "due soon"
    officers: dict[int, Officer] = field(default_factory=dict)

    @property
    def emailed(self) -> list[Step]:
        return [s for s in self.steps if not s.by_digest]

    @property
    def reminders(self) -> list[Step]:
        return [s for s in self.steps if s.by_digest]


@dataclass
class Report:
    today: datetime.date
    not_running: str = ""
    chased: int = 0
    escalated: int = 0
    reminders: int = 0
    digests: int = 0
    already: int = 0  # rungs another run reached first, or enquiries that changed since the plan

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "not_running": self.not_running,
            "chased": self.chased,
            "escalated": self.escalated,
            "reminders": self.reminders,
            "digests": self.digests,
            "already": self.already,
        }


# Dates ----------------------------------------------------------------------------------------------


day_starts = hours.day_starts
day_ends = hours.day_ends


def days_past_due(calendar, due: datetime.date, today: datetime.date) -> int:
    """Working days from the due date to today: 0 on it, negative before, 1 the working day after."""
    if today > due:
        return working_days_between(due, today, calendar)
    if today < due:
        return -working_days_between(today, due, calendar)
    return 0


def not_running_reason(council_row, calendar, local: datetime.datetime) -> str:
    if not calendar.is_working_day(local.date()):
        return f"{policies.day(local.date())} is not a working day: the ladder runs on the next one"
    if local.time() < day_starts(council_row):
        return f"The working day has not started: the ladder runs from {day_starts(council_row):%H:%M}"
    return ""


# Planning --------------------------------------------------------------------------------------------


def _candidates(horizon: datetime.date):
    """Every enquiry awaiting an answer from an officer that is due by ``horizon`` (overdue included)."""
    return Enquiry.objects.filter(
        status__in=AWAITING_ANSWER, assigned_officer__isnull=False, due_date__lte=horizon
    )


def _escalation_targets(
    steps: list[tuple[int, int]], lines_of, ladder: policies.ChasingLadder
) -> dict[int, tuple[int, str]]:
    """(enquiry, handler) -> (officer escalated to, why), for enquiries being escalated.

    ``lines_of``: the enquiries whose lines to read (a queryset: one query, whatever their number).
    The officer is taken from who may see the enquiry (``EnquiryAccess``: the handling officer's line
    up to the Director of the directorate), so the escalation never goes to someone outside it (Tower
    Hamlets 7.19): with the profile's default, the first Director above the handling officer, as
    ``directory.line.director_of`` finds. A handling officer who is the most senior in their line is
    escalated to themselves, and the reason says so.
    """
    out: dict[int, tuple[int, str]] = {}
    if not steps:
        return out
    handlers = dict(steps)
    least = ladder.escalation_seniority()
    role_name = policies.escalation_role_name(str(ladder.escalation_to.value))
    line: dict[int, list[int]] = defaultdict(list)
    for enquiry_id, officer_id in EnquiryAccess.objects.filter(enquiry__in=lines_of).values_list(
        "enquiry_id", "officer_id"
    ):
        if enquiry_id in handlers:
            line[enquiry_id].append(officer_id)
    officer_ids = {o for officers in line.values() for o in officers} | set(handlers.values())
    seniority = seniority_of(officer_ids)
    for pk, handler in handlers.items():
        own = seniority.get(handler, 0)
        above = sorted(
            (seniority.get(o, 0), o)
            for o in line[pk]
            if o != handler and seniority.get(o, 0) >= least and seniority.get(o, 0) > own
        )
        if above:
            out[pk] = (above[0][1], f"{role_name} above the handling officer")
        else:
            out[pk] = (handler, f"the handling officer is {role_name}: no one above them may see it")
    return out


def _may_escalate(candidates, ladder: policies.ChasingLadder, today: datetime.date):
    """The candidates that could be escalated today: overdue, with the last chase reached if any."""
    overdue = candidates.filter(due_date__lt=today)
    if not ladder.chases:
        return overdue
    last = policies.chase_rung(ladder.chases)
    return overdue.filter(chases__rung=last, chases__due_date=F("due_date"))


def plan(*, now: datetime.datetime | None = None) -> Plan:
    """Which rung each enquiry awaiting an answer has come to today, and to whom it goes.

    A fixed number of queries however many enquiries there are: the candidates, the rungs they have
    reached, the lines of those being escalated and their officers' posts, and the officers.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    council_row = the_council()
    calendar = current_calendar(council_row)
    ladder = rules.chasing_ladder(council_row)
    why_not = not_running_reason(council_row, calendar, local)
    if why_not:
        return Plan(today, ladder, not_running=why_not)
    if not ladder.enabled:
        return Plan(
            today,
            ladder,
            not_running=policies.chasing_rung(
                days_past_due=0, reached=(), days_since_last_chase=None, ladder=ladder
            ).explain(),
        )
    horizon = add_working_days(today, ladder.reminder_days, calendar) if ladder.reminder_days else today
    candidates = _candidates(horizon)
    rows = list(
        candidates.order_by("due_date", "pk").values_list(
            "pk", "reference", "due_date", "assigned_officer_id"
        )
    )
    reached: dict[tuple[int, datetime.date], list[tuple[str, datetime.datetime]]] = defaultdict(list)
    for enquiry_id, due, rung, at in Chase.objects.filter(enquiry__in=candidates).values_list(
        "enquiry_id", "due_date", "rung", "at"
    ):
        reached[(enquiry_id, due)].append((rung, at))

    decided: list[tuple[tuple, Decision, int]] = []
    for pk, reference, due, handler in rows:
        rungs = reached.get((pk, due), [])
        chases = [at for rung, at in rungs if rung != policies.REMINDER]
        since = None
        if chases:
            last = timezone.localtime(max(chases)).date()
            since = working_days_between(last, today, calendar) if last < today else 0
        position = days_past_due(calendar, due, today)
        decision = policies.chasing_rung(
            days_past_due=position,
            reached=[rung for rung, _ in rungs],
            days_since_last_chase=since,
            ladder=ladder,
        )
        if decision.outcome != "none":
            decided.append(((pk, reference, due, handler), decision, position))

    targets = _escalation_targets(
        [(row[0], row[3]) for row, d, _ in decided if d.outcome == policies.ESCALATION],
        _may_escalate(candidates, ladder, today),
        ladder,
    )
    steps = []
    for (pk, reference, due, handler), decision, position in decided:
        to, note = (
            targets.get(pk, (handler, "")) if decision.outcome == policies.ESCALATION else (handler, "")
        )
        steps.append(Step(pk, reference, due, handler, decision.outcome, decision, to, position, note))
    officer_ids = {s.addressed_to_id for s in steps} | {s.handler_id for s in steps}
    officers = Officer.objects.in_bulk(officer_ids) if officer_ids else {}
    return Plan(today, ladder, steps, horizon=horizon, officers=officers)


# Reaching a rung ---------------------------------------------------------------------------------------


def dedupe_key(enquiry_id: int, due: datetime.date, rung: str) -> str:
    return f"chase:{enquiry_id}:{due.isoformat()}:{rung}"


def _reasons_text(decision: Decision) -> str:
    return "\n".join(f"- {r}" for r in decision.reasons)


def _late(step: Step) -> str:
    n = step.days_past_due
    return f"{n} working day{'' if n == 1 else 's'} past its due date"


def _message(
    enquiry: Enquiry, step: Step, handler: Officer, to: Officer, ladder
) -> tuple[str, str, list, list]:
    """(subject, body, to, cc) of a chase or an escalation."""
    due = policies.day(step.due_date)
    handler_r = compose.officer(handler)
    if step.rung == policies.ESCALATION:
        to_r = compose.officer(to)
        cc = [compose.officer(handler, "handling officer")] if to.pk != handler.pk else []
        copied = (
            f"This message is copied to {handler.full_name}, the handling officer. No one else has been "
            "sent it."
            if cc
            else "No one else has been sent this message."
        )
        chases = ladder.chases
        body = (
            f"Dear {to.full_name},\n\n"
            f"This Member enquiry has not been answered and is {_late(step)} ({due}). It is escalated to "
            f"you after {chases} chase{'' if chases == 1 else 's'} of {handler.full_name}, who is handling "
            f"it ({step.escalation_note}).\n\n"
            f"Why:\n{_reasons_text(step.decision)}\n\n{copied}\n\n"
        )
        subject = f"Escalated, {_late(step)}: {enquiry.subject}"
        return subject, body + notifications.summary(enquiry) + notifications.footer(enquiry), [to_r], cc
    number = step.rung.removeprefix(policies.CHASE_PREFIX)
    body = (
        f"Dear {handler.full_name},\n\n"
        f"This Member enquiry was due to be answered by {due} and is {_late(step)}. "
        f"This is chase {number} of {ladder.chases}; after that it is escalated to the Director. Send the "
        "response, or tell the Member when to expect one.\n\n"
        f"Why:\n{_reasons_text(step.decision)}\n\nNo one else has been sent this message.\n\n"
    )
    subject = f"Overdue, chase {number}: {enquiry.subject}"
    return subject, body + notifications.summary(enquiry) + notifications.footer(enquiry), [handler_r], []


def _send(enquiry: Enquiry, step: Step, subject: str, body: str, to: list, cc: list, council_row, now):
    key = dedupe_key(enquiry.pk, step.due_date, step.rung)
    row = notifications.send(
        enquiry,
        key=key,
        kind="escalation" if step.rung == policies.ESCALATION else "chase",
        to=to,
        cc=cc,
        subject=subject,
        body=body,
        now=now,
        council=council_row,
    )
    if row is None:
        raise ValueError(f"Message {key!r} has no recipient with an e-mail address.")
    return row


def _still_due(enquiry: Enquiry | None, step: Step) -> bool:
    return (
        enquiry is not None
        and enquiry.status in AWAITING_ANSWER
        and enquiry.due_date == step.due_date
        and enquiry.assigned_officer_id == step.handler_id
    )


def timeline_text(step: Step, to: Officer, *, digest_day: datetime.date | None = None) -> str:
    due = policies.day(step.due_date)
    if step.rung == policies.REMINDER:
        return (
            f"Reminder before the due date ({due}) given to {to.full_name} in the daily digest of "
            f"{policies.day(digest_day)}."
        )
    if step.rung == policies.ESCALATION:
        return f"Escalated to {to.full_name}: {_late(step)} ({due}); {step.escalation_note}."
    return f"{step.label} sent to {to.full_name}: {_late(step)} ({due})."


@transaction.atomic
def reach(step: Step, *, now: datetime.datetime, ladder: policies.ChasingLadder, officers: dict, council_row):
    """Reach one chase or escalation: the Chase row, the timeline, the audit trail and the e-mail, in one
    transaction. Returns the Chase, or None if the enquiry changed since the plan or the rung has
    been reached already (by another run)."""
    enquiry = (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("category", "ward", "service", "assigned_officer")
        .filter(pk=step.enquiry_id)
        .first()
    )
    if not _still_due(enquiry, step):
        return None
    if Chase.objects.filter(enquiry=enquiry, due_date=step.due_date, rung=step.rung).exists():
        return None
    handler = officers[step.handler_id]
    to = officers[step.addressed_to_id]
    chase = Chase.objects.create(
        enquiry=enquiry,
        due_date=step.due_date,
        rung=step.rung,
        at=now,
        addressed_to=to,
        delivery=ChaseDelivery.EMAIL,
        reasons=[r.as_dict() for r in step.decision.reasons],
    )
    subject, body, to_list, cc = _message(enquiry, step, handler, to, ladder)
    chase.message = _send(enquiry, step, subject, body, to_list, cc, council_row, now)
    chase.save(update_fields=["message"])
    services.record_chase(
        enquiry=enquiry,
        rung=step.rung,
        text=timeline_text(step, to),
        escalated=step.rung == policies.ESCALATION,
        at=now,
    )
    return chase


def _reach_safely(step: Step, **kwargs) -> Chase | None:
    try:
        return reach(step, **kwargs)
    except IntegrityError:
        # Another run reached this rung between our check and our write: its row stands.
        return None
    except compose.ConfidentialityError:
        # The recipient lost sight of the enquiry since the plan (a transfer): the next run plans again.
        log.warning(
            "Chasing %s: %s no longer may see it", step.reference, step.addressed_to_id, exc_info=True
        )
        return None


# The run ---------------------------------------------------------------------------------------------


def run(*, now: datetime.datetime | None = None, batch: int = BATCH, wake: bool = True) -> Report:
    """One chasing run: the chases and escalations due today, then the officers' daily digests (with the
    reminders: Member Enquiries' section, ``digest_section``). Safe to repeat at any time and after a
    crash: nothing reached is reached again."""
    now = now or timezone.now()
    council_row = the_council()
    the_plan = plan(now=now)
    report = Report(the_plan.today, not_running=the_plan.not_running)
    if the_plan.not_running:
        return report
    kwargs = {
        "now": now,
        "ladder": the_plan.ladder,
        "officers": the_plan.officers,
        "council_row": council_row,
    }
    written = 0
    for step in the_plan.emailed:
        chase = _reach_safely(step, **kwargs)
        if chase is None:
            report.already += 1
            continue
        if step.rung == policies.ESCALATION:
            report.escalated += 1
        else:
            report.chased += 1
        written += 1
        if wake and written % batch == 0:
            tasks.wake_dispatcher()
    if wake and written % batch:
        tasks.wake_dispatcher()
    sent = digests.send_all(now=now, council_row=council_row, wake=wake, batch=batch)
    report.digests, report.reminders = sent.digests, sent.recorded
    report.already += sent.already
    return report


def explain(step: Step) -> str:
    return "; ".join(str(r) for r in step.decision.reasons)
