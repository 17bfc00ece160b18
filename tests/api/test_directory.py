"""The directory over the API, as councillors, officers and Member Services use it.

Every visibility rule has its negative: a former councillor and an account with no place in the
council get count 0 and 404s, never a 403 that would say a record exists.
"""

from __future__ import annotations

import datetime

import pytest

from nolan.directory import models as d
from tests.personas import TERM_START

V1 = "/api/v1"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def member_of(user) -> d.Member:
    return d.Member.objects.get(user=user)


def officer_of(user) -> d.Officer:
    return d.Officer.objects.get(user=user)


# Reading the directory -----------------------------------------------------------------------------


def test_a_councillor_lists_members_by_surname_with_their_wards_groups_and_roles(api, ashdown):
    response = api(ashdown.councillor).get(f"{V1}/members/")
    body = response.json()
    assert body["count"] == 5
    assert names(response) == [
        "Cllr Carys Hughes",
        "Cllr Ben Okafor",
        "Cllr Aisha Rahman",
        "Cllr Priya Shah",
        "Cllr Tom Whitfield",
    ]
    shah = body["results"][3]
    assert [w["name"] for w in shah["wards"]] == ["Eastgate"]
    assert shah["group"]["name"] == "Riverside Labour Group"
    assert shah["roles"] == [
        {"kind": "cabinet_member", "label": "Cabinet or Executive Member", "portfolio": "Housing",
         "since": TERM_START.isoformat()}
    ]  # fmt: skip
    whitfield = body["results"][4]
    assert [(o["label"], o["group"]["short_name"]) for o in whitfield["group_offices"]] == [
        ("Group leader", "Independents")
    ]


def test_an_officer_lists_officers_with_their_post_service_and_statutory_roles(api, ashdown):
    response = api(ashdown.officer).get(f"{V1}/officers/")
    assert response.json()["count"] == 7
    by_name = {row["name"]: row for row in response.json()["results"]}
    assert set(by_name) == {
        "Helen Marsh",
        "Daniel Price",
        "Sam Lee",
        "Nina Patel",
        "Grace Adeyemi",
        "Ola Bankole",
        "Ruth Cole",
    }
    grace = by_name["Grace Adeyemi"]
    assert grace["email"] == "monitoring.officer@ashdown.test"
    assert grace["post"]["title"] == "Director of Law and Governance"
    assert grace["post"]["seniority_label"] == "Director"
    assert grace["post"]["service"]["name"] == "Legal and Democratic Services"
    assert grace["post"]["directorate"]["name"] == "Resources"
    assert [r["label"] for r in grace["statutory_roles"]] == ["Monitoring Officer"]


def test_a_councillor_lists_officers_and_an_officer_lists_members(api, ashdown, client):
    assert api(ashdown.councillor).get(f"{V1}/officers/").json()["count"] == 7
    assert api(ashdown.officer).get(f"{V1}/members/").json()["count"] == 5


def test_a_member_s_page_shows_a_former_member_as_out_of_office(api, ashdown):
    former = member_of(ashdown.former_councillor)
    body = api(ashdown.councillor).get(f"{V1}/members/{former.pk}/").json()
    assert body["name"] == "Cllr Fred Former"
    assert body["in_office"] is False
    assert body["term_end"] == TERM_START.isoformat()
    assert body["wards"] == [] and body["group"] is None  # nothing current


def test_wards_groups_directorates_and_services(api, ashdown):
    client = api(ashdown.councillor)
    assert names(client.get(f"{V1}/wards/")) == ["Eastgate", "Westmarsh"]
    groups = client.get(f"{V1}/groups/").json()["results"]
    assert [(g["name"], g["status"]["label"]) for g in groups] == [
        ("Ashdown Independents Group", "Opposition"),
        ("Riverside Labour Group", "Administration"),
    ]
    directorates = client.get(f"{V1}/directorates/").json()["results"]
    assert [(x["name"], [s["name"] for s in x["services"]]) for x in directorates] == [
        ("Place", ["Housing Management", "Waste and Street Cleaning"]),
        ("Resources", ["Legal and Democratic Services"]),
    ]
    services = client.get(f"{V1}/services/", {"directorate": ashdown.place.pk})
    assert names(services) == ["Housing Management", "Waste and Street Cleaning"]
    assert services.json()["results"][0]["directorate"] == {"id": ashdown.place.pk, "name": "Place"}


