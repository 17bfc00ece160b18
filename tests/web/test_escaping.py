"""What people write is shown as text on every page, never run as markup.

Each free-text field a person can write is given markup, and every page that shows it is fetched as
the persona who reads it there: the markup must appear escaped (so it is on the page, as text) and
never as a tag. The directory and the council's protocol profile take any text; the Member Enquiries
services refuse HTML tags in their texts with a message, so for those the refusal is tested, and a
text that is not a whole tag (which they accept) must show escaped.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from nolan.directory import models as d
from nolan.directory import services as directory
from nolan.enquiries import rules
from nolan.enquiries import services as enquiries
from nolan.enquiries.models import Enquiry
from nolan.protocols import profiles
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import World, raise_one, triaged

frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

MARKUP = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
# Not a whole tag, so the enquiries' plain-text rule lets it through; were it printed unescaped, the
# page's next tag would close it and the browser would run its onerror.
OPEN_TAG = "\"'><img src=x onerror=alert(3) x="
REFUSED = "as plain text: HTML tags such as &lt;script&gt; or &lt;b&gt; cannot be used."


def assert_shown_as_text(html: str, text: str, where: str) -> None:
    assert "<img src=x" not in html and "<script>alert" not in html, f"markup runs on {where}"
    assert escape(text) in html, f"{text!r} is not shown (escaped once) on {where}"


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def enquiry_url(enquiry: Enquiry, step: str = "") -> str:
    if step:
        return url("enquiries:step", enquiry.reference, step)
    return url("enquiries:detail", enquiry.reference)


def page(client, user, path: str) -> str:
    """The page at ``path`` as ``user`` sees it (``None``: a visitor who has not signed in)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return response.content.decode()


# Who reads which page ------------------------------------------------------------------------------

Page = tuple[str, Callable[[World], str]]  # (persona, the page's path)


def home(persona: str) -> Page:
    return (persona, lambda w: url("home"))


def member_page(persona: str = "member_services") -> Page:
    return (persona, lambda w: url("directory:member_detail", w.member_of(w.councillor).pk))


def officer_page(persona: str = "member_services") -> Page:
    return (persona, lambda w: url("directory:officer_detail", w.officer_of(w.officer).pk))


def listed(name: str, persona: str = "member_services") -> Page:
    return (persona, lambda w: url(name))


def received_enquiry(step: str = "") -> Page:
    """The enquiry as it reaches the Member Enquiries team (``step``: its triage page)."""

    def path(w):
        enquiry = Enquiry.objects.filter(subject="Damp in a council flat").first() or raise_one(w)
        return enquiry_url(enquiry, step)

    return ("member_enquiries", path)


def handled_enquiry(persona: str = "officer") -> Page:
    """An enquiry the team has triaged to Sam Lee in Housing Management, as ``persona`` reads it."""

    def path(w):
        return enquiry_url(Enquiry.objects.filter(subject="Mould in the hall").first() or triaged(w, **HALL))

    return (persona, path)


HALL = {"subject": "Mould in the hall"}
TRIAGE = received_enquiry("triage")


# The directory: any text is accepted, and every page shows it as text ---------------------------------


@dataclass(frozen=True)
class Case:
    what: str
    write: Callable[[World, str], object]
    pages: tuple[Page, ...]


def _rename(getter, update, field: str = "name"):
    def write(w: World, text: str):
        obj = getter(w)
        update(actor=w.member_services, **{_kind(update): obj}, data={field: text}, reason="Renamed")

    return write


def _kind(update) -> str:
    return update.__name__.removesuffix("_update")


def _committee(w: World, text: str):
    committee = directory.committee_create(actor=w.member_services, name=text, kind="regulatory")
    directory.committee_membership_add(
        actor=w.member_services,
        committee=committee,
        member=w.member_of(w.councillor),
        start=datetime.date(2027, 3, 1),
    )


