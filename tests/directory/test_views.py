"""The directory's pages, as the people the protocol speaks of use them."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nolan.directory import models as d
from nolan.directory.imports import example_csv
from tests.personas import TERM_START, make_user


def url(name, *args):
    return reverse(f"directory:{name}", args=args)


def page(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(url(name, *args), query)


def main(response) -> str:
    """The page's own content: what is inside <main>, without the frame (which names who is signed in)."""
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


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
        assert name in main(response)
    assert "Fred Former" not in main(response)

    in_east = main(page(client, ashdown.councillor, "member_list", ward=ashdown.east_ward.pk))
    assert "Aisha Rahman" in in_east and "Carys Hughes" not in in_east

    opposition = main(page(client, ashdown.councillor, "member_list", group=ashdown.opposition.pk))
    assert "Tom Whitfield" in opposition and "Aisha Rahman" not in opposition

    by_name = main(page(client, ashdown.councillor, "member_list", q="okafor"))
    assert "Ben Okafor" in by_name and "Aisha Rahman" not in by_name


def test_members_with_no_group_are_found_as_independent(client, ashdown):
    member = d.Member.objects.create(first_name="Ivy", last_name="Stand", email="ivy@ashdown.test")
    d.WardMembership.objects.create(member=member, ward=ashdown.west_ward)
    response = page(client, ashdown.councillor, "member_list", group="independent")
    assert "Ivy Stand" in main(response)
    assert "Aisha Rahman" not in main(response)


def test_the_members_list_is_paginated_25_to_a_page(client, ashdown):
    for i in range(30):
        d.Member.objects.create(first_name=f"Extra{i:02}", last_name="Zed", email=f"x{i}@ashdown.test")
    first = page(client, ashdown.councillor, "member_list")
    assert "Showing 1 to 25 of 35 Members" in main(first)
    assert 'class="govuk-pagination"' in main(first)
    second = page(client, ashdown.councillor, "member_list", page=2)
    assert "Showing 26 to 35 of 35 Members" in main(second)
    assert "Extra29" in main(second)


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("", "Give a page number, a whole number from 1, or leave page out for the first page."),
        ("abc", "There is no page “abc”: pages are numbered from 1."),
        ("0", "There is no page “0”: pages are numbered from 1."),
        ("-1", "There is no page “-1”: pages are numbered from 1."),
    ],
)
@pytest.mark.parametrize("name", ["member_list", "officer_list"])
def test_a_page_number_that_is_not_one_shows_the_first_page_and_says_why(
    client, ashdown, name, asked, message
):
    response = page(client, ashdown.member_services, name, page=asked)
    assert response.status_code == 200
    assert f"{message} This is the first page." in main(response)
    assert "govuk-notification-banner" in main(response)


def test_a_page_past_the_last_shows_the_last_and_says_so(client, ashdown):
    for i in range(30):
        d.Member.objects.create(first_name=f"Extra{i:02}", last_name="Zed", email=f"x{i}@ashdown.test")
    response = page(client, ashdown.councillor, "member_list", page=9)
    assert "There is no page 9: the list has 2 pages. This is the last." in main(response)
    assert "Showing 26 to 35 of 35 Members" in main(response)


def test_a_councillor_sees_a_members_wards_group_offices_roles_and_committees(client, ashdown, committee):
    leader = page(client, ashdown.councillor, "member_detail", member_of(ashdown.opposition_leader).pk)
    assert leader.status_code == 200
    assert "Westmarsh" in main(leader)
    assert "Ashdown Independents Group" in main(leader)
    assert "Group leader" in main(leader)

    cabinet = page(client, ashdown.councillor, "member_detail", member_of(ashdown.cabinet_member).pk)
    assert "Cabinet or Executive Member for Housing" in main(cabinet)

    chair = page(client, ashdown.councillor, "member_detail", member_of(ashdown.same_group_councillor).pk)
    assert "Planning Committee" in main(chair) and "Chair" in main(chair)
    assert "5 May 2022" in main(chair)  # term of office
    assert "History" not in main(chair)  # the history is for Member Services