def test_committees_and_a_committee_with_its_chair_first(api, ashdown, planning):
    client = api(ashdown.officer)
    assert names(client.get(f"{V1}/committees/")) == ["Planning Committee", "Planning Sub-Committee A"]
    body = client.get(f"{V1}/committees/{planning.pk}/").json()
    assert [(p["member"]["name"], p["role_label"]) for p in body["members"]] == [
        ("Cllr Carys Hughes", "Chair"),
        ("Cllr Aisha Rahman", "Member"),
    ]
    assert [s["name"] for s in body["sub_committees"]] == ["Planning Sub-Committee A"]
    assert body["terms_of_reference"] == "Decides planning applications."


# Filters and pages ---------------------------------------------------------------------------------


def test_members_filtered_by_ward_group_independent_and_words(api, ashdown):
    client = api(ashdown.councillor)
    members = f"{V1}/members/"
    assert names(client.get(members, {"ward": ashdown.east_ward.pk})) == [
        "Cllr Ben Okafor",
        "Cllr Aisha Rahman",
        "Cllr Priya Shah",
    ]
    assert names(client.get(members, {"group": ashdown.administration.pk})) == [
        "Cllr Carys Hughes",
        "Cllr Aisha Rahman",
        "Cllr Priya Shah",
    ]
    assert names(client.get(members, {"group": "independent"})) == []
    loner = d.Member.objects.create(
        first_name="Ivy", last_name="Lone", email="ivy@ashdown.test", start=TERM_START
    )
    d.WardMembership.objects.create(member=loner, ward=ashdown.west_ward, start=TERM_START)
    assert names(client.get(members, {"group": "independent"})) == ["Cllr Ivy Lone"]
    assert names(client.get(members, {"group": "independent", "ward": ashdown.east_ward.pk})) == []
    assert names(client.get(members, {"q": "rahman"})) == ["Cllr Aisha Rahman"]
    assert names(client.get(members, {"q": "ashdown.test shah"})) == ["Cllr Priya Shah"]
    assert names(client.get(members, {"ward": 999999})) == []  # no such ward: nothing, not an error


def test_officers_filtered_by_directorate_service_and_words(api, ashdown):
    client = api(ashdown.councillor)
    officers = f"{V1}/officers/"
    assert sorted(names(client.get(officers, {"directorate": ashdown.place.pk}))) == [
        "Daniel Price",
        "Sam Lee",
    ]
    assert names(client.get(officers, {"service": ashdown.housing.pk})) == ["Sam Lee"]
    assert names(client.get(officers, {"q": "solicitor"})) == ["Nina Patel"]


def _more_members(ashdown, n: int) -> None:
    """``n`` more Members, each with a ward, a group, a council role and a group office."""
    for i in range(n):
        member = d.Member.objects.create(
            first_name=f"Extra{i:02}", last_name="Zed", email=f"m{i}@ashdown.test", start=TERM_START
        )
        d.WardMembership.objects.create(member=member, ward=ashdown.west_ward, start=TERM_START)
        d.GroupMembership.objects.create(member=member, group=ashdown.opposition, start=TERM_START)
        d.MemberRole.objects.create(
            member=member, kind="opposition_spokesperson", portfolio=f"Topic {i}", start=TERM_START
        )
        d.GroupOfficeHolding.objects.create(
            member=member, group=ashdown.opposition, office="whip", start=TERM_START
        )


def _more_officers(ashdown, n: int) -> None:
    manager = officer_of(ashdown.director)
    for i in range(n):
        officer = d.Officer.objects.create(
            first_name=f"Extra{i:02}",
            last_name="Zed",
            email=f"o{i}@ashdown.test",
            employee_number=f"E{i:04}",
            start=datetime.date(2020, 1, 1),
        )
        d.Post.objects.create(
            officer=officer,
            title="Caseworker",
            directorate=ashdown.place,
            service=ashdown.housing,
            line_manager=manager,
            start=datetime.date(2020, 1, 1),
        )
        d.StatutoryRole.objects.create(officer=officer, kind="deputy_monitoring_officer")


