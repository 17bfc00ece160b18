"""The visibility matrix: for every URL pattern and every API operation, what each persona gets.

How to register a page
======================

``tests/visibility/test_matrix.py`` fails for any URL pattern (walked from ``nolan.config.urls``) or
API operation (from the OpenAPI schema drf-spectacular generates) that has no entry here, and for an
entry whose pattern or operation is gone. When a workflow lands (access to information, complaints,
groups, reports), add an entry for each of its pages and API operations, in the section it belongs to:

    page(
        "complaints/<str:reference>/",              # the route, exactly as the failure message spells it
        enquiry_pages("/complaints/{reference}/"),  # what to ask for: each real URL, with its twin for
                                                    #   a reference that does not exist
        in_circle(OK),                              # who gets what: here the circle gets the page and
    ),                                              #   everyone else what a missing reference gets
    page("complaints/new/", paths("/complaints/new/"), each((SIGNED_IN, FORBIDDEN), (MEMBERS, OK), ...)),
    operation("GET", "/api/v1/complaints/{reference}/", ...),  # the path as the OpenAPI schema has it

What each persona gets is one of:

- an ``Outcome``: ``OK`` (200), ``FORBIDDEN`` (403), ``TO_SIGN_IN`` (the redirect to the sign-in page),
  ``redirect(...)``, or any ``Outcome(status, location)`` the page gives by design;
- ``HIDDEN``: whoever may not see the record gets exactly what they get for one that does not exist
  (same status, Location, Content-Type and body, apart from the reference asked for and CSRF tokens),
  and their request changes nothing. A target for HIDDEN needs its ``missing`` twin;
- ``Elsewhere("tests/...")``: a write this persona may make, which the matrix does not make (say which
  tests make it). Use it only for those who may write; an outsider's write is always asked (HIDDEN).

Give every persona an outcome: ``cells((group, outcome), ...)`` fails if one is left out. Take the
outcome from what the code intends (the selectors, policies and views), never from what a page
happens to do. Where a page does something it should not, do not write that down as its outcome:
write the intended one and add the cell to ``KNOWN_FAILURES`` with the issue that will fix it (the
test is then an xfail(strict=True), which fails as soon as the fix lands, so the entry is removed).

A new workflow with records of its own adds them to ``tests/visibility/conftest.py`` (one in each
state its pages treat differently, each confidential text with a tracer) and, if it has a circle of
its own, a table like ``CIRCLES``. Every answer the matrix gets is also searched for the tracers of
every enquiry outside the persona's circle, and for API tokens: finding one fails the test, whatever
the status.

A new model in the system administration pages is registered in ``ADMIN_MODELS`` (whether the admin
lets a system administrator add and delete it); its six URL patterns follow from that.

Every persona asks every page, with two economies that keep the matrix to about a minute per
database: an outsider asks each step page of one enquiry and one step in three (their answer cannot
depend on the step: the page looks the enquiry up first), and a signed-in persona who is not staff
asks one page of each model in the system administration, in turn (one gate stands before them all).
Each is one constant below (OUTSIDERS_ASK_ONE_STEP_IN, ADMIN_PAGES_IN_TURN); ``NOT_ASKED`` marks the
cells it leaves out.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.visibility.harness import (
    HIDDEN,
    NOT_ASKED,
    Elsewhere,
    Entry,
    Expected,
    Outcome,
    Target,
    cells,
)

# The personas -----------------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
COUNCILLOR = "councillor"  # Cllr Aisha Rahman, Eastgate, who raised the enquiries
SAME_WARD = "same_ward_councillor"  # Cllr Ben Okafor, Eastgate (opposition), who raised one
SAME_GROUP = "same_group_councillor"
OPPOSITION_LEADER = "opposition_leader"
CABINET_MEMBER = "cabinet_member"  # the Cabinet Member for Housing
FORMER_COUNCILLOR = "former_councillor"
MEMBER_ENQUIRIES = "member_enquiries"  # the Member Enquiries team
MEMBER_SERVICES = "member_services"
OFFICER = "officer"  # Sam Lee, Housing Management: the handling officer
OTHER_SERVICE_OFFICER = "other_service_officer"
DIRECTOR = "director"  # the Director of Place, above the handling officer
MONITORING_OFFICER = "monitoring_officer"
CHIEF_EXECUTIVE = "chief_executive"
SYSTEM_ADMIN = "system_admin"  # a Django superuser with an authenticator
NO_PLACE = "no_place"  # an account with no place in the council

PERSONAS = (
    ANONYMOUS,
    COUNCILLOR,
    SAME_WARD,
    SAME_GROUP,
    OPPOSITION_LEADER,
    CABINET_MEMBER,
    FORMER_COUNCILLOR,
    MEMBER_ENQUIRIES,
    MEMBER_SERVICES,
    OFFICER,
    OTHER_SERVICE_OFFICER,
    DIRECTOR,
    MONITORING_OFFICER,
    CHIEF_EXECUTIVE,
    SYSTEM_ADMIN,
    NO_PLACE,
)
SIGNED_IN = PERSONAS[1:]
MEMBERS = (COUNCILLOR, SAME_WARD, SAME_GROUP, OPPOSITION_LEADER, CABINET_MEMBER)
OFFICERS = (
    MEMBER_ENQUIRIES,
    MEMBER_SERVICES,
    OFFICER,
    OTHER_SERVICE_OFFICER,
    DIRECTOR,
    MONITORING_OFFICER,
    CHIEF_EXECUTIVE,
)
#: Who may read the directory, the protocol and the calendar: a place in the council, or a
#: system administrator (directory.selectors.can_read_directory).
READERS = (*MEMBERS, *OFFICERS, SYSTEM_ADMIN)
#: Who may not: not even a count, so no page shows them a name from it.
NON_READERS = (ANONYMOUS, FORMER_COUNCILLOR, NO_PLACE)
#: Names from the directory (a councillor, a ward, a service): no answer to a non-reader shows one.
DIRECTORY_TRACERS = ("aisha.rahman@ashdown.test", "Okafor", "Eastgate", "Housing Management")
#: Who keeps the directory and the calendar (Capacities.maintains_directory).
MAINTAINERS = (MEMBER_SERVICES, SYSTEM_ADMIN)
#: Who may raise an enquiry: a Member, or Member Services and the team on a Member's behalf.
RAISERS = (*MEMBERS, MEMBER_ENQUIRIES, MEMBER_SERVICES)
#: Staff who must use a second factor and have one (allauth asks them for it to reauthenticate).
WITH_AUTHENTICATOR = (*OFFICERS, SYSTEM_ADMIN)
WITHOUT_AUTHENTICATOR = (*MEMBERS, FORMER_COUNCILLOR, NO_PLACE)

# Who sees each enquiry (nolan.enquiries.selectors, Tower Hamlets 7.19) ----------------------------------
# The raising Member, the Member Enquiries team, and once it is assigned the handling officer and their
# line up to the Director. Not another Member of the ward or group, not a Cabinet Member, not Member
# Services, not an officer of another service, not the Monitoring Officer (unless it is referred to
# them), not the Chief Executive, not a system administrator, not a former councillor.

HANDLED = frozenset({COUNCILLOR, MEMBER_ENQUIRIES, OFFICER, DIRECTOR})
CIRCLES: dict[str, frozenset[str]] = {
    "received": frozenset({COUNCILLOR, MEMBER_ENQUIRIES}),
    "assigned": HANDLED,
    "responded": HANDLED,
    "closed": HANDLED,
    "other": frozenset({SAME_WARD, MEMBER_ENQUIRIES}),  # raised by Cllr Ben Okafor
}
#: Who raised each enquiry: a Member sees the steps taken for them, not the internal ones (a draft).
RAISED_BY = dict.fromkeys(("received", "assigned", "responded", "closed"), COUNCILLOR) | {"other": SAME_WARD}

#: Which step pages each enquiry offers to whom (nolan.enquiries.views.enquiry.STEPS): in its circle,
#: an offered step is a form (200); any other goes back to the enquiry's page with a message.
_TEAM_AND_LINE = {MEMBER_ENQUIRIES, OFFICER, DIRECTOR}
STEP_OFFERS: dict[str, dict[str, set[str]]] = {
    "received": {
        "triage": {MEMBER_ENQUIRIES},
        "attach": {COUNCILLOR, MEMBER_ENQUIRIES},
        "close": {COUNCILLOR, MEMBER_ENQUIRIES},
    },
    "assigned": {  # with the handling officer, a draft written and not signed off
        "triage": {MEMBER_ENQUIRIES},  # the team may re-route it until it is answered
        "holding-reply": {OFFICER, DIRECTOR},
        "draft": {OFFICER, DIRECTOR},
        "sign-off-request": {OFFICER, DIRECTOR},
        "sign-off": {DIRECTOR},  # a manager in the line, not the draft's author
        "send": {OFFICER, DIRECTOR},
        "discussion": _TEAM_AND_LINE,
        "reassign": {MEMBER_ENQUIRIES, DIRECTOR},
        "transfer": _TEAM_AND_LINE,
        "attach": {COUNCILLOR, *_TEAM_AND_LINE},
        "close": {COUNCILLOR, MEMBER_ENQUIRIES},
    },
    "responded": {  # answered today, inside the follow-up window
        "reopen": {COUNCILLOR, MEMBER_ENQUIRIES},
        "feedback": {COUNCILLOR},
        "attach": {COUNCILLOR, *_TEAM_AND_LINE},
        "close": {COUNCILLOR, MEMBER_ENQUIRIES},
    },
    "closed": {"feedback": {COUNCILLOR}},  # closed after the answer, with feedback given
    "other": {
        "triage": {MEMBER_ENQUIRIES},
        "attach": {SAME_WARD, MEMBER_ENQUIRIES},
        "close": {SAME_WARD, MEMBER_ENQUIRIES},
    },
}
STEPS = (
    "triage",
    "holding-reply",
    "draft",
    "sign-off-request",
    "sign-off",
    "send",
    "discussion",
    "reassign",
    "transfer",
    "reopen",
    "feedback",
    "attach",
    "close",
)
API_STEPS = (
    "triage",
    "assign",
    "transfer",
    "holding-reply",
    "discussion",
    "draft-response",
    "submit-for-sign-off",
    "sign-off",
    "send-response",
    "reopen",
    "close",
    "feedback",
)

# Outcomes -----------------------------------------------------------------------------------------------

OK = Outcome(200)
FORBIDDEN = Outcome(403)
NOT_FOUND = Outcome(404)
NOT_ALLOWED = Outcome(405)


def redirect(to: str, status: int = 302) -> Outcome:
    return Outcome(status, to)


TO_SIGN_IN = redirect("/account/login/?next=")
TO_ADMIN_SIGN_IN = redirect("/system-admin/login/?next=")
TO_HOME = redirect("/")
#: allauth asks for the password (or the code) again before a change to how one signs in.
TO_REAUTHENTICATE = redirect("/account/reauthenticate/?next=")
#: Not signed in, the API says so: 401, with the token challenge (token authentication is tried first).
API_NOT_SIGNED_IN = Outcome(401)


def each(*pairs: tuple[str | tuple[str, ...], Expected]) -> dict[str, Expected]:
    return cells(*pairs, personas=PERSONAS)


SIGNED_IN_PAGE = each((SIGNED_IN, OK), (ANONYMOUS, TO_SIGN_IN))
READERS_PAGE = each((SIGNED_IN, FORBIDDEN), (READERS, OK), (ANONYMOUS, TO_SIGN_IN))
MAINTAINERS_PAGE = each((SIGNED_IN, FORBIDDEN), (MAINTAINERS, OK), (ANONYMOUS, TO_SIGN_IN))
#: A record of the directory: a reader sees it; anyone else gets what a missing one gets.
READERS_RECORD = each((PERSONAS, HIDDEN), (READERS, OK))
#: A change to a record: Member Services and a system administrator get the form; anyone else is refused
#: before the record is read (a reader, who may see the record, with a 403; anyone else as for a
#: missing one).
MAINTAINERS_RECORD = each((PERSONAS, HIDDEN), (READERS, FORBIDDEN), (MAINTAINERS, OK))
EVERYONE = each((PERSONAS, OK))
API_SIGNED_IN = each((SIGNED_IN, OK), (ANONYMOUS, API_NOT_SIGNED_IN))
API_READERS_RECORD = READERS_RECORD


def _in_turn(persona: str, position: int, every: int) -> bool:
    """Whether ``persona`` asks for target number ``position`` when each asks one target in ``every``."""
    return (PERSONAS.index(persona) + position) % every == 0


def in_circle(inside: Expected, *, outsiders_in_turn: int = 1) -> Callable[[str, Target], Expected]:
    """``inside`` for the enquiry's circle; HIDDEN for everyone else (and for everyone, a target that
    is about no enquiry they may see through it, such as another enquiry's file). With
    ``outsiders_in_turn``, each outsider asks for one enquiry in that many, in turn (NOT_ASKED)."""

    def rule(persona: str, target: Target) -> Expected:
        if target.enquiry is None:
            return HIDDEN
        if persona in CIRCLES[target.enquiry]:
            return inside
        return (
            HIDDEN if _in_turn(persona, list(CIRCLES).index(target.enquiry), outsiders_in_turn) else NOT_ASKED
        )

    return rule


#: Each outsider asks one step page in this many (all of them GET and POST), each of one enquiry, going
#: round the enquiries; those in the circle ask every step of every enquiry they see. Set it to 1 for
#: every outsider to ask every step: about 440 more requests, some 8s more per database.
OUTSIDERS_ASK_ONE_STEP_IN = 3


def step_page(persona: str, target: Target) -> Expected:
    """In the circle: the form if the step is offered to them, else back to the enquiry's page.
    Outside it (and for a step that does not exist), what a missing reference gets; an outsider's
    answer depends on neither the step nor the enquiry's state (the page looks the enquiry up first),
    so each outsider asks one step in OUTSIDERS_ASK_ONE_STEP_IN, of one enquiry per step (NOT_ASKED)."""
    if target.step not in STEPS:
        return HIDDEN
    if persona not in CIRCLES[target.enquiry]:
        turn = target.outsiders and _in_turn(persona, STEPS.index(target.step), OUTSIDERS_ASK_ONE_STEP_IN)
        return HIDDEN if turn else NOT_ASKED
    if persona in STEP_OFFERS[target.enquiry].get(target.step, ()):
        return OK
    return redirect(target.path.rsplit("/", 2)[0] + "/")


def api_step(persona: str, target: Target) -> Expected:
    """Outside the circle, the 404 of a missing reference; inside, the step (tests/api/test_enquiries.py)."""
    if persona in CIRCLES[target.enquiry]:
        return Elsewhere("tests/api/test_enquiries.py: each step as those who may and may not take it")
    return HIDDEN if target.outsiders else NOT_ASKED


# What to ask for ------------------------------------------------------------------------------------------

MISSING_REFERENCE = "ME-2027-999999"
MISSING_ID = 999999


def paths(*urls: str):
    return lambda places: [Target(url) for url in urls]


def record(template: str, *names: str):
    """The URL of a record of the directory or the calendar (``places.ids[name]``), and its twin
    for an id that does not exist."""
    return lambda places: [
        Target(template.format(places.ids[name]), template.format(MISSING_ID)) for name in names
    ]


def enquiry_pages(template: str):
    """The URL for each enquiry (``template`` with ``{reference}``) and its twin for a missing one."""
    return lambda places: [
        Target(
            template.format(reference=enquiry.reference),
            template.format(reference=MISSING_REFERENCE),
            enquiry=name,
        )
        for name, enquiry in places.enquiries.items()
    ]


def enquiry_files(places) -> list[Target]:
    """Each enquiry's file, and another enquiry's file asked for through an enquiry the asker may see."""
    targets = [
        Target(
            f"/enquiries/{enquiry.reference}/files/{places.attachments[name]}/",
            f"/enquiries/{MISSING_REFERENCE}/files/{places.attachments[name]}/",
            enquiry=name,
        )
        for name, enquiry in places.enquiries.items()
    ]
    own = places.enquiries["received"].reference
    targets.append(
        Target(
            f"/enquiries/{own}/files/{places.attachments['other']}/", f"/enquiries/{own}/files/{MISSING_ID}/"
        )
    )
    return targets


def _outsiders_ask(places, position: int) -> str:
    """The enquiry whose step ``position`` outsiders ask for: each step of one enquiry, going round
    the enquiries so that each of them is asked for too (NOT_ASKED says why that is enough)."""
    names = list(places.enquiries)
    return names[position % len(names)]


def enquiry_steps(places) -> list[Target]:
    """Each step page of each enquiry, and a step that does not exist."""
    targets = [
        Target(
            f"/enquiries/{enquiry.reference}/{slug}/",
            f"/enquiries/{MISSING_REFERENCE}/{slug}/",
            enquiry=name,
            step=slug,
            outsiders=name == _outsiders_ask(places, position),
        )
        for position, slug in enumerate(STEPS)
        for name, enquiry in places.enquiries.items()
    ]
    assigned = places.enquiries["assigned"].reference
    targets.append(
        Target(
            f"/enquiries/{assigned}/no-such-step/",
            f"/enquiries/{MISSING_REFERENCE}/no-such-step/",
            enquiry="assigned",
            step="no-such-step",
        )
    )
    return targets


def api_steps(step: str):
    position = API_STEPS.index(step)
    return lambda places: [
        Target(
            f"/api/v1/enquiries/{enquiry.reference}/{step}/",
            f"/api/v1/enquiries/{MISSING_REFERENCE}/{step}/",
            enquiry=name,
            outsiders=name == _outsiders_ask(places, position),
        )
        for name, enquiry in places.enquiries.items()
    ]


def enquiry_lists(base: str):
    """A list, unfiltered and searched for words in every enquiry's subject and one status (``among``:
    what it would show someone who sees every enquiry)."""
    everything = ("received", "assigned", "responded", "closed", "other")
    return lambda places: [
        Target(base, among=everything),
        Target(f"{base}?q=Heron+Court&status=received", among=("received", "other")),
    ]


def admin_object(app_model: str, suffix: str):
    def targets(places) -> list[Target]:
        app, model = app_model.split(".")
        template = f"/system-admin/{app}/{model}/{{}}/{suffix}"
        return [Target(template.format(places.admin_objects[app_model]), template.format(MISSING_ID))]

    return targets


# Checks of what a 2xx answer holds -----------------------------------------------------------------------


def counts_what_they_see(persona: str, target: Target, answer) -> str | None:
    """An API list's ``count`` (or the counts' ``total``) is the number of enquiries the persona sees."""
    data = json.loads(answer.body)
    counted = data["count"] if "count" in data else data["total"]
    expected = sum(1 for name in target.among if persona in CIRCLES[name])
    if counted != expected:
        return f"it counts {counted} enquiries; {persona} sees {expected} of those it could list"
    return None


def directory_for_readers(persona: str, target: Target, answer) -> str | None:
    """An API list of the directory: something for a reader; for anyone else an empty page, count 0."""
    counted = json.loads(answer.body)["count"]
    if persona in READERS and counted == 0:
        return f"{persona} may read the directory, but the list is empty"
    if persona not in READERS and counted != 0:
        return f"{persona} may not read the directory, but the list counts {counted}"
    return None


# Entries --------------------------------------------------------------------------------------------------


def page(route: str, targets, expect, **options) -> Entry:
    """A URL pattern of the site, asked for with GET."""
    return Entry(key=route, route=route, method="GET", targets=targets, expect=expect, **options)


def operation(method: str, path: str, targets, expect, **options) -> Entry:
    """An API operation as the OpenAPI schema has it (``path`` with ``{name}`` for each parameter)."""
    return Entry(
        key=f"{method} {path}",
        route=path,
        method=method,
        targets=targets,
        expect=expect,
        json=True,
        **options,
    )


WEB = [
    page("", paths("/"), SIGNED_IN_PAGE),
    page("accessibility/", paths("/accessibility/"), EVERYONE),
]

DIRECTORY = [
    page("directory/", paths("/directory/"), SIGNED_IN_PAGE),  # says what the person may do
    # Lists: a signed-in person with no place gets an empty list, never a 403 that would say more.
    page("directory/members/", paths("/directory/members/"), SIGNED_IN_PAGE),
    page("directory/members/add/", paths("/directory/members/add/"), MAINTAINERS_PAGE),
    page("directory/members/import/", paths("/directory/members/import/"), MAINTAINERS_PAGE),
    page(
        "directory/members/import/example.csv",
        paths("/directory/members/import/example.csv"),
        MAINTAINERS_PAGE,
    ),
    page(
        "directory/members/<int:pk>/",
        record("/directory/members/{}/", "member", "former_member"),
        READERS_RECORD,
    ),
    *(
        page(
            f"directory/members/<int:pk>/{change}/",
            record(f"/directory/members/{{}}/{change}/", "member"),
            MAINTAINERS_RECORD,
        )
        for change in ("edit", "end-term", "group", "ward", "group-office", "role", "committee", "account")
    ),
    page("directory/wards/", paths("/directory/wards/"), SIGNED_IN_PAGE),
    page("directory/wards/add/", paths("/directory/wards/add/"), MAINTAINERS_PAGE),
    page("directory/wards/<int:pk>/", record("/directory/wards/{}/", "ward"), READERS_RECORD),
    page("directory/wards/<int:pk>/edit/", record("/directory/wards/{}/edit/", "ward"), MAINTAINERS_RECORD),
    page("directory/groups/", paths("/directory/groups/"), SIGNED_IN_PAGE),
    page("directory/groups/add/", paths("/directory/groups/add/"), MAINTAINERS_PAGE),
    page("directory/groups/<int:pk>/", record("/directory/groups/{}/", "group"), READERS_RECORD),
    page(
        "directory/groups/<int:pk>/edit/", record("/directory/groups/{}/edit/", "group"), MAINTAINERS_RECORD
    ),
    page("directory/committees/", paths("/directory/committees/"), SIGNED_IN_PAGE),
    page("directory/committees/add/", paths("/directory/committees/add/"), MAINTAINERS_PAGE),
    page("directory/committees/<int:pk>/", record("/directory/committees/{}/", "committee"), READERS_RECORD),
    page(
        "directory/committees/<int:pk>/edit/",
        record("/directory/committees/{}/edit/", "committee"),
        MAINTAINERS_RECORD,
    ),
    page("directory/directorates/", paths("/directory/directorates/"), SIGNED_IN_PAGE),
    page("directory/directorates/add/", paths("/directory/directorates/add/"), MAINTAINERS_PAGE),
    page(
        "directory/directorates/<int:pk>/edit/",
        record("/directory/directorates/{}/edit/", "directorate"),
        MAINTAINERS_RECORD,
    ),
    page("directory/services/add/", paths("/directory/services/add/"), MAINTAINERS_PAGE),
    page(
        "directory/services/<int:pk>/edit/",
        record("/directory/services/{}/edit/", "service"),
        MAINTAINERS_RECORD,
    ),
    page("directory/officers/", paths("/directory/officers/"), SIGNED_IN_PAGE),
    page("directory/officers/add/", paths("/directory/officers/add/"), MAINTAINERS_PAGE),
    page("directory/officers/import/", paths("/directory/officers/import/"), MAINTAINERS_PAGE),
    page(
        "directory/officers/import/example.csv",
        paths("/directory/officers/import/example.csv"),
        MAINTAINERS_PAGE,
    ),
    page("directory/officers/<int:pk>/", record("/directory/officers/{}/", "officer"), READERS_RECORD),
    *(
        page(
            f"directory/officers/<int:pk>/{change}/",
            record(f"/directory/officers/{{}}/{change}/", "officer"),
            MAINTAINERS_RECORD,
        )
        for change in ("edit", "post", "leave", "statutory-role", "account")
    ),
    page("directory/statutory-officers/", paths("/directory/statutory-officers/"), SIGNED_IN_PAGE),
]

PROTOCOL = [
    page("protocol/", paths("/protocol/"), READERS_PAGE),
    page("protocol/search/", paths("/protocol/search/?q=member+enquiries"), READERS_PAGE),
    page("protocol/compare/", paths("/protocol/compare/"), READERS_PAGE),
    # The shipped protocols are the councils' published documents: a reader sees any of them; anyone
    # else is refused before the text is looked up, as for one Nolan does not hold.
    page(
        "protocol/compare/<str:key>/",
        lambda places: [
            Target("/protocol/compare/enquiries.response_time/", "/protocol/compare/no-such-rule/")
        ],
        READERS_RECORD,
    ),
    page(
        "protocol/<slug:slug>/",
        lambda places: [Target("/protocol/tower-hamlets/", "/protocol/no-such-council/")],
        READERS_RECORD,
    ),
    page(
        "protocol/<slug:slug>/<str:paragraph>/",
        lambda places: [Target("/protocol/tower-hamlets/7.19/", "/protocol/no-such-council/7.19/")],
        READERS_RECORD,
    ),
]

CALENDAR = [
    page("calendar/", paths("/calendar/"), READERS_PAGE),
    page("calendar/changes/add/", paths("/calendar/changes/add/"), MAINTAINERS_PAGE),
    page(
        "calendar/changes/<int:pk>/remove/",
        record("/calendar/changes/{}/remove/", "override"),
        MAINTAINERS_RECORD,
    ),
]

#: What an outsider sends to a step page: enough for most steps to go through if the page let them.
STEP_FORM = {
    "classification": "member_enquiry",
    "reason": "Because",
    "text": "An answer",
    "note": "A note",
    "with_whom": "Cllr Rahman",
    "met_need": "yes",
    "confirm": "yes",
}

ENQUIRIES = [
    # Lists: everyone signed in gets one, holding only what they may see (the tracers are looked for).
    page("enquiries/", enquiry_lists("/enquiries/"), SIGNED_IN_PAGE),
    page(
        "enquiries/new/",
        paths("/enquiries/new/"),
        each((SIGNED_IN, FORBIDDEN), (RAISERS, OK), (ANONYMOUS, TO_SIGN_IN)),
    ),
    page("enquiries/triage/", paths("/enquiries/triage/"), SIGNED_IN_PAGE),
    page(
        "enquiries/worklist/", paths("/enquiries/worklist/", "/enquiries/worklist/?line=yes"), SIGNED_IN_PAGE
    ),
    page("enquiries/overdue/", paths("/enquiries/overdue/"), SIGNED_IN_PAGE),
    page("enquiries/export.csv", enquiry_lists("/enquiries/export.csv"), SIGNED_IN_PAGE),
    page("enquiries/<str:reference>/", enquiry_pages("/enquiries/{reference}/"), in_circle(OK)),
    # An outsider's answer for a file is the page's for the enquiry (the file is looked for in it), so
    # each outsider asks for the files of one enquiry in two; everyone asks for one enquiry's file
    # through another enquiry.
    page("enquiries/<str:reference>/files/<int:pk>/", enquiry_files, in_circle(OK, outsiders_in_turn=2)),
    page("enquiries/<str:reference>/<slug:slug>/", enquiry_steps, step_page, outsiders_post=STEP_FORM),
]

# allauth's pages are about the signed-in person's own account. Where allauth asks for the password again
# before a change to how one signs in, the page is reached after that.
ACCOUNT = [
    page("account/login/", paths("/account/login/"), each((SIGNED_IN, TO_HOME), (ANONYMOUS, OK))),
    page(
        "account/logout/",
        paths("/account/logout/"),
        each((SIGNED_IN, OK), (ANONYMOUS, redirect("/account/login/"))),
    ),
    page("account/inactive/", paths("/account/inactive/"), EVERYONE),
    # Accounts are made by Member Services or single sign-on: the sign-up page says so.
    page("account/signup/", paths("/account/signup/"), each((SIGNED_IN, TO_HOME), (ANONYMOUS, OK))),
    page("account/reauthenticate/", paths("/account/reauthenticate/"), SIGNED_IN_PAGE),
    page("account/email/", paths("/account/email/"), SIGNED_IN_PAGE),
    page("account/confirm-email/", paths("/account/confirm-email/"), EVERYONE),
    page("account/password/change/", paths("/account/password/change/"), SIGNED_IN_PAGE),
    page(
        "account/password/set/",
        paths("/account/password/set/"),
        each((SIGNED_IN, redirect("/account/password/change/")), (ANONYMOUS, TO_SIGN_IN)),
    ),
    page("account/password/reset/", paths("/account/password/reset/"), EVERYONE),
    page(
        "account/login/code/confirm/",
        paths("/account/login/code/confirm/"),
        each((SIGNED_IN, TO_HOME), (ANONYMOUS, redirect("/account/login/"))),
    ),
    page(
        "account/^confirm-email/(?P<key>[-:\\w]+)/$", paths("/account/confirm-email/no-such-key/"), EVERYONE
    ),
    page("account/password/reset/key/done/", paths("/account/password/reset/key/done/"), EVERYONE),
    page(
        "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        paths("/account/password/reset/key/1a-no-such-key/"),
        EVERYONE,  # the page says the link is not valid
    ),
    page("account/password/reset/done/", paths("/account/password/reset/done/"), EVERYONE),
    page("account/2fa/", paths("/account/2fa/"), SIGNED_IN_PAGE),
    page(
        "account/2fa/authenticate/",
        paths("/account/2fa/authenticate/"),
        each((SIGNED_IN, TO_HOME), (ANONYMOUS, redirect("/account/login/"))),  # only while signing in
    ),
    page(
        "account/2fa/reauthenticate/",
        paths("/account/2fa/reauthenticate/"),
        each(
            (WITHOUT_AUTHENTICATOR, redirect("/account/reauthenticate/")),
            (WITH_AUTHENTICATOR, OK),
            (ANONYMOUS, TO_SIGN_IN),
        ),
    ),
    page(
        "account/2fa/totp/activate/",
        paths("/account/2fa/totp/activate/"),
        each(
            (SIGNED_IN, TO_REAUTHENTICATE), (COUNCILLOR, redirect("/account/2fa/")), (ANONYMOUS, TO_SIGN_IN)
        ),
    ),
    page(
        "account/2fa/totp/deactivate/",
        paths("/account/2fa/totp/deactivate/"),
        each(
            (WITHOUT_AUTHENTICATOR, NOT_FOUND),
            (WITH_AUTHENTICATOR, TO_REAUTHENTICATE),
            (ANONYMOUS, TO_SIGN_IN),
        ),
    ),
    page(
        "account/2fa/recovery-codes/",
        paths("/account/2fa/recovery-codes/"),
        each((SIGNED_IN, NOT_FOUND), (ANONYMOUS, TO_SIGN_IN)),  # none of them has generated any
    ),
    page(
        "account/2fa/recovery-codes/generate/",
        paths("/account/2fa/recovery-codes/generate/"),
        each((SIGNED_IN, TO_REAUTHENTICATE), (ANONYMOUS, TO_SIGN_IN)),
    ),
    page(
        "account/2fa/recovery-codes/download/",
        paths("/account/2fa/recovery-codes/download/"),
        each((SIGNED_IN, NOT_FOUND), (ANONYMOUS, TO_SIGN_IN)),
    ),
    page("account/3rdparty/login/cancelled/", paths("/account/3rdparty/login/cancelled/"), EVERYONE),
    page(
        "account/3rdparty/login/error/",
        paths("/account/3rdparty/login/error/"),
        each((PERSONAS, Outcome(401))),
    ),
    page(
        "account/3rdparty/signup/",
        paths("/account/3rdparty/signup/"),
        each((PERSONAS, redirect("/account/login/"))),  # only in the middle of a single sign-on
    ),
    page("account/3rdparty/", paths("/account/3rdparty/"), SIGNED_IN_PAGE),
    page(
        "account/social/login/cancelled/",
        paths("/account/social/login/cancelled/"),
        each((PERSONAS, redirect("/account/3rdparty/login/cancelled/", 301))),
    ),
    page(
        "account/social/login/error/",
        paths("/account/social/login/error/"),
        each((PERSONAS, redirect("/account/3rdparty/login/error/", 301))),
    ),
    page(
        "account/social/signup/",
        paths("/account/social/signup/"),
        each((PERSONAS, redirect("/account/3rdparty/signup/", 301))),
    ),
    page(
        "account/social/connections/",
        paths("/account/social/connections/"),
        each((PERSONAS, redirect("/account/3rdparty/", 301))),
    ),
    # The council's single sign-on: a page that sends the person to the identity provider.
    page("account/oidc/^(?P<provider_id>[^/]+)/login/", paths("/account/oidc/council/login/"), EVERYONE),
    page(
        "account/oidc/^(?P<provider_id>[^/]+)/login/callback/",
        paths("/account/oidc/council/login/callback/"),
        each((PERSONAS, Outcome(401))),  # a callback with no state from the identity provider
    ),
]

API_PAGES = [
    page("api/schema/", paths("/api/schema/"), API_SIGNED_IN),
    page("api/docs/", paths("/api/docs/"), SIGNED_IN_PAGE),
    # Anything else under /api/: a JSON 404, or the redirect that adds a missing final slash.
    page("api/^.*$", paths("/api/v1/no-such-endpoint/"), each((PERSONAS, NOT_FOUND))),
]

# The system administration ---------------------------------------------------------------------------------
# For system administrators only (Django staff). Enquiries are not in it, and it shows no confidential
# content of them: the tracers are looked for on every page, as for everyone else. The audit trail and
# the outbox may name an enquiry by its reference.

ADMIN_ONLY = each((PERSONAS, TO_ADMIN_SIGN_IN), (SYSTEM_ADMIN, OK))
#: A record's page, to anyone signed in who is not staff: the admin sends them to its sign-in page before
#: it looks anything up, so the redirect holds nothing but the address asked for. (Asked once rather
#: than beside a missing record's twin: the anonymous visitor asks for the twin, as HIDDEN.)
ADMIN_GATE = TO_ADMIN_SIGN_IN

ADMIN_SITE = [
    page("system-admin/", paths("/system-admin/"), ADMIN_ONLY),
    page(
        "system-admin/login/",
        paths("/system-admin/login/"),
        # Not a password form of its own: the administration is reached through Nolan's sign-in, with
        # the second factor; someone signed in who may not administer is refused, not sent round again.
        each((PERSONAS, FORBIDDEN), (ANONYMOUS, TO_SIGN_IN), (SYSTEM_ADMIN, redirect("/system-admin/"))),
    ),
    page(
        "system-admin/logout/",
        paths("/system-admin/logout/"),
        each((PERSONAS, redirect("/system-admin/")), (SYSTEM_ADMIN, NOT_ALLOWED)),  # signing out is a POST
    ),
    page("system-admin/password_change/", paths("/system-admin/password_change/"), ADMIN_ONLY),
    page("system-admin/password_change/done/", paths("/system-admin/password_change/done/"), ADMIN_ONLY),
    page(
        "system-admin/autocomplete/",
        paths("/system-admin/autocomplete/"),
        each((PERSONAS, TO_ADMIN_SIGN_IN), (SYSTEM_ADMIN, FORBIDDEN)),  # asked for no field
    ),
    page("system-admin/jsi18n/", paths("/system-admin/jsi18n/"), ADMIN_ONLY),
    page(
        "system-admin/r/<path:content_type_id>/<path:object_id>/",
        lambda places: [
            Target(
                f"/system-admin/r/{places.admin_objects['content_type']}/{places.ids['member']}/",
                f"/system-admin/r/{places.admin_objects['content_type']}/{MISSING_ID}/",
            )
        ],
        each((PERSONAS, HIDDEN)),  # no record here has a page on the site to go to
    ),
    page(
        "system-admin/^(?P<app_label>auth|account|mfa|socialaccount|audit|directory|register|mail|enquiries)/$",
        paths(
            "/system-admin/directory/",
            "/system-admin/register/",
            "/system-admin/mail/",
            "/system-admin/enquiries/",
        ),
        ADMIN_ONLY,
    ),
    page(
        "system-admin/(?P<url>.*)$",
        paths("/system-admin/no-such-page/"),
        each((PERSONAS, TO_ADMIN_SIGN_IN), (SYSTEM_ADMIN, NOT_FOUND)),
    ),
]

#: Each model in the system administration: whether the admin lets a system administrator add one and
#: delete one (a read-only admin refuses both with a 403, and shows a record without a form).
ADMIN_MODELS: dict[str, dict[str, bool]] = {
    "auth.group": {"add": True, "delete": True},
    "account.emailaddress": {"add": True, "delete": True},
    "mfa.authenticator": {"add": True, "delete": True},
    "socialaccount.socialapp": {"add": True, "delete": True},
    "socialaccount.socialtoken": {"add": True, "delete": True},
    "socialaccount.socialaccount": {"add": True, "delete": True},
    "audit.auditevent": {"add": False, "delete": False},  # append-only
    **{
        f"directory.{model}": {"add": False, "delete": False}  # changed on the directory's pages
        for model in (
            "council",
            "ward",
            "politicalgroup",
            "member",
            "wardmembership",
            "groupmembership",
            "groupofficeholding",
            "memberrole",
            "committee",
            "committeemembership",
            "directorate",
            "service",
            "officer",
            "post",
            "statutoryrole",
        )
    },
    "enquiries.category": {"add": True, "delete": False},  # retired, never deleted
    "enquiries.routingrule": {"add": True, "delete": True},
    "enquiries.portfoliolink": {"add": True, "delete": True},
    "register.declaredrelationship": {"add": True, "delete": False},  # ended, never deleted
    "mail.outboxmessage": {"add": False, "delete": False},  # read-only, without the message's text
}
#: Pages that may name enquiries by their reference to a system administrator (never their contents).
NAMES_ENQUIRIES = ("audit.auditevent", "mail.outboxmessage")


#: Each signed-in persona who is not staff asks one of a model's six pages (its list, add, and a
#: record's history, delete, change and own address), a different one for each model in turn, rather
#: than all six of every model: the admin sends every one of them to its sign-in page at the same gate
#: (AdminSite.admin_view) before it looks at the page or the record, so each page is asked by two or
#: three of them and each of them asks every kind of page. Every persona asks every page of the site
#: itself (its index, each application's page, its sign-in...); the system administrator and the
#: anonymous visitor ask every page. Set it to 1 to ask every persona every page: about 2,000 more
#: requests, some 20s more per database on the 2-core machine.
ADMIN_PAGES_IN_TURN = 6


def _admin_page(position: int, system_admin, anonymous: Expected):
    """``system_admin`` (an outcome, or a function of the target) for the system administrator,
    ``anonymous`` for the anonymous visitor, and the admin's sign-in page for anyone else whose turn
    it is (ADMIN_PAGES_IN_TURN)."""

    def rule(persona: str, target: Target) -> Expected:
        if persona == SYSTEM_ADMIN:
            return system_admin(target) if callable(system_admin) else system_admin
        if persona == ANONYMOUS:
            return anonymous
        return ADMIN_GATE if _in_turn(persona, position, ADMIN_PAGES_IN_TURN) else NOT_ASKED

    return rule


def _admin_model(position: int, app_model: str, add: bool, delete: bool) -> list[Entry]:
    """The six URL patterns of one model in the system administration."""
    app, model = app_model.split(".")
    base = f"system-admin/{app}/{model}/"
    shown = frozenset({SYSTEM_ADMIN}) if app_model in NAMES_ENQUIRIES else frozenset()
    search = [f"/{base}?q=Heron"] if app_model == "audit.auditevent" else []
    kinds = [
        ("", paths(f"/{base}", *search), OK, TO_ADMIN_SIGN_IN),
        ("add/", paths(f"/{base}add/"), OK if add else FORBIDDEN, TO_ADMIN_SIGN_IN),
        ("<path:object_id>/history/", admin_object(app_model, "history/"), OK, HIDDEN),
        ("<path:object_id>/delete/", admin_object(app_model, "delete/"), OK if delete else FORBIDDEN, HIDDEN),
        ("<path:object_id>/change/", admin_object(app_model, "change/"), OK, HIDDEN),
        (
            "<path:object_id>/",
            admin_object(app_model, ""),
            lambda target: redirect(target.path + "change/"),
            HIDDEN,
        ),
    ]
    return [
        page(
            base + route,
            targets,
            _admin_page(position + kind, system_admin, anonymous),
            references_shown_to=shown,
            in_turn=True,
        )
        for kind, (route, targets, system_admin, anonymous) in enumerate(kinds)
    ]


ADMIN = [
    entry
    for position, (app_model, can) in enumerate(ADMIN_MODELS.items())
    for entry in _admin_model(position, app_model, **can)
]

# The API ----------------------------------------------------------------------------------------------------
# Not signed in: 403. The directory's records as on its pages (a list for anyone signed in, empty for
# someone with no place; a record for readers, the 404 of a missing one for anyone else). Enquiries:
# the 404 of a missing reference for anyone outside the circle, on the detail and on every step.

#: What an outsider sends to a step: enough for most steps to go through if the API let them.
STEP_JSON = {
    "classification": "member_enquiry",
    "reason": "Because",
    "text": "An answer",
    "note": "A note",
    "with_whom": "Cllr Rahman",
    "met_need": True,
}


def raise_json(places) -> dict:
    return {
        "subject": "Damp at Heron Court",
        "body": "Black mould in the bedroom.",
        "category": places.ids["category"],
        "ward": places.ids["ward"],
    }


API_TOKEN_TESTS = "tests/api/test_account.py: creating and revoking one's own token"

API = [
    operation("GET", "/api/v1/me/", paths("/api/v1/me/"), API_SIGNED_IN),
    operation("GET", "/api/v1/token/", paths("/api/v1/token/"), API_SIGNED_IN),
    operation(
        "POST",
        "/api/v1/token/",
        paths("/api/v1/token/"),
        each((SIGNED_IN, Elsewhere(API_TOKEN_TESTS)), (ANONYMOUS, API_NOT_SIGNED_IN)),
    ),
    operation(
        "DELETE",
        "/api/v1/token/",
        paths("/api/v1/token/"),
        each((SIGNED_IN, Elsewhere(API_TOKEN_TESTS)), (ANONYMOUS, API_NOT_SIGNED_IN)),
    ),
    operation("GET", "/api/v1/wards/", paths("/api/v1/wards/"), API_SIGNED_IN, check=directory_for_readers),
    operation("GET", "/api/v1/groups/", paths("/api/v1/groups/"), API_SIGNED_IN, check=directory_for_readers),
    operation(
        "GET", "/api/v1/members/", paths("/api/v1/members/"), API_SIGNED_IN, check=directory_for_readers
    ),
    operation(
        "GET",
        "/api/v1/members/{id}/",
        record("/api/v1/members/{}/", "member", "former_member"),
        API_READERS_RECORD,
    ),
    operation(
        "GET", "/api/v1/committees/", paths("/api/v1/committees/"), API_SIGNED_IN, check=directory_for_readers
    ),
    operation(
        "GET", "/api/v1/committees/{id}/", record("/api/v1/committees/{}/", "committee"), API_READERS_RECORD
    ),
    operation(
        "GET",
        "/api/v1/directorates/",
        paths("/api/v1/directorates/"),
        API_SIGNED_IN,
        check=directory_for_readers,
    ),
    operation(
        "GET", "/api/v1/services/", paths("/api/v1/services/"), API_SIGNED_IN, check=directory_for_readers
    ),
    operation(
        "GET", "/api/v1/officers/", paths("/api/v1/officers/"), API_SIGNED_IN, check=directory_for_readers
    ),
    operation("GET", "/api/v1/officers/{id}/", record("/api/v1/officers/{}/", "officer"), API_READERS_RECORD),
    operation(
        "GET",
        "/api/v1/enquiries/",
        enquiry_lists("/api/v1/enquiries/"),
        API_SIGNED_IN,
        check=counts_what_they_see,
    ),
    # Raising: those who may raise one are tested in tests/api/test_enquiries.py; anyone else is refused
    # and nothing is stored.
    operation(
        "POST",
        "/api/v1/enquiries/",
        paths("/api/v1/enquiries/"),
        each(
            (SIGNED_IN, FORBIDDEN),
            (RAISERS, Elsewhere("tests/api/test_enquiries.py: raising an enquiry")),
            (ANONYMOUS, API_NOT_SIGNED_IN),
        ),
        body=raise_json,
    ),
    operation(
        "GET",
        "/api/v1/enquiries/counts/",
        enquiry_lists("/api/v1/enquiries/counts/"),
        API_SIGNED_IN,
        check=counts_what_they_see,
    ),
    operation(
        "GET",
        "/api/v1/enquiries/{reference}/",
        enquiry_pages("/api/v1/enquiries/{reference}/"),
        in_circle(OK),
    ),
    *(
        operation(
            "POST",
            f"/api/v1/enquiries/{{reference}}/{step}/",
            api_steps(step),
            api_step,
            body=STEP_JSON,
        )
        for step in API_STEPS
    ),
]

ENTRIES: list[Entry] = [
    *WEB,
    *DIRECTORY,
    *PROTOCOL,
    *CALENDAR,
    *ENQUIRIES,
    *ACCOUNT,
    *API_PAGES,
    *ADMIN_SITE,
    *ADMIN,
    *API,
]

# What does not hold yet -------------------------------------------------------------------------------------
# (entry key, persona) -> why, with the issue that will fix it. Each is an xfail(strict=True): once the
# fix lands the test fails until its line here is removed.

KNOWN_FAILURES: dict[tuple[str, str], str] = {}
