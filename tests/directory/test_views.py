"""The directory's pages, as the people the protocol speaks of use them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from nolan.directory import models as d
from tests.personas import TERM_START, make_user


def url(name, *args):
    return reverse(f"directory:{name}", args=args)


def page(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(url(name, *args), query)


def member_of(user):
    return d.Member.objects.get(user=user)


def officer_of(user):
    return d.Officer.objects.get(user=user)


@pytest.fixture
def committee(ashdown):
    planning = d.Committee.objects.create(
        name="Planning Committee", kind="regulatory", terms_of_reference="Decides planning applications."
    )
    d.Committee.objects.create(name="Planning Sub-Committee A", kind="regulatory", parent=planning)
    d.CommitteeMembership.objects.create(
        committee=planning, member=member_of(ashdown.same_group_councillor), role="chair", start=TERM_START
    )
    d.CommitteeMembership.objects.create(
        committee=planning, member=member_of(ashdown.councillor), role="member", start=TERM_START
    )
    return planning


@pytest.fixture
def no_place(db):
    """An account that holds no place in the council: not a Member, not an officer, no role."""
    return make_user("visitor@ashdown.test", "Vic", "Visitor", second_factor=False)


# Browsing ----------------------------------------------------------------------------------------


def test_a_councillor_finds_members_and_filters_them(client, ashdown):
    response = page(client, ashdown.councillor, "member_list")
    assert response.status_code == 200
    for name in ("Aisha Rahman", "Ben Okafor", "Carys Hughes", "Tom Whitfield", "Priya Shah"):
        assert name in response.text
    assert "Fred Former" not in response.text

    in_east = page(client, ashdown.councillor, "member_list", ward=ashdown.east_ward.pk).text
    assert "Aisha Rahman" in in_east and "Carys Hughes" not in in_east

    opposition = page(client, ashdown.councillor, "member_list", group=ashdown.opposition.pk).text
    assert "Tom Whitfield" in opposition and "Aisha Rahman" not in opposition

    by_name = page(client, ashdown.councillor, "member_list", q="okafor").text
    assert "Ben Okafor" in by_name and "Aisha Rahman" not in by_name


def test_members_with_no_group_are_found_as_independent(client, ashdown):
    member = d.Member.objects.create(first_name="Ivy", last_name="Stand", email="ivy@ashdown.test")
    d.WardMembership.objects.create(member=member, ward=ashdown.west_ward)
    response = page(client, ashdown.councillor, "member_list", group="independent")
    assert "Ivy Stand" in response.text
    assert "Aisha Rahman" not in response.text


def test_the_members_list_is_paginated_25_to_a_page(client, ashdown):
    for i in range(30):
        d.Member.objects.create(first_name=f"Extra{i:02}", last_name="Zed", email=f"x{i}@ashdown.test")
    first = page(client, ashdown.councillor, "member_list")
    assert "Showing 1 to 25 of 35 Members" in first.text
    assert 'class="govuk-pagination"' in first.text
    second = page(client, ashdown.councillor, "member_list", page=2)
    assert "Showing 26 to 35 of 35 Members" in second.text
    assert "Extra29" in second.text


def test_a_councillor_sees_a_members_wards_group_offices_roles_and_committees(client, ashdown, committee):
    leader = page(client, ashdown.councillor, "member_detail", member_of(ashdown.opposition_leader).pk)
    assert leader.status_code == 200
    assert "Westmarsh" in leader.text
    assert "Ashdown Independents Group" in leader.text
    assert "Group leader" in leader.text

    cabinet = page(client, ashdown.councillor, "member_detail", member_of(ashdown.cabinet_member).pk)
    assert "Cabinet or Executive Member for Housing" in cabinet.text

    chair = page(client, ashdown.councillor, "member_detail", member_of(ashdown.same_group_councillor).pk)
    assert "Planning Committee" in chair.text and "Chair" in chair.text
    assert "5 May 2022" in chair.text  # term of office
    assert "History" not in chair.text  # the history is for Member Services


def test_a_councillor_browses_wards_groups_and_committees(client, ashdown, committee):
    wards = page(client, ashdown.councillor, "ward_list").text
    assert "Eastgate" in wards and "Aisha Rahman" in wards and "Priya Shah" in wards

    ward = page(client, ashdown.councillor, "ward_detail", ashdown.west_ward.pk).text
    assert "Carys Hughes" in ward and "Tom Whitfield" in ward and "Aisha Rahman" not in ward

    groups = page(client, ashdown.councillor, "group_list").text
    assert "Riverside Labour Group" in groups and "Administration" in groups and "Opposition" in groups
    assert "Group leader" in groups and "Tom Whitfield" in groups

    group = page(client, ashdown.councillor, "group_detail", ashdown.opposition.pk).text
    assert "Ben Okafor" in group and "Group leader" in group and "Aisha Rahman" not in group

    committees = page(client, ashdown.councillor, "committee_list").text
    assert "Planning Committee" in committees and "Planning Sub-Committee A" in committees

    detail = page(client, ashdown.councillor, "committee_detail", committee.pk).text
    assert "Decides planning applications." in detail
    assert "Planning Sub-Committee A" in detail
    assert "Carys Hughes" in detail and "Aisha Rahman" in detail


def test_a_councillor_browses_officers_directorates_and_statutory_officers(client, ashdown):
    officers = page(client, ashdown.councillor, "officer_list").text
    assert "Sam Lee" in officers and "Housing Officer" in officers and "Helen Marsh" in officers

    housing = page(client, ashdown.councillor, "officer_list", service=ashdown.housing.pk).text
    assert "Sam Lee" in housing and "Nina Patel" not in housing
    resources = page(client, ashdown.councillor, "officer_list", directorate=ashdown.resources.pk).text
    assert "Nina Patel" in resources and "Sam Lee" not in resources
    solicitor = page(client, ashdown.councillor, "officer_list", q="solicitor").text
    assert "Nina Patel" in solicitor and "Sam Lee" not in solicitor

    directorates = page(client, ashdown.councillor, "directorate_list").text
    assert "Place" in directorates and "Waste and Street Cleaning" in directorates

    director = page(client, ashdown.councillor, "officer_detail", officer_of(ashdown.director).pk).text
    assert "Director of Place" in director
    assert "Helen Marsh" in director  # line manager
    assert "Sam Lee" in director  # direct report

    statutory = page(client, ashdown.councillor, "statutory_officers").text
    assert "Monitoring Officer" in statutory and "Grace Adeyemi" in statutory
    assert "Head of Paid Service" in statutory and "Helen Marsh" in statutory


@pytest.mark.parametrize("who", ["former_councillor", "no_place"])
def test_someone_with_no_place_in_the_council_sees_nothing(client, ashdown, committee, who, no_place):
    user = no_place if who == "no_place" else ashdown.former_councillor
    details = [
        ("member_detail", member_of(ashdown.councillor).pk),
        ("member_detail", member_of(ashdown.former_councillor).pk),
        ("ward_detail", ashdown.east_ward.pk),
        ("group_detail", ashdown.administration.pk),
        ("committee_detail", committee.pk),
        ("officer_detail", officer_of(ashdown.officer).pk),
    ]
    for name, pk in details:
        assert page(client, user, name, pk).status_code == 404, name

    for name in ("member_list", "ward_list", "group_list", "committee_list", "officer_list"):
        response = page(client, user, name)
        assert response.status_code == 200
        for seen in ("Aisha Rahman", "Eastgate", "Riverside Labour", "Planning Committee", "Sam Lee"):
            assert seen not in response.text, (name, seen)
        assert "Showing" not in response.text
    for name in ("directorate_list", "statutory_officers"):
        text = page(client, user, name).text
        assert "Housing Management" not in text and "Grace Adeyemi" not in text


def test_the_directory_needs_a_sign_in(client, ashdown):
    response = client.get(url("member_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Personnel details -------------------------------------------------------------------------------


@pytest.fixture
def sam(ashdown):
    officer = officer_of(ashdown.officer)
    officer.employee_number = "E10442"
    officer.save()
    post = officer.posts.get()
    post.politically_restricted = True
    post.save()
    return officer


def test_councillors_do_not_see_officers_personnel_details(client, ashdown, sam):
    text = page(client, ashdown.councillor, "officer_detail", sam.pk).text
    assert "Sam Lee" in text
    assert "E10442" not in text
    assert "Employee number" not in text
    assert "Politically restricted" not in text


def test_member_services_sees_officers_personnel_details(client, ashdown, sam):
    text = page(client, ashdown.member_services, "officer_detail", sam.pk).text
    assert "E10442" in text
    assert "Employee" in text  # employment type
    assert "Politically restricted post" in text


def test_an_officer_sees_their_own_personnel_details_but_not_a_colleagues(client, ashdown, sam):
    assert "E10442" in page(client, ashdown.officer, "officer_detail", sam.pk).text
    colleague = officer_of(ashdown.other_service_officer)
    assert "Employee number" not in page(client, ashdown.officer, "officer_detail", colleague.pk).text


# Constant query counts ---------------------------------------------------------------------------


def _more_members(ashdown, n):
    for i in range(n):
        member = d.Member.objects.create(
            first_name=f"Extra{i:02}", last_name="Zed", email=f"x{i}@ashdown.test", start=TERM_START
        )
        d.WardMembership.objects.create(member=member, ward=ashdown.east_ward, start=TERM_START)
        d.GroupMembership.objects.create(member=member, group=ashdown.administration, start=TERM_START)
        d.MemberRole.objects.create(member=member, kind="scrutiny_lead", portfolio=f"P{i}", start=TERM_START)
        d.GroupOfficeHolding.objects.create(
            group=ashdown.administration, member=member, office="whip", start=TERM_START
        )


def _more_officers(ashdown, n):
    for i in range(n):
        officer = d.Officer.objects.create(
            first_name=f"Extra{i:02}",
            last_name="Zed",
            email=f"o{i}@ashdown.test",
            start=datetime.date(2020, 1, 1),
        )
        d.Post.objects.create(
            officer=officer,
            title="Caseworker",
            directorate=ashdown.place,
            service=ashdown.housing,
            start=datetime.date(2020, 1, 1),
        )


def _queries(client, django_assert_max_num_queries, name, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url(name))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["member_list", "ward_list", "group_list"])
def test_member_pages_take_the_same_number_of_queries_for_10_or_40_members(
    client, ashdown, django_assert_max_num_queries, name
):
    client.force_login(ashdown.councillor)
    _more_members(ashdown, 5)  # 10 current Members in all
    ten = _queries(client, django_assert_max_num_queries, name, 30)
    _more_members(ashdown, 30)  # 40
    forty = _queries(client, django_assert_max_num_queries, name, ten)
    assert forty == ten


def test_the_officers_list_takes_the_same_number_of_queries_for_10_or_40_officers(
    client, ashdown, django_assert_max_num_queries
):
    client.force_login(ashdown.councillor)
    _more_officers(ashdown, 3)  # 10 officers in post
    ten = _queries(client, django_assert_max_num_queries, "officer_list", 30)
    _more_officers(ashdown, 30)
    forty = _queries(client, django_assert_max_num_queries, "officer_list", ten)
    assert forty == ten
