"""The API's list and filtered counts of enquiries are on the audit trail, as the web lists are."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nolan.audit.models import AuditEvent
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import raise_one, triaged

frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

ENQUIRIES = "/api/v1/enquiries/"
COUNTS = "/api/v1/enquiries/counts/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def latest() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def test_a_search_through_the_api_records_the_words_the_count_and_the_page(world):
    mould = triaged(world)
    raise_one(world, subject="Pothole", body="Deep pothole on Mill Lane.", resident=None)
    client = signed_in(world.member_enquiries)
    before = AuditEvent.objects.count()
    body = client.get(ENQUIRIES, {"q": "mould", "ward": world.east_ward.pk}).json()
    assert [row["reference"] for row in body["results"]] == [mould.reference]
    assert AuditEvent.objects.count() == before + 1
    event = latest()
    assert (event.action, event.actor_id, event.target_type) == (
        "searched",
        world.member_enquiries.pk,
        "enquiries.enquiry",
    )
    assert event.extra == {
        "list": "api",
        "filters": {"search": "mould", "ward": world.east_ward.pk},
        "count": 1,
        "page": 1,
        "shown": [mould.reference],
    }
    client.get(ENQUIRIES)
    assert (latest().action, latest().extra["count"]) == ("listed", 2)


def test_a_refused_filter_or_missing_page_shows_nothing_and_records_nothing(world):
    raise_one(world)
    client = signed_in(world.member_enquiries)
    before = AuditEvent.objects.count()
    assert client.get(ENQUIRIES, {"rag": "blue"}).status_code == 400
    assert client.get(ENQUIRIES, {"page": 9}).status_code == 404
    assert AuditEvent.objects.count() == before


def test_filtered_counts_are_recorded_and_plain_totals_are_not(world):
    triaged(world)
    raise_one(world, subject="Pothole", body="Deep pothole on Mill Lane.", resident=None)
    client = signed_in(world.councillor)
    before = AuditEvent.objects.count()
    client.get(COUNTS)
    assert AuditEvent.objects.count() == before
    assert client.get(COUNTS, {"q": "mould"}).json()["total"] == 1
    event = latest()
    assert (event.action, event.actor_id) == ("counted", world.councillor.pk)
    assert event.extra == {"list": "api-counts", "filters": {"search": "mould"}, "count": 1}


def test_one_audit_event_per_api_page_however_many_rows(world):
    client = signed_in(world.member_enquiries)

    def inserts() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ENQUIRIES).status_code == 200
        return sum(
            1 for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')
        )

    raise_one(world)
    assert inserts() == 1
    for _ in range(10):
        raise_one(world)
    assert inserts() == 1
