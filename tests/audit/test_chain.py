"""The audit trail is append-only, and `nolan audit verify` finds and names any tampering by someone who
can write to the database but does not hold the audit key: an edited row (even with every hash after
it recomputed), a deleted row, the newest events deleted with the chain-head row, a replaced head row.

Each test commits its events one transaction at a time (``committed``), as Nolan does, so the head
is written outside the database after each, as it is in use.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from nolan.audit.chain import HASHED_FIELDS as FIELDS
from nolan.audit.models import AppendOnlyError, AuditEvent
from nolan.audit.services import record, record_view
from nolan.audit.verify import verify_chain


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a step as its own committed transaction: what happens on commit happens."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            return step()

    return run


@pytest.fixture
def trail(ashdown, committed):
    ward = ashdown.east_ward
    return [
        committed(
            lambda: record(
                actor=ashdown.member_services,
                capacity="Member Services",
                action="directory.ward.updated",
                target=ward,
                before={"seats": 2},
                after={"seats": 3},
                reason="Boundary review 2026",
            )
        ),
        committed(
            lambda: record_view(actor=ashdown.monitoring_officer, target=ward, capacity="Monitoring Officer")
        ),
        committed(lambda: record(actor=None, action="demo.built")),
        committed(
            lambda: record(
                actor=ashdown.member_services,
                action="directory.ward.updated",
                target=ward,
                before={"code": ""},
                after={"code": "E05000001"},
            )
        ),
    ]


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def _problem() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    return str(failure.value)


def _rows_from(event_id: int) -> list[dict]:
    fields = ["id", "prev_hash", "hash", *FIELDS]
    return list(AuditEvent.objects.filter(id__gte=event_id).order_by("id").values(*fields))


def _sha256(row: dict, prev_hash: str) -> str:
    """What anyone with the database can compute: the chain's rule before it was keyed."""
    body = {name: row[name] for name in FIELDS}
    body["occurred_at"] = row["occurred_at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def _hmac_with(guess: bytes):
    def mac(row: dict, prev_hash: str) -> str:
        body = {name: row[name] for name in FIELDS}
        body["occurred_at"] = row["occurred_at"].isoformat(timespec="microseconds")
        body["prev_hash"] = prev_hash
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
        return hmac.new(guess, text.encode(), hashlib.sha256).hexdigest()

    return mac


def _edit_and_rechain(event_id: int, reason: str, mac) -> None:
    """Edit an event's reason and recompute its hash, every hash after it and the head row."""
    rows = _rows_from(event_id)
    previous = rows[0]["prev_hash"]
    for row in rows:
        if row["id"] == event_id:
            row["reason"] = reason
        digest = mac(row, previous)
        _raw(
            "UPDATE audit_auditevent SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [row["reason"], previous, digest, row["id"]],
        )
        previous = digest
    _raw("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [previous])


# An untouched trail -----------------------------------------------------------------------------------


def test_an_untouched_trail_verifies(trail, capsys):
    result = verify_chain()
    assert result.ok
    assert result.checked == 4
    call_command("audit", "verify")
    assert "The audit trail is intact: 4 events checked." in capsys.readouterr().out


def test_each_event_records_who_in_what_capacity_did_what_and_why(trail):
    event = AuditEvent.objects.get(pk=trail[0].pk)
    assert event.actor_label == "Ruth Cole"
    assert event.capacity == "Member Services"
    assert event.target_label == "Eastgate"
    assert (event.before, event.after, event.reason) == ({"seats": 2}, {"seats": 3}, "Boundary review 2026")
    assert AuditEvent.objects.get(pk=trail[1].pk).action == "viewed"
    assert AuditEvent.objects.get(pk=trail[2].pk).actor_label == "Nolan (system)"


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


# Tampering ---------------------------------------------------------------------------------------------


def test_deleting_the_newest_events_and_the_head_row_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id >= %s", [trail[2].pk])
    _raw("DELETE FROM audit_auditchainhead")
    result = verify_chain()
    assert not result.ok
    assert result.finding == "tail_removed"
    problem = _problem()
    assert "The newest 2 audit event(s) have been removed from the end" in problem
    assert "records 4 events, the database holds 2" in problem
    assert "The chain-head row was removed too." in problem


def test_deleting_the_newest_events_and_rewriting_the_head_row_to_match_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id >= %s", [trail[3].pk])
    _raw("UPDATE audit_auditchainhead SET count = 3, last_hash = %s WHERE id = 1", [trail[2].hash])
    result = verify_chain()
    assert not result.ok
    assert result.finding == "tail_removed"
    assert "The chain-head row was rewritten to match what is left." in _problem()


def test_deleting_the_newest_event_alone_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].pk])
    result = verify_chain()
    assert result.finding == "tail_removed"
    assert "removed from the end" in result.problem and "The chain-head row says 4." in result.problem