def _post_title(w: World, text: str):
    directory.post_start(
        actor=w.member_services,
        officer=w.officer_of(w.officer),
        title=text,
        seniority=d.Seniority.OFFICER,
        directorate=w.place,
        service=w.housing,
        line_manager=w.officer_of(w.director),
        start=datetime.date(2027, 3, 9),
    )


DIRECTORY = [
    Case(
        "a service's name",
        _rename(lambda w: w.housing, directory.service_update),
        (
            TRIAGE,  # the routing hint names the service the routing table sends it to
            handled_enquiry("member_enquiries"),
            listed("directory:directorate_list"),
            officer_page(),
            home("officer"),
        ),
    ),
    Case(
        "a ward's name",
        _rename(lambda w: w.east_ward, directory.ward_update),
        (
            TRIAGE,
            received_enquiry(),
            listed("directory:ward_list"),
            ("member_services", lambda w: url("directory:ward_detail", w.east_ward.pk)),
            member_page(),
            home("councillor"),
            ("councillor", lambda w: url("enquiries:raise")),
        ),
    ),
    Case(
        "a political group's name",
        _rename(lambda w: w.administration, directory.group_update),
        (
            listed("directory:group_list"),
            ("member_services", lambda w: url("directory:group_detail", w.administration.pk)),
            member_page(),
            home("councillor"),
        ),
    ),
    Case(
        "a directorate's name",
        _rename(lambda w: w.place, directory.directorate_update),
        (listed("directory:directorate_list"), officer_page(), home("officer")),
    ),
    Case(
        "a committee's name",
        _committee,
        (listed("directory:committee_list"), member_page()),
    ),
    Case(
        "an officer's name",
        _rename(lambda w: w.officer_of(w.officer), directory.officer_update, "last_name"),
        (
            TRIAGE,  # the handling officers to choose from
            handled_enquiry("member_enquiries"),
            handled_enquiry("councillor"),
            listed("directory:officer_list"),
            officer_page(),
        ),
    ),
    Case(
        "a post's title",
        _post_title,
        (TRIAGE, officer_page(), home("officer")),
    ),
    Case(
        "a Member's name",
        _rename(lambda w: w.member_of(w.councillor), directory.member_update, "last_name"),
        (
            received_enquiry(),
            listed("enquiries:triage", "member_enquiries"),
            ("member_enquiries", lambda w: url("enquiries:raise")),
            handled_enquiry("officer"),
            listed("enquiries:worklist", "officer"),
            listed("directory:member_list"),
            member_page(),
            ("member_services", lambda w: url("directory:ward_detail", w.east_ward.pk)),
            home("councillor"),
        ),
    ),
    Case(
        "the council's name",
        _rename(lambda w: w.council, directory.council_update),
        (
            ("", lambda w: url("account_login")),
            ("", lambda w: url("accessibility")),
            home("councillor"),
            TRIAGE,
            listed("directory:index"),
            listed("protocols:index", "councillor"),
        ),
    ),
]


@pytest.mark.parametrize("case", DIRECTORY, ids=lambda case: case.what)
def test_directory_text_is_shown_as_text(client, world, case):
    text = f"{case.what} {MARKUP}"
    case.write(world, text)
    for persona, path in case.pages:
        where = path(world)
        html = page(client, getattr(world, persona) if persona else None, where)
        assert_shown_as_text(html, text, f"{where} as {persona or 'a visitor'}")


# Member Enquiries: tags are refused with a message; what is let through is shown as text -------------


RAISE_TEXTS = [
    "subject",
    "body",
    "resident_name",
    "resident_address",
    "resident_contact",
    "urgency_reason",
    "interest_details",
]


def raise_form(world, **values) -> dict:
    return {
        "subject": "Broken streetlight",
        "body": "The light outside 4 Mill Lane has been out for a week.",
        "category": str(world.other_category.pk),
        "ward": str(world.east_ward.pk),
        "resident_name": "Joe Bloggs",
        "resident_address": "4 Mill Lane",
        "resident_contact": "07700 900123",
        "resident_asked_member_to_act": "yes",
        "resident_special_category": "no",
        "urgent": "yes",
        "urgency_reason": "The lane is dark.",
        "interest": "personal",
        "interest_details": "It is my street.",
        **values,
    }


