"""Builds the demo council: the London Borough of Ashworth, invented, with every persona signed up.

The same seed gives the same council: every name, seat, committee place and post comes from one
``random.Random(seed)`` drawn in a fixed order, and every date is fixed. The whole council is planned
in memory and written with ``bulk_create`` in one transaction, so it takes well under a second on
SQLite (the one slow step, hashing the demo password, is done once for every account).

This writes directory rows directly rather than through ``nolan.directory.services``: the services
make one audit event per change, and a demo council is one event, ``demo.built``. It keeps the
directory's rules all the same: no Member is an officer, every post but the Chief Executive's has a
line manager, and a Member's ward, group, roles and committee places all begin on fixed dates.
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.audit.services import record
from nolan.directory import models as d
from nolan.directory.models import Seniority
from nolan.directory.selectors import the_council

from . import governance as g
from . import organisation as o
from . import personas as p
from .enquiries import build_enquiries
from .names import GROUPS, INDEPENDENT_SEATS, MIXED_NAME_CHANCE, NAME_POOLS, WARDS

PROFILES = ("tower-hamlets", "islington", "leeds", "haringey", "hackney")
DEFAULT_PROFILE = "tower-hamlets"
DEFAULT_SEED = 1

COUNCIL_NAME = "London Borough of Ashworth"
COUNCIL_SHORT_NAME = "Ashworth"
DOMAIN = "ashworth.example"  # .example is reserved (RFC 2606): demo e-mail can never reach anyone

ELECTION_DAY = datetime.date(2026, 5, 7)  # Members' terms start on the (invented) borough election day
ANNUAL_MEETING = datetime.date(2026, 5, 20)  # roles, group offices and committee places from here
CO_OPTED_START = datetime.date(2026, 6, 1)
CO_OPTED_END = datetime.date(2030, 5, 6)  # four days after the next borough elections


class DemoRefused(Exception):
    """The demo will not build here (a production installation, or a council is already there)."""


@dataclass
class DemoCouncil:
    council: d.Council
    counts: dict[str, int]
    sign_ins: list[p.SignIn]


def refusal(*, production: bool | None = None) -> str:
    """Why the demo may not be built in this database now, or "" if it may."""
    if settings.MODE == "production" if production is None else production:
        return "The demo council is never built on a production installation (NOLAN_MODE=production)."
    existing = the_council()
    if existing is not None:
        return f"This database already holds a council ({existing}); the demo is built only in an empty one."
    return ""


@transaction.atomic
def build_demo(
    *, profile: str = DEFAULT_PROFILE, seed: int = DEFAULT_SEED, enquiries: bool = True
) -> DemoCouncil:
    """Build the demo council and its personas' accounts, and (unless ``enquiries`` is False) its
    Member Enquiries; raise ``DemoRefused`` where it may not."""
    if profile not in PROFILES:
        raise DemoRefused(f"There is no protocol profile {profile!r}; choose one of {', '.join(PROFILES)}.")
    reason = refusal()
    if reason:
        raise DemoRefused(reason)
    plan = _Plan(random.Random(seed))
    plan.members()
    plan.committees()
    plan.officers()
    council = plan.save(profile)
    if enquiries:
        people = {persona: person for persona, (person, _) in plan.personas.items()}
        plan.counts.update(build_enquiries(council=council, people=people, seed=seed))
    sign_ins = [
        p.SignIn(persona.label, name, person.email, needs_code=persona in plan.staff_personas)
        for persona in p.PERSONAS
        for person, name in [plan.personas[persona]]
    ]
    record(
        actor=None,
        action=p.BUILT_ACTION,
        target=council,
        capacity="command line",
        reason="Demo council for trying Nolan",
        extra={
            "profile": profile,
            "seed": seed,
            "counts": plan.counts,
            "sign_ins": [{"persona": s.persona, "name": s.name, "email": s.email} for s in sign_ins],
        },
    )
    return DemoCouncil(council, plan.counts, sign_ins)


# Names ---------------------------------------------------------------------------------------------

_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss"})


def email_local_part(name: str) -> str:
    """``Seán`` → ``sean``, ``O'Brien`` → ``obrien``, ``Aydın`` → ``aydin``."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z-]", "", ascii_name.lower())


