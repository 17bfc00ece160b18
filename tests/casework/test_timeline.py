"""A step's timeline entry, audit event and e-mail are written together, or not at all."""

from __future__ import annotations

import pytest
from django.db import transaction

from nolan.audit.models import AuditEvent
from nolan.casework.timeline import Audit, record_step
from nolan.enquiries.models import Enquiry, EnquiryEvent, EventKind


def test_a_step_writes_its_entry_then_its_audit_event_then_its_mail(world, case):
    sent = []
    events_before = AuditEvent.objects.count()
    with transaction.atomic():
        entry = record_step(
            EnquiryEvent,
            case,
            EventKind.DISCUSSED,
            actor=world.officer,
            capacity="Housing Officer",
            text="Discussed with the Member",
            data={"with": "Cllr Rahman"},
            audit=Audit(action="enquiry.discussed", reason="to agree a date", extra={"with": "Cllr Rahman"}),
            mail=[lambda e: sent.append(("member", e.pk)), lambda e: sent.append(("manager", e.pk))],
        )
    entry.refresh_from_db()
    assert (entry.enquiry, entry.kind, entry.text, entry.data) == (
        case,
        EventKind.DISCUSSED,
        "Discussed with the Member",
        {"with": "Cllr Rahman"},
    )
    assert (entry.actor, entry.actor_label, entry.capacity) == (
        world.officer,
        str(world.officer),
        "Housing Officer",
    )
    assert entry.visible_to_member
    assert sent == [("member", entry.pk), ("manager", entry.pk)]
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == events_before + 1
    assert (event.action, event.target_type, event.target_id, event.reason, event.capacity) == (
        "enquiry.discussed",
        "enquiries.enquiry",
        str(case.pk),
        "to agree a date",
        "Housing Officer",
    )


def test_a_worker_step_is_nolans_and_an_internal_step_is_not_shown_to_the_member(world, case):
    with transaction.atomic():
        entry = record_step(
            EnquiryEvent,
            case,
            EventKind.CHASED,
            actor=None,
            capacity="Nolan (system)",
            audit=Audit(action="enquiry.chased", extra={"rung": "chase_1"}),
        )
    assert (entry.actor, entry.actor_label, entry.visible_to_member) == (None, "Nolan (system)", False)
    assert AuditEvent.objects.order_by("-pk").first().actor_label == "Nolan (system)"


def test_a_step_whose_mail_fails_leaves_no_entry_and_no_audit_event(world, case):
    entries, events = EnquiryEvent.objects.count(), AuditEvent.objects.count()

    def refuse(entry):
        raise ValueError("no address for the Member")

    with pytest.raises(ValueError), transaction.atomic():
        record_step(
            EnquiryEvent,
            case,
            EventKind.REOPENED,
            actor=world.councillor,
            capacity="Member",
            audit=Audit(action="enquiry.reopened"),
            mail=[refuse],
        )
    assert (EnquiryEvent.objects.count(), AuditEvent.objects.count()) == (entries, events)


@pytest.mark.django_db(transaction=True)
def test_a_step_outside_a_transaction_is_refused_before_anything_is_written():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_step(
            EnquiryEvent, Enquiry(pk=1), EventKind.CLOSED, actor=None, capacity="", audit=Audit(action="x")
        )
    assert not EnquiryEvent.objects.exists()
    assert not AuditEvent.objects.exists()