def test_a_councillor_browses_wards_groups_and_committees(client, ashdown, committee):
    wards = main(page(client, ashdown.councillor, "ward_list"))
    assert "Eastgate" in wards and "Aisha Rahman" in wards and "Priya Shah" in wards

    ward = main(page(client, ashdown.councillor, "ward_detail", ashdown.west_ward.pk))
    assert "Carys Hughes" in ward and "Tom Whitfield" in ward and "Aisha Rahman" not in ward

    groups = main(page(client, ashdown.councillor, "group_list"))
    assert "Riverside Labour Group" in groups and "Administration" in groups and "Opposition" in groups
    assert "Group leader" in groups and "Tom Whitfield" in groups

    group = main(page(client, ashdown.councillor, "group_detail", ashdown.opposition.pk))
    assert "Ben Okafor" in group and "Group leader" in group and "Aisha Rahman" not in group

    committees = main(page(client, ashdown.councillor, "committee_list"))
    assert "Planning Committee" in committees and "Planning Sub-Committee A" in committees

    detail = main(page(client, ashdown.councillor, "committee_detail", committee.pk))
    assert "Decides planning applications." in detail
    assert "Planning Sub-Committee A" in detail
    assert "Carys Hughes" in detail and "Aisha Rahman" in detail


def test_a_councillor_browses_officers_directorates_and_statutory_officers(client, ashdown):
    officers = main(page(client, ashdown.councillor, "officer_list"))
    assert "Sam Lee" in officers and "Housing Officer" in officers and "Helen Marsh" in officers

    housing = main(page(client, ashdown.councillor, "officer_list", service=ashdown.housing.pk))
    assert "Sam Lee" in housing and "Nina Patel" not in housing
    resources = main(page(client, ashdown.councillor, "officer_list", directorate=ashdown.resources.pk))
    assert "Nina Patel" in resources and "Sam Lee" not in resources
    solicitor = main(page(client, ashdown.councillor, "officer_list", q="solicitor"))
    assert "Nina Patel" in solicitor and "Sam Lee" not in solicitor

    directorates = main(page(client, ashdown.councillor, "directorate_list"))
    assert "Place" in directorates and "Waste and Street Cleaning" in directorates

    director = main(page(client, ashdown.councillor, "officer_detail", officer_of(ashdown.director).pk))
    assert "Director of Place" in director
    assert "Helen Marsh" in director  # line manager
    assert "Sam Lee" in director  # direct report

    statutory = main(page(client, ashdown.councillor, "statutory_officers"))
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
            assert seen not in main(response), (name, seen)
        assert "Showing" not in main(response)
    for name in ("directorate_list", "statutory_officers"):
        text = main(page(client, user, name))
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
    text = main(page(client, ashdown.councillor, "officer_detail", sam.pk))
    assert "Sam Lee" in text
    assert "E10442" not in text
    assert "Employee number" not in text
    assert "Politically restricted" not in text


def test_member_services_sees_officers_personnel_details(client, ashdown, sam):
    text = main(page(client, ashdown.member_services, "officer_detail", sam.pk))
    assert "E10442" in text
    assert "Employee" in text  # employment type
    assert "Politically restricted post" in text


def test_an_officer_sees_their_own_personnel_details_but_not_a_colleagues(client, ashdown, sam):
    assert "E10442" in main(page(client, ashdown.officer, "officer_detail", sam.pk))
    colleague = officer_of(ashdown.other_service_officer)
    assert "Employee number" not in main(page(client, ashdown.officer, "officer_detail", colleague.pk))


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


# Who may maintain the directory ------------------------------------------------------------------


