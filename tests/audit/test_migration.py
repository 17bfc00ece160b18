"""Events written before the chain was keyed are re-chained under the key by a migration, which keeps
what it found of the old chain and takes enquiries' subjects out of the labels."""

from __future__ import annotations

import datetime
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nolan.audit import head
from nolan.audit.models import AuditEvent
from nolan.audit.verify import verify_chain

migration = import_module("nolan.audit.migrations.0002_keyed_chain")


@pytest.fixture
def before_the_key(db):
    """The audit models as they were at 0001 (the migration's own view of them)."""
    state = MigrationExecutor(connection).loader.project_state(("audit", "0001_initial"))
    return state.apps


def _old_trail(apps, labels: list[tuple[str, str]]) -> list:
    """Events chained with plain SHA-256, as Nolan wrote them before the key."""
    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    previous, events = migration.GENESIS, []
    for n, (target_type, label) in enumerate(labels):
        fields = {
            "occurred_at": datetime.datetime(2026, 11, 2, 9, n, tzinfo=datetime.UTC),
            "actor_id": None,
            "actor_label": "Nolan (system)",
            "capacity": "",
            "action": "viewed",
            "target_type": target_type,
            "target_id": str(n + 1),
            "target_label": label,
            "before": None,
            "after": {"status": "assigned"},
            "reason": "",
            "extra": {},
        }
        digest = migration._sha256(fields, previous)
        events.append(Event.objects.create(prev_hash=previous, hash=digest, **fields))
        previous = digest
    Head.objects.create(pk=1, last_hash=previous, count=len(events))
    return events


def test_the_old_trail_is_rechained_under_the_key_and_labels_lose_their_subjects(
    before_the_key, django_capture_on_commit_callbacks, audit_head_file
):
    _old_trail(
        before_the_key,
        [
            ("enquiries.enquiry", "ME-2026-000154: Leaking roof at Heron Court"),
            ("directory.ward", "Eastgate"),
            ("enquiries.enquiry", "ME-2026-000155: Noise: the bins at 3am"),
        ],
    )
    assert not verify_chain().ok  # SHA-256 is not the keyed chain
    with django_capture_on_commit_callbacks(execute=True):
        migration.key_the_chain(before_the_key, None)
    result = verify_chain()
    assert result.ok and result.checked == 4 and not result.notes
    labels = list(AuditEvent.objects.order_by("id").values_list("target_label", flat=True))
    assert labels == ["ME-2026-000154", "Eastgate", "ME-2026-000155", ""]
    rechained = AuditEvent.objects.get(action="audit.rechained")
    assert rechained.extra == {"previous_chain": "intact", "labels_without_subjects": 2}
    assert rechained.before["rule"] == "SHA-256" and rechained.after["events"] == 3
    assert [(line.count, line.mac) for line in head.read(audit_head_file)] == [(4, rechained.hash)]


def test_a_break_in_the_old_chain_is_kept_not_laundered(before_the_key, django_capture_on_commit_callbacks):
    events = _old_trail(before_the_key, [("directory.ward", "Eastgate"), ("directory.ward", "Westmoor")])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'edited' WHERE id = %s", [events[0].pk])
    with django_capture_on_commit_callbacks(execute=True):
        migration.key_the_chain(before_the_key, None)
    rechained = AuditEvent.objects.get(action="audit.rechained")
    assert rechained.extra["previous_chain"] == (
        f"broken at event #{events[0].pk} (viewed): its contents did not match its hash"
    )


def test_an_empty_trail_is_left_empty(before_the_key):
    migration.key_the_chain(before_the_key, None)
    assert not AuditEvent.objects.exists()


def test_undoing_it_returns_to_the_sha256_chain(before_the_key, django_capture_on_commit_callbacks):
    _old_trail(before_the_key, [("directory.ward", "Eastgate")])
    with django_capture_on_commit_callbacks(execute=True):
        migration.key_the_chain(before_the_key, None)
    migration.back_to_sha256(before_the_key, None)
    Event = before_the_key.get_model("audit", "AuditEvent")
    Head = before_the_key.get_model("audit", "AuditChainHead")
    assert migration._check_old_chain(Event, Head) == "intact"
