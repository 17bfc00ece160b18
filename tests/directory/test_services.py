"""Maintaining the directory: who may, what the protocol refuses, history kept, every change audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.audit.models import AuditEvent
from nolan.core.citations import Citation
from nolan.core.decisions import ProtocolError
from nolan.directory import models as m
from nolan.directory import moves, selectors, services

HARINGEY_7_03 = Citation("Haringey", "7.03")
TODAY = timezone.localdate


def member_of(user) -> m.Member:
    return m.Member.objects.get(user=user)


def officer_of(user) -> m.Officer:
    return m.Officer.objects.get(user=user)


def fresh(user) -> User:
    """The user as the next request would load them (capacities are worked out once per object)."""
    return User.objects.get(pk=user.pk)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            m.Member,
            m.WardMembership,
            m.GroupMembership,
            m.Officer,
            m.Post,
            AuditEvent,
        )
    }


# A Member cannot be an officer (Haringey 7.03) -----------------------------------------------------


def test_a_member_cannot_be_made_an_officer(ashdown):
    before = counts()
    with pytest.raises(ProtocolError) as refused:
        services.officer_create(
            actor=ashdown.member_services,
            first_name="Aisha",
            last_name="Rahman",
            email="Aisha.Rahman@Ashdown.test",  # the same address, whatever its case
            start=TODAY(),
            post={"title": "Housing Officer", "seniority": m.Seniority.OFFICER, "service": ashdown.housing},
        )
    decision = refused.value.decision
    assert not decision.allowed
    assert decision.reasons[0].citation == HARINGEY_7_03
    assert "Members cannot be employed by the council (Haringey 7.03)" in refused.value.message
    assert refused.value.field == "email"
    assert counts() == before  # nothing written, no audit event


def test_a_member_cannot_be_made_an_officer_under_another_address_with_the_same_account(ashdown):
    before = counts()
    with pytest.raises(ProtocolError) as refused:
        services.officer_create(
            actor=ashdown.member_services,
            first_name="Aisha",
            last_name="Rahman",
            email="a.rahman.work@ashdown.test",
            start=TODAY(),
            user=ashdown.councillor,
        )
    assert refused.value.decision.reasons[0].citation == HARINGEY_7_03
    assert refused.value.field == "user"
    assert counts() == before


def test_an_officer_cannot_be_made_a_member(ashdown):
    before = counts()
    with pytest.raises(ProtocolError) as refused:
        services.member_create(
            actor=ashdown.member_services,
            first_name="Sam",
            last_name="Lee",
            email="SAM.LEE@ashdown.test",
            start=TODAY(),
            wards=[ashdown.east_ward],
            group=ashdown.administration,
        )
    assert refused.value.decision.reasons[0].citation == HARINGEY_7_03
    assert "Sam Lee is employed by the council" in refused.value.message
    assert counts() == before


def test_an_officer_cannot_become_a_member_by_a_change_of_address(ashdown):
    member = member_of(ashdown.councillor)
    with pytest.raises(ProtocolError):
        services.member_update(
            actor=ashdown.member_services, member=member, data={"email": "sam.lee@ashdown.test"}
        )
    member.refresh_from_db()
    assert member.email == "aisha.rahman@ashdown.test"


def test_a_former_officer_may_be_elected(ashdown):
    sam = officer_of(ashdown.other_service_officer)
    election = TODAY()
    services.officer_leave(
        actor=ashdown.member_services, officer=sam, end=election, reason="Resigned to stand for election"
    )
    member = services.member_create(
        actor=ashdown.member_services,
        first_name=sam.first_name,
        last_name=sam.last_name,
        email=sam.email,
        start=election,
        wards=[ashdown.west_ward],
    )
    assert member.is_current()


# Only Member Services and administrators maintain the directory ------------------------------------


@pytest.mark.parametrize(
    "persona",
    ["councillor", "opposition_leader", "officer", "director", "member_enquiries", "chief_executive"],
)
def test_only_member_services_and_administrators_maintain_the_directory(ashdown, persona):
    actor = getattr(ashdown, persona)
    before = counts()
    calls = [
        lambda: services.ward_create(actor=actor, name="Northfield"),
        lambda: services.member_create(
            actor=actor, first_name="Zara", last_name="Khan", email="zara@ashdown.test", start=TODAY()
        ),
        lambda: services.member_update(
            actor=actor, member=member_of(ashdown.councillor), data={"phone": "1"}
        ),
        lambda: services.officer_create(
            actor=actor, first_name="Jo", last_name="Bloggs", email="jo@ashdown.test", start=TODAY()
        ),
        lambda: services.group_membership_change(
            actor=actor, member=member_of(ashdown.councillor), group=None, on=TODAY()
        ),
        lambda: services.end_dated(actor=actor, obj=ashdown.east_ward, end=TODAY(), reason="Abolished"),
        lambda: services.account_for(actor=actor, person=member_of(ashdown.councillor)),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert counts() == before


def test_an_administrator_maintains_the_directory(ashdown):
    admin = User.objects.create_user("admin@ashdown.test", "x" * 20)
    RoleGrant.objects.create(user=admin, role=AccessRole.ADMINISTRATOR)
    ward = services.ward_create(actor=admin, name="Northfield", seats=2)
    assert AuditEvent.objects.last().capacity == "System administrator"
    assert ward.seats == 2


def test_no_one_acts_anonymously_except_the_command_line(ashdown):
    with pytest.raises(PermissionDenied):
        services.ward_create(actor=None, name="Northfield")
    services.ward_create(actor=None, name="Northfield", capacity=services.COMMAND_LINE)
    event = AuditEvent.objects.last()
    assert (event.actor_label, event.capacity) == ("Nolan (system)", "command line")


# Permission roles ----------------------------------------------------------------------------------


def test_member_services_grant_the_member_enquiries_role_and_nothing_else(ashdown):
    grant = services.role_grant(
        actor=ashdown.member_services, user=ashdown.officer, role=AccessRole.MEMBER_ENQUIRIES, reason="Cover"
    )
    assert grant.granted_by == ashdown.member_services
    for role in (AccessRole.MEMBER_SERVICES, AccessRole.HR, AccessRole.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            services.role_grant(actor=ashdown.member_services, user=ashdown.officer, role=role, reason="x")
    services.role_revoke(actor=ashdown.member_services, grant=grant, reason="Cover ended")
    assert not grant.is_current()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()  # history kept


def test_an_administrator_grants_any_role_with_a_reason(ashdown):
    admin = User.objects.create_user("admin@ashdown.test", "x" * 20)
    RoleGrant.objects.create(user=admin, role=AccessRole.ADMINISTRATOR)
    with pytest.raises(ValidationError) as invalid:
        services.role_grant(actor=admin, user=ashdown.officer, role=AccessRole.HR, reason=" ")
    assert "reason" in invalid.value.message_dict
    services.role_grant(actor=admin, user=ashdown.officer, role=AccessRole.HR, reason="Joined HR")
    assert selectors.can_see_personnel_details(fresh(ashdown.officer))
    with pytest.raises(ValidationError) as twice:
        services.role_grant(actor=admin, user=ashdown.officer, role=AccessRole.HR, reason="Again")
    assert "role" in twice.value.message_dict


def test_a_councillor_cannot_grant_roles(ashdown):
    with pytest.raises(PermissionDenied):
        services.role_grant(
            actor=ashdown.councillor, user=ashdown.officer, role=AccessRole.MEMBER_ENQUIRIES, reason="x"
        )


# History is kept -----------------------------------------------------------------------------------


def test_changing_a_members_group_ends_the_old_membership_and_starts_a_new_one(ashdown):
    member = member_of(ashdown.councillor)
    on = TODAY()
    services.group_membership_change(
        actor=ashdown.member_services,
        member=member,
        group=ashdown.opposition,
        on=on,
        reason="Crossed the floor",
    )
    rows = list(member.group_memberships.order_by("start"))
    assert [(r.group, r.start, r.end) for r in rows] == [
        (ashdown.administration, datetime.date(2022, 5, 5), on),
        (ashdown.opposition, on, None),
    ]
    shown = selectors.member_get(user=ashdown.councillor, pk=member.pk)
    assert [gm.group for gm in shown.current_group_memberships] == [ashdown.opposition]
    in_opposition = selectors.member_list(user=ashdown.councillor, group=ashdown.opposition.pk)
    assert member in in_opposition
    event = AuditEvent.objects.last()
    assert event.action == "directory.member.group_changed"
    assert event.before == {"group": "Riverside Labour Group"}
    assert event.after["group"] == "Ashdown Independents Group"
    assert event.reason == "Crossed the floor"


def test_a_group_leader_who_leaves_the_group_stops_leading_it(ashdown):
    tom = member_of(ashdown.opposition_leader)
    services.group_membership_change(
        actor=ashdown.member_services, member=tom, group=ashdown.administration, on=TODAY()
    )
    assert not tom.group_offices.current().exists()
    assert tom.group_offices.count() == 1


def test_moving_to_the_same_group_is_refused_on_the_group_field(ashdown):
    with pytest.raises(ValidationError) as invalid:
        services.group_membership_change(
            actor=ashdown.member_services,
            member=member_of(ashdown.councillor),
            group=ashdown.administration,
            on=TODAY(),
        )
    assert "group" in invalid.value.message_dict


def test_a_new_group_leader_ends_the_previous_leaders_office(ashdown):
    ben = member_of(ashdown.same_ward_councillor)  # in the opposition group
    services.group_office_assign(
        actor=ashdown.member_services, group=ashdown.opposition, member=ben, office="leader", start=TODAY()
    )
    leaders = ashdown.opposition.office_holdings.current().filter(office="leader")
    assert [h.member for h in leaders] == [ben]
    assert ashdown.opposition.office_holdings.filter(office="leader").count() == 2


def test_a_group_office_is_for_a_member_of_the_group(ashdown):
    with pytest.raises(ValidationError) as invalid:
        services.group_office_assign(
            actor=ashdown.member_services,
            group=ashdown.opposition,
            member=member_of(ashdown.councillor),
            office="whip",
            start=TODAY(),
        )
    assert "member" in invalid.value.message_dict


def test_a_committee_has_one_chair_at_a_time(ashdown):
    ms = ashdown.member_services
    committee = services.committee_create(actor=ms, name="Planning Committee", kind="regulatory")
    aisha, carys = member_of(ashdown.councillor), member_of(ashdown.same_group_councillor)
    services.committee_membership_add(
        actor=ms, committee=committee, member=aisha, role="chair", start=TODAY()
    )
    services.committee_membership_add(
        actor=ms, committee=committee, member=carys, role="member", start=TODAY()
    )
    services.committee_membership_add(
        actor=ms, committee=committee, member=carys, role="chair", start=TODAY()
    )
    current = {(p.member, p.role) for p in committee.memberships.current()}
    assert current == {(carys, "chair")}
    assert committee.memberships.count() == 3


def test_a_new_post_ends_the_old_one_the_day_it_starts(ashdown):
    sam = officer_of(ashdown.officer)
    promoted = datetime.date(2026, 4, 1)
    services.post_start(
        actor=ashdown.member_services,
        officer=sam,
        title="Senior Housing Officer",
        seniority=m.Seniority.SERVICE_MANAGER,
        service=ashdown.housing,
        line_manager=officer_of(ashdown.director),
        start=promoted,
        reason="Promotion",
    )
    posts = list(sam.posts.order_by("start"))
    assert [(p.title, p.end) for p in posts] == [
        ("Housing Officer", promoted),
        ("Senior Housing Officer", None),
    ]
    assert posts[1].directorate == ashdown.place  # taken from the service


@pytest.fixture
def moves_seen():
    """What a function registered with ``moves`` sees each time a step calls it: the officers who
    moved, and their posts then (title, service, end)."""
    seen: list[tuple[set[int], list[tuple]]] = []

    def follow(officer_ids):
        posts = m.Post.objects.filter(officer_id__in=officer_ids).order_by("start", "pk")
        seen.append((set(officer_ids), [(p.title, p.service.name, p.end) for p in posts]))
        return 0

    moves.register(follow)
    yield seen
    moves.unregister(follow)


def test_the_apps_that_follow_officers_see_a_move_once_it_is_complete(ashdown, moves_seen):
    # Called once per step, after the old post has ended AND the new one has started: an app that
    # looked half-way would see Sam Lee with no post in Housing Management and take his enquiries
    # from him, though he stays in the service.
    sam = officer_of(ashdown.officer)
    services.post_start(
        actor=ashdown.member_services,
        officer=sam,
        title="Senior Housing Officer",
        seniority=m.Seniority.SERVICE_MANAGER,
        service=ashdown.housing,
        line_manager=officer_of(ashdown.director),
        start=TODAY(),
    )
    assert moves_seen == [
        (
            {sam.pk},
            [
                ("Housing Officer", "Housing Management", TODAY()),
                ("Senior Housing Officer", "Housing Management", None),
            ],
        )
    ]
    services.officer_leave(actor=ashdown.member_services, officer=sam, end=TODAY(), reason="Resigned")
    assert moves_seen[-1][0] == {sam.pk}
    assert [end for _title, _service, end in moves_seen[-1][1]] == [TODAY(), TODAY()]
    nina = officer_of(ashdown.other_service_officer)
    services.end_dated(
        actor=ashdown.member_services, obj=nina.posts.get(), end=TODAY(), reason="Post deleted"
    )
    assert moves_seen[-1] == ({nina.pk}, [("Solicitor", "Legal and Democratic Services", TODAY())])
    assert len(moves_seen) == 3
    services.ward_create(actor=ashdown.member_services, name="Northfield")  # no officer moved
    assert len(moves_seen) == 3


def test_line_management_cannot_go_round_in_a_loop(ashdown):
    director, sam = officer_of(ashdown.director), officer_of(ashdown.officer)
    with pytest.raises(ValidationError) as loop:
        services.post_start(
            actor=ashdown.member_services,
            officer=director,
            title="Director of Place",
            seniority=m.Seniority.DIRECTOR,
            line_manager=sam,  # Sam is managed by the Director
            start=TODAY(),
        )
    assert "loop" in loop.value.message_dict["line_manager"][0]
    with pytest.raises(ValidationError) as own:
        services.post_start(
            actor=ashdown.member_services,
            officer=sam,
            title="Housing Officer",
            seniority=m.Seniority.OFFICER,
            line_manager=sam,
            start=TODAY(),
        )
    assert "own line manager" in own.value.message_dict["line_manager"][0]
    assert director.posts.count() == 1


def test_a_new_monitoring_officer_ends_the_previous_designation_but_deputies_stay(ashdown):
    ms = ashdown.member_services
    nina = officer_of(ashdown.other_service_officer)
    services.statutory_role_assign(actor=ms, officer=nina, kind="monitoring_officer", start=TODAY())
    holders = m.StatutoryRole.objects.current().filter(kind="monitoring_officer")
    assert [r.officer for r in holders] == [nina]
    services.statutory_role_assign(
        actor=ms, officer=officer_of(ashdown.officer), kind="deputy_monitoring_officer", start=TODAY()
    )
    services.statutory_role_assign(
        actor=ms, officer=officer_of(ashdown.director), kind="deputy_monitoring_officer", start=TODAY()
    )
    assert m.StatutoryRole.objects.current().filter(kind="deputy_monitoring_officer").count() == 2


def test_the_end_of_a_term_ends_everything_the_member_held(ashdown):
    priya = member_of(ashdown.cabinet_member)
    ms = ashdown.member_services
    committee = services.committee_create(actor=ms, name="Cabinet", kind="executive")
    services.committee_membership_add(actor=ms, committee=committee, member=priya, start=TODAY())
    end = TODAY() + datetime.timedelta(days=1)
    services.member_end_term(actor=ms, member=priya, end=end, reason="Not re-elected")
    for related in ("ward_memberships", "group_memberships", "roles", "committee_memberships"):
        assert not getattr(priya, related).current(end).exists(), related
        assert getattr(priya, related).current(TODAY()).exists(), related  # still held until then
    event = AuditEvent.objects.last()
    assert event.action == "directory.member.term_ended"
    assert (event.before, event.after, event.reason) == (
        {"end": None},
        {"end": end.isoformat()},
        "Not re-elected",
    )
    assert len(event.extra["ended"]) == 4


def test_a_leaver_loses_posts_statutory_roles_and_permission_roles(ashdown):
    ruth = officer_of(ashdown.member_services)
    services.officer_leave(actor=ashdown.member_services, officer=ruth, end=TODAY(), reason="Retired")
    assert not ruth.posts.current().exists()
    assert not RoleGrant.objects.current().filter(user=ashdown.member_services).exists()
    with pytest.raises(PermissionDenied):
        services.ward_create(actor=fresh(ashdown.member_services), name="Northfield")


def test_ending_a_political_group_makes_its_members_independent(ashdown):
    services.end_dated(
        actor=ashdown.member_services, obj=ashdown.opposition, end=TODAY(), reason="The group was dissolved"
    )
    assert not ashdown.opposition.memberships.current().exists()
    independents = selectors.member_list(user=ashdown.councillor, group="independent")
    assert {x.last_name for x in independents} == {"Okafor", "Whitfield"}


def test_an_end_before_the_start_is_refused_on_the_end_field(ashdown):
    holding = member_of(ashdown.councillor).ward_memberships.get()
    with pytest.raises(ValidationError) as invalid:
        services.end_dated(
            actor=ashdown.member_services, obj=holding, end=datetime.date(2020, 1, 1), reason="Mistake"
        )
    assert "end" in invalid.value.message_dict
    holding.refresh_from_db()
    assert holding.end is None


def test_a_directorate_with_officers_in_post_cannot_be_ended(ashdown):
    with pytest.raises(ValidationError) as invalid:
        services.end_dated(
            actor=ashdown.member_services, obj=ashdown.place, end=TODAY(), reason="Restructure"
        )
    assert "officers in post" in " ".join(invalid.value.message_dict["end"])


def test_bad_values_are_named_by_field(ashdown):
    with pytest.raises(ValidationError) as invalid:
        services.member_create(
            actor=ashdown.member_services,
            first_name="",
            last_name="Khan",
            email="not an address",
            kind="alderman",
            start=datetime.date(2026, 5, 7),
            end=datetime.date(2026, 5, 1),
        )
    assert set(invalid.value.message_dict) >= {"first_name", "email", "kind", "end"}


def test_an_email_already_used_by_a_member_is_refused(ashdown):
    with pytest.raises(ValidationError) as invalid:
        services.member_create(
            actor=ashdown.member_services,
            first_name="Aisha",
            last_name="Rahman",
            email="aisha.rahman@ashdown.test",
            start=TODAY(),
        )
    assert "Cllr Aisha Rahman" in invalid.value.message_dict["email"][0]


# Sign-in accounts ----------------------------------------------------------------------------------


def test_an_account_is_created_without_a_usable_password(ashdown):
    member = services.member_create(
        actor=ashdown.member_services,
        first_name="Zara",
        last_name="Khan",
        email="Zara.Khan@ashdown.test",
        start=TODAY(),
        wards=[ashdown.west_ward],
    )
    user = services.account_for(actor=ashdown.member_services, person=member)
    assert user.email == "zara.khan@ashdown.test"
    assert not user.has_usable_password()
    assert selectors.can_read_directory(fresh(user))
    assert services.account_for(actor=ashdown.member_services, person=member) == user  # once only


def test_an_existing_account_with_the_same_address_is_linked(ashdown):
    existing = User.objects.create_user("jo.bloggs@ashdown.test", "x" * 20)
    officer = services.officer_create(
        actor=ashdown.member_services,
        first_name="Jo",
        last_name="Bloggs",
        email="jo.bloggs@ashdown.test",
        start=TODAY(),
        post={"title": "Planner", "seniority": m.Seniority.OFFICER, "directorate": ashdown.place},
    )
    assert services.account_for(actor=ashdown.member_services, person=officer) == existing
    assert AuditEvent.objects.last().action == "directory.officer.account_linked"


# The audit trail -----------------------------------------------------------------------------------


def test_each_change_writes_one_event_with_before_after_and_reason(ashdown):
    ms = ashdown.member_services
    aisha = member_of(ashdown.councillor)
    steps = [
        (
            "directory.member.updated",
            lambda: services.member_update(
                actor=ms, member=aisha, data={"phone": "020 7946 0000"}, reason="Asked"
            ),
        ),
        (
            "directory.ward.created",
            lambda: services.ward_create(actor=ms, name="Northfield", code="E05000003"),
        ),
        (
            "directory.group.created",
            lambda: services.group_create(actor=ms, name="Green Group", status="opposition"),
        ),
        (
            "directory.member.group_changed",
            lambda: services.group_membership_change(
                actor=ms, member=aisha, group=None, on=TODAY(), reason="Left the group"
            ),
        ),
        (
            "directory.member.role_assigned",
            lambda: services.member_role_assign(actor=ms, member=aisha, kind="leader", start=TODAY()),
        ),
        (
            "directory.officer.created",
            lambda: services.officer_create(
                actor=ms,
                first_name="Jo",
                last_name="Bloggs",
                email="jo.bloggs@ashdown.test",
                start=TODAY(),
                post={"title": "Planner", "seniority": m.Seniority.OFFICER, "service": ashdown.waste},
            ),
        ),
        ("directory.directorate.created", lambda: services.directorate_create(actor=ms, name="Children's")),
        (
            "directory.council.updated",
            lambda: services.council_update(
                actor=ms, council=ashdown.council, data={"website": "https://ashdown.test"}, reason="New site"
            ),
        ),
    ]
    for action, step in steps:
        before = AuditEvent.objects.count()
        step()
        assert AuditEvent.objects.count() == before + 1, action
        event = AuditEvent.objects.last()
        assert event.action == action
        assert event.actor_label == "Ruth Cole"
        assert event.capacity == "Member Services"
        assert event.after
    update = AuditEvent.objects.get(action="directory.member.updated")
    assert (update.before, update.after, update.reason) == (
        {"phone": ""},
        {"phone": "020 7946 0000"},
        "Asked",
    )
    assert update.target_label == "Cllr Aisha Rahman"
    call_command("audit", "verify")


def test_an_update_that_changes_nothing_writes_nothing(ashdown):
    before = AuditEvent.objects.count()
    services.ward_update(actor=ashdown.member_services, ward=ashdown.east_ward, data={"seats": 3})
    assert AuditEvent.objects.count() == before


def _a_series_of_changes(ashdown) -> list[AuditEvent]:
    ms = ashdown.member_services
    aisha = member_of(ashdown.councillor)
    services.ward_update(actor=ms, ward=ashdown.east_ward, data={"seats": 2}, reason="Boundary review")
    services.member_update(actor=ms, member=aisha, data={"phone": "01632 960000"})
    services.group_membership_change(actor=ms, member=aisha, group=ashdown.opposition, on=TODAY())
    return list(AuditEvent.objects.order_by("id"))


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_hand_edited_audit_row_is_found_and_named(ashdown):
    events = _a_series_of_changes(ashdown)
    call_command("audit", "verify")
    edited = events[1]
    _raw("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["Nothing to see", edited.pk])
    with pytest.raises(CommandError, match=f"Audit event #{edited.pk} "):
        call_command("audit", "verify")


def test_a_deleted_audit_row_is_found(ashdown):
    events = _a_series_of_changes(ashdown)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
    with pytest.raises(CommandError, match=f"Audit event #{events[1].pk} "):
        call_command("audit", "verify")


# Names that read as they were written ----------------------------------------------------------------

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text"


def directory_rows() -> list:
    """Every row a directory service could write, with the audit trail: unchanged means nothing stored."""
    rows = [
        list(model.objects.order_by("pk").values())
        for model in (
            m.Council,
            m.Ward,
            m.PoliticalGroup,
            m.Member,
            m.MemberRole,
            m.Committee,
            m.Directorate,
            m.Service,
            m.Officer,
            m.Post,
        )
    ]
    return [*rows, AuditEvent.objects.count()]


def _new_member(ashdown, **names):
    values = {"first_name": "Jo", "last_name": "Bloggs", "email": "jo.bloggs@ashdown.test", **names}
    return services.member_create(actor=ashdown.member_services, start=TODAY(), **values)


def _new_officer(ashdown, **names):
    post = {"title": names.pop("title", "Housing Officer"), "seniority": m.Seniority.OFFICER}
    values = {"first_name": "Jo", "last_name": "Bloggs", "email": "jo.bloggs@ashdown.test", **names}
    return services.officer_create(
        actor=ashdown.member_services, start=TODAY(), post={**post, "service": ashdown.housing}, **values
    )


NAMES_CHANGED = {
    "council's name": (
        lambda a, v: services.council_update(actor=a.member_services, council=a.council, data={"name": v}),
        "name",
        "Name",
    ),
    "council's short name": (
        lambda a, v: services.council_update(
            actor=a.member_services, council=a.council, data={"short_name": v}
        ),
        "short_name",
        "Short name",
    ),
    "new ward": (lambda a, v: services.ward_create(actor=a.member_services, name=v), "name", "Name"),
    "ward's code": (
        lambda a, v: services.ward_create(actor=a.member_services, name="Northfield", code=v),
        "code",
        "Code",
    ),
    "renamed ward": (
        lambda a, v: services.ward_update(actor=a.member_services, ward=a.east_ward, data={"name": v}),
        "name",
        "Name",
    ),
    "new group": (
        lambda a, v: services.group_create(actor=a.member_services, name=v, status="opposition"),
        "name",
        "Name",
    ),
    "group's short name": (
        lambda a, v: services.group_update(
            actor=a.member_services, group=a.opposition, data={"short_name": v}
        ),
        "short_name",
        "Short name",
    ),
    "new Member's first name": (lambda a, v: _new_member(a, first_name=v), "first_name", "First name"),
    "new Member's last name": (lambda a, v: _new_member(a, last_name=v), "last_name", "Last name"),
    "new Member's title": (lambda a, v: _new_member(a, title=v), "title", "Title"),
    "renamed Member": (
        lambda a, v: services.member_update(
            actor=a.member_services, member=member_of(a.councillor), data={"last_name": v}
        ),
        "last_name",
        "Last name",
    ),
    "portfolio": (
        lambda a, v: services.member_role_assign(
            actor=a.member_services,
            member=member_of(a.councillor),
            kind="cabinet_member",
            portfolio=v,
            start=TODAY(),
        ),
        "portfolio",
        "The portfolio",
    ),
    "new committee": (
        lambda a, v: services.committee_create(actor=a.member_services, name=v, kind="regulatory"),
        "name",
        "Name",
    ),
    "new directorate": (
        lambda a, v: services.directorate_create(actor=a.member_services, name=v),
        "name",
        "Name",
    ),
    "renamed directorate": (
        lambda a, v: services.directorate_update(
            actor=a.member_services, directorate=a.place, data={"name": v}
        ),
        "name",
        "Name",
    ),
    "new service": (
        lambda a, v: services.service_create(actor=a.member_services, directorate=a.place, name=v),
        "name",
        "Name",
    ),
    "renamed service": (
        lambda a, v: services.service_update(actor=a.member_services, service=a.housing, data={"name": v}),
        "name",
        "Name",
    ),
    "new officer's first name": (lambda a, v: _new_officer(a, first_name=v), "first_name", "First name"),
    "new officer's post": (lambda a, v: _new_officer(a, title=v), "title", "Title"),
    "renamed officer": (
        lambda a, v: services.officer_update(
            actor=a.member_services, officer=officer_of(a.officer), data={"first_name": v}
        ),
        "first_name",
        "First name",
    ),
    "new post's title": (
        lambda a, v: services.post_start(
            actor=a.member_services,
            officer=officer_of(a.officer),
            title=v,
            seniority=m.Seniority.OFFICER,
            service=a.housing,
            start=TODAY(),
        ),
        "title",
        "Title",
    ),
}


@pytest.mark.parametrize("what", NAMES_CHANGED)
def test_a_name_that_would_read_backwards_is_refused_and_nothing_is_stored(ashdown, what):
    change, field, label = NAMES_CHANGED[what]
    before = directory_rows()
    with pytest.raises(ValidationError) as invalid:
        change(ashdown, f"Housing {RLO}gnitsixe")  # shown as "Housing existing"
    assert invalid.value.message_dict[field] == [f"{label} {DIRECTION}."]
    assert directory_rows() == before


def test_a_name_in_a_right_to_left_script_is_kept_as_written(ashdown):
    ward = services.ward_create(actor=ashdown.member_services, name="وادي النيل")
    member = _new_member(ashdown, first_name="יעל", last_name="כהן")
    assert (ward.name, member.full_name) == ("وادي النيل", "יעל כהן")
