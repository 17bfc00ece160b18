"""The people the protocols speak of, as test fixtures, so a test reads like the protocol.

``build_council()`` makes a small council: two wards, an administration and an opposition group,
two directorates with services, and one user per persona. Staff personas have an authenticator
app set up with ``TOTP_SECRET`` so browser tests can sign in with a real second factor.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.directory import models as d

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TERM_START = datetime.date(2022, 5, 5)


def totp_code(secret: str = TOTP_SECRET) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def make_user(email: str, first: str, last: str, *, second_factor: bool) -> User:
    user = User.objects.create_user(email, PASSWORD, first_name=first, last_name=last)
    if second_factor:
        TOTP.activate(user, TOTP_SECRET)
    return user


@dataclass
class Council:
    council: d.Council
    east_ward: d.Ward
    west_ward: d.Ward
    administration: d.PoliticalGroup
    opposition: d.PoliticalGroup
    place: d.Directorate
    resources: d.Directorate
    housing: d.Service
    waste: d.Service
    legal: d.Service
    councillor: User
    same_ward_councillor: User
    same_group_councillor: User
    opposition_leader: User
    cabinet_member: User
    member_enquiries: User
    member_services: User
    officer: User
    other_service_officer: User
    director: User
    monitoring_officer: User
    chief_executive: User
    former_councillor: User


def _member(email, first, last, ward, group, *, start=TERM_START, end=None) -> tuple[User, d.Member]:
    user = make_user(email, first, last, second_factor=False)
    member = d.Member.objects.create(
        user=user, first_name=first, last_name=last, email=email, start=start, end=end
    )
    d.WardMembership.objects.create(member=member, ward=ward, start=start, end=end)
    if group:
        d.GroupMembership.objects.create(member=member, group=group, start=start, end=end)
    return user, member


def _officer(email, first, last, title, seniority, *, directorate=None, service=None, manager=None):
    user = make_user(email, first, last, second_factor=True)
    officer = d.Officer.objects.create(
        user=user, first_name=first, last_name=last, email=email, start=datetime.date(2015, 1, 5)
    )
    d.Post.objects.create(
        officer=officer,
        title=title,
        seniority=seniority,
        directorate=directorate,
        service=service,
        line_manager=manager,
        start=datetime.date(2015, 1, 5),
    )
    return user, officer


def build_council() -> Council:
    council = d.Council.objects.create(name="London Borough of Ashdown", protocol_profile="tower-hamlets")
    east = d.Ward.objects.create(name="Eastgate", code="E05000001")
    west = d.Ward.objects.create(name="Westmarsh", code="E05000002")
    admin = d.PoliticalGroup.objects.create(
        name="Riverside Labour Group", short_name="Labour", status="administration"
    )
    opp = d.PoliticalGroup.objects.create(name="Ashdown Independents Group", short_name="Independents")
    place = d.Directorate.objects.create(name="Place")
    resources = d.Directorate.objects.create(name="Resources")
    housing = d.Service.objects.create(directorate=place, name="Housing Management")
    waste = d.Service.objects.create(directorate=place, name="Waste and Street Cleaning")
    legal = d.Service.objects.create(directorate=resources, name="Legal and Democratic Services")

    councillor, _ = _member("aisha.rahman@ashdown.test", "Aisha", "Rahman", east, admin)
    same_ward, _ = _member("ben.okafor@ashdown.test", "Ben", "Okafor", east, opp)
    same_group, _ = _member("carys.hughes@ashdown.test", "Carys", "Hughes", west, admin)
    opp_leader, opp_leader_member = _member("tom.whitfield@ashdown.test", "Tom", "Whitfield", west, opp)
    d.GroupOfficeHolding.objects.create(
        group=opp, member=opp_leader_member, office="leader", start=TERM_START
    )
    cabinet, cabinet_member = _member("priya.shah@ashdown.test", "Priya", "Shah", east, admin)
    d.MemberRole.objects.create(
        member=cabinet_member, kind="cabinet_member", portfolio="Housing", start=TERM_START
    )
    former, _ = _member(
        "fred.former@ashdown.test",
        "Fred",
        "Former",
        west,
        admin,
        start=datetime.date(2018, 5, 3),
        end=TERM_START,
    )

    chief_exec, ce = _officer(
        "ceo@ashdown.test", "Helen", "Marsh", "Chief Executive", d.Seniority.CHIEF_EXECUTIVE
    )
    d.StatutoryRole.objects.create(officer=ce, kind="head_of_paid_service")
    director, director_officer = _officer(
        "director.place@ashdown.test",
        "Daniel",
        "Price",
        "Director of Place",
        d.Seniority.DIRECTOR,
        directorate=place,
        manager=ce,
    )
    officer, _ = _officer(
        "sam.lee@ashdown.test",
        "Sam",
        "Lee",
        "Housing Officer",
        d.Seniority.OFFICER,
        directorate=place,
        service=housing,
        manager=director_officer,
    )
    other, _ = _officer(
        "nina.patel@ashdown.test",
        "Nina",
        "Patel",
        "Solicitor",
        d.Seniority.OFFICER,
        directorate=resources,
        service=legal,
    )
    mo, mo_officer = _officer(
        "monitoring.officer@ashdown.test",
        "Grace",
        "Adeyemi",
        "Director of Law and Governance",
        d.Seniority.DIRECTOR,
        directorate=resources,
        service=legal,
        manager=ce,
    )
    d.StatutoryRole.objects.create(officer=mo_officer, kind="monitoring_officer")
    me, _ = _officer(
        "member.enquiries@ashdown.test",
        "Ola",
        "Bankole",
        "Member Enquiries Officer",
        d.Seniority.OFFICER,
        directorate=resources,
        service=legal,
        manager=mo_officer,
    )
    RoleGrant.objects.create(user=me, role=AccessRole.MEMBER_ENQUIRIES)
    ms, _ = _officer(
        "member.services@ashdown.test",
        "Ruth",
        "Cole",
        "Member Services Manager",
        d.Seniority.SERVICE_MANAGER,
        directorate=resources,
        service=legal,
        manager=mo_officer,
    )
    RoleGrant.objects.create(user=ms, role=AccessRole.MEMBER_SERVICES)

    return Council(
        council=council,
        east_ward=east,
        west_ward=west,
        administration=admin,
        opposition=opp,
        place=place,
        resources=resources,
        housing=housing,
        waste=waste,
        legal=legal,
        councillor=councillor,
        same_ward_councillor=same_ward,
        same_group_councillor=same_group,
        opposition_leader=opp_leader,
        cabinet_member=cabinet,
        member_enquiries=me,
        member_services=ms,
        officer=officer,
        other_service_officer=other,
        director=director,
        monitoring_officer=mo,
        chief_executive=chief_exec,
        former_councillor=former,
    )