@pytest.mark.parametrize("field", RAISE_TEXTS)
def test_a_tag_in_a_new_enquiry_is_refused_with_a_message(client, world, field):
    client.force_login(world.councillor)
    response = client.post(url("enquiries:raise"), raise_form(world, **{field: MARKUP}))
    html = response.content.decode()
    assert response.status_code == 200
    assert REFUSED in html
    assert "<img src=x" not in html and "<script>alert" not in html
    assert not Enquiry.objects.exists()


# (step, form field, the enquiry's state before it, the persona who takes the step)
STEP_TEXTS = [
    ("triage", "note", "received", "member_enquiries"),
    ("triage", "external_reference", "received", "member_enquiries"),
    ("holding-reply", "text", "triaged", "officer"),
    ("holding-reply", "reason", "triaged", "officer"),
    ("discussion", "with_whom", "triaged", "officer"),
    ("discussion", "note", "triaged", "officer"),
    ("draft", "text", "triaged", "officer"),
    ("transfer", "reason", "triaged", "member_enquiries"),
    ("close", "reason", "triaged", "member_enquiries"),
]
STEP_FORMS = {
    "triage": lambda w: {"classification": "member_enquiry", "note": "", "external_reference": ""},
    "holding-reply": lambda w: {
        "text": "We are looking into it.",
        "reason": "A survey is needed.",
        "new_due_day": "30",
        "new_due_month": "3",
        "new_due_year": "2027",
    },
    "discussion": lambda w: {"with_whom": "The Member", "note": "Agreed to wait."},
    "draft": lambda w: {"text": "The mould will be treated on Friday."},
    "transfer": lambda w: {"service": str(w.waste.pk), "reason": "Wrong service."},
    "close": lambda w: {"reason": "Resolved."},
}


@pytest.mark.parametrize(("step", "field", "state", "persona"), STEP_TEXTS)
def test_a_tag_in_a_step_on_an_enquiry_is_refused_with_a_message(client, world, step, field, state, persona):
    enquiry = raise_one(world) if state == "received" else triaged(world)
    events = enquiry.events.count()
    client.force_login(getattr(world, persona))
    response = client.post(enquiry_url(enquiry, step), {**STEP_FORMS[step](world), field: MARKUP})
    html = response.content.decode()
    assert response.status_code == 200
    assert REFUSED in html
    assert "<img src=x" not in html and "<script>alert" not in html
    assert enquiry.events.count() == events


def test_a_category_with_a_tag_in_its_name_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        enquiries.category_save(actor=world.member_enquiries, name=MARKUP)
    assert "HTML tags" in str(refused.value.message_dict["name"])


