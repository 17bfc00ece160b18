"""The demo council: the size and shape of a real London borough, the same council from the same seed,
and a sign-in for every persona that is what it says it is."""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import hmac
import struct
from collections import Counter

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from nolan.accounts.models import AccessRole, User
from nolan.audit.models import AuditEvent
from nolan.audit.verify import verify_chain
from nolan.demo import personas
from nolan.demo.council import DemoRefused, build_demo
from nolan.directory import models as d
from nolan.directory.capacities import capacities_for

LOGIN = "/account/login/"


def current(model):
    return model.objects.current()


def councillors():
    return current(d.Member).exclude(kind=d.MemberKind.CO_OPTED)


# Size and shape ------------------------------------------------------------------------------------


def test_every_ward_seat_is_filled_by_one_of_45_to_60_councillors(demo):
    wards = list(current(d.Ward))
    assert 18 <= len(wards) <= 22
    assert {w.seats for w in wards} <= {2, 3}
    assert 45 <= councillors().count() <= 60
    for ward in wards:
        assert current(d.WardMembership).filter(ward=ward).count() == ward.seats, ward
    assert current(d.WardMembership).values("member").distinct().count() == councillors().count()


def test_an_administration_with_a_majority_two_or_more_opposition_groups_and_independents(demo):
    total = councillors().count()
    sizes = {
        group: current(d.GroupMembership).filter(group=group).count() for group in current(d.PoliticalGroup)
    }
    administration = [g for g in sizes if g.status == d.GroupStatus.ADMINISTRATION]
    opposition = [g for g in sizes if g.status == d.GroupStatus.OPPOSITION]
    assert len(administration) == 1
    assert sizes[administration[0]] > total / 2
    assert len(opposition) >= 2
    grouped = current(d.GroupMembership).values("member")
    assert councillors().exclude(pk__in=grouped).exists()  # independents


def test_each_group_has_a_leader_a_deputy_and_a_whip(demo):
    for group in current(d.PoliticalGroup):
        offices = sorted(current(d.GroupOfficeHolding).filter(group=group).values_list("office", flat=True))
        assert offices == ["deputy_leader", "leader", "whip"], group
        for holding in current(d.GroupOfficeHolding).filter(group=group):
            assert current(d.GroupMembership).filter(group=group, member=holding.member).exists()


def test_a_mayor_a_leader_a_deputy_leader_and_a_cabinet_with_portfolios(demo):
    assert (
        current(d.Member).filter(kind__in=[d.MemberKind.CIVIC_MAYOR, d.MemberKind.ELECTED_MAYOR]).count() == 1
    )
    roles = current(d.MemberRole)
    assert roles.filter(kind=d.MemberRoleKind.LEADER).count() == 1
    assert roles.filter(kind=d.MemberRoleKind.DEPUTY_LEADER).count() == 1
    cabinet = roles.filter(kind=d.MemberRoleKind.CABINET_MEMBER)
    assert 8 <= cabinet.count() <= 10
    assert all(role.portfolio for role in cabinet)
    assert roles.filter(kind=d.MemberRoleKind.OPPOSITION_SPOKESPERSON).exists()
    administration = current(d.GroupMembership).filter(group__status=d.GroupStatus.ADMINISTRATION)
    assert set(cabinet.values_list("member", flat=True)) <= set(
        administration.values_list("member", flat=True)
    )


def test_the_committee_structure_with_chairs_vice_chairs_and_sub_committees(demo):
    committees = {c.name: c for c in current(d.Committee)}
    for name in (
        "Full Council",
        "Cabinet",
        "Overview and Scrutiny Committee",
        "Planning Committee",
        "Licensing Committee",
        "Licensing Sub-Committee",
        "Standards Committee",
        "Audit Committee",
        "Pensions Committee",
        "Health and Wellbeing Board",
    ):
        assert name in committees
    scrutiny = committees["Overview and Scrutiny Committee"]
    assert scrutiny.sub_committees.count() >= 2
    assert committees["Licensing Sub-Committee"].parent == committees["Licensing Committee"]
    for committee in committees.values():
        assert committee.terms_of_reference
        roles = Counter(
            current(d.CommitteeMembership).filter(committee=committee).values_list("role", flat=True)
        )
        assert roles["chair"] == 1 and roles["vice_chair"] == 1, committee
    full_council = current(d.CommitteeMembership).filter(committee=committees["Full Council"])
    assert full_council.count() == councillors().count()
    standards = current(d.CommitteeMembership).filter(committee=committees["Standards Committee"])
    assert standards.filter(member__kind=d.MemberKind.CO_OPTED).count() == 1


def test_committees_are_shared_between_the_groups_in_proportion(demo):
    planning = current(d.CommitteeMembership).filter(committee__name="Planning Committee")
    by_status = Counter(
        current(d.GroupMembership).get(member=place.member).group.status for place in planning
    )
    assert by_status[d.GroupStatus.ADMINISTRATION] > planning.count() / 2
    assert by_status[d.GroupStatus.OPPOSITION] >= 2
    executive = current(d.MemberRole).filter(
        kind__in=[d.MemberRoleKind.LEADER, d.MemberRoleKind.CABINET_MEMBER]
    )
    on_scrutiny = current(d.CommitteeMembership).filter(committee__kind=d.CommitteeKind.OVERVIEW_AND_SCRUTINY)
    assert not on_scrutiny.filter(member__in=executive.values("member")).exists()


