"""The test workflow's services: raising a concern and chasing it. Its own rules are these few lines;
the rest is casework's and mail's."""

from __future__ import annotations

import datetime

from django.db import transaction

from nolan.calendar import add_working_days, working_days_between
from nolan.calendar.services import current_calendar
from nolan.casework import circles, ladders
from nolan.casework.references import next_reference, subject_line
from nolan.casework.timeline import Audit, record_step
from nolan.core.links import absolute_url
from nolan.directory import line
from nolan.directory.models import Member, Officer
from nolan.directory.selectors import the_council
from nolan.mail import compose
from tests.example_workflow.models import Concern, ConcernAccess, ConcernEntry

SERIES = "XC"
RESPONSE_WORKING_DAYS = 10
#: The test workflow has no profile section of its own, so it reads the council's ladder for enquiries.
LADDER = ladders.LadderKeys.of("enquiries")


def may_see(concern: Concern):
    """Mail's question, "may this person see this case?", answered by the concern's circle."""
    circle = {officer_id for officer_id, _ in circles.circle_of(ConcernAccess, concern)}

    def check(recipient: compose.Recipient) -> bool:
        return recipient.member_id == concern.raised_by_id or recipient.officer_id in circle

    return check


def _footer(concern: Concern) -> str:
    return compose.footer(url=absolute_url("home"), reference=concern.reference, what="the concern")


@transaction.atomic
def raise_concern(
    *,
    actor,
    member: Member,
    handler: Officer,
    subject: str,
    today: datetime.date,
    copy_to: Officer | None = None,
) -> Concern:
    """A Member raises a concern with an officer: numbered, due in ten working days, seen by the officer
    and their line, and e-mailed to the officer (copied to the Member, and to ``copy_to`` if given)."""
    calendar = current_calendar(the_council())
    concern = Concern.objects.create(
        reference=next_reference(SERIES, today.year),
        subject=subject,
        raised_by=member,
        handler=handler,
        received=today,
        due_date=add_working_days(today, RESPONSE_WORKING_DAYS, calendar),
    )
    rows = [
        (officer_id, "handler" if officer_id == handler.pk else "line")
        for officer_id in line.management_line(handler.pk, today=today)
    ]
    circles.rewrite(ConcernAccess, concern, rows)

    def e_mail(entry: ConcernEntry) -> None:
        compose.send(
            key=f"{concern.reference}:raised",
            kind="example.raised",
            reference=concern.reference,
            to=[compose.officer(handler, "handling officer")],
            cc=[compose.member(member), compose.officer(copy_to, "copied")],
            subject=subject_line(concern.reference, f"New concern: {subject}"),
            body=f"{member} has raised a concern with you. It is due by {concern.due_date:%-d %B %Y}.\n"
            + _footer(concern),
            may_see=may_see(concern),
        )

    record_step(
        ConcernEntry,
        concern,
        "raised",
        actor=actor,
        capacity="Member",
        text=subject,
        audit=Audit("example.concern_raised", after={"reference": concern.reference}),
        mail=[e_mail],
    )
    return concern


def chase_late(*, today: datetime.date) -> int:
    """Chase the handling officer of each open concern that is past its due date by the ladder's
    interval, once per rung. Returns how many were chased."""
    council = the_council()
    ladder = ladders.read(council, LADDER)
    if not ladder.enabled:
        return 0
    calendar = current_calendar(council)
    chased = 0
    for concern in Concern.objects.filter(closed=False, due_date__lt=today).select_related("handler"):
        late = working_days_between(concern.due_date, today, calendar)
        number = min(late // ladder.interval, ladder.chases)
        if number < 1:
            continue
        rung = ladders.chase_rung(number)
        with transaction.atomic():
            if ConcernEntry.objects.filter(concern=concern, kind="chased", data__rung=rung).exists():
                continue

            def e_mail(entry: ConcernEntry, concern=concern, rung=rung) -> None:
                compose.send(
                    key=f"{concern.reference}:{rung}",
                    kind="example.chase",
                    reference=concern.reference,
                    to=[compose.officer(concern.handler, "handling officer")],
                    subject=subject_line(concern.reference, f"{ladders.rung_label(rung)}: {concern.subject}"),
                    body=f"This concern was due by {concern.due_date:%-d %B %Y} and has no answer yet.\n"
                    + _footer(concern),
                    may_see=may_see(concern),
                )

            record_step(
                ConcernEntry,
                concern,
                "chased",
                actor=None,
                capacity="Nolan (system)",
                data={"rung": rung},
                audit=Audit("example.concern_chased", extra={"rung": rung}),
                mail=[e_mail],
            )
            chased += 1
    return chased