def _maintenance_pages(ashdown, committee):
    member = member_of(ashdown.councillor).pk
    officer = officer_of(ashdown.officer).pk
    return [
        ("member_add",),
        ("member_import",),
        ("member_import_example",),
        ("member_edit", member),
        ("member_end_term", member),
        ("member_change_group", member),
        ("member_add_ward", member),
        ("member_group_office", member),
        ("member_role", member),
        ("member_committee", member),
        ("member_account", member),
        ("ward_add",),
        ("ward_edit", ashdown.east_ward.pk),
        ("group_add",),
        ("group_edit", ashdown.opposition.pk),
        ("committee_add",),
        ("committee_edit", committee.pk),
        ("directorate_add",),
        ("directorate_edit", ashdown.place.pk),
        ("service_add",),
        ("service_edit", ashdown.housing.pk),
        ("officer_add",),
        ("officer_import",),
        ("officer_import_example",),
        ("officer_edit", officer),
        ("officer_new_post", officer),
        ("officer_leave", officer),
        ("officer_statutory_role", officer),
        ("officer_account", officer),
    ]


@pytest.mark.parametrize("who", ["councillor", "officer", "member_enquiries"])
def test_only_member_services_may_reach_the_maintenance_pages(client, ashdown, committee, who):
    client.force_login(getattr(ashdown, who))
    for name, *args in _maintenance_pages(ashdown, committee):
        assert client.get(url(name, *args)).status_code == 403, name
        assert client.post(url(name, *args), {"reason": "x"}).status_code == 403, name
    assert d.Member.objects.count() == 6  # nothing was changed on the way


@pytest.mark.parametrize("who", ["councillor", "officer"])
def test_others_see_no_change_links(client, ashdown, committee, who):
    user = getattr(ashdown, who)
    pages = [
        ("index",),
        ("member_list",),
        ("member_detail", member_of(ashdown.councillor).pk),
        ("ward_list",),
        ("group_detail", ashdown.opposition.pk),
        ("committee_detail", committee.pk),
        ("directorate_list",),
        ("officer_list",),
        ("officer_detail", officer_of(ashdown.officer).pk),
    ]
    for name, *args in pages:
        text = main(page(client, user, name, *args))
        assert ">Change<" not in text, name
        for action in ("Add a Member", "Import Members", "Add an officer", "End<", "Assign<"):
            assert action not in text, (name, action)


def test_member_services_sees_the_change_links(client, ashdown):
    text = main(page(client, ashdown.member_services, "member_detail", member_of(ashdown.councillor).pk))
    assert url("member_edit", member_of(ashdown.councillor).pk) in text
    assert url("member_change_group", member_of(ashdown.councillor).pk) in text
    assert "Add a Member" in main(page(client, ashdown.member_services, "member_list"))


# Member Services keeps the directory -------------------------------------------------------------


def _today():
    return datetime.date.today()


def date_boxes(name, day: datetime.date) -> dict:
    """What the GOV.UK date input's day, month and year boxes post."""
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_member_services_adds_a_member_with_their_ward_and_group(client, ashdown):
    client.force_login(ashdown.member_services)
    response = client.post(
        url("member_add"),
        {
            "title": "Cllr",
            "first_name": "Dev",
            "last_name": "Anand",
            "email": "Dev.Anand@ashdown.test",
            "kind": "councillor",
            **date_boxes("start", TERM_START),
            "wards": [ashdown.west_ward.pk],
            "group": ashdown.administration.pk,
        },
        follow=True,
    )
    member = d.Member.objects.get(email="dev.anand@ashdown.test")
    assert response.redirect_chain[-1][0] == url("member_detail", member.pk)
    assert "govuk-notification-banner--success" in main(response)
    assert "Cllr Dev Anand added" in main(response)
    assert "Westmarsh" in main(response) and "Riverside Labour Group" in main(response)


def test_a_bad_value_is_shown_on_its_field_and_nothing_is_saved(client, ashdown):
    client.force_login(ashdown.member_services)
    response = client.post(url("ward_add"), {"name": "eastgate", "seats": 3})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["There is already a current ward called “Eastgate”."]
    assert "There is a problem" in main(response)
    assert d.Ward.objects.count() == 2


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text."