@pytest.mark.parametrize(
    "recompute", [_sha256, _hmac_with(b"a guess at the key")], ids=["sha256", "hmac-with-a-guessed-key"]
)
def test_an_edited_row_with_every_hash_after_it_recomputed_without_the_key_is_found(trail, recompute):
    _edit_and_rechain(trail[1].pk, "Nothing to see", recompute)
    result = verify_chain()
    assert not result.ok
    assert result.finding == "altered"
    assert result.broken_event_id == trail[1].pk
    assert f"Audit event #{trail[1].pk} (viewed by Grace Adeyemi" in _problem()


def test_a_hand_edited_row_is_found_and_named(trail):
    _raw("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["Nothing to see", trail[0].pk])
    result = verify_chain()
    assert result.broken_event_id == trail[0].pk
    with pytest.raises(CommandError, match=f"Audit event #{trail[0].pk} .* has been altered"):
        call_command("audit", "verify")


def test_an_edit_that_also_rewrites_the_hash_is_still_found_at_the_next_link(trail):
    _raw("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["f" * 64, trail[1].pk])
    assert verify_chain().broken_event_id == trail[1].pk


def test_a_deleted_row_is_found(trail):
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[1].pk])
    result = verify_chain()
    assert result.broken_event_id == trail[2].pk
    assert "does not follow" in result.problem


@pytest.mark.parametrize(
    "count, last_hash",
    [(4, "e" * 64), (2, None), (9, "e" * 64)],
    ids=["same-count-other-hash", "an-earlier-event", "more-events-than-the-file-knows"],
)
def test_a_replaced_head_row_is_found(trail, count, last_hash):
    _raw(
        "UPDATE audit_auditchainhead SET count = %s, last_hash = %s WHERE id = 1",
        [count, last_hash or trail[1].hash],
    )
    result = verify_chain()
    assert not result.ok
    assert result.finding in ("head_row_replaced", "head_row_ahead")
    assert "chain-head row" in _problem()
    if count <= 4:
        assert result.finding == "head_row_replaced"
        assert "The chain-head row has been replaced" in result.problem


def test_a_removed_head_row_is_found(trail):
    _raw("DELETE FROM audit_auditchainhead")
    assert verify_chain().finding == "head_row_removed"
    assert "The chain-head row has been removed" in _problem()


def test_a_trail_cut_back_and_written_again_is_found(trail, ashdown, committed):
    """The newest two events deleted, the head row set to what is left, and Nolan carries on."""
    _raw("DELETE FROM audit_auditevent WHERE id >= %s", [trail[2].pk])
    _raw("UPDATE audit_auditchainhead SET count = 2, last_hash = %s WHERE id = 1", [trail[1].hash])
    later = record(actor=None, action="demo.built")  # its line is not written yet
    result = verify_chain()
    assert (result.finding, result.broken_event_id) == ("diverged", later.pk)
    assert f"Audit event #{later.pk} is not the event the head file" in _problem()
    committed(lambda: record(actor=None, action="demo.built"))  # the head file now has two events 4
    result = verify_chain()
    assert result.finding == "diverged"
    assert "records two different events as event number 4" in result.problem


