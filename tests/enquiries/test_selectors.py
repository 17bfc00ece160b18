"""Who sees an enquiry (Tower Hamlets 7.19). Every rule has its negative: nothing, not even a count."""

from __future__ import annotations

import datetime

import pytest

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.directory import models as d
from nolan.enquiries import selectors, services
from nolan.enquiries.models import Enquiry, Status
from tests.enquiries.conftest import LONDON, raise_one, triaged


def _fresh(user) -> User:
    """The user as a new request loads them (capacities are worked out once per user object)."""
    return User.objects.get(pk=user.pk)


def _sees(user, enquiry: Enquiry) -> dict[str, object]:
    """Everything a person could learn of the enquiry through every read there is."""
    user = _fresh(user)
    return {
        "get": selectors.enquiry_get(user=user, reference=enquiry.reference) is not None,
        "list": selectors.enquiry_list(user=user).filter(pk=enquiry.pk).exists(),
        "search by reference": selectors.enquiry_list(user=user, search=enquiry.reference).exists(),
        "search by subject": selectors.enquiry_list(user=user, search="mould").exists(),
        "search by resident": selectors.enquiry_list(user=user, search="Mary Jones").exists(),
        "counts": sum(selectors.counts_by_status(user=user).values()),
        "export": len(list(selectors.export_rows(user=user))),
        "overdue by service": selectors.director_overdue_by_service(
            user=user, today=datetime.date(2027, 12, 1)
        ),
        "may receive": selectors.may_receive(
            enquiry,
            member_id=selectors.member_id_of(user),
            officer_id=selectors.officer_id_of(user),
            user=user,
        ),
    }


NOTHING = {
    "get": False,
    "list": False,
    "search by reference": False,
    "search by subject": False,
    "search by resident": False,
    "counts": 0,
    "export": 0,
    "overdue by service": [],
    "may receive": False,
}


@pytest.fixture
def enquiry(world):
    return triaged(world)


@pytest.mark.parametrize(
    "who",
    [
        "same_ward_councillor",
        "same_group_councillor",
        "opposition_leader",
        "cabinet_member",
        "other_service_officer",
        "member_services",
        "chief_executive",
        "monitoring_officer",
        "former_councillor",
    ],
)
def test_no_one_else_sees_anything_of_the_enquiry(world, enquiry, who):
    assert _sees(getattr(world, who), enquiry) == NOTHING


def test_an_account_with_no_place_in_the_council_sees_nothing(world, enquiry):
    stranger = User.objects.create_user("stranger@example.org", "x" * 20)
    assert _sees(stranger, enquiry) == NOTHING


def test_a_system_administrator_does_not_see_enquiries(world, enquiry):
    admin = User.objects.create_superuser("admin@ashdown.test", "x" * 20)
    RoleGrant.objects.create(user=admin, role=AccessRole.ADMINISTRATOR)
    assert _sees(admin, enquiry) == NOTHING


@pytest.mark.parametrize("who", ["councillor", "member_enquiries", "officer", "director"])
def test_the_raising_member_the_team_the_handling_officer_and_their_director_see_it(world, enquiry, who):
    seen = _sees(getattr(world, who), enquiry)
    assert seen["get"] and seen["list"] and seen["may receive"]
    assert seen["search by reference"] and seen["search by subject"] and seen["search by resident"]
    assert seen["counts"] == 1
    assert seen["export"] == 1
    assert seen["overdue by service"][0]["overdue"] == 1


def test_the_management_line_goes_up_to_the_director_and_no_further(world):
    """Sam Lee → Head of Housing (new) → Daniel Price (Director) → Helen Marsh (Chief Executive)."""
    head_user = User.objects.create_user("head.housing@ashdown.test", "x" * 20)
    head = d.Officer.objects.create(
        user=head_user, first_name="Hana", last_name="Head", email="head.housing@ashdown.test"
    )
    director = world.officer_of(world.director)
    d.Post.objects.create(
        officer=head,
        title="Head of Housing",
        seniority=d.Seniority.HEAD_OF_SERVICE,
        directorate=world.place,
        service=world.housing,
        line_manager=director,
        start=datetime.date(2020, 1, 1),
    )
    d.Post.objects.filter(officer=world.officer_of(world.officer)).update(line_manager=head)
    enquiry = raise_one(world)
    services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="member_enquiry",
        officer=world.officer_of(world.officer),
    )
    assert _sees(head_user, enquiry)["get"]
    assert _sees(world.director, enquiry)["get"]
    assert _sees(world.chief_executive, enquiry) == NOTHING


