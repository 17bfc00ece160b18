"""Member Enquiries over the API under careless or hostile use: each test is a problem found in
review (a server error, or something stored that should not be), and failed before its fix."""

from __future__ import annotations

import pytest

from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import triaged

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