def test_members_come_fifty_to_a_page_with_links_to_the_next(api, ashdown):
    _more_members(ashdown, 55)  # 60 in all
    client = api(ashdown.councillor)
    first = client.get(f"{V1}/members/").json()
    assert first["count"] == 60
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/members/?page=2")
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 10
    assert second["next"] is None
    seen = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(seen)) == 60


def test_filters_are_kept_in_the_page_links(api, ashdown):
    _more_members(ashdown, 55)
    body = api(ashdown.councillor).get(f"{V1}/members/", {"ward": ashdown.west_ward.pk}).json()
    assert body["count"] == 57  # Hughes, Whitfield and the 55
    assert f"ward={ashdown.west_ward.pk}" in body["next"]


# The API's request throttle counts in the shared cache, a database table: a read, and a write that
# first counts the table's rows (in a transaction, or a savepoint in a test).
THROTTLE = 6


def _queries(client, django_assert_max_num_queries, path, limit) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_a_page_of_50_members_takes_as_many_queries_as_a_page_of_5(
    api, ashdown, django_assert_max_num_queries
):
    client = api(ashdown.councillor)
    five = _queries(client, django_assert_max_num_queries, f"{V1}/members/", 15 + THROTTLE)
    _more_members(ashdown, 45)
    fifty = _queries(client, django_assert_max_num_queries, f"{V1}/members/", five)
    assert fifty == five


@pytest.mark.parametrize("persona", ["councillor", "member_services"])
def test_a_page_of_50_officers_takes_as_many_queries_as_a_page_of_7(
    api, ashdown, django_assert_max_num_queries, persona
):
    """Member Services sees each officer's personnel details: still no query per officer."""
    client = api(getattr(ashdown, persona))
    seven = _queries(client, django_assert_max_num_queries, f"{V1}/officers/", 15 + THROTTLE)
    _more_officers(ashdown, 43)
    fifty = _queries(client, django_assert_max_num_queries, f"{V1}/officers/", seven)
    assert fifty == seven


# Bad requests: a clear 400 or 404, never a 500 -----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("members", {"ward": "abc"}, "ward"),
        ("members", {"ward": "0"}, "ward"),
        ("members", {"ward": "9" * 30}, "ward"),
        ("members", {"group": "labour"}, "group"),
        ("members", {"group": "-1"}, "group"),
        ("members", {"q": "x" * 101}, "q"),
        ("officers", {"directorate": "place"}, "directorate"),
        ("officers", {"service": "1.5"}, "service"),
        ("services", {"directorate": "[]"}, "directorate"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_the_parameter(api, ashdown, path, query, field):
    response = api(ashdown.councillor).get(f"{V1}/{path}/", query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith(f"{field}: ")
    assert field in body["errors"]


def test_the_message_for_a_bad_ward_says_what_to_send(api, ashdown):
    body = api(ashdown.councillor).get(f"{V1}/members/", {"ward": "Eastgate"}).json()
    assert body["detail"] == "ward: Give the ward's id, a whole number such as 3."


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("", "Give a page number, a whole number from 1, or leave page out for the first page."),
        ("abc", "There is no page “abc”: pages are numbered from 1."),
        ("0", "There is no page “0”: pages are numbered from 1."),
        ("-1", "There is no page “-1”: pages are numbered from 1."),
    ],
)
@pytest.mark.parametrize("what", ["members", "officers", "wards"])
def test_a_page_that_is_not_a_page_number_is_a_400_that_says_so(api, ashdown, what, page, message):
    response = api(ashdown.councillor).get(f"{V1}/{what}/", {"page": page})
    assert response.status_code == 400
    assert response.json() == {"detail": f"page: {message}", "errors": {"page": [message]}}


def test_a_page_past_the_last_is_a_404_that_says_so(api, ashdown):
    response = api(ashdown.councillor).get(f"{V1}/members/", {"page": 99})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no page 99 (That page contains no results).")


@pytest.mark.parametrize("what", ["members", "officers", "committees"])
@pytest.mark.parametrize("pk", [999999, int("9" * 30)])
def test_an_unknown_id_is_a_404_that_says_so(api, ashdown, what, pk):
    response = api(ashdown.councillor).get(f"{V1}/{what}/{pk}/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no ")
    assert response.json()["detail"].endswith(f" with id {pk}.")


