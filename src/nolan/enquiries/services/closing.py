"""After the answer: the Member re-opens the enquiry within the follow-up window, or it closes (now,
or by itself once the window has passed), and the Member says whether the answer met the need.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from nolan.casework.timeline import Audit, record_step
from nolan.directory.selectors import the_council
from nolan.enquiries import deadlines, notifications, permissions, policies, rules, selectors
from nolan.enquiries.models import Enquiry, EnquiryEvent, EventKind, Status
from nolan.enquiries.permissions import Standing
from nolan.enquiries.services.access import departure, hand_back
from nolan.enquiries.services.steps import (
    SYSTEM,
    Errors,
    capacity_of,
    checked_text,
    lock,
    reason_text,
    reasons_of,
    wake_dispatcher_on_commit,
)


@transaction.atomic
def reopen(*, actor, enquiry: Enquiry, reason: str) -> Enquiry:
    """The Member comes back on the answer within the follow-up window; the same enquiry re-opens
    with a new response time from today."""
    council = the_council()
    enquiry = lock(enquiry)
    permission = permissions.reopen(
        Standing(actor, enquiry), enquiry, today=timezone.localdate(), council=council
    )
    decision = permission.require()
    errors = Errors()
    reason = reason_text(errors, reason, "what is still needed")
    errors.raise_any()
    clock = deadlines.clock_for(council, timezone.now())
    before = {
        "status": enquiry.status,
        "due_date": enquiry.due_date,
        "follow_up_until": enquiry.follow_up_until,
    }
    enquiry.status = Status.REOPENED
    enquiry.revised_due = clock.due
    enquiry.due_date = clock.due
    enquiry.calendar_version = clock.calendar_version
    enquiry.due_explanation = clock.explanation
    enquiry.follow_up_until = None
    enquiry.save()
    capacity = capacity_of(actor)
    event = record_step(
        EnquiryEvent,
        enquiry,
        EventKind.REOPENED,
        actor=actor,
        capacity=capacity,
        text=f"{reason} New due date {policies.day(clock.due)}.",
        data={
            "reasons": reasons_of(decision),
            "due": clock.due.isoformat(),
            "explanation": clock.explanation,
        },
        audit=Audit(
            action="enquiry.reopened",
            before=before,
            after={"status": Status.REOPENED, "due_date": clock.due},
            reason=reason,
            extra={"reasons": reasons_of(decision)},
        ),
    )
    gone = departure(enquiry)
    if gone is not None:
        hand_back(enquiry, gone)  # its officer left the service since answering: the team assigns it
    notifications.reopened(enquiry, event)
    wake_dispatcher_on_commit()
    return enquiry


def _close(enquiry: Enquiry, *, actor, capacity: str, reason: str, at: datetime.datetime) -> EnquiryEvent:
    before = {"status": enquiry.status}
    enquiry.status = Status.CLOSED
    enquiry.closed_at = at
    enquiry.save()
    event = record_step(
        EnquiryEvent,
        enquiry,
        EventKind.CLOSED,
        actor=actor,
        capacity=capacity,
        text=reason,
        at=at,
        audit=Audit(
            action="enquiry.closed",
            before=before,
            after={"status": Status.CLOSED, "closed_at": at},
            reason=reason,
        ),
    )
    return event


@transaction.atomic
def close(*, actor, enquiry: Enquiry, reason: str) -> Enquiry:
    """Close an enquiry now: the Member is content with the answer, or withdraws it, or the team
    closes it with a reason."""
    enquiry = lock(enquiry)
    permissions.close(Standing(actor, enquiry), enquiry).require()
    errors = Errors()
    reason = reason_text(errors, reason, "why it is being closed")
    errors.raise_any()
    event = _close(enquiry, actor=actor, capacity=capacity_of(actor), reason=reason, at=timezone.now())
    notifications.closed(enquiry, event, by_member=selectors.is_raiser(actor, enquiry))
    wake_dispatcher_on_commit()
    return enquiry


def close_expired(*, now: datetime.datetime | None = None) -> int:
    """Close every responded enquiry whose follow-up window has passed (the worker calls this).
    Each closes in its own transaction, so one failure does not hold up the rest. Returns how many."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    closed = 0
    ids = list(
        Enquiry.objects.filter(status=Status.RESPONDED, follow_up_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            enquiry = Enquiry.objects.select_for_update().filter(pk=pk, status=Status.RESPONDED).first()
            if enquiry is None or enquiry.follow_up_until is None or enquiry.follow_up_until >= today:
                continue
            rule = rules.follow_up_window(the_council())
            reason = " ".join(
                str(r)
                for r in rule.reasons(
                    f"The Member did not come back on the answer by {policies.day(enquiry.follow_up_until)}, "
                    "so the enquiry closed"
                )
            )
            event = _close(enquiry, actor=None, capacity=SYSTEM, reason=reason, at=now)
            notifications.closed(enquiry, event, by_member=False)
            closed += 1
    if closed:
        notifications.wake_dispatcher()
    return closed


@transaction.atomic
def record_feedback(*, actor, enquiry: Enquiry, met_need: bool, comment: str = "") -> Enquiry:
    """The Member says whether the answer met the need."""
    enquiry = lock(enquiry)
    permissions.feedback(Standing(actor, enquiry), enquiry).require()
    errors = Errors()
    if met_need not in (True, False):
        errors.add("met_need", "Say whether the answer met the need.")
    comment = checked_text(errors, "comment", comment, "a comment", required=False)
    errors.raise_any()
    before = {"met_need": enquiry.met_need, "feedback": enquiry.feedback}
    enquiry.met_need = met_need
    enquiry.feedback = comment
    enquiry.feedback_at = timezone.now()
    enquiry.save()
    capacity = capacity_of(actor)
    record_step(
        EnquiryEvent,
        enquiry,
        EventKind.FEEDBACK,
        actor=actor,
        capacity=capacity,
        text=("The answer met the need." if met_need else "The answer did not meet the need.")
        + (f" {comment}" if comment else ""),
        data={"met_need": met_need},
        audit=Audit(
            action="enquiry.feedback", before=before, after={"met_need": met_need, "feedback": comment}
        ),
        mail=[lambda event: notifications.feedback(enquiry, event)],
    )
    wake_dispatcher_on_commit()
    return enquiry