def _name_changes(ashdown) -> dict:
    """Pages that take a name: what they post (the name hiding text), its field and the field's label."""
    member, service = member_of(ashdown.councillor), ashdown.housing
    hidden = f"Housing {RLO}gnitsixe"  # shown as "Housing existing"
    return {
        "ward_add": ((), {"name": hidden, "seats": 3}, "name", "Name"),
        "directorate_add": ((), {"name": hidden}, "name", "Name"),
        "service_edit": (
            (service.pk,),
            {"directorate": service.directorate_id, "name": hidden, "reason": "Renamed"},
            "name",
            "Name",
        ),
        "member_edit": (
            (member.pk,),
            {
                "title": "Cllr",
                "first_name": "Aisha",
                "last_name": hidden,
                "email": member.email,
                "kind": "councillor",
                "reason": "Spelling",
            },
            "last_name",
            "Last name",
        ),
    }


@pytest.mark.parametrize("name", ["ward_add", "directorate_add", "service_edit", "member_edit"])
def test_a_name_that_would_read_backwards_is_refused_on_its_field(client, ashdown, name):
    args, data, field, label = _name_changes(ashdown)[name]
    tables = (d.Ward, d.Directorate, d.Service, d.Member)
    before = [list(model.objects.order_by("pk").values()) for model in tables]
    client.force_login(ashdown.member_services)
    response = client.post(url(name, *args), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [f"{label} {DIRECTION}"]
    assert "There is a problem" in main(response)
    assert [list(model.objects.order_by("pk").values()) for model in tables] == before


def test_changing_a_members_group_keeps_both_in_the_history(client, ashdown):
    member = member_of(ashdown.same_group_councillor)
    client.force_login(ashdown.member_services)
    response = client.post(
        url("member_change_group", member.pk),
        {"group": ashdown.opposition.pk, **date_boxes("on", _today()), "reason": "Crossed the floor"},
        follow=True,
    )
    assert "Cllr Carys Hughes is now a member of Ashdown Independents Group" in main(response)
    history = main(response).split("History", 1)[1]
    assert "Riverside Labour Group" in history and "Ashdown Independents Group" in history
    assert f"{_today().day} {_today():%B %Y}" in history  # the day the old membership ended
    assert list(member.group_memberships.current().values_list("group", flat=True)) == [ashdown.opposition.pk]

    # a councillor sees the new group but not the history
    text = main(page(client, ashdown.councillor, "member_detail", member.pk))
    assert "Ashdown Independents Group" in text and "Riverside Labour Group" not in text


def test_ending_a_term_needs_a_reason(client, ashdown):
    member = member_of(ashdown.councillor)
    client.force_login(ashdown.member_services)
    response = client.post(url("member_end_term", member.pk), date_boxes("end", _today()))
    assert "reason" in response.context["form"].errors
    member.refresh_from_db()
    assert member.end is None


def test_a_member_cannot_be_added_as_an_officer(client, ashdown):
    """Haringey 7.03: Members cannot be employed by the council. The refusal says so and saves nothing."""
    client.force_login(ashdown.member_services)
    officers, users = d.Officer.objects.count(), type(ashdown.councillor).objects.count()
    response = client.post(
        url("officer_add"),
        {
            "first_name": "Aisha",
            "last_name": "Rahman",
            "email": "aisha.rahman@ashdown.test",
            "employment_type": "employee",
            **date_boxes("start", _today()),
            "title": "Housing Officer",
            "seniority": 10,
            "service": ashdown.housing.pk,
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in main(response)
    assert "The protocol does not allow this change" in main(response)
    assert "Members cannot be employed by the council (Haringey 7.03)" in main(response)
    assert "Nothing has been saved" in main(response)
    assert d.Officer.objects.count() == officers
    assert d.Post.objects.filter(title="Housing Officer").count() == 1  # Sam Lee's, no other
    assert type(ashdown.councillor).objects.count() == users


def test_member_services_adds_an_officer_with_their_first_post(client, ashdown):
    client.force_login(ashdown.member_services)
    response = client.post(
        url("officer_add"),
        {
            "first_name": "Kit",
            "last_name": "Ndlovu",
            "email": "kit.ndlovu@ashdown.test",
            "employment_type": "agency",
            **date_boxes("start", _today()),
            "title": "Waste Officer",
            "seniority": 10,
            "service": ashdown.waste.pk,
            "line_manager": officer_of(ashdown.director).pk,
        },
        follow=True,
    )
    assert "Kit Ndlovu added" in main(response)
    officer = d.Officer.objects.get(email="kit.ndlovu@ashdown.test")
    post = officer.posts.get()
    assert (post.title, post.directorate, post.line_manager) == (
        "Waste Officer",
        ashdown.place,
        officer_of(ashdown.director),
    )


# Importing from a CSV file -----------------------------------------------------------------------

GOOD_MEMBERS = (
    "first_name,last_name,email,wards,group,term_start\n"
    "Dev,Anand,dev.anand@ashdown.test,Eastgate,Riverside Labour Group,05/05/2022\n"
    "Eve,Brook,eve.brook@ashdown.test,Westmarsh,,05/05/2022\n"
)


def _upload(client, name, content, filename="members.csv", content_type="text/csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(url(name), {"file": SimpleUploadedFile(filename, data, content_type=content_type)})


def test_the_import_page_offers_the_example_file(client, ashdown):
    text = main(page(client, ashdown.member_services, "member_import"))
    assert 'accept=".csv' in text
    assert url("member_import_example") in text
    example = client.get(url("member_import_example"))
    assert example["Content-Type"].startswith("text/csv")
    assert "attachment" in example["Content-Disposition"]
    assert b"first_name" in example.content


def test_a_file_with_one_bad_row_shows_that_row_and_imports_nothing(client, ashdown):
    client.force_login(ashdown.member_services)
    bad = GOOD_MEMBERS + "Fay,Cole,fay.cole@ashdown.test,Eastgat,,05/05/2022\n"
    response = _upload(client, "member_import", bad)
    assert response.status_code == 200
    assert "govuk-error-summary" in main(response)
    assert "nothing was imported" in main(response).lower()
    problems = main(response).split('id="problems"', 1)[1]
    assert ">4<" in problems and ">wards<" in problems and "unknown ward “Eastgat”" in problems
    assert "did you mean “Eastgate”" in problems
    assert not d.Member.objects.filter(email__in=["dev.anand@ashdown.test", "fay.cole@ashdown.test"]).exists()


def test_a_good_file_imports(client, ashdown):
    client.force_login(ashdown.member_services)
    response = _upload(client, "member_import", GOOD_MEMBERS)
    assert response.status_code == 302
    listing = main(client.get(response["Location"]))
    assert "Imported 2 Members" in listing
    assert "Dev Anand" in listing and "Eve Brook" in listing


def test_the_import_refuses_files_that_are_too_big_or_not_csv(client, ashdown):
    client.force_login(ashdown.member_services)
    big = GOOD_MEMBERS + "x" * (2 * 1024 * 1024)
    response = _upload(client, "member_import", big)
    assert response.context["form"].errors["file"] == ["The selected file must be smaller than 2 MB"]
    response = _upload(
        client, "member_import", b"%PDF-1.4", filename="members.pdf", content_type="application/pdf"
    )
    assert response.context["form"].errors["file"] == [
        "The selected file must be a CSV file (its name ends in .csv)"
    ]
    assert d.Member.objects.count() == 6


def test_the_example_officers_file_imports_with_line_managers_from_the_file(client, ashdown):
    client.force_login(ashdown.member_services)
    response = _upload(client, "officer_import", example_csv("officers"), filename="officers-example.csv")
    assert response.status_code == 302
    assert "Imported 3 officers" in main(client.get(response["Location"]))
    lucy = d.Officer.objects.get(email="lucy.brennan@ashdown.test")
    assert lucy.posts.get().line_manager.email == "kwame.mensah@ashdown.test"
