"""The chasing run's entries on an enquiry's timeline and the audit trail."""

from __future__ import annotations

import datetime

from django.db import transaction

from nolan.casework.timeline import Audit, record_step
from nolan.enquiries.models import Enquiry, EnquiryEvent, EventKind
from nolan.enquiries.services.steps import SYSTEM


@transaction.atomic
def record_chase(
    *, enquiry: Enquiry, rung: str, text: str, escalated: bool = False, at: datetime.datetime | None = None
) -> EnquiryEvent:
    """For the chasing run: note a reminder, chase or escalation on the timeline and the trail (the
    e-mail itself goes through ``outbox.enqueue`` with the key ``chase:<enquiry>:<rung>``)."""
    kind = EventKind.ESCALATED if escalated else EventKind.CHASED
    event = record_step(
        EnquiryEvent,
        enquiry,
        kind,
        actor=None,
        capacity=SYSTEM,
        text=text,
        data={"rung": rung},
        at=at,
        audit=Audit(action=f"enquiry.{kind}", reason=text, extra={"rung": rung}),
    )
    return event