def test_a_line_added_to_the_head_file_without_the_key_is_found(trail, audit_head_file):
    last = audit_head_file.read_text().splitlines()[-1].split(" ")
    with audit_head_file.open("a") as out:
        out.write(f"{last[0]} 9 {last[2]} {'0' * 64}\n")
    result = verify_chain()
    assert result.finding == "head_file_forged"
    assert "Line 5 of the head file" in _problem()


def test_the_chain_needs_the_key_that_made_it(trail, settings):
    settings.NOLAN_AUDIT_KEY = "another key, perhaps the previous server's, of enough length"
    result = verify_chain()
    assert (result.finding, result.broken_event_id) == ("altered", trail[0].pk)
    assert "NOLAN_AUDIT_KEY is not the key the trail was written with" in result.problem


# The head outside the database ------------------------------------------------------------------------


def test_each_commit_writes_the_head_to_the_file_and_the_log_once(
    ashdown, committed, audit_head_file, caplog
):
    from nolan.audit import head

    caplog.set_level("INFO", logger="nolan.audit.head")

    def three_events_in_one_transaction():
        with transaction.atomic():
            for _ in range(3):
                last = record(actor=None, action="demo.built")
        return last

    committed(lambda: record(actor=None, action="demo.built"))
    last = committed(three_events_in_one_transaction)
    lines = head.read(audit_head_file)
    assert [(line.count, line.authentic) for line in lines] == [(1, True), (4, True)]
    assert lines[-1].mac == last.hash
    logged = [r.getMessage() for r in caplog.records if r.name == "nolan.audit.head"]
    assert len(logged) == 2 and logged[-1].startswith("audit head ") and f" 4 {last.hash} " in logged[-1]
    assert logged[-1].removeprefix("audit head ") == audit_head_file.read_text().splitlines()[-1]


def test_a_rolled_back_event_is_never_written_to_the_head_file(ashdown, committed, audit_head_file):
    from nolan.audit import head

    committed(lambda: record(actor=None, action="demo.built"))

    def one_kept_one_rolled_back():
        with transaction.atomic():
            record(actor=None, action="enquiry.viewed")
            try:
                with transaction.atomic():
                    record(actor=None, action="demo.built")
                    raise RuntimeError("the step failed")
            except RuntimeError:
                pass

    committed(one_kept_one_rolled_back)
    committed(lambda: record(actor=None, action="demo.built"))
    assert AuditEvent.objects.count() == 3
    # Event 3 is the one committed last, not the one rolled back: the file agrees with the database.
    # (The middle transaction wrote no line, as its last event was rolled back; the next line covers it.)
    assert [line.count for line in head.read(audit_head_file)] == [1, 3]
    assert verify_chain().ok


def test_a_head_file_behind_the_database_is_not_tampering(trail):
    """A stop between a commit and its line: the events after the last line are checked by their MACs."""
    record(actor=None, action="demo.built")
    record(actor=None, action="demo.built")
    result = verify_chain()
    assert result.ok
    assert result.checked == 6
    assert "The newest 2 event(s) were committed after the head file's last line" in result.notes[0]


def test_a_last_line_cut_short_is_not_tampering(trail, audit_head_file):
    with audit_head_file.open("a") as out:
        out.write("2026-11-24T09:16:00.000000+00:00 5 ab")
    assert verify_chain().ok


def test_a_head_file_that_cannot_be_written_loses_no_event(ashdown, committed, settings, tmp_path, caplog):
    settings.NOLAN_AUDIT_HEAD_FILE = str(tmp_path / "no such folder" / "audit-head.log")
    event = committed(lambda: record(actor=None, action="demo.built"))
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert "could not be written" in caplog.text
    assert verify_chain().ok