def test_an_unknown_address_under_the_api_is_a_json_404(api, ashdown):
    client = api(ashdown.councillor)
    response = client.get(f"{V1}/councillors/")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "There is no API endpoint at /api/v1/councillors/. The endpoints are listed at /api/docs/."
    )
    added = client.get(f"{V1}/members", {"ward": 1})
    assert (added.status_code, added["Location"]) == (301, f"{V1}/members/?ward=1")
    assert client.delete(f"{V1}/token").json()["detail"] == (
        "There is no API endpoint at /api/v1/token. Did you mean /api/v1/token/ (ending in a slash)?"
    )
    assert client.get("/api/").status_code == 404


# Who sees nothing ----------------------------------------------------------------------------------


LISTS = ["wards", "groups", "members", "committees", "directorates", "services", "officers"]


def _details(ashdown, planning) -> list[str]:
    return [
        f"{V1}/members/{member_of(ashdown.councillor).pk}/",
        f"{V1}/officers/{officer_of(ashdown.officer).pk}/",
        f"{V1}/committees/{planning.pk}/",
    ]


@pytest.mark.parametrize("who", ["former_councillor", "no_place"])
def test_someone_with_no_place_in_the_council_gets_count_0_and_404s(api, ashdown, planning, no_place, who):
    user = no_place if who == "no_place" else ashdown.former_councillor
    client = api(user)
    for name in LISTS:
        response = client.get(f"{V1}/{name}/")
        assert response.status_code == 200, name
        assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}, name
    assert client.get(f"{V1}/members/", {"group": "independent"}).json()["count"] == 0
    for path in _details(ashdown, planning):
        response = client.get(path)
        assert response.status_code == 404, path
        pk = path.rstrip("/").rsplit("/", 1)[1]
        assert response.json()["detail"].endswith(f" with id {pk}.")  # the same as for no such record


def test_anonymous_callers_are_refused_and_shown_nothing(client, ashdown, planning):
    for path in [f"{V1}/{name}/" for name in LISTS] + _details(ashdown, planning) + [f"{V1}/me/"]:
        response = client.get(path)
        assert response.status_code in (401, 403), path
        assert response.json() == {"detail": "Authentication credentials were not provided.", "errors": {}}


# Officers' personnel details -----------------------------------------------------------------------


def _sam_lee(client, ashdown) -> dict:
    return client.get(f"{V1}/officers/{officer_of(ashdown.officer).pk}/").json()


def test_a_councillor_does_not_see_officers_personnel_details(api, ashdown):
    client = api(ashdown.councillor)
    assert _sam_lee(client, ashdown)["personnel"] is None
    # Line management is organisational, not personnel: a concern is taken to the officer's manager.
    assert _sam_lee(client, ashdown)["post"]["line_manager"]["name"] == "Daniel Price"
    listed = client.get(f"{V1}/officers/").json()["results"]
    assert {row["personnel"] is None for row in listed} == {True}
    assert "employee_number" not in str(client.get(f"{V1}/officers/").content)


def test_member_services_sees_officers_personnel_details(api, ashdown):
    d.Officer.objects.filter(user=ashdown.officer).update(employee_number="E1234", employment_type="agency")
    d.Post.objects.filter(officer__user=ashdown.officer).update(politically_restricted=True)
    sam = _sam_lee(api(ashdown.member_services), ashdown)
    assert sam["personnel"] == {
        "employee_number": "E1234",
        "employment_type": {"value": "agency", "label": "Agency staff"},
        "politically_restricted": True,
        "political_assistant_to": None,
    }


def test_an_officer_sees_their_own_personnel_details_and_no_one_else_s(api, ashdown):
    client = api(ashdown.officer)
    assert _sam_lee(client, ashdown)["personnel"]["employment_type"]["value"] == "employee"
    nina = client.get(f"{V1}/officers/{officer_of(ashdown.other_service_officer).pk}/").json()
    assert nina["personnel"] is None
    listed = {row["name"]: row["personnel"] for row in client.get(f"{V1}/officers/").json()["results"]}
    assert [name for name, personnel in listed.items() if personnel] == ["Sam Lee"]