def test_a_corporate_director_above_the_director_sees_it_and_the_chief_executive_still_does_not(world):
    """Sam Lee → Daniel Price (Director) → Cora Reid (Corporate Director of Place) → Helen Marsh: the
    line goes up to the Director of the directorate, never to the Chief Executive; and a Director who
    is copied or escalated to is still the first one above the handling officer."""
    corporate_user = User.objects.create_user("corporate.place@ashdown.test", "x" * 20)
    corporate = d.Officer.objects.create(
        user=corporate_user, first_name="Cora", last_name="Reid", email="corporate.place@ashdown.test"
    )
    d.Post.objects.create(
        officer=corporate,
        title="Corporate Director of Place",
        seniority=d.Seniority.CORPORATE_DIRECTOR,
        directorate=world.place,
        line_manager=world.officer_of(world.chief_executive),
        start=datetime.date(2020, 1, 1),
    )
    d.Post.objects.filter(officer=world.officer_of(world.director)).update(line_manager=corporate)
    enquiry = triaged(world)
    assert _sees(corporate_user, enquiry)["get"]
    assert _sees(world.director, enquiry)["get"]
    assert _sees(world.chief_executive, enquiry) == NOTHING
    assert services.director_of(enquiry) == world.officer_of(world.director)


def test_a_former_handler_loses_sight_after_a_transfer(world, enquiry):
    services.transfer(
        actor=world.member_enquiries, enquiry=enquiry, service=world.legal, reason="Legal matter"
    )
    assert _sees(world.officer, enquiry) == NOTHING
    assert _sees(world.director, enquiry) == NOTHING
    assert _sees(world.councillor, enquiry)["get"]


def test_a_member_whose_term_has_ended_no_longer_sees_their_enquiries(world, enquiry):
    member = world.member_of(world.councillor)
    services_directory = __import__("nolan.directory.services", fromlist=["member_end_term"])
    services_directory.member_end_term(
        actor=world.member_services, member=member, end=datetime.date(2027, 3, 9), reason="Resigned"
    )
    assert _sees(world.councillor, enquiry) == NOTHING


def test_member_services_raising_on_a_members_behalf_does_not_keep_sight_of_it(world):
    enquiry = raise_one(world, actor=world.member_services, member=world.member_of(world.councillor))
    assert _sees(world.member_services, enquiry) == NOTHING
    assert _sees(world.councillor, enquiry)["get"]


def test_the_member_sees_their_timeline_without_internal_steps(world, enquiry):
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Draft answer")
    for_member = selectors.enquiry_get(user=_fresh(world.councillor), reference=enquiry.reference)
    for_officer = selectors.enquiry_get(user=_fresh(world.officer), reference=enquiry.reference)
    assert "response_drafted" not in [e.kind for e in for_member.timeline]
    assert "response_drafted" in [e.kind for e in for_officer.timeline]
    assert for_member.visible_responses == []
    assert len(for_officer.visible_responses) == 1


def test_enquiry_get_accepts_a_reference_in_any_case(world, enquiry):
    assert (
        selectors.enquiry_get(user=_fresh(world.councillor), reference=enquiry.reference.lower()) is not None
    )
    assert selectors.enquiry_get(user=_fresh(world.councillor), reference="ME-2027-999999") is None


# Worklists --------------------------------------------------------------------------------------------


def test_triage_queue_is_urgent_first_then_oldest_first_and_only_for_the_team(world, frozen):
    world.repairs_category.routing_rules.all().delete()  # so urgent ones wait for triage
    first = raise_one(world, subject="First")
    frozen.shift(60)
    second = raise_one(world, subject="Second")
    frozen.shift(60)
    urgent = raise_one(world, subject="Urgent", urgent=True, urgency_reason="Flooding")
    queue = list(selectors.triage_queue(user=_fresh(world.member_enquiries)))
    assert queue == [urgent, first, second]
    assert not selectors.triage_queue(user=_fresh(world.officer)).exists()
    assert not selectors.triage_queue(user=_fresh(world.councillor)).exists()


def test_officer_worklist_is_ordered_by_urgency_then_due_date(world, frozen):
    later = triaged(world, subject="Later")
    frozen.move_to(datetime.datetime(2027, 3, 10, 10, 0, tzinfo=LONDON))
    services.triage(
        actor=world.member_enquiries,
        enquiry=raise_one(world, subject="Even later"),
        classification="member_enquiry",
    )
    frozen.move_to(datetime.datetime(2027, 3, 8, 10, 0, tzinfo=LONDON))
    earlier = triaged(world, subject="Earlier")
    urgent = raise_one(world, subject="Urgent", urgent=True, urgency_reason="Flood")
    services.assign(
        actor=world.member_enquiries,
        enquiry=urgent,
        officer=world.officer_of(world.officer),
        reason="Sam is on site",
    )
    subjects = [e.subject for e in selectors.officer_worklist(user=_fresh(world.officer))]
    assert subjects == ["Urgent", "Earlier", "Later", "Even later"]
    assert later.subject in subjects
    assert [e.subject for e in selectors.officer_worklist(user=_fresh(world.director))] == []
    line = [e.subject for e in selectors.officer_worklist(user=_fresh(world.director), include_line=True)]
    assert line[0] == "Urgent" and set(line) == set(subjects)
    assert earlier.subject == "Earlier"


