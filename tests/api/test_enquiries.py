"""Member Enquiries over the API: raising, reading and every handling step, under the one visibility
rule (Tower Hamlets 7.19). Whoever may not see an enquiry gets the 404 a missing one gets, on the
detail and on every step, and nothing of it in the list, search or counts; bad input is a 400 naming
the field, a protocol refusal a 400 with its reasons and citations, and neither stores anything."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nolan.accounts.second_factor import SignIn
from nolan.api import tokens
from nolan.audit.models import AuditEvent
from nolan.enquiries import selectors
from nolan.enquiries.models import (
    Attachment,
    Enquiry,
    EnquiryEvent,
    ResidentDetails,
    Response,
    Status,
)
from nolan.mail.models import OutboxMessage
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import LONDON, files_on_disk, pdf, png, raise_one, triaged, upload

# The Member Enquiries fixtures: the ashdown council at 10:00 on Tuesday 9 March 2027.
frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

ENQUIRIES = "/api/v1/enquiries/"
COUNTS = "/api/v1/enquiries/counts/"
STEPS = (
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
OUTSIDERS = ("same_ward_councillor", "same_group_councillor", "other_service_officer")


def signed_in(user) -> Client:
    """A client of its own with a web session for ``user`` (several people act in one test)."""
    client = Client()
    client.force_login(user)
    return client


def detail(reference: str) -> str:
    return f"{ENQUIRIES}{reference}/"


def step(reference: str, name: str) -> str:
    return f"{ENQUIRIES}{reference}/{name}/"


def post_json(client: Client, url: str, data: dict | None = None):
    return client.post(url, data or {}, content_type="application/json")


def stored(world) -> tuple[int, ...]:
    """Everything a step could write: if this is unchanged, nothing was stored."""
    return (
        Enquiry.objects.count(),
        ResidentDetails.objects.count(),
        Attachment.objects.count(),
        EnquiryEvent.objects.count(),
        Response.objects.count(),
        OutboxMessage.objects.count(),
        AuditEvent.objects.exclude(action="viewed").count(),
        len(files_on_disk(world)),
    )


RAISE = {
    "subject": "Damp in a council flat",
    "body": "A resident of Eastgate House reports black mould in the bedroom. When will it be treated?",
    "resident_name": "Mary Jones",
    "resident_address": "12 Eastgate House",
    "resident_asked_member_to_act": True,
}


def raise_values(world, **values) -> dict:
    return {**RAISE, "category": world.repairs_category.pk, "ward": world.east_ward.pk, **values}


# Raising ------------------------------------------------------------------------------------------


def test_a_member_raises_an_enquiry_as_json_and_gets_its_reference_clock_and_explanation(world):
    response = post_json(signed_in(world.councillor), ENQUIRIES, raise_values(world))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"] == "ME-2027-000001"
    assert body["status"] == {"value": "received", "label": "Received"}
    assert body["originator_type"]["value"] == "member"
    assert body["raised_by_member"]["name"] == "Cllr Aisha Rahman"
    assert body["received_at"].startswith("2027-03-09T10:00")
    assert body["clock_starts"] == "2027-03-09"
    assert body["original_due"] == body["due_date"] == "2027-03-23"
    assert body["revised_due"] is None
    assert body["due_explanation"]
    assert body["rag"] == "green"
    assert body["resident"]["name"] == "Mary Jones"
    assert body["resident"]["asked_member_to_act"] is True
    assert [e["kind"]["value"] for e in body["timeline"]] == ["raised"]
    assert Enquiry.objects.get().raised_by_member == world.member_of(world.councillor)


def test_a_member_raises_an_enquiry_with_attachments_as_multipart(world):
    files = [upload("Letter to tenant.pdf", pdf()), upload("mould.png", png())]
    response = signed_in(world.councillor).post(ENQUIRIES, {**raise_values(world), "attachments": files})
    assert response.status_code == 201, response.json()
    attached = response.json()["attachments"]
    assert [(a["name"], a["content_type"]) for a in attached] == [
        ("Letter to tenant.pdf", "application/pdf"),
        ("mould.png", "image/png"),
    ]
    assert all(a["removed"] is False and a["size"] > 0 for a in attached)
    assert len(files_on_disk(world)) == 2


def test_member_services_raise_one_for_a_member_and_it_leaves_their_sight(world):
    client = signed_in(world.member_services)
    values = raise_values(world, member=world.member_of(world.councillor).pk)
    response = post_json(client, ENQUIRIES, values)
    assert response.status_code == 201, response.json()
    reference = response.json()["reference"]
    assert set(response.json()) == {"reference", "detail"}
    assert "not among the enquiries you may see" in response.json()["detail"]
    assert client.get(detail(reference)).status_code == 404
    mine = signed_in(world.councillor).get(detail(reference)).json()
    assert mine["originator_type"]["value"] == "member_services"
    assert mine["entered_by"] == "Ruth Cole"


def test_a_member_cannot_raise_in_another_members_name(world):
    before = stored(world)
    values = raise_values(world, member=world.member_of(world.same_ward_councillor).pk)
    response = post_json(signed_in(world.councillor), ENQUIRIES, values)
    assert response.status_code == 403
    assert "only in their own name" in response.json()["detail"]
    assert stored(world) == before


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"subject": ""}, "subject", "Enter a subject"),
        ({"subject": "<script>alert(1)</script>"}, "subject", "plain text"),
        ({"body": 'See <a href="http://evil.test">this</a>'}, "body", "plain text"),
        ({"body": "Hello <img src=x onerror=alert(1)>"}, "body", "plain text"),
        ({"resident_name": "<b>Mary</b>"}, "resident_name", "plain text"),
        ({"received_at": "2027-03-10T09:00:00+00:00"}, "received_at", "cannot be in the future"),
        ({"received_at": "yesterday"}, "received_at", "date and time"),
        ({"category": "housing"}, "category", "category's id"),
        ({"category": 999999}, "category", "Choose a category from the list"),
        ({"urgent": True}, "urgency_reason", "Enter why it is urgent"),
        ({"interest": "financial"}, "interest_details", "Enter the interest"),
        ({"follows_up": "ME-2020-000099"}, "follows_up", "no enquiry with reference ME-2020-000099"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(world, values, field, words):
    before = stored(world)
    response = post_json(signed_in(world.councillor), ENQUIRIES, raise_values(world, **values))
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"], body
    assert words in " ".join(map(str, body["errors"][field])), body
    assert f"{field}: " in body["detail"]
    assert stored(world) == before


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text."


@pytest.mark.parametrize(
    ("who", "values", "field", "message"),
    [
        ("councillor", {"subject": f"Damp {RLO}dexif"}, "subject", f"A subject {DIRECTION}"),
        (
            "councillor",
            {"resident_name": f"Mary {RLO}senoJ"},
            "resident_name",
            f"The resident's name {DIRECTION}",
        ),
        (
            "member_enquiries",
            {"originator_type": "elected_representative", "originator_name": f"Jo {RLO}PM sggolB"},
            "originator_name",
            f"The name of the MP or representative {DIRECTION}",
        ),
    ],
    ids=["subject", "resident", "MP"],
)
def test_a_subject_or_name_that_hides_text_is_a_400_and_stores_nothing(world, who, values, field, message):
    before = stored(world)
    response = post_json(signed_in(getattr(world, who)), ENQUIRIES, raise_values(world, **values))
    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}
    assert response.json()["detail"] == f"{field}: {message}"
    assert stored(world) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 500, "this type of file cannot be attached"),
        ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 500, "a Windows program, not a PDF document"),
        ("notes.txt", b"hello <script>alert(1)</script>", "script"),
        ("huge.pdf", pdf(50 * 1024 * 1024), "no larger than 10 MB"),
    ],
)
def test_a_bad_attachment_is_a_400_naming_the_file_and_nothing_is_kept(world, name, content, words):
    before = stored(world)
    files = [upload("fine.pdf", pdf()), upload(name, content)]
    response = signed_in(world.councillor).post(ENQUIRIES, {**raise_values(world), "attachments": files})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["attachments"] == [f"{name}: {body['errors']['attachments'][0].split(': ', 1)[1]}"]
    assert words in body["detail"]
    assert body["detail"].startswith(f"attachments: {name}: ")
    assert stored(world) == before  # not even the good file


def test_text_is_stored_and_returned_as_text_not_markup(world):
    text = 'Rent went from <£100 to >£150 a week & the "fix" took 3 < 5 visits; 1 > 0.'
    response = post_json(signed_in(world.councillor), ENQUIRIES, raise_values(world, body=text))
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["body"] == text
    assert Enquiry.objects.get().body == text
    again = signed_in(world.councillor).get(detail(response.json()["reference"]))
    assert again.json()["body"] == text


def test_an_account_with_no_place_in_the_council_cannot_raise_one(world, no_place):
    response = post_json(signed_in(no_place), ENQUIRIES, raise_values(world))
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


def test_an_urgent_enquiry_goes_to_the_director_and_shows_why_with_the_citation(world):
    values = raise_values(world, urgent=True, urgency_reason="No heating and an infant in the flat")
    body = post_json(signed_in(world.councillor), ENQUIRIES, values).json()
    assert body["status"]["value"] == "assigned"
    assert body["handling_officer"]["name"] == "Daniel Price"
    cited = [r["citation"]["text"] for r in body["classification_reasons"] if r["citation"]]
    assert any(c.startswith("Tower Hamlets 7.2") for c in cited), body["classification_reasons"]


# Reading ------------------------------------------------------------------------------------------


def test_the_detail_shows_the_triage_decision_with_citations_and_records_each_view(world):
    enquiry = triaged(world)
    client = signed_in(world.officer)
    for _ in range(2):
        body = client.get(detail(enquiry.reference)).json()
    assert body["classification"] == {"value": "member_enquiry", "label": "Member enquiry"}
    assert body["classification_reasons"]
    assert body["service"]["name"] == "Housing Management"
    assert body["handling_officer"]["name"] == "Sam Lee"
    assert [e["kind"]["value"] for e in body["timeline"]] == ["raised", "classified", "assigned"]
    views = AuditEvent.objects.filter(action="viewed", target_id=str(enquiry.pk))
    assert list(views.values_list("actor__email", flat=True)) == ["sam.lee@ashdown.test"] * 2


def test_the_reference_is_found_whatever_its_case(world):
    enquiry = triaged(world)
    response = signed_in(world.councillor).get(detail(enquiry.reference.lower()))
    assert response.status_code == 200
    assert response.json()["reference"] == enquiry.reference


def test_a_member_sees_the_steps_taken_for_them_but_not_the_draft(world):
    enquiry = triaged(world)
    post_json(signed_in(world.officer), step(enquiry.reference, "draft-response"), {"text": "Booked."})
    officer_view = signed_in(world.officer).get(detail(enquiry.reference)).json()
    member_view = signed_in(world.councillor).get(detail(enquiry.reference)).json()
    assert [r["text"] for r in officer_view["responses"]] == ["Booked."]
    assert officer_view["responses"][0]["sent_at"] is None
    assert "response_drafted" in [e["kind"]["value"] for e in officer_view["timeline"]]
    assert member_view["responses"] == []
    assert "response_drafted" not in [e["kind"]["value"] for e in member_view["timeline"]]


def test_the_list_filters_by_status_category_ward_service_rag_and_words(world):
    received_late = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=LONDON)  # due 15 Feb: overdue
    due_soon = datetime.datetime(2027, 2, 25, 10, 0, tzinfo=LONDON)  # due Thu 11 Mar: two working days
    overdue = triaged(world, received_at=received_late)
    soon = raise_one(
        world,
        received_at=due_soon,
        subject="Bins not collected",
        body="The bins in Eastgate House were missed twice.",
        category=world.waste_category,
    )
    fresh = raise_one(
        world, subject="Pothole", body="Deep pothole on Mill Lane.", ward=world.west_ward, resident=None
    )
    client = signed_in(world.member_enquiries)

    def listed(**params) -> list[str]:
        response = client.get(ENQUIRIES, params)
        assert response.status_code == 200, response.json()
        return [row["reference"] for row in response.json()["results"]]

    assert listed() == [fresh.reference, soon.reference, overdue.reference]
    assert listed(status="assigned") == [overdue.reference]
    assert listed(category=world.waste_category.pk) == [soon.reference]
    assert listed(ward=world.west_ward.pk) == [fresh.reference]
    assert listed(service=world.housing.pk) == [overdue.reference]
    assert listed(rag="red") == [overdue.reference]
    assert listed(rag="amber") == [soon.reference]
    assert listed(rag="green") == [fresh.reference]
    assert listed(q="mould") == [overdue.reference]
    assert listed(q="Mary Jones") == [soon.reference, overdue.reference]
    assert listed(q=fresh.reference) == [fresh.reference]
    rows = {row["reference"]: row for row in client.get(ENQUIRIES).json()["results"]}
    for enquiry in (overdue, soon, fresh):
        assert rows[enquiry.reference]["rag"] == selectors.rag(Enquiry.objects.get(pk=enquiry.pk))
    assert rows[overdue.reference]["handling_officer"]["name"] == "Sam Lee"
    assert rows[fresh.reference]["ward"]["name"] == "Westmarsh"


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"status": "lost"}, "status", "Choose a status"),
        ({"rag": "blue"}, "rag", "red, amber or green"),
        ({"ward": "east"}, "ward", "ward's id"),
        ({"q": "x" * 101}, "q", "at most 100 characters"),
        ({"page": 9}, None, "There is no page 9"),
    ],
)
def test_a_bad_filter_says_what_to_send_instead(world, params, field, words):
    raise_one(world)
    response = signed_in(world.member_enquiries).get(ENQUIRIES, params)
    assert response.status_code in (400, 404)
    body = response.json()
    if field:
        assert response.status_code == 400
        assert field in body["errors"]
    assert words in body["detail"]


def test_a_list_page_costs_the_same_queries_however_many_rows_it_holds(world):
    client = signed_in(world.member_enquiries)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ENQUIRIES)
        assert response.status_code == 200
        return len(captured)

    for _ in range(2):
        triaged(world)
    few = queries()
    for _ in range(8):
        triaged(world)
    raise_one(world, resident=None, ward=None)
    assert signed_in(world.member_enquiries).get(ENQUIRIES).json()["count"] == 11
    assert queries() == few


def test_counts_are_by_status_for_what_the_caller_may_see(world):
    triaged(world)
    raise_one(world)
    raise_one(world, actor=world.same_ward_councillor)
    body = signed_in(world.councillor).get(COUNTS).json()
    assert body["total"] == 2
    by_status = {row["value"]: row["count"] for row in body["by_status"]}
    assert by_status["received"] == 1 and by_status["assigned"] == 1
    assert set(by_status) == set(Status.values)
    assert signed_in(world.member_enquiries).get(COUNTS).json()["total"] == 3
    assert signed_in(world.councillor).get(COUNTS, {"status": "assigned"}).json()["total"] == 1


# Who sees it: the Member, the team, the handling officer and their line, no one else ------------------


@pytest.fixture
def enquiry(world):
    return triaged(world)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_someone_who_may_not_see_it_gets_a_not_found_and_sees_nothing_of_it(world, enquiry, who):
    client = signed_in(getattr(world, who))
    missing = client.get(detail("ME-2027-999999"))
    response = client.get(detail(enquiry.reference))
    assert response.status_code == missing.status_code == 404
    assert response.json() == {
        "detail": f"There is no enquiry with reference {enquiry.reference}.",
        "errors": {},
    }
    assert client.get(ENQUIRIES).json()["count"] == 0
    for words in (enquiry.reference, "mould", "Mary Jones"):
        assert client.get(ENQUIRIES, {"q": words}).json()["results"] == []
    assert client.get(COUNTS).json()["total"] == 0
    assert not AuditEvent.objects.filter(action="viewed", target_id=str(enquiry.pk)).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", STEPS)
def test_someone_who_may_not_see_it_gets_a_not_found_from_every_step(world, enquiry, who, name):
    before = stored(world)
    values = {"reason": "Because", "text": "An answer", "classification": "member_enquiry", "met_need": True}
    response = post_json(signed_in(getattr(world, who)), step(enquiry.reference, name), values)
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no enquiry with reference {enquiry.reference}.",
        "errors": {},
    }
    assert stored(world) == before


@pytest.mark.parametrize("who", ("councillor", "member_enquiries", "officer", "director"))
def test_the_member_the_team_the_officer_and_their_director_see_it(world, enquiry, who):
    client = signed_in(getattr(world, who))
    assert client.get(detail(enquiry.reference)).status_code == 200
    assert [r["reference"] for r in client.get(ENQUIRIES).json()["results"]] == [enquiry.reference]
    assert client.get(COUNTS).json()["total"] == 1


def test_a_token_obeys_the_same_rules(world, enquiry):
    def with_token(user) -> Client:
        token = tokens.token_issue(user=user, sign_in=SignIn(methods=("password",), second_factor=False))
        return Client(headers={"Authorization": f"Token {token.key}"})

    mine = with_token(world.councillor)
    assert mine.get(detail(enquiry.reference)).json()["subject"] == "Damp in a council flat"
    assert mine.get(COUNTS).json()["total"] == 1
    other = with_token(world.same_ward_councillor)
    assert other.get(detail(enquiry.reference)).status_code == 404
    assert other.get(ENQUIRIES, {"q": "mould"}).json()["count"] == 0
    assert other.get(COUNTS).json()["total"] == 0
    assert post_json(other, step(enquiry.reference, "close"), {"reason": "x"}).status_code == 404
    raised = post_json(with_token(world.same_ward_councillor), ENQUIRIES, raise_values(world))
    assert raised.status_code == 201
    assert raised.json()["raised_by_member"]["name"] == "Cllr Ben Okafor"
    assert mine.get(COUNTS).json()["total"] == 1


def test_without_signing_in_there_is_nothing(world, enquiry):
    client = Client()
    assert client.get(ENQUIRIES).status_code in (401, 403)
    assert client.get(detail(enquiry.reference)).status_code in (401, 403)
    assert post_json(client, ENQUIRIES, raise_values(world)).status_code in (401, 403)
    assert Enquiry.objects.count() == 1


# Handling ----------------------------------------------------------------------------------------


def test_the_whole_journey_over_the_api(world):
    member, team, officer = (
        signed_in(world.councillor),
        signed_in(world.member_enquiries),
        signed_in(world.officer),
    )
    reference = post_json(member, ENQUIRIES, raise_values(world)).json()["reference"]

    triage = post_json(
        team, step(reference, "triage"), {"classification": "member_enquiry", "note": "Repairs"}
    )
    assert triage.status_code == 200, triage.json()
    assert triage.json()["status"]["value"] == "assigned"
    assert triage.json()["handling_officer"]["name"] == "Sam Lee"

    holding = post_json(
        officer,
        step(reference, "holding-reply"),
        {
            "text": "We are arranging a damp survey.",
            "reason": "A surveyor must visit",
            "new_due": "2027-04-06",
        },
    )
    assert holding.status_code == 200, holding.json()
    body = holding.json()
    assert body["status"]["value"] == "holding_reply_sent"
    assert (body["original_due"], body["revised_due"], body["due_date"]) == (
        "2027-03-23",
        "2027-04-06",
        "2027-04-06",
    )

    discussed = post_json(
        officer, step(reference, "discussion"), {"with_whom": "Cllr Rahman", "note": "Survey first"}
    )
    assert discussed.json()["timeline"][-1]["kind"]["value"] == "discussed"
    assert discussed.json()["timeline"][-1]["reasons"]

    assert (
        post_json(officer, step(reference, "draft-response"), {"text": "Survey booked."}).status_code == 200
    )
    sent = post_json(officer, step(reference, "send-response"))
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"]["value"] == "responded"
    assert [c["name"] for c in sent.json()["responses"][-1]["copied_to"]] == ["Daniel Price"]
    assert sent.json()["follow_up_until"] == "2027-03-16"

    reopened = post_json(member, step(reference, "reopen"), {"reason": "The surveyor did not come"})
    assert reopened.json()["status"]["value"] == "reopened"
    post_json(officer, step(reference, "draft-response"), {"text": "Rebooked for Friday."})
    post_json(officer, step(reference, "send-response"))
    closed = post_json(member, step(reference, "close"), {"reason": "Sorted, thank you"})
    assert closed.json()["status"]["value"] == "closed"
    feedback = post_json(
        member, step(reference, "feedback"), {"met_need": True, "comment": "Quick in the end"}
    )
    assert feedback.status_code == 200
    assert feedback.json()["met_need"] is True

    timeline = [e["kind"]["value"] for e in member.get(detail(reference)).json()["timeline"]]
    assert timeline == [
        "raised",
        "classified",
        "assigned",
        "holding_reply",
        "discussed",
        "response_sent",
        "reopened",
        "response_sent",
        "closed",
        "feedback",
    ]
    assert [r["kind"]["value"] for r in member.get(detail(reference)).json()["responses"]] == [
        "holding_reply",
        "response",
        "response",
    ]


def test_sign_off_by_a_manager_in_the_line_then_the_response_goes(world, enquiry):
    officer, director = signed_in(world.officer), signed_in(world.director)
    ref = enquiry.reference
    post_json(officer, step(ref, "draft-response"), {"text": "The survey is booked."})
    manager = world.officer_of(world.director).pk
    nobody = post_json(officer, step(ref, "submit-for-sign-off"), {})
    assert nobody.status_code == 400
    assert nobody.json()["detail"] == "manager: Choose the manager to sign it off."
    asked = post_json(officer, step(ref, "submit-for-sign-off"), {"manager": manager})
    assert asked.json()["responses"][0]["sign_off_by"]["name"] == "Daniel Price"

    before = stored(world)
    refused = post_json(officer, step(ref, "send-response"))
    assert refused.status_code == 400
    assert refused.json()["field"] == "sign_off"
    assert "not been signed off" in refused.json()["detail"]
    own = post_json(officer, step(ref, "sign-off"))
    assert own.status_code == 400
    assert own.json()["decision"]["reasons"][0]["text"].startswith(
        "A response is signed off by someone other"
    )
    assert stored(world) == before

    signed = post_json(director, step(ref, "sign-off"))
    assert signed.json()["responses"][0]["signed_off_by"]["name"] == "Daniel Price"
    assert post_json(officer, step(ref, "send-response")).json()["status"]["value"] == "responded"


def test_a_protocol_refusal_is_a_400_with_its_reasons_and_citations_and_changes_nothing(world):
    enquiry = raise_one(world)
    post_json(
        signed_in(world.member_enquiries),
        step(enquiry.reference, "triage"),
        {"classification": "legal_proceedings"},
    )
    before = stored(world)
    response = post_json(
        signed_in(world.director), step(enquiry.reference, "draft-response"), {"text": "Listed."}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "limited_to_process"
    assert body["decision"]["outcome"] == "refused"
    assert "legal proceedings" in body["decision"]["reasons"][0]["text"]
    cited = [r["citation"]["text"] for r in body["decision"]["reasons"] if r["citation"]]
    assert "Tower Hamlets 13.4" in cited
    assert "Tower Hamlets 13.4" in body["detail"]
    assert stored(world) == before


def test_a_holding_reply_after_the_due_date_is_refused_with_the_paragraph(world, enquiry, frozen):
    # Haringey's protocol says when a holding reply is sent (12.19); Tower Hamlets' does not.
    world.council.protocol_profile = "haringey"
    world.council.save(update_fields=["protocol_profile"])
    frozen.move_to(datetime.datetime(2027, 3, 24, 10, 0, tzinfo=LONDON))
    before = stored(world)
    values = {"text": "Soon.", "reason": "Busy", "new_due": "2027-04-06"}
    response = post_json(signed_in(world.officer), step(enquiry.reference, "holding-reply"), values)
    assert response.status_code == 400
    assert "within the response time" in response.json()["detail"]
    citation = response.json()["decision"]["reasons"][0]["citation"]
    assert (citation["council"], citation["paragraph"]) == ("Haringey", "12.19")
    assert stored(world) == before


@pytest.mark.parametrize(
    ("who", "name", "values", "field", "words"),
    [
        ("member_enquiries", "triage", {"classification": "gossip"}, "classification", "Choose what kind"),
        ("member_enquiries", "triage", {}, "classification", "Choose what kind of request"),
        ("director", "assign", {"officer": "Sam"}, "officer", "officer's id"),
        (
            "director",
            "assign",
            {"officer": 999999, "reason": "x"},
            "officer",
            "Choose an officer from the list",
        ),
        ("member_enquiries", "transfer", {"service": 1}, "reason", "Enter why it is being transferred"),
        (
            "officer",
            "holding-reply",
            {"text": "Soon", "reason": "Busy", "new_due": "next week"},
            "new_due",
            "date",
        ),
        ("officer", "holding-reply", {"text": "Soon", "reason": "Busy"}, "new_due", "Enter the date"),
        ("officer", "draft-response", {"text": "<script>alert(1)</script>"}, "text", "plain text"),
        ("officer", "discussion", {"with_whom": "Cllr Rahman"}, "note", "Enter what was agreed"),
    ],
)
def test_bad_input_to_a_step_is_a_400_naming_the_field_and_changes_nothing(
    world, enquiry, who, name, values, field, words
):
    before = stored(world)
    response = post_json(signed_in(getattr(world, who)), step(enquiry.reference, name), values)
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert words in response.json()["detail"]
    assert stored(world) == before


@pytest.mark.parametrize(
    ("who", "name", "values", "words"),
    [
        ("councillor", "triage", {"classification": "member_enquiry"}, "Only the Member Enquiries team"),
        ("councillor", "draft-response", {"text": "Done"}, "Only the handling officer"),
        ("officer", "feedback", {"met_need": True}, "Only the Member who raised it"),
        ("director", "reopen", {"reason": "More"}, "Only the Member who raised it"),
    ],
)
def test_a_step_that_is_not_theirs_is_a_403_for_someone_who_sees_it(world, enquiry, who, name, values, words):
    before = stored(world)
    response = post_json(signed_in(getattr(world, who)), step(enquiry.reference, name), values)
    assert response.status_code == 403
    assert words in response.json()["detail"]
    assert stored(world) == before


def test_a_step_in_the_wrong_state_is_refused_plainly(world, enquiry):
    response = post_json(signed_in(world.councillor), step(enquiry.reference, "reopen"), {"reason": "More"})
    assert response.status_code == 400
    assert "so you cannot re-open it" in response.json()["detail"]


def test_a_transfer_by_the_handling_officer_takes_it_out_of_their_sight(world, enquiry):
    officer = signed_in(world.officer)
    values = {
        "service": world.legal.pk,
        "officer": world.officer_of(world.other_service_officer).pk,
        "reason": "A possession order is involved",
    }
    response = post_json(officer, step(enquiry.reference, "transfer"), values)
    assert response.status_code == 200, response.json()
    assert set(response.json()) == {"reference", "detail"}
    assert officer.get(detail(enquiry.reference)).status_code == 404
    assert officer.get(COUNTS).json()["total"] == 0
    now_with = signed_in(world.other_service_officer).get(detail(enquiry.reference)).json()
    assert now_with["service"]["name"] == "Legal and Democratic Services"
    assert now_with["timeline"][-1]["text"].endswith("A possession order is involved")


def test_a_manager_reassigns_it_within_the_service(world, enquiry):
    team = signed_in(world.member_enquiries)
    director = world.officer_of(world.director).pk
    response = post_json(
        team, step(enquiry.reference, "assign"), {"officer": director, "reason": "Sensitive"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["handling_officer"]["name"] == "Daniel Price"
    assert response.json()["timeline"][-1]["kind"]["value"] == "reassigned"


def test_a_follow_up_names_the_earlier_enquiry_only_if_the_caller_may_see_it(world):
    earlier = triaged(world)
    client = signed_in(world.councillor)
    chaser = post_json(client, ENQUIRIES, raise_values(world, follows_up=earlier.reference.lower()))
    assert chaser.status_code == 201, chaser.json()
    assert chaser.json()["follows_up"] == earlier.reference
    assert client.get(detail(earlier.reference)).json()["follows_up"] is None
    before = stored(world)
    theirs = post_json(
        signed_in(world.same_ward_councillor), ENQUIRIES, raise_values(world, follows_up=earlier.reference)
    )
    assert theirs.status_code == 400
    assert theirs.json()["errors"] == {
        "follows_up": [f"There is no enquiry with reference {earlier.reference}."]
    }
    assert stored(world) == before
