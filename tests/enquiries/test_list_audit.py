"""Lists, searches and exports of enquiries are on the audit trail, as views of an enquiry are: who
listed, searched or exported what, with the filters and search words, how many matched and, for a
page, which references it showed. One event per request, whatever the number of rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nolan.audit.models import AuditEvent
from tests.enquiries.conftest import raise_one, triaged

pytestmark = pytest.mark.django_db


def url(name):
    return reverse(f"enquiries:{name}")


def latest() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def audit_inserts(captured) -> int:
    return sum(1 for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditevent"'))


def test_a_search_of_the_list_records_who_searched_for_what_and_what_they_were_shown(client, world):
    mould = triaged(world)
    raise_one(world, subject="Pothole", body="Deep pothole on Mill Lane.", resident=None)
    client.force_login(world.member_enquiries)
    before = AuditEvent.objects.count()
    assert client.get(url("index"), {"q": "mould", "status": "assigned"}).status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = latest()
    assert (event.action, event.actor_id, event.capacity) == (
        "searched",
        world.member_enquiries.pk,
        "Member Enquiries team",
    )
    assert (event.target_type, event.target_id, event.target_label) == ("enquiries.enquiry", "", "enquiries")
    assert event.extra == {
        "list": "index",
        "filters": {"search": "mould", "status": "assigned"},
        "count": 1,
        "page": 1,
        "shown": [mould.reference],
    }
    assert event.about_confidential_record  # the search words are not shown to system administrators


def test_a_members_list_records_only_their_own_enquiries(client, world):
    own = raise_one(world)
    raise_one(world, actor=world.same_group_councillor, subject="Another")
    client.force_login(world.councillor)
    client.get(url("index"))
    event = latest()
    assert (event.action, event.actor_id) == ("listed", world.councillor.pk)
    assert (event.extra["count"], event.extra["shown"]) == (1, [own.reference])


def test_the_triage_queue_and_worklist_are_recorded_by_name(client, world):
    waiting = raise_one(world)
    handled = triaged(world)
    client.force_login(world.member_enquiries)
    client.get(url("triage"), {"rag": "green"})
    assert (latest().action, latest().extra["list"], latest().extra["filters"]) == (
        "listed",
        "triage",
        {"rag": "green"},
    )
    assert latest().extra["shown"] == [waiting.reference]
    client.force_login(world.director)
    client.get(url("worklist"), {"line": "yes"})
    assert latest().extra == {
        "list": "worklist",
        "filters": {"line": True},
        "count": 1,
        "page": 1,
        "shown": [handled.reference],
    }


def test_a_page_records_the_references_on_that_page_only(client, world):
    made = [raise_one(world) for _ in range(27)]
    client.force_login(world.member_enquiries)
    client.get(url("index"), {"page": 2})
    assert latest().extra["count"] == 27 and latest().extra["page"] == 2
    assert latest().extra["shown"] == [made[1].reference, made[0].reference]  # the oldest two, newest first


def test_an_export_is_recorded_before_its_first_row_with_its_filter_and_how_many_rows(client, world):
    housing = triaged(world)
    raise_one(world, subject="Bins", category=world.waste_category)
    client.force_login(world.member_enquiries)
    response = client.get(url("export"), {"category": world.repairs_category.pk})
    event = latest()  # before the file is read
    assert event.action == "exported"
    assert event.extra == {"list": "export", "filters": {"category": world.repairs_category.pk}, "count": 1}
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Reference"] for r in rows] == [housing.reference]
    assert AuditEvent.objects.filter(action="exported").count() == 1


def test_one_audit_event_per_page_however_many_rows(client, world):
    client.force_login(world.member_enquiries)

    def inserts(name) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(name))
            if name == "export":
                b"".join(response.streaming_content)
        return audit_inserts(captured)

    raise_one(world)
    few = {name: inserts(name) for name in ("index", "triage", "export")}
    for _ in range(12):
        raise_one(world)
    assert (
        {name: inserts(name) for name in ("index", "triage", "export")}
        == few
        == {
            "index": 1,
            "triage": 1,
            "export": 1,
        }
    )
