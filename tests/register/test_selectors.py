"""Who a Member has a declared close relationship with on a given day: the officers routing passes
over (tests/enquiries/test_services.py shows an enquiry routed elsewhere because of one)."""

from __future__ import annotations

import datetime

import pytest

from nolan.register import selectors, services
from nolan.register.models import RelationshipNature
from tests.register.conftest import member_of, officer_of

pytestmark = pytest.mark.django_db

DECLARED = datetime.date(2026, 1, 5)
ENDED = datetime.date(2026, 6, 1)


@pytest.fixture
def declared(ashdown):
    """Cllr Rahman declared a family relationship with Sam Lee on 5 January 2026, ended on 1 June; and
    a close friendship with Nina Patel the same day, not ended. Cllr Rahman's ward colleague declared
    nothing."""
    member = member_of(ashdown.councillor)
    ended = services.relationship_declare(
        actor=ashdown.monitoring_officer,
        member=member,
        officer=officer_of(ashdown.officer),
        nature="family",
        details="Her nephew",
        declared_on=DECLARED,
    )
    services.relationship_end(actor=ashdown.monitoring_officer, relationship=ended, ended_on=ENDED)
    services.relationship_declare(
        actor=ashdown.monitoring_officer,
        member=member,
        officer=officer_of(ashdown.other_service_officer),
        nature="close_friendship",
        declared_on=DECLARED,
    )
    return ashdown


def related(ashdown, user, on):
    return selectors.related_officers(member_id=member_of(user).pk, on=on)


def test_a_declaration_holds_from_the_day_it_is_declared_until_the_day_it_ends(declared):
    sam, nina = officer_of(declared.officer).pk, officer_of(declared.other_service_officer).pk
    day = datetime.timedelta(days=1)
    assert related(declared, declared.councillor, DECLARED - day) == {}
    assert related(declared, declared.councillor, DECLARED) == {
        sam: RelationshipNature.FAMILY,
        nina: RelationshipNature.CLOSE_FRIENDSHIP,
    }
    assert related(declared, declared.councillor, ENDED - day) == {
        sam: RelationshipNature.FAMILY,
        nina: RelationshipNature.CLOSE_FRIENDSHIP,
    }
    assert related(declared, declared.councillor, ENDED) == {nina: RelationshipNature.CLOSE_FRIENDSHIP}


def test_another_members_declarations_are_not_theirs(declared):
    assert related(declared, declared.same_ward_councillor, ENDED) == {}
