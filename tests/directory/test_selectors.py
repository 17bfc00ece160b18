"""Who sees what in the directory. Every rule has its negative: nothing, not even a count."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from nolan.accounts.models import User
from nolan.directory import models as m
from nolan.directory import selectors, services


def _everything(user) -> dict[str, int]:
    return {
        "members": selectors.member_list(user=user).count(),
        "former and current members": selectors.member_list(user=user, include_former=True).count(),
        "officers": selectors.officer_list(user=user).count(),
        "wards": selectors.ward_list(user=user).count(),
        "groups": selectors.group_list(user=user).count(),
        "committees": selectors.committee_list(user=user).count(),
        "directorates": selectors.directorate_list(user=user).count(),
        "services": selectors.service_list(user=user).count(),
        "statutory officers": selectors.statutory_officers(user=user).count(),
    }


def _fresh(user) -> User:
    """The user as a new request would load them (capacities are worked out once per user object)."""
    return User.objects.get(pk=user.pk)


def test_a_councillor_sees_the_directory(ashdown):
    seen = _everything(ashdown.councillor)
    assert seen["members"] == 5
    assert seen["officers"] == 7
    assert seen["wards"] == 2


def test_a_former_councillor_sees_no_one_not_even_a_count(ashdown):
    assert set(_everything(ashdown.former_councillor).values()) == {0}
    member = m.Member.objects.get(user=ashdown.councillor)
    assert selectors.member_get(user=ashdown.former_councillor, pk=member.pk) is None
    officer = m.Officer.objects.get(user=ashdown.officer)
    assert selectors.officer_get(user=ashdown.former_councillor, pk=officer.pk) is None


def test_an_account_with_no_place_in_the_council_sees_nothing(ashdown):
    stranger = User.objects.create_user("someone@example.org", "x" * 20)
    assert set(_everything(stranger).values()) == {0}
    assert not selectors.can_read_directory(stranger)
    assert not selectors.can_see_personnel_details(stranger)


def test_a_councillor_whose_term_ends_sees_nothing_from_the_next_day(ashdown):
    member = m.Member.objects.get(user=ashdown.same_group_councillor)
    services.member_end_term(
        actor=ashdown.member_services,
        member=member,
        end=timezone.localdate(),
        reason="Resigned",
    )
    assert set(_everything(_fresh(ashdown.same_group_councillor)).values()) == {0}


def test_an_officer_who_has_left_sees_nothing(ashdown):
    officer = m.Officer.objects.get(user=ashdown.officer)
    services.officer_leave(
        actor=ashdown.member_services, officer=officer, end=timezone.localdate(), reason="Resigned"
    )
    assert set(_everything(_fresh(ashdown.officer)).values()) == {0}


def test_former_members_are_listed_only_when_asked_for(ashdown):
    names = {x.last_name for x in selectors.member_list(user=ashdown.member_services)}
    assert "Former" not in names
    names = {x.last_name for x in selectors.member_list(user=ashdown.member_services, include_former=True)}
    assert "Former" in names


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("member_services", True),
        ("councillor", False),
        ("cabinet_member", False),
        ("member_enquiries", False),
        ("director", False),
        ("other_service_officer", False),
    ],
)
def test_personnel_details_are_for_member_services_not_councillors(ashdown, persona, sees):
    officer = m.Officer.objects.get(user=ashdown.officer)
    assert selectors.can_see_personnel_details(getattr(ashdown, persona), officer) is sees


def test_an_officer_sees_their_own_personnel_details(ashdown):
    officer = m.Officer.objects.get(user=ashdown.officer)
    assert selectors.can_see_personnel_details(ashdown.officer, officer)


def test_independents_are_members_with_no_current_group(ashdown):
    member = m.Member.objects.get(user=ashdown.same_ward_councillor)
    services.group_membership_change(
        actor=ashdown.member_services, member=member, group=None, on=timezone.localdate()
    )
    independents = selectors.member_list(user=ashdown.councillor, group="independent")
    assert [x.pk for x in independents] == [member.pk]


def test_a_future_member_is_not_yet_listed(ashdown):
    services.member_create(
        actor=ashdown.member_services,
        first_name="Zara",
        last_name="Khan",
        email="zara.khan@ashdown.test",
        start=timezone.localdate() + datetime.timedelta(days=30),
        wards=[ashdown.east_ward],
    )
    assert "Khan" not in {x.last_name for x in selectors.member_list(user=ashdown.councillor)}


@pytest.mark.django_db
def test_the_council_is_none_until_one_is_set_up_and_then_the_first():
    assert selectors.the_council() is None
    first = m.Council.objects.create(name="London Borough of Ashdown", protocol_profile="tower-hamlets")
    m.Council.objects.create(name="A second row", protocol_profile="haringey")
    assert selectors.the_council() == first