def test_enquiry_texts_that_are_not_whole_tags_are_shown_as_text(client, world):
    """Every text of an enquiry written with a broken tag: each page that shows one shows it as text."""

    def said(what: str) -> str:
        return f"{what} {OPEN_TAG}"

    category = enquiries.category_save(actor=world.member_enquiries, name=said("Category"))
    enquiries.routing_rule_save(actor=world.member_enquiries, category=category, service=world.housing)
    enquiry = raise_one(
        world,
        subject=said("Subject"),
        body=said("Body"),
        category=category,
        urgent=True,
        urgency_reason=said("Urgency"),
        interest="personal",
        interest_details=said("Interest"),
        resident={"name": said("Resident"), "address": said("Address"), "contact": said("Contact")},
    )
    me, member = world.member_enquiries, world.councillor
    triage_page = page(client, me, enquiry_url(enquiry, "triage"))
    assert_shown_as_text(triage_page, said("Category"), "the triage page's routing hint")

    enquiries.triage(
        actor=me,
        enquiry=enquiry,
        classification="member_enquiry",
        note=said("Triage note"),
        external_reference="SR-1",
    )
    enquiry.refresh_from_db()
    officer = enquiry.assigned_officer.user  # urgent: the service's Director
    enquiries.record_discussion(actor=officer, enquiry=enquiry, with_whom=said("With"), note=said("Agreed"))
    enquiries.send_holding_reply(
        actor=officer,
        enquiry=enquiry,
        text=said("Holding reply"),
        reason=said("Holding reason"),
        new_due=datetime.date(2027, 3, 31),
    )
    enquiries.draft_response(actor=officer, enquiry=enquiry, text=said("Response"))
    enquiries.send_response(actor=officer, enquiry=enquiry)
    enquiries.record_feedback(actor=member, enquiry=enquiry, met_need=False, comment=said("Feedback"))
    enquiries.reopen(actor=member, enquiry=enquiry, reason=said("Reopened"))

    shown = {
        ("member_enquiries", enquiry_url(enquiry)): [
            "Subject",
            "Body",
            "Category",
            "Urgency",
            "Interest",
            "Resident",
            "Address",
            "Contact",
            "Triage note",
            "With",
            "Agreed",
            "Holding reply",
            "Holding reason",
            "Response",
            "Feedback",
            "Reopened",
        ],
        ("councillor", enquiry_url(enquiry)): ["Subject", "Body", "Holding reply", "Response", "Reopened"],
        ("handler", enquiry_url(enquiry, "draft")): ["Subject", "Body"],
        ("member_enquiries", url("enquiries:index")): ["Subject", "Category"],
        ("handler", url("enquiries:worklist")): ["Subject"],
        ("councillor", url("enquiries:index")): ["Subject"],
        ("member_enquiries", url("enquiries:raise")): ["Category"],
    }
    for (persona, path), whats in shown.items():
        html = page(client, officer if persona == "handler" else getattr(world, persona), path)
        for what in whats:
            assert_shown_as_text(html, said(what), f"{path} as {persona}")


# The council's own protocol profile ------------------------------------------------------------------


def _basic(text: str) -> str:
    """``text`` inside a TOML basic string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def test_a_council_profile_with_markup_is_shown_as_text(client, world, tmp_path, monkeypatch):
    """A council's own profile (NOLAN_PROFILES_DIR) names the council and glosses each paragraph:
    the protocol page, the triage page's hints and the enquiry page show that text as text."""
    protocols, own = tmp_path / "protocols", tmp_path / "profiles"
    protocols.mkdir()
    own.mkdir()
    shutil.copy(profiles.SHIPPED_DIR.parent / "texts" / "tower-hamlets.txt", protocols / "ashdown.txt")
    council = f"Ashdown {MARKUP}"
    source = profiles.profile_path("tower-hamlets").read_text(encoding="utf-8")
    source = source.replace('council = "Tower Hamlets"', f'council = "{_basic(council)}"')
    source = re.sub(r'^(gloss|why|note) = "', lambda m: f'{m[1]} = "{_basic(MARKUP)} ', source, flags=re.M)
    (own / "ashdown.toml").write_text(source, encoding="utf-8")
    monkeypatch.setenv("NOLAN_PROTOCOLS_DIR", str(protocols))
    monkeypatch.setenv(profiles.PROFILES_DIR_ENV, str(own))
    directory.council_update(
        actor=world.member_services, council=world.council, data={"protocol_profile": "ashdown"}
    )
    rules.clear_cache()
    enquiry = raise_one(world, urgent=True, urgency_reason="The ceiling may fall.")

    for persona, path in [
        ("councillor", url("protocols:index")),
        ("member_enquiries", enquiry_url(enquiry, "triage")),
        ("councillor", url("enquiries:raise")),
        ("member_enquiries", enquiry_url(enquiry)),
    ]:
        html = page(client, getattr(world, persona), path)
        assert "<img src=x" not in html and "<script>alert" not in html, f"markup runs on {path}"
        assert escape(MARKUP) in html, f"the profile's text is not shown on {path}"