def test_about_300_officers_in_six_directorates_every_post_but_the_chief_executives_managed(demo):
    assert current(d.Directorate).count() == 6
    for directorate in current(d.Directorate):
        assert current(d.Service).filter(directorate=directorate).exists(), directorate
    officers = current(d.Officer)
    assert 270 <= officers.count() <= 330
    posts = current(d.Post)
    assert posts.count() == officers.count()
    unmanaged = posts.filter(line_manager__isnull=True)
    assert [post.title for post in unmanaged] == ["Chief Executive"]

    # Every officer's chain of line managers ends at the Chief Executive.
    manager_of = dict(posts.values_list("officer", "line_manager"))
    chief_executive = unmanaged.get().officer_id
    for officer in manager_of:
        seen, at = set(), officer
        while at != chief_executive:
            assert at not in seen, "a loop of line managers"
            seen.add(at)
            at = manager_of[at]
    levels = set(posts.values_list("seniority", flat=True))
    assert {d.Seniority.CORPORATE_DIRECTOR, d.Seniority.DIRECTOR, d.Seniority.SERVICE_MANAGER} <= levels
    assert {d.Seniority.HEAD_OF_SERVICE, d.Seniority.OFFICER} <= levels


def test_the_statutory_officers(demo):
    held = Counter(current(d.StatutoryRole).values_list("kind", flat=True))
    assert held[d.StatutoryRoleKind.HEAD_OF_PAID_SERVICE] == 1
    assert held[d.StatutoryRoleKind.MONITORING_OFFICER] == 1
    assert held[d.StatutoryRoleKind.SECTION_151_OFFICER] == 1
    assert held[d.StatutoryRoleKind.DEPUTY_MONITORING_OFFICER] >= 1
    assert held[d.StatutoryRoleKind.DEPUTY_SECTION_151_OFFICER] >= 1
    monitoring_officer = current(d.StatutoryRole).get(kind=d.StatutoryRoleKind.MONITORING_OFFICER).officer
    assert current(d.Post).get(officer=monitoring_officer).title == "Director of Legal and Governance"
    chief_executive = current(d.StatutoryRole).get(kind=d.StatutoryRoleKind.HEAD_OF_PAID_SERVICE).officer
    assert current(d.Post).get(officer=chief_executive).seniority == d.Seniority.CHIEF_EXECUTIVE


def test_agency_staff_consultants_restricted_posts_political_assistants_and_member_enquiries(demo):
    employment = Counter(current(d.Officer).values_list("employment_type", flat=True))
    assert employment[d.EmploymentType.AGENCY] > 0
    assert employment[d.EmploymentType.CONSULTANT] > 0
    posts = current(d.Post)
    assert 0 < posts.filter(politically_restricted=True).count() < posts.count()
    largest_two = sorted(
        current(d.PoliticalGroup), key=lambda g: -current(d.GroupMembership).filter(group=g).count()
    )[:2]
    assistants = posts.filter(political_assistant_to__isnull=False)
    assert {p.political_assistant_to for p in assistants} == set(largest_two)
    assert all(p.politically_restricted for p in assistants)
    member_enquiries = posts.filter(title__startswith="Member Enquiries")
    assert member_enquiries.count() >= 3
    assert {p.service.name for p in member_enquiries} == {"Democratic Services"}


def test_no_member_is_also_an_officer(demo):
    member_emails = set(d.Member.objects.values_list("email", flat=True))
    officer_emails = set(d.Officer.objects.values_list("email", flat=True))
    assert not member_emails & officer_emails
    assert not User.objects.filter(member__isnull=False, officer__isnull=False).exists()
    assert all(email.endswith("@ashworth.example") for email in member_emails | officer_emails)
    assert len(officer_emails) == d.Officer.objects.count()


def test_the_build_is_one_audit_event_by_the_system(demo):
    events = AuditEvent.objects.filter(action="demo.built")
    assert events.count() == 1
    assert events.get().actor is None
    assert verify_chain().ok


def test_the_council_works_office_hours_in_england(demo):
    council = d.Council.objects.get()
    assert council.protocol_profile == "tower-hamlets"
    assert council.bank_holiday_region == d.BankHolidayRegion.ENGLAND_AND_WALES
    assert (council.working_day_starts, council.working_day_ends) == (datetime.time(9), datetime.time(17))


# The same seed, the same council -------------------------------------------------------------------


class _Undo(Exception):
    pass