def test_counts_and_filters(world):
    triaged(world)
    raise_one(world, subject="Bins", category=world.waste_category)
    counts = selectors.counts_by_status(user=_fresh(world.member_enquiries))
    assert counts[Status.ASSIGNED] == 1 and counts[Status.RECEIVED] == 1
    assert set(counts) == set(Status.values)
    assert (
        selectors.enquiry_list(user=_fresh(world.member_enquiries), category=world.waste_category.pk).count()
        == 1
    )
    assert selectors.enquiry_list(user=_fresh(world.councillor), mine=True).count() == 2
    assert selectors.enquiry_list(user=_fresh(world.officer), mine=True).count() == 1


def test_director_sees_what_is_overdue_by_service(world, frozen):
    triaged(world)
    triaged(world, category=world.waste_category, subject="Bins")
    rows = selectors.director_overdue_by_service(
        user=_fresh(world.director), today=datetime.date(2027, 3, 24)
    )
    assert [(r["service"], r["overdue"], r["days_overdue"]) for r in rows] == [
        ("Housing Management", 1, 1),
        ("Waste and Street Cleaning", 1, 1),
    ]
    assert (
        selectors.director_overdue_by_service(user=_fresh(world.director), today=datetime.date(2027, 3, 23))
        == []
    )


def test_export_has_no_resident_details_or_text(world):
    triaged(world)
    (row,) = selectors.export_rows(user=_fresh(world.member_enquiries))
    assert set(row) == set(selectors.EXPORT_COLUMNS)
    assert "Mary" not in str(row) and "mould" not in str(row)
    assert row["handling_officer"] == "Sam Lee"


def test_rag_status(world):
    enquiry = triaged(world)
    assert selectors.rag(enquiry, datetime.date(2027, 3, 10)) == "green"
    assert selectors.rag(enquiry, datetime.date(2027, 3, 19)) == "amber"
    assert selectors.rag(enquiry, datetime.date(2027, 3, 23)) == "amber"
    assert selectors.rag(enquiry, datetime.date(2027, 3, 24)) == "red"


# Performance: the number of queries does not grow with the rows -----------------------------------------


def _make(world, n):
    for i in range(n):
        e = raise_one(world, subject=f"Enquiry {i}", resident={"name": f"Resident {i}"})
        services.triage(actor=world.member_enquiries, enquiry=e, classification="member_enquiry")


@pytest.mark.parametrize("n", [5, 50])
def test_list_pages_cost_the_same_number_of_queries_for_5_or_50_enquiries(
    world, n, django_assert_max_num_queries
):
    _make(world, n)
    users = {
        who: _fresh(getattr(world, who)) for who in ("member_enquiries", "officer", "councillor", "director")
    }
    for user in users.values():
        selectors.enquiry_list(user=user).count()  # capacities worked out once per request, as in a view
    for user in users.values():
        with django_assert_max_num_queries(1):
            shown = [
                (
                    row.reference,
                    row.category.name,
                    row.ward.name,
                    row.service.name,
                    row.assigned_officer.full_name,
                    row.resident.name,
                    str(row.raised_by_member),
                )
                for row in selectors.enquiry_list(user=user, search="Enquiry")
            ]
        assert len(shown) == n
        assert {s[3:5] for s in shown} == {("Housing Management", "Sam Lee")}
        with django_assert_max_num_queries(1):
            list(selectors.officer_worklist(user=user, include_line=True))
        with django_assert_max_num_queries(1):
            selectors.counts_by_status(user=user)
        with django_assert_max_num_queries(1):
            list(selectors.export_rows(user=user))


def test_a_move_dated_for_a_later_day_changes_who_sees_it_on_that_day(world, frozen):
    """Sam Lee moves under another Director from Mon 15 Mar 2027, entered a week ahead. Until then
    Daniel Price's line sees his enquiry; from that day the nightly run gives it to the new line."""
    enquiry = triaged(world)
    new_user = User.objects.create_user("director.homes@ashdown.test", "x" * 20)
    new_director = d.Officer.objects.create(
        user=new_user, first_name="Rita", last_name="Moss", email="director.homes@ashdown.test"
    )
    d.Post.objects.create(
        officer=new_director,
        title="Director of Homes",
        seniority=d.Seniority.DIRECTOR,
        directorate=world.place,
        line_manager=world.officer_of(world.chief_executive),
        start=datetime.date(2020, 1, 1),
    )
    sam = world.officer_of(world.officer)
    moving_day = datetime.date(2027, 3, 15)
    old_post = d.Post.objects.get(officer=sam, end__isnull=True)
    old_post.end = moving_day
    old_post.save()
    d.Post.objects.create(
        officer=sam,
        title=old_post.title,
        seniority=old_post.seniority,
        directorate=world.place,
        service=world.housing,
        line_manager=new_director,
        start=moving_day,
    )
    assert _sees(world.director, enquiry)["get"]
    assert _sees(new_user, enquiry) == NOTHING

    from nolan.enquiries.tasks import refresh_enquiry_access

    frozen.move_to(datetime.datetime(2027, 3, 15, 0, 20, tzinfo=LONDON))
    assert refresh_enquiry_access.call_local() == 1
    assert _sees(new_user, enquiry)["get"]
    assert _sees(world.director, enquiry) == NOTHING
