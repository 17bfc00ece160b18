"""Member Enquiries over the API under careless or hostile use: each test is a problem found in
review (a server error, or something stored that should not be), and failed before its fix."""

from __future__ import annotations

import pytest

from nolan.enquiries.models import Enquiry
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import raise_one, triaged

frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

pytestmark = pytest.mark.django_db


def test_a_holding_reply_dated_years_ahead_is_a_400_and_the_enquiry_stays_readable(world, api):
    # It was stored, and then every read of the enquiry ended in a server error (working out its
    # red/amber/green from a due date the working-day calendar cannot reach).
    enquiry = triaged(world)
    client = api(world.officer)
    step = f"/api/v1/enquiries/{enquiry.reference}/holding-reply/"
    answer = client.post(
        step,
        {"text": "We are looking into it.", "reason": "The surveyor is away.", "new_due": "9999-12-31"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "more than a year" in answer.json()["detail"]
    read = client.get(f"/api/v1/enquiries/{enquiry.reference}/")
    assert read.status_code == 200
    assert read.json()["revised_due"] is None


def test_the_team_cannot_link_a_members_enquiry_to_another_members(world, api):
    # The team sees every enquiry, so it could make Cllr Rahman's new enquiry "follow up" Cllr
    # Okafor's; her page and the API then showed her his enquiry's reference, and triage read his
    # enquiry's classification for hers.
    his = raise_one(world, actor=world.same_ward_councillor, subject="Fly-tipping on Mill Lane")
    client = api(world.member_enquiries)
    answer = client.post(
        "/api/v1/enquiries/",
        {
            "subject": "Fly-tipping again",
            "body": "It is back.",
            "category": world.other_category.pk,
            "member": world.member_of(world.councillor).pk,
            "follows_up": his.reference,
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "follows_up" in answer.json()["errors"]
    assert Enquiry.objects.count() == 1


def test_the_team_can_link_a_members_enquiry_to_her_earlier_one(world, api):
    hers = raise_one(world)
    answer = api(world.member_enquiries).post(
        "/api/v1/enquiries/",
        {
            "subject": "Damp again",
            "body": "The mould is back.",
            "category": world.other_category.pk,
            "member": world.member_of(world.councillor).pk,
            "follows_up": hers.reference,
        },
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert answer.json()["follows_up"] == hers.reference