def people_built_with(seed: int) -> list[tuple]:
    """Build the demo, list everyone in it and what they are, then undo the build."""
    with contextlib.suppress(_Undo), transaction.atomic():
        build_demo(seed=seed, enquiries=False)
        people = [
            *d.WardMembership.objects.values_list("ward__name", "member__first_name", "member__last_name"),
            *d.CommitteeMembership.objects.values_list("committee__name", "role", "member__email"),
            *d.Post.objects.values_list(
                "title", "officer__first_name", "officer__last_name", "line_manager__email"
            ),
            *User.objects.values_list("email"),
        ]
        raise _Undo
    assert not d.Council.objects.exists()
    return sorted(people, key=repr)


def test_the_same_seed_builds_the_same_council_and_another_seed_a_different_one(db):
    first = people_built_with(seed=7)
    assert people_built_with(seed=7) == first
    assert people_built_with(seed=8) != first


# Refusals ------------------------------------------------------------------------------------------


def test_the_demo_is_built_only_in_an_empty_database(demo):
    with pytest.raises(DemoRefused, match="already holds a council"):
        build_demo()
    assert d.Council.objects.count() == 1


def test_the_demo_is_never_built_in_production(db, settings):
    settings.MODE = "production"
    with pytest.raises(DemoRefused, match="production"):
        build_demo()
    assert not d.Council.objects.exists()


# Every persona signs in and is what it says it is ---------------------------------------------------

WHAT_EACH_PERSONA_IS = {
    "Councillor": lambda c: c.is_member and not c.is_officer,
    "Opposition group leader": lambda c: c.is_member and not c.is_officer,
    "Member Enquiries team": lambda c: c.is_officer and c.has_role(AccessRole.MEMBER_ENQUIRIES),
    "Officer": lambda c: c.is_officer and c.seniority == d.Seniority.OFFICER and not c.access_roles,
    "Director": lambda c: c.is_director and not c.is_chief_executive,
    "Monitoring Officer": lambda c: c.is_monitoring_officer,
    "Chief Executive": lambda c: c.is_chief_executive,
    "Member Services": lambda c: c.is_officer and c.has_role(AccessRole.MEMBER_SERVICES),
}


@pytest.fixture
def frozen_clock():
    """One instant for the whole sign-in, so the authenticator code cannot roll over mid-test."""
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, 5, tzinfo=datetime.UTC), tick=False):
        cache.clear()
        yield
        cache.clear()


def test_every_printed_persona_signs_in_with_the_printed_password_and_code(client, demo, frozen_clock):
    printed = personas.sign_ins()
    assert [row.persona for row in printed] == [persona.label for persona in personas.PERSONAS]
    assert printed == demo.sign_ins
    table = personas.sign_in_table(printed)
    for row in printed:
        assert row.email in table
        client.logout()
        response = client.post(LOGIN, {"login": row.email, "password": personas.DEMO_PASSWORD})
        assert response.status_code == 302, row
        if row.needs_code:
            assert response["Location"].startswith("/account/2fa/authenticate")
            code, _ = personas.current_code()
            response = client.post(response["Location"], {"code": code})
            assert response.status_code == 302, row
        user = User.objects.get(email=row.email)
        assert int(client.session["_auth_user_id"]) == user.pk, row
        home = client.get(reverse("home"))
        assert home.status_code == 200, row  # not sent off to set up an authenticator


def test_each_persona_is_what_the_table_says(demo):
    for row in demo.sign_ins:
        capacities = capacities_for(User.objects.get(email=row.email))
        assert WHAT_EACH_PERSONA_IS[row.persona](capacities), row
        assert row.needs_code == capacities.is_staff_role, row


def test_personas_are_real_people_in_the_directory(demo):
    by_persona = {row.persona: User.objects.get(email=row.email) for row in demo.sign_ins}
    councillor = by_persona["Councillor"].member
    assert current(d.WardMembership).filter(member=councillor).exists()
    assert current(d.GroupMembership).get(member=councillor).group.status == d.GroupStatus.ADMINISTRATION
    leader = by_persona["Opposition group leader"].member
    holding = current(d.GroupOfficeHolding).get(member=leader, office=d.GroupOffice.LEADER)
    assert holding.group.status == d.GroupStatus.OPPOSITION
    director_post = current(d.Post).get(officer__user=by_persona["Director"])
    heads = current(d.Post).filter(directorate=director_post.directorate, seniority__gte=d.Seniority.DIRECTOR)
    assert heads.order_by("-seniority").first() == director_post  # heads the directorate
    officer_post = current(d.Post).get(officer__user=by_persona["Officer"])
    assert officer_post.service.name == "Housing Management"
    assert officer_post.line_manager is not None
    enquiries_post = current(d.Post).get(officer__user=by_persona["Member Enquiries team"])
    assert enquiries_post.service.name == "Democratic Services"


def test_the_demo_code_is_the_code_an_authenticator_app_shows():
    # RFC 6238 with the demo secret, worked out here rather than with allauth's own functions.
    at = 1_795_000_000
    key = base64.b32decode(personas.DEMO_TOTP_SECRET)
    digest = hmac.new(key, struct.pack(">Q", at // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    expected = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    assert personas.current_code(at) == (f"{expected:06d}", 30 - at % 30)
