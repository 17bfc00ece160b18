"""The audit trail is append-only and any tampering is found by `nolan audit verify`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from nolan.audit.models import AppendOnlyError, AuditEvent
from nolan.audit.services import record, record_view
from nolan.audit.verify import verify_chain


@pytest.fixture
def trail(ashdown):
    ward = ashdown.east_ward
    events = [
        record(
            actor=ashdown.member_services,
            capacity="Member Services",
            action="directory.ward.updated",
            target=ward,
            before={"seats": 2},
            after={"seats": 3},
            reason="Boundary review 2026",
        ),
        record_view(actor=ashdown.monitoring_officer, target=ward, capacity="Monitoring Officer"),
        record(actor=None, action="demo.built"),
        record(
            actor=ashdown.member_services,
            action="directory.ward.updated",
            target=ward,
            before={"code": ""},
            after={"code": "E05000001"},
        ),
    ]
    return events


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_untouched_trail_verifies(trail):
    result = verify_chain()
    assert result.ok
    assert result.checked == 4
    call_command("audit", "verify")


def test_each_event_records_who_in_what_capacity_did_what_and_why(trail):
    event = AuditEvent.objects.get(pk=trail[0].pk)
    assert event.actor_label == "Ruth Cole"
    assert event.capacity == "Member Services"
    assert event.target_label == "Eastgate"
    assert (event.before, event.after, event.reason) == ({"seats": 2}, {"seats": 3}, "Boundary review 2026")
    assert AuditEvent.objects.get(pk=trail[1].pk).action == "viewed"
    assert AuditEvent.objects.get(pk=trail[2].pk).actor_label == "Nolan (system)"


def test_a_hand_edited_row_breaks_the_chain_and_is_named(trail):
    _raw("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["Nothing to see", trail[0].pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken_event_id == trail[0].pk
    with pytest.raises(CommandError, match=f"Audit event #{trail[0].pk} .* has been altered"):
        call_command("audit", "verify")


def test_an_edit_that_also_rewrites_the_hash_is_still_found_at_the_next_link(trail):
    _raw("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["f" * 64, trail[1].pk])
    result = verify_chain()
    assert result.broken_event_id == trail[1].pk


def test_a_deleted_row_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[1].pk])
    result = verify_chain()
    assert result.broken_event_id == trail[2].pk
    assert "does not follow" in result.problem


def test_removing_the_newest_events_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].pk])
    result = verify_chain()
    assert not result.ok
    assert "removed from the end" in result.problem


def test_events_cannot_be_changed_or_deleted_through_nolan(trail):
    event = AuditEvent.objects.get(pk=trail[0].pk)
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert verify_chain().ok
