"""Fixtures for the API: a client signed in as a persona, and people with no place in the council."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from nolan.directory import models as d
from tests.personas import TERM_START, make_user


@pytest.fixture(autouse=True)
def _fresh_throttle(db):
    """The API's request throttle counts in the cache (a table in the database); each test starts
    with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client):
    """``api(user)``: the test client signed in as ``user`` (a web session, as a browser has)."""

    def signed_in(user):
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def no_place(db):
    """An account that holds no place in the council: not a Member, not an officer, no role."""
    return make_user("visitor@ashdown.test", "Vic", "Visitor", second_factor=False)


@pytest.fixture
def planning(ashdown):
    """The Planning Committee: Carys Hughes in the chair, Aisha Rahman a member, one sub-committee."""
    committee = d.Committee.objects.create(
        name="Planning Committee", kind="regulatory", terms_of_reference="Decides planning applications."
    )
    d.Committee.objects.create(name="Planning Sub-Committee A", kind="regulatory", parent=committee)
    for user, role in ((ashdown.councillor, "member"), (ashdown.same_group_councillor, "chair")):
        d.CommitteeMembership.objects.create(
            committee=committee, member=d.Member.objects.get(user=user), role=role, start=TERM_START
        )
    return committee
