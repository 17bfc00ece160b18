"""The chasing run's entries on an enquiry's timeline and the audit trail."""

from __future__ import annotations

import datetime

from django.db import transaction

from nolan.audit.services import record
from nolan.enquiries.models import Enquiry, EnquiryEvent, EventKind
from nolan.enquiries.services.steps import SYSTEM, add_event


@transaction.atomic
def record_chase(
    *, enquiry: Enquiry, rung: str, text: str, escalated: bool = False, at: datetime.datetime | None = None
) -> EnquiryEvent:
    """For the chasing run: note a reminder, chase or escalation on the timeline and the trail (the
    e-mail itself goes through ``outbox.enqueue`` with the key ``chase:<enquiry>:<rung>``)."""
    kind = EventKind.ESCALATED if escalated else EventKind.CHASED
    event = add_event(enquiry, kind, actor=None, capacity=SYSTEM, text=text, data={"rung": rung}, at=at)
    record(
        actor=None,
        action=f"enquiry.{kind}",
        target=enquiry,
        capacity=SYSTEM,
        reason=text,
        extra={"rung": rung},
    )
    return event