class _Names:
    """Draws people's names, each with an e-mail address no one else in the council has."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.weights = [pool.weight for pool in NAME_POOLS]

    def person(self) -> tuple[str, str, str]:
        while True:
            pool = self.rng.choices(NAME_POOLS, weights=self.weights)[0]
            surnames = pool
            if self.rng.random() < MIXED_NAME_CHANCE:
                surnames = self.rng.choices(NAME_POOLS, weights=self.weights)[0]
            first, last = self.rng.choice(pool.first_names), self.rng.choice(surnames.surnames)
            email = f"{email_local_part(first)}.{email_local_part(last)}@{DOMAIN}"
            if email not in self.used:
                self.used.add(email)
                return first, last, email


def _mailbox(name: str) -> str:
    return re.sub(r"[^a-z]+", ".", email_local_part(name.replace("'", "")).replace("-", " ")).strip(".")


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _proportional(seats: int, sizes: dict) -> dict:
    """Seats shared in proportion to group sizes, largest remainders first (ties to the larger group)."""
    total = sum(sizes.values())
    quotas = {key: seats * size / total for key, size in sizes.items()}
    shares = {key: int(quota) for key, quota in quotas.items()}
    by_remainder = sorted(sizes, key=lambda key: (-(quotas[key] - shares[key]), -sizes[key]))
    for key in by_remainder[: seats - sum(shares.values())]:
        shares[key] += 1
    return shares


# The plan ------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    rng: random.Random
    names: _Names = field(init=False)
    wards: list[d.Ward] = field(default_factory=list)
    groups: list[d.PoliticalGroup] = field(default_factory=list)
    members_: list[d.Member] = field(default_factory=list)
    ward_memberships: list[d.WardMembership] = field(default_factory=list)
    group_memberships: list[d.GroupMembership] = field(default_factory=list)
    group_offices: list[d.GroupOfficeHolding] = field(default_factory=list)
    roles: list[d.MemberRole] = field(default_factory=list)
    committees_: list[d.Committee] = field(default_factory=list)
    committee_memberships: list[d.CommitteeMembership] = field(default_factory=list)
    directorates: list[d.Directorate] = field(default_factory=list)
    services: list[d.Service] = field(default_factory=list)
    officers_: list[d.Officer] = field(default_factory=list)
    posts: list[d.Post] = field(default_factory=list)
    statutory_roles: list[d.StatutoryRole] = field(default_factory=list)
    # persona → (the Member or officer, "name, what they are")
    personas: dict[p.Persona, tuple[d.Member | d.Officer, str]] = field(default_factory=dict)
    staff_personas: set[p.Persona] = field(default_factory=set)
    role_grants: dict[p.Persona, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.names = _Names(self.rng)
        self.by_group: dict[int, list[d.Member]] = defaultdict(list)
        self.independents: list[d.Member] = []
        self.executive: list[d.Member] = []
        self.portfolio_holders: dict[str, d.Member] = {}
        self.ward_of: dict[int, d.Ward] = {}
        self.employee_numbers = 0

    # Members, wards and groups ---------------------------------------------------------------------

    def members(self) -> None:
        rng = self.rng
        self.wards = [d.Ward(name=name, seats=seats, start=ELECTION_DAY) for name, seats in WARDS]
        self.groups = [
            d.PoliticalGroup(
                name=spec.name,
                short_name=spec.short_name,
                status=d.GroupStatus.ADMINISTRATION if spec.administration else d.GroupStatus.OPPOSITION,
                start=ELECTION_DAY,
            )
            for spec in GROUPS
        ]
        # Seats won, group by group, ward by ward: most wards elect one group's slate, a few are split.
        labels: list[int | None] = [i for i, spec in enumerate(GROUPS) for _ in range(spec.seats)]
        labels += [None] * INDEPENDENT_SEATS
        for _ in range(6):
            a, b = rng.randrange(len(labels)), rng.randrange(len(labels))
            labels[a], labels[b] = labels[b], labels[a]
        wards = list(self.wards)
        rng.shuffle(wards)
        seats = [ward for ward in wards for _ in range(ward.seats)]
        for ward, label in zip(seats, labels, strict=True):
            first, last, email = self.names.person()
            member = d.Member(
                title="Cllr",
                first_name=first,
                last_name=last,
                email=email,
                phone=f"07700 900{len(self.members_):03d}",  # Ofcom's range for drama
                start=ELECTION_DAY,
            )
            self.members_.append(member)
            self.ward_of[id(member)] = ward
            self.ward_memberships.append(d.WardMembership(member=member, ward=ward, start=ELECTION_DAY))
            if label is None:
                self.independents.append(member)
            else:
                self.by_group[label].append(member)
                self.group_memberships.append(
                    d.GroupMembership(member=member, group=self.groups[label], start=ELECTION_DAY)
                )

        admin = list(self.by_group[0])
        rng.shuffle(admin)
        leader, deputy, *cabinet = admin[:10]
        self.mayor, self.deputy_mayor, chief_whip, councillor = admin[10:14]
        self.mayor.kind = d.MemberKind.CIVIC_MAYOR
        self.executive = [leader, deputy, *cabinet]
        self._role(leader, d.MemberRoleKind.LEADER)
        self._role(deputy, d.MemberRoleKind.DEPUTY_LEADER)
        for member, portfolio in zip([deputy, *cabinet], g.PORTFOLIOS, strict=True):
            self._role(member, d.MemberRoleKind.CABINET_MEMBER, portfolio)
            self.portfolio_holders[portfolio] = member
        self._offices(self.groups[0], leader, deputy, chief_whip)

        for position, shadowed in enumerate(g.SHADOWED_PORTFOLIOS, start=1):
            group_members = list(self.by_group[position])
            rng.shuffle(group_members)
            self._offices(self.groups[position], *group_members[:3])
            for i, portfolio in enumerate(shadowed):
                member = group_members[i % len(group_members)]
                self._role(member, d.MemberRoleKind.OPPOSITION_SPOKESPERSON, portfolio)
            if position == 1:
                self._persona(
                    p.OPPOSITION_LEADER,
                    group_members[0],
                    f"{group_members[0]}, leader of the {GROUPS[1].name}",
                )
        self._persona(
            p.COUNCILLOR,
            councillor,
            f"{councillor}, {self.ward_of[id(councillor)].name} ward, {GROUPS[0].name}",
        )

        first, last, email = self.names.person()
        self.co_opted = d.Member(
            title="",
            first_name=first,
            last_name=last,
            email=email,
            kind=d.MemberKind.CO_OPTED,
            start=CO_OPTED_START,
            end=CO_OPTED_END,
        )
        self.members_.append(self.co_opted)

    def _role(self, member: d.Member, kind: str, portfolio: str = "") -> None:
        self.roles.append(d.MemberRole(member=member, kind=kind, portfolio=portfolio, start=ANNUAL_MEETING))

    def _offices(self, group: d.PoliticalGroup, leader, deputy, whip) -> None:
        for member, office in ((leader, "leader"), (deputy, "deputy_leader"), (whip, "whip")):
            self.group_offices.append(
                d.GroupOfficeHolding(group=group, member=member, office=office, start=ANNUAL_MEETING)
            )

    def _persona(self, persona: p.Persona, person, name: str, *, staff: bool = False) -> None:
        self.personas[persona] = (person, name)
        if staff:
            self.staff_personas.add(persona)

    # Committees --------------------------------------------------------------------------------------

    def committees(self) -> None:
        councillors = [m for m in self.members_ if m is not self.co_opted]
        order = {id(m): i for i, m in enumerate(self.rng.sample(councillors, len(councillors)))}
        load: dict[int, int] = defaultdict(int)
        chairs: set[int] = set()
        not_on_committees = {id(m) for m in [*self.executive, self.mayor]}
        placed: dict[str, list[d.Member]] = {}
        by_name: dict[str, d.Committee] = {}

        def least_loaded(candidates):
            return sorted(candidates, key=lambda m: (load[id(m)], order[id(m)]))

        for spec in g.COMMITTEES:
            committee = d.Committee(
                name=spec.name,
                kind=spec.kind,
                parent=by_name.get(spec.parent),
                terms_of_reference=spec.terms_of_reference,
                start=ANNUAL_MEETING,
            )
            by_name[spec.name] = committee
            self.committees_.append(committee)
            others: list[d.Member] = []
            if spec.name == g.FULL_COUNCIL:
                chair, vice = self.mayor, self.deputy_mayor
                others = [m for m in councillors if m not in (chair, vice)]
            elif spec.name == g.CABINET:
                chair, vice, *others = self.executive
            elif spec.name == g.HEALTH_AND_WELLBEING_BOARD:
                chair = self.portfolio_holders["Adult Social Care and Health"]
                vice = self.portfolio_holders["Children, Schools and Young People"]
                others = [
                    least_loaded(m for m in self.by_group[group] if id(m) not in not_on_committees)[0]
                    for group in (0, 1)
                ]
            else:
                pool = placed[spec.parent] if spec.from_parent_only else councillors
                pool = [m for m in pool if id(m) not in not_on_committees]
                buckets: dict[int | str, list[d.Member]] = {
                    i: [m for m in self.by_group[i] if m in pool] for i in range(len(GROUPS))
                }
                sizes = {i: len(self.by_group[i]) for i in range(len(GROUPS))}
                if spec.seats >= 10:  # a large committee has room for an independent
                    buckets["independent"] = [m for m in self.independents if m in pool]
                    sizes["independent"] = len(self.independents)
                picks = {
                    key: least_loaded(buckets[key])[:share]
                    for key, share in _proportional(spec.seats, sizes).items()
                }
                side = picks[1 if spec.chair_from_opposition else 0]
                chair = next((m for m in side if id(m) not in chairs), side[0])
                vice_side = 1 if spec.vice_chair_from_opposition else 0
                vice = next(m for m in picks[vice_side] + picks[0] if m is not chair)
                others = [m for key in picks for m in picks[key] if m not in (chair, vice)]
                if spec.scrutiny_lead:
                    self._role(chair, d.MemberRoleKind.SCRUTINY_LEAD, spec.scrutiny_lead)
            chairs.add(id(chair))
            placed[spec.name] = [chair, vice, *others]
            for member, role in [
                (chair, d.CommitteeRole.CHAIR),
                (vice, d.CommitteeRole.VICE_CHAIR),
                *((m, d.CommitteeRole.MEMBER) for m in others),
            ]:
                if spec.name != g.FULL_COUNCIL:
                    load[id(member)] += 1
                self.committee_memberships.append(
                    d.CommitteeMembership(committee=committee, member=member, role=role, start=ANNUAL_MEETING)
                )
            if spec.co_opted:
                self.committee_memberships.append(
                    d.CommitteeMembership(
                        committee=committee,
                        member=self.co_opted,
                        role=d.CommitteeRole.MEMBER,
                        start=CO_OPTED_START,
                    )
                )

    # Officers --------------------------------------------------------------------------------------

    def _officer(
        self,
        title: str,
        seniority: int,
        *,
        manager: d.Officer | None,
        directorate: d.Directorate,
        service: d.Service | None = None,
        restricted: bool = False,
        employment: str = d.EmploymentType.EMPLOYEE,
        assistant_to: d.PoliticalGroup | None = None,
    ) -> d.Officer:
        first, last, email = self.names.person()
        if employment == d.EmploymentType.EMPLOYEE:
            start = _day_between(self.rng, datetime.date(2003, 1, 6), datetime.date(2025, 12, 1))
            self.employee_numbers += 1
            number = f"AW{10000 + self.employee_numbers:05d}"
        else:
            start = _day_between(self.rng, datetime.date(2023, 1, 9), datetime.date(2026, 4, 1))
            number = ""
        officer = d.Officer(
            first_name=first,
            last_name=last,
            email=email,
            phone=f"020 7946 0{len(self.officers_):03d}",  # Ofcom's range for drama
            employee_number=number,
            employment_type=employment,
            start=start,
        )
        self.officers_.append(officer)
        self.posts.append(
            d.Post(
                officer=officer,
                title=title,
                seniority=seniority,
                directorate=directorate,
                service=service,
                line_manager=manager,
                politically_restricted=restricted or seniority >= Seniority.HEAD_OF_SERVICE,
                political_assistant_to=assistant_to,
                start=start,
            )
        )
        for kind in o.STATUTORY_ROLES.get(title, ()):
            self.statutory_roles.append(d.StatutoryRole(officer=officer, kind=kind, start=start))
        return officer

    def officers(self) -> None:
        rng = self.rng
        by_title: dict[str, list[d.Officer]] = defaultdict(list)
        service_by_name: dict[str, d.Service] = {}
        chief_executive = None
        for spec in o.DIRECTORATES:
            directorate = d.Directorate(name=spec.name, start=datetime.date(2019, 4, 1))
            self.directorates.append(directorate)
            if chief_executive is None:
                chief_executive = self._officer(
                    o.CHIEF_EXECUTIVE, Seniority.CHIEF_EXECUTIVE, manager=None, directorate=directorate
                )
                by_title[o.CHIEF_EXECUTIVE].append(chief_executive)
            head = chief_executive
            if spec.head:
                head = self._officer(
                    spec.head, Seniority.CORPORATE_DIRECTOR, manager=chief_executive, directorate=directorate
                )
                by_title[spec.head].append(head)
            for director_spec in spec.directors:
                director = self._officer(
                    director_spec.title, Seniority.DIRECTOR, manager=head, directorate=directorate
                )
                by_title[director_spec.title].append(director)
                for service_spec in director_spec.services:
                    service = d.Service(
                        directorate=directorate,
                        name=service_spec.name,
                        email=f"{_mailbox(service_spec.name)}@{DOMAIN}",
                        start=datetime.date(2019, 4, 1),
                    )
                    self.services.append(service)
                    service_by_name[service.name] = service
                    service_head = self._officer(
                        service_spec.head,
                        service_spec.head_seniority,
                        manager=director,
                        directorate=directorate,
                        service=service,
                        employment=service_spec.head_employment,
                    )
                    by_title[service_spec.head].append(service_head)
                    for team in service_spec.teams:
                        manager = self._officer(
                            team.manager,
                            Seniority.SERVICE_MANAGER,
                            manager=service_head,
                            directorate=directorate,
                            service=service,
                        )
                        by_title[team.manager].append(manager)
                        for _ in range(team.officers):
                            agency = rng.random() < team.agency_share
                            employment = team.employment or (
                                d.EmploymentType.AGENCY if agency else d.EmploymentType.EMPLOYEE
                            )
                            officer = self._officer(
                                team.officer,
                                Seniority.OFFICER,
                                manager=manager,
                                directorate=directorate,
                                service=service,
                                restricted=team.politically_restricted,
                                employment=employment,
                            )
                            by_title[team.officer].append(officer)

        # A political assistant for each of the two largest groups.
        democratic_services = service_by_name[o.POLITICAL_ASSISTANTS_SERVICE]
        largest = sorted(range(len(GROUPS)), key=lambda i: -GROUPS[i].seats)[:2]
        for i in largest:
            self._officer(
                f"Political Assistant to the {GROUPS[i].name}",
                Seniority.OFFICER,
                manager=by_title[o.POLITICAL_ASSISTANTS_MANAGER][0],
                directorate=democratic_services.directorate,
                service=democratic_services,
                restricted=True,
                assistant_to=self.groups[i],
            )

        def employee(title: str) -> d.Officer:
            return next(x for x in by_title[title] if x.employment_type == d.EmploymentType.EMPLOYEE)

        for persona, title in (
            (p.MEMBER_ENQUIRIES, "Member Enquiries Officer"),
            (p.OFFICER, "Housing Officer"),
            (p.DIRECTOR, "Corporate Director of Housing"),
            (p.MONITORING_OFFICER, "Director of Legal and Governance"),
            (p.CHIEF_EXECUTIVE, o.CHIEF_EXECUTIVE),
            (p.MEMBER_SERVICES, "Member Services Manager"),
        ):
            officer = employee(title)
            self._persona(persona, officer, f"{officer}, {title}", staff=True)
        self.role_grants = {
            p.MEMBER_ENQUIRIES: AccessRole.MEMBER_ENQUIRIES,
            p.MEMBER_SERVICES: AccessRole.MEMBER_SERVICES,
        }

    # Writing it all ----------------------------------------------------------------------------------

    def save(self, profile: str) -> d.Council:
        council = d.Council.objects.create(
            name=COUNCIL_NAME,
            short_name=COUNCIL_SHORT_NAME,
            protocol_profile=profile,
            bank_holiday_region=d.BankHolidayRegion.ENGLAND_AND_WALES,
            working_day_starts=datetime.time(9, 0),
            working_day_ends=datetime.time(17, 0),
            receipt_cut_off=datetime.time(17, 0),
            website=f"https://www.{DOMAIN}/",
        )
        password = make_password(p.DEMO_PASSWORD)  # hashed once: the slow step, shared by every account
        users = {
            persona: User(email=person.email, first_name=person.first_name, last_name=person.last_name)
            for persona, (person, _) in self.personas.items()
        }
        for user in users.values():
            user.password = password
        User.objects.bulk_create(users.values())
        for persona, (person, _) in self.personas.items():
            person.user = users[persona]

        for model, rows in (
            (d.Ward, self.wards),
            (d.PoliticalGroup, self.groups),
            (d.Member, self.members_),
            (d.WardMembership, self.ward_memberships),
            (d.GroupMembership, self.group_memberships),
            (d.GroupOfficeHolding, self.group_offices),
            (d.MemberRole, self.roles),
            (d.Committee, [c for c in self.committees_ if c.parent is None]),
            (d.Committee, [c for c in self.committees_ if c.parent is not None]),
            (d.CommitteeMembership, self.committee_memberships),
            (d.Directorate, self.directorates),
            (d.Service, self.services),
            (d.Officer, self.officers_),
            (d.Post, self.posts),
            (d.StatutoryRole, self.statutory_roles),
        ):
            model.objects.bulk_create(rows, batch_size=500)

        RoleGrant.objects.bulk_create(
            RoleGrant(user=users[persona], role=role, reason="Demo persona", start=ANNUAL_MEETING)
            for persona, role in self.role_grants.items()
        )
        for persona in [persona for persona in self.personas if persona in self.staff_personas]:
            TOTP.activate(users[persona], p.DEMO_TOTP_SECRET)

        councillors = [m for m in self.members_ if m.kind != d.MemberKind.CO_OPTED]
        self.counts = {
            "wards": len(self.wards),
            "seats": sum(w.seats for w in self.wards),
            "councillors": len(councillors),
            "co_opted_members": len(self.members_) - len(councillors),
            "political_groups": len(self.groups),
            "independents": len(self.independents),
            "committees": len(self.committees_),
            "committee_places": len(self.committee_memberships),
            "directorates": len(self.directorates),
            "services": len(self.services),
            "officers": len(self.officers_),
            "agency_and_consultants": sum(
                1
                for x in self.officers_
                if x.employment_type in {d.EmploymentType.AGENCY, d.EmploymentType.CONSULTANT}
            ),
            "politically_restricted_posts": sum(1 for post in self.posts if post.politically_restricted),
            "accounts": len(users),
        }
        return council
