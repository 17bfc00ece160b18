"""Recording and ending declarations of close relationships, as the protocol's people do it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nolan.audit.models import AuditEvent
from nolan.register import services
from nolan.register.models import DeclaredRelationship
from tests.register.conftest import member_of, officer_of

pytestmark = pytest.mark.django_db


def stored():
    return list(DeclaredRelationship.objects.values()), AuditEvent.objects.count()


def declare(ashdown, actor, **values):
    return services.relationship_declare(
        actor=actor,
        member=member_of(ashdown.councillor),
        officer=officer_of(ashdown.officer),
        **{"nature": "family", "details": "Sam Lee is Cllr Rahman's nephew", **values},
    )


def test_the_monitoring_officer_records_a_declaration_and_the_trail_names_no_details(ashdown):
    relationship = declare(ashdown, ashdown.monitoring_officer, declared_on=datetime.date(2026, 1, 5))
    assert (relationship.nature, relationship.declared_on) == ("family", datetime.date(2026, 1, 5))
    event = AuditEvent.objects.get(action="register.relationship_declared")
    assert event.capacity == "Director of Law and Governance"
    assert event.after == {
        "member": member_of(ashdown.councillor).pk,
        "officer": officer_of(ashdown.officer).pk,
        "nature": "family",
    }
    assert "nephew" not in f"{event.target_label} {event.after} {event.extra} {event.reason}"


@pytest.mark.parametrize("who", ["councillor", "officer", "director", "member_services", "chief_executive"])
def test_only_the_monitoring_officer_or_the_enquiries_team_may_record_one(ashdown, who):
    before = stored()
    with pytest.raises(PermissionDenied, match="Only the Monitoring Officer's office or the Member"):
        declare(ashdown, getattr(ashdown, who))
    assert stored() == before


def test_a_declaration_with_markup_or_no_kind_is_refused_and_nothing_is_written(ashdown):
    before = stored()
    with pytest.raises(ValidationError) as error:
        declare(ashdown, ashdown.member_enquiries, nature="cousin", details="<b>Her brother</b>")
    assert error.value.message_dict == {
        "nature": ["Choose the kind of relationship."],
        "details": ["Write the details as plain text: HTML tags such as <script> or <b> cannot be used."],
    }
    assert stored() == before


def test_ending_a_declaration_is_recorded_with_its_day(ashdown):
    relationship = declare(ashdown, ashdown.member_enquiries)
    services.relationship_end(
        actor=ashdown.member_enquiries, relationship=relationship, ended_on=datetime.date(2027, 4, 1)
    )
    relationship.refresh_from_db()
    assert relationship.ended_on == datetime.date(2027, 4, 1)
    event = AuditEvent.objects.get(action="register.relationship_ended")
    assert (event.capacity, event.after) == ("Member Enquiries team", {"ended_on": "2027-04-01"})


def test_only_the_monitoring_officer_or_the_enquiries_team_may_end_one(ashdown):
    relationship = declare(ashdown, ashdown.monitoring_officer)
    before = stored()
    with pytest.raises(PermissionDenied):
        services.relationship_end(actor=ashdown.councillor, relationship=relationship)
    assert stored() == before
