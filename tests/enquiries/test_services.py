"""Raising, triaging, handling and closing enquiries, as the people in the protocol do it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nolan.audit.models import AuditEvent
from nolan.core.decisions import ProtocolError
from nolan.enquiries import selectors, services
from nolan.enquiries.models import (
    Attachment,
    Category,
    Classification,
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EventKind,
    PortfolioLink,
    ResidentDetails,
    Response,
    Status,
)
from nolan.mail.models import OutboxMessage
from nolan.register import services as register
from nolan.register.models import DeclaredRelationship
from tests.enquiries.conftest import (
    LONDON,
    docx,
    files_on_disk,
    pdf,
    png,
    raise_one,
    triaged,
    under_profile,
    upload,
)

# Raising -------------------------------------------------------------------------------------------


def test_a_member_raises_an_enquiry_and_gets_a_reference_and_due_date(world):
    enquiry = raise_one(world)
    assert enquiry.reference == "ME-2027-000001"
    assert enquiry.originator_type == "member"
    assert enquiry.raised_by_member == world.member_of(world.councillor)
    assert enquiry.status == Status.RECEIVED
    assert enquiry.clock_starts == datetime.date(2027, 3, 9)
    assert enquiry.original_due == enquiry.due_date == datetime.date(2027, 3, 23)
    assert enquiry.calendar_version
    assert enquiry.resident.name == "Mary Jones"
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds == [EventKind.RAISED]
    assert AuditEvent.objects.filter(action="enquiry.raised", target_id=str(enquiry.pk)).count() == 1
    assert raise_one(world).reference == "ME-2027-000002"


def test_member_services_raise_an_enquiry_on_a_members_behalf(world):
    enquiry = raise_one(world, actor=world.member_services, member=world.member_of(world.councillor))
    assert enquiry.originator_type == "member_services"
    assert enquiry.raised_by_member == world.member_of(world.councillor)
    assert enquiry.raised_by_user == world.member_services
    assert enquiry.originator_name == "Cllr Aisha Rahman"


def test_member_services_must_say_which_member(world):
    with pytest.raises(ValidationError) as error:
        raise_one(world, actor=world.member_services)
    assert "member" in error.value.message_dict


def test_a_member_cannot_raise_an_enquiry_in_another_members_name(world):
    with pytest.raises(PermissionDenied):
        raise_one(world, member=world.member_of(world.same_ward_councillor))


def test_an_officer_cannot_raise_an_enquiry(world):
    with pytest.raises(PermissionDenied):
        raise_one(world, actor=world.officer)


def test_an_mp_enquiry_is_recorded_as_a_separate_originator(world):
    enquiry = raise_one(
        world,
        actor=world.member_enquiries,
        originator_type="elected_representative",
        originator_name="Jo Bloggs MP",
        originator_email="jo.bloggs@parliament.test",
    )
    assert enquiry.originator_type == "elected_representative"
    assert enquiry.raised_by_member is None
    assert enquiry.originator_name == "Jo Bloggs MP"
    receipt = OutboxMessage.objects.get(enquiry=enquiry, kind="receipt")
    assert receipt.to == [{"name": "Jo Bloggs MP", "email": "jo.bloggs@parliament.test"}]


def test_a_declared_interest_needs_its_details(world):
    with pytest.raises(ValidationError) as error:
        raise_one(world, interest="financial")
    assert "interest_details" in error.value.message_dict
    enquiry = raise_one(world, interest="personal", interest_details="The resident is my neighbour")
    assert enquiry.interest == "personal"


def test_urgent_needs_a_reason(world):
    with pytest.raises(ValidationError) as error:
        raise_one(world, urgent=True)
    assert "urgency_reason" in error.value.message_dict


def test_an_urgent_enquiry_goes_straight_to_the_services_director(world):
    enquiry = raise_one(world, urgent=True, urgency_reason="No heating and an infant in the flat")
    assert enquiry.status == Status.ASSIGNED
    assert enquiry.assigned_officer == world.officer_of(world.director)
    assert enquiry.service == world.housing
    routed = enquiry.events.get(kind=EventKind.ROUTED)
    citations = [r["citation"]["text"] for r in routed.data["reasons"] if r["citation"]]
    assert any("7.2" in c for c in citations)


def test_attachments_are_stored_with_a_random_name_and_their_checksum(world):
    enquiry = raise_one(
        world, attachments=[upload("Letter to tenant.pdf", pdf()), upload("mould.png", png())]
    )
    stored = list(enquiry.attachments.order_by("original_name"))
    assert [a.original_name for a in stored] == ["Letter to tenant.pdf", "mould.png"]
    assert stored[0].content_type == "application/pdf"
    assert "Letter" not in stored[0].file.name
    assert len(stored[0].sha256) == 64
    assert len(files_on_disk(world)) == 2


# Bad input: a clear message and nothing stored --------------------------------------------------------


def _counts(world):
    return (
        Enquiry.objects.count(),
        ResidentDetails.objects.count(),
        Attachment.objects.count(),
        EnquiryEvent.objects.count(),
        OutboxMessage.objects.count(),
        AuditEvent.objects.count(),
        len(files_on_disk(world)),
    )


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"subject": ""}, "subject", "Enter a subject"),
        ({"subject": "   "}, "subject", "Enter a subject"),
        ({"body": ""}, "body", "Enter what is being asked"),
        ({"subject": "<script>alert(1)</script>"}, "subject", "plain text"),
        ({"body": 'See <a href="http://evil.test">this</a>'}, "body", "plain text"),
        ({"body": "Hello <img src=x onerror=alert(1)>"}, "body", "plain text"),
        ({"resident": {"name": "<b>Mary</b>"}}, "resident_name", "plain text"),
        ({"received_at": datetime.datetime(2027, 3, 10, 9, 0, tzinfo=LONDON)}, "received_at", "future"),
        ({"category": None}, "category", "Choose a category"),
        ({"attachments": [upload("big.pdf", pdf(50 * 1024 * 1024))]}, "attachments", "no larger than 10 MB"),
        ({"attachments": [upload("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 500)]}, "attachments", "program"),
        ({"attachments": [upload("setup.exe", b"MZ\x90\x00")]}, "attachments", "cannot be attached"),
        ({"attachments": [upload("page.html", b"<html></html>")]}, "attachments", "cannot be attached"),
        (
            {"attachments": [upload("notes.txt", b"hello <script>alert(1)</script>")]},
            "attachments",
            "script",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(world, values, field, words):
    before = _counts(world)
    with pytest.raises(ValidationError) as error:
        raise_one(world, attachments=values.pop("attachments", [upload("ok.pdf", pdf())]), **values)
    messages = error.value.message_dict
    assert field in messages, messages
    assert any(words in m for m in messages[field]), messages[field]
    assert _counts(world) == before


def test_plain_text_with_angle_brackets_that_are_not_markup_is_kept(world):
    enquiry = raise_one(world, body="Rent went from <£100 to >£150 a week; 3 < 5 is not a tag.")
    assert "<£100" in enquiry.body


def test_a_good_file_after_a_bad_one_is_not_stored_either(world):
    before = _counts(world)
    with pytest.raises(ValidationError):
        raise_one(world, attachments=[upload("a.docx", docx()), upload("b.pdf", b"<html><script>")])
    assert _counts(world) == before


def test_files_written_are_deleted_if_the_step_fails_after_writing_them(world, monkeypatch):
    from nolan.enquiries import notifications

    def fail(*args, **kwargs):
        raise RuntimeError("relay configuration broken")

    monkeypatch.setattr(notifications, "raised", fail)
    before = _counts(world)
    with pytest.raises(RuntimeError):
        raise_one(world, attachments=[upload("a.pdf", pdf())])
    assert _counts(world) == before


# Subjects and names read as they were written ---------------------------------------------------------

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text"
MP = {
    "actor_name": "member_enquiries",
    "originator_type": "elected_representative",
    "originator_email": "jo.bloggs@parliament.test",
}


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"subject": f"Damp {RLO}dexif"}, "subject", f"A subject {DIRECTION}."),
        ({"subject": "Damp\u2066 in a flat"}, "subject", f"A subject {DIRECTION}."),
        ({"subject": "Damp\u200f in a flat"}, "subject", f"A subject {DIRECTION}."),
        (
            {"subject": "Hous\u200bing repairs"},
            "subject",
            "A subject must not contain hidden characters such as a zero-width space.",
        ),
        (
            {"resident": {"name": f"Mary {RLO}senoJ"}},
            "resident_name",
            f"The resident's name {DIRECTION}.",
        ),
        (
            {**MP, "originator_name": f"Jo {RLO}PM sggolB"},
            "originator_name",
            f"The name of the MP or representative {DIRECTION}.",
        ),
        (
            {"attachments": [upload(f"letter{RLO}fdp.txt", b"Dear tenant")]},
            "attachments",
            f"letterfdp.txt: the file's name {DIRECTION}; rename the file and attach it again",
        ),
    ],
)
def test_a_subject_or_name_that_hides_text_is_refused_and_nothing_is_stored(world, values, field, message):
    values = dict(values)
    actor = getattr(world, values.pop("actor_name", "councillor"))
    before = _counts(world)
    with pytest.raises(ValidationError) as error:
        raise_one(world, actor=actor, **values)
    assert error.value.message_dict[field] == [message]
    assert _counts(world) == before


def test_a_file_added_later_whose_name_hides_text_is_refused(world):
    enquiry = triaged(world)
    before = _counts(world)
    with pytest.raises(ValidationError) as error:
        services.add_attachments(
            actor=world.councillor, enquiry=enquiry, attachments=[upload(f"photo{RLO}gnp.pdf", pdf())]
        )
    assert error.value.message_dict["attachments"] == [
        f"photognp.pdf: the file's name {DIRECTION}; rename the file and attach it again"
    ]
    assert _counts(world) == before


def test_a_subject_in_a_right_to_left_script_is_kept_as_written(world):
    enquiry = raise_one(world, subject="رطوبة في شقة المجلس", resident={"name": "یاسمن رضایی"})
    assert enquiry.subject == "رطوبة في شقة المجلس"
    assert enquiry.resident.name == "یاسمن رضایی"


@pytest.mark.parametrize(
    ("save", "message"),
    [
        (
            lambda world: services.category_save(actor=world.member_enquiries, name=f"Roads {RLO}sexiof"),
            f"The category's name {DIRECTION}.",
        ),
        (
            lambda world: services.portfolio_link_save(
                actor=world.member_enquiries, service=world.waste, portfolio=f"{RLO}tnemnorivnE"
            ),
            f"The portfolio {DIRECTION}.",
        ),
    ],
    ids=["category", "portfolio"],
)
def test_the_council_s_lists_refuse_a_name_that_hides_text(world, save, message):
    before = (
        list(Category.objects.values()),
        list(PortfolioLink.objects.values()),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError) as error:
        save(world)
    assert list(error.value.message_dict.values()) == [[message]]
    assert (
        list(Category.objects.values()),
        list(PortfolioLink.objects.values()),
        AuditEvent.objects.count(),
    ) == before


# Triage -------------------------------------------------------------------------------------------


def test_triage_as_a_member_enquiry_routes_to_the_service_and_its_officer(world):
    enquiry = raise_one(world)
    outcome = services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry")
    enquiry.refresh_from_db()
    assert outcome.status == Status.ASSIGNED
    assert enquiry.status == Status.ASSIGNED
    assert enquiry.service == world.housing
    assert enquiry.assigned_officer == world.officer_of(world.officer)
    assert enquiry.classification == Classification.MEMBER_ENQUIRY
    assert enquiry.acknowledged_at is not None
    access = dict(EnquiryAccess.objects.filter(enquiry=enquiry).values_list("officer__last_name", "reason"))
    assert access == {"Lee": "handling_officer", "Price": "management_line"}
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds == [EventKind.RAISED, EventKind.CLASSIFIED, EventKind.ASSIGNED]


def test_only_the_member_enquiries_team_triages(world):
    enquiry = raise_one(world)
    for person in (world.officer, world.director, world.councillor, world.member_services):
        with pytest.raises(PermissionDenied):
            services.triage(actor=person, enquiry=enquiry, classification="member_enquiry")


def test_a_category_with_no_routing_rule_asks_the_team_to_choose_the_service(world):
    enquiry = raise_one(world, category=world.other_category)
    with pytest.raises(ValidationError) as error:
        services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry")
    assert "No routing rule covers Other in Eastgate" in error.value.message_dict["service"][0]
    services.triage(
        actor=world.member_enquiries, enquiry=enquiry, classification="member_enquiry", service=world.housing
    )
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.officer)


def test_a_ward_specific_routing_rule_beats_the_general_one(world):
    services.routing_rule_save(
        actor=world.member_enquiries,
        category=world.repairs_category,
        ward=world.east_ward,
        service=world.waste,
    )
    enquiry = triaged(world)
    assert enquiry.service == world.waste
    west = triaged(world, ward=world.west_ward)
    assert west.service == world.housing


def test_a_service_with_no_officers_falls_to_its_director(world):
    enquiry = triaged(world, category=world.waste_category, subject="Missed bins")
    assert enquiry.service == world.waste
    assert enquiry.assigned_officer == world.officer_of(world.director)


def test_a_declared_relationship_routes_the_enquiry_elsewhere_and_says_why(world):
    register.relationship_declare(
        actor=world.monitoring_officer,
        member=world.member_of(world.councillor),
        officer=world.officer_of(world.officer),
        nature="family",
    )
    enquiry = triaged(world)
    assert enquiry.assigned_officer == world.officer_of(world.director)
    event = enquiry.events.get(kind=EventKind.ASSIGNED)
    assert "declared a close relationship (family) with Sam Lee" in event.text
    assert DeclaredRelationship.objects.count() == 1


def test_an_officer_with_a_declared_relationship_cannot_be_chosen_by_hand(world):
    register.relationship_declare(
        actor=world.member_enquiries,
        member=world.member_of(world.councillor),
        officer=world.officer_of(world.officer),
        nature="close_friendship",
    )
    enquiry = raise_one(world)
    with pytest.raises(ProtocolError) as error:
        services.triage(
            actor=world.member_enquiries,
            enquiry=enquiry,
            classification="member_enquiry",
            officer=world.officer_of(world.officer),
        )
    assert "close friendship" in error.value.message
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RECEIVED


def test_a_service_request_goes_to_the_service_and_ends_the_enquiry(world):
    enquiry = raise_one(world, subject="Please fix the broken entry door")
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="service_request")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.SERVICE_REQUEST
    assert enquiry.assigned_officer == world.officer_of(world.officer)
    assert enquiry.closed_at is not None
    kinds = set(OutboxMessage.objects.filter(enquiry=enquiry).values_list("kind", flat=True))
    assert {"assigned", "routed_out"} <= kinds
    assert "acknowledgement" not in kinds


def test_a_chaser_about_a_service_request_is_a_member_enquiry(world):
    first = raise_one(world, subject="Broken door")
    services.triage(actor=world.member_enquiries, enquiry=first, classification="service_request")
    chaser = raise_one(world, subject="Broken door: still not fixed", follows_up=first)
    with pytest.raises(ProtocolError) as error:
        services.triage(actor=world.member_enquiries, enquiry=chaser, classification="service_request")
    assert "chaser is a Member enquiry" in error.value.message
    services.triage(actor=world.member_enquiries, enquiry=chaser, classification="member_enquiry")


def test_a_complaint_goes_to_the_complaints_procedure_and_stays_linked(world):
    enquiry = raise_one(world)
    outcome = services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="complaint",
        external_reference="COMP-2027-0042",
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.COMPLAINT_REFERRED
    assert enquiry.external_reference == "COMP-2027-0042"
    assert "official complaints procedure" in outcome.decision.explain()
    assert selectors.enquiry_get(user=world.councillor, reference=enquiry.reference) is not None
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="routed_out")
    assert "COMP-2027-0042" in letter.body


def test_a_policy_matter_goes_to_the_director(world):
    enquiry = raise_one(world)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="policy")
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.director)


def test_legal_proceedings_go_to_the_director_and_the_answer_is_limited_to_process(world):
    enquiry = raise_one(world)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="legal_proceedings")
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.director)
    assert enquiry.answer_limited_to_process
    with pytest.raises(ProtocolError) as error:
        services.assign(
            actor=world.member_enquiries,
            enquiry=enquiry,
            officer=world.officer_of(world.officer),
            reason="Knows it",
        )
    assert "not a Director" in error.value.message
    with pytest.raises(ProtocolError) as error:
        services.draft_response(actor=world.director, enquiry=enquiry, text="The case is listed for May.")
    assert error.value.field == "limited_to_process"
    services.draft_response(
        actor=world.director, enquiry=enquiry, text="The case is listed for May.", limited_to_process=True
    )
    services.send_response(actor=world.director, enquiry=enquiry)
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="response")
    assert "comments on process only" in letter.body


def test_access_in_doubt_goes_to_the_monitoring_officer(world):
    enquiry = raise_one(world)
    services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="information_request",
        access_in_doubt=True,
    )
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.monitoring_officer)
    assert enquiry.events.filter(kind=EventKind.REFERRED_TO_MONITORING_OFFICER).exists()
    assert selectors.enquiry_get(user=world.monitoring_officer, reference=enquiry.reference) is not None


def test_personal_information_of_a_ward_resident_who_asked_is_presumed_consented(world):
    enquiry = raise_one(world)
    outcome = services.triage(
        actor=world.member_enquiries, enquiry=enquiry, classification="personal_information"
    )
    assert outcome.status == Status.ASSIGNED
    assert "consent is presumed" in outcome.decision.explain()


def test_special_category_personal_information_needs_the_data_subjects_authorisation(world):
    enquiry = raise_one(
        world, resident={"name": "Mary Jones", "asked_member_to_act": True, "special_category_data": True}
    )
    outcome = services.triage(
        actor=world.member_enquiries, enquiry=enquiry, classification="personal_information"
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CONSENT_NEEDED
    assert "signed authorisation" in outcome.decision.explain()
    assert enquiry.assigned_officer is None
    services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="personal_information",
        signed_authorisation=True,
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.ASSIGNED


# Handling -------------------------------------------------------------------------------------------


def test_reassignment_within_the_service_by_a_manager_with_a_reason(world):
    enquiry = triaged(world)
    with pytest.raises(PermissionDenied):
        services.assign(
            actor=world.officer, enquiry=enquiry, officer=world.officer_of(world.director), reason="x"
        )
    services.assign(
        actor=world.director,
        enquiry=enquiry,
        officer=world.officer_of(world.director),
        reason="I will answer it",
    )
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.director)
    assert enquiry.events.filter(kind=EventKind.REASSIGNED, text__contains="I will answer it").exists()


def test_reassignment_needs_a_reason(world):
    enquiry = triaged(world)
    with pytest.raises(ValidationError) as error:
        services.assign(
            actor=world.member_enquiries, enquiry=enquiry, officer=world.officer_of(world.director), reason=""
        )
    assert "reason" in error.value.message_dict


def test_transfer_to_another_service_moves_who_can_see_it(world):
    enquiry = triaged(world)
    services.transfer(
        actor=world.officer, enquiry=enquiry, service=world.legal, reason="It is about a possession order"
    )
    enquiry.refresh_from_db()
    assert enquiry.service == world.legal
    assert enquiry.assigned_officer.last_name in {"Patel", "Cole", "Bankole", "Adeyemi"}
    assert selectors.enquiry_get(user=world.officer, reference=enquiry.reference) is None
    assert selectors.enquiry_get(user=world.director, reference=enquiry.reference) is None
    event = enquiry.events.get(kind=EventKind.TRANSFERRED)
    assert "possession order" in event.text
    assert enquiry.original_due == enquiry.due_date


def test_holding_reply_keeps_the_original_date_and_sets_the_revised_one(world):
    enquiry = triaged(world)
    new_due = datetime.date(2027, 4, 6)
    response = services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="We are arranging a damp survey.",
        reason="A surveyor must visit first",
        new_due=new_due,
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.HOLDING_REPLY_SENT
    assert enquiry.original_due == datetime.date(2027, 3, 23)
    assert enquiry.revised_due == enquiry.due_date == new_due
    assert response.sent_at is not None
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="holding_reply")
    assert "Tue 6 Apr 2027" in letter.body
    assert "surveyor" in letter.body


def test_a_holding_reply_after_the_due_date_is_refused(world, frozen):
    enquiry = triaged(world)
    frozen.move_to(datetime.datetime(2027, 3, 24, 10, 0, tzinfo=LONDON))
    with pytest.raises(ProtocolError) as error:
        services.send_holding_reply(
            actor=world.officer,
            enquiry=enquiry,
            text="Soon.",
            reason="Busy",
            new_due=datetime.date(2027, 4, 6),
        )
    assert "within the response time" in error.value.message


def test_a_holding_reply_needs_a_later_date(world):
    enquiry = triaged(world)
    with pytest.raises(ProtocolError):
        services.send_holding_reply(
            actor=world.officer,
            enquiry=enquiry,
            text="Soon.",
            reason="Busy",
            new_due=datetime.date(2027, 3, 20),
        )


def test_a_discussion_of_a_time_consuming_enquiry_is_recorded(world):
    enquiry = triaged(world)
    event = services.record_discussion(
        actor=world.officer,
        enquiry=enquiry,
        with_whom="Cllr Rahman and Daniel Price",
        note="Agreed to answer the first three questions now and the rest by April",
    )
    assert event.kind == EventKind.DISCUSSED
    assert event.data["reasons"]


def test_the_response_names_everyone_copied_and_copies_the_director_when_a_junior_officer_answers(world):
    enquiry = triaged(world)
    services.draft_response(
        actor=world.officer, enquiry=enquiry, text="The damp survey is booked for 12 March."
    )
    response = services.send_response(actor=world.officer, enquiry=enquiry)
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RESPONDED
    assert enquiry.follow_up_until == datetime.date(2027, 3, 16)
    assert [c["name"] for c in response.copied_to] == ["Daniel Price"]
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="response")
    assert letter.to == [{"name": "Cllr Aisha Rahman", "email": "aisha.rahman@ashdown.test"}]
    assert [c["email"] for c in letter.cc] == ["director.place@ashdown.test"]
    assert "This letter has also been sent to:\n- Daniel Price, Director of Place" in letter.body
    assert letter.subject == f"[{enquiry.reference}] Response: Damp in a council flat"


def test_policy_implications_are_also_copied_to_the_executive_member(world):
    """Islington 4.1(c)."""
    under_profile(world, "islington")
    enquiry = triaged(world)
    services.draft_response(
        actor=world.officer,
        enquiry=enquiry,
        text="Under the damp policy adopted in 2026, every report is surveyed within 10 days.",
        about_policy_implications=True,
    )
    response = services.send_response(actor=world.officer, enquiry=enquiry)
    assert {c["name"] for c in response.copied_to} == {"Daniel Price", "Cllr Priya Shah"}
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="response")
    assert "priya.shah@ashdown.test" in [c["email"] for c in letter.cc]
    assert "Mary Jones" not in letter.body
    assert "Cllr Priya Shah, Executive Member" in letter.body


def test_under_tower_hamlets_no_other_member_is_copied_into_the_answer(world):
    """Tower Hamlets 7.19: a Member's enquiry is not made known to any other Member, so its profile
    has no Executive Member copy even for an answer about policy."""
    enquiry = triaged(world)
    services.draft_response(
        actor=world.officer, enquiry=enquiry, text="Under the damp policy...", about_policy_implications=True
    )
    response = services.send_response(actor=world.officer, enquiry=enquiry)
    assert "Cllr Priya Shah" not in {c["name"] for c in response.copied_to}
    letter = OutboxMessage.objects.get(enquiry=enquiry, kind="response")
    assert "priya.shah@ashdown.test" not in [c["email"] for c in letter.cc]


def test_with_no_portfolio_linked_the_executive_member_copy_cannot_be_made(world):
    under_profile(world, "islington")
    services.portfolio_link_save(actor=world.member_enquiries, service=world.housing, portfolio="")
    enquiry = triaged(world)
    services.draft_response(
        actor=world.officer, enquiry=enquiry, text="12% of repairs were late.", contains_statistics=True
    )
    with pytest.raises(ProtocolError) as error:
        services.send_response(actor=world.officer, enquiry=enquiry)
    assert "no Executive Member's portfolio is linked to Housing Management" in error.value.message
    assert not Response.objects.filter(enquiry=enquiry, sent_at__isnull=False).exists()


def test_a_response_asked_to_be_signed_off_waits_for_the_manager(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked.")
    services.submit_for_sign_off(
        actor=world.officer, enquiry=enquiry, manager=world.officer_of(world.director)
    )
    with pytest.raises(ProtocolError):
        services.send_response(actor=world.officer, enquiry=enquiry)
    with pytest.raises(ProtocolError):
        services.sign_off(actor=world.officer, enquiry=enquiry)
    services.sign_off(actor=world.director, enquiry=enquiry)
    services.send_response(actor=world.officer, enquiry=enquiry)
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds[-3:] == [EventKind.SUBMITTED_FOR_SIGN_OFF, EventKind.SIGNED_OFF, EventKind.RESPONSE_SENT]
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind="sign_off_requested").count() == 1


def test_a_draft_left_on_a_closed_enquiry_is_neither_sent_for_sign_off_nor_signed_off(world):
    """The enquiry's page offers neither step once the Member no longer waits for the answer; posted
    anyway (or through the API) they are refused, and no manager is e-mailed about a closed enquiry."""
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked.")
    services.close(actor=world.member_enquiries, enquiry=enquiry, reason="Resolved by telephone.")
    with pytest.raises(ProtocolError) as asked:
        services.submit_for_sign_off(
            actor=world.officer, enquiry=enquiry, manager=world.officer_of(world.director)
        )
    assert f"{enquiry.reference} is closed, so you cannot ask for sign-off." in asked.value.message
    with pytest.raises(ProtocolError) as signed:
        services.sign_off(actor=world.director, enquiry=enquiry)
    assert f"{enquiry.reference} is closed, so you cannot sign the response off." in signed.value.message
    assert not enquiry.events.filter(
        kind__in=[EventKind.SUBMITTED_FOR_SIGN_OFF, EventKind.SIGNED_OFF]
    ).exists()
    assert not OutboxMessage.objects.filter(
        enquiry=enquiry, kind__in=["sign_off_requested", "signed_off"]
    ).exists()


def test_a_signed_off_draft_is_not_signed_off_again(world):
    """The page offers "Sign off" only for a draft not yet signed off; a second sign-off posted anyway
    is refused rather than adding a second entry and e-mailing the handling officer again."""
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked.")
    services.submit_for_sign_off(
        actor=world.officer, enquiry=enquiry, manager=world.officer_of(world.director)
    )
    services.sign_off(actor=world.director, enquiry=enquiry)
    with pytest.raises(ProtocolError) as again:
        services.sign_off(actor=world.director, enquiry=enquiry)
    assert "The draft response is already signed off." in again.value.message
    assert enquiry.events.filter(kind=EventKind.SIGNED_OFF).count() == 1
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind="signed_off").count() == 1


def test_only_the_handling_officer_and_their_line_write_the_response(world):
    enquiry = triaged(world)
    for person in (world.other_service_officer, world.same_ward_councillor, world.member_enquiries):
        with pytest.raises(PermissionDenied):
            services.draft_response(actor=person, enquiry=enquiry, text="Answer")


# After the response ---------------------------------------------------------------------------------


def _responded(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked for 12 March.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    enquiry.refresh_from_db()
    return enquiry


def test_the_member_reopens_within_the_follow_up_window(world):
    enquiry = _responded(world)
    services.reopen(actor=world.councillor, enquiry=enquiry, reason="The survey did not happen")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.REOPENED
    assert enquiry.original_due == datetime.date(2027, 3, 23)
    assert enquiry.due_date > timezone.localdate()
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind="reopened").count() == 1


def test_another_member_cannot_reopen(world):
    enquiry = _responded(world)
    with pytest.raises(PermissionDenied):
        services.reopen(actor=world.same_ward_councillor, enquiry=enquiry, reason="x")


def test_after_the_window_the_enquiry_closes_and_cannot_be_reopened(world, frozen):
    enquiry = _responded(world)
    frozen.move_to(datetime.datetime(2027, 3, 17, 10, 0, tzinfo=LONDON))
    with pytest.raises(ProtocolError) as error:
        services.reopen(actor=world.councillor, enquiry=enquiry, reason="Still not done")
    assert "Tue 16 Mar 2027" in error.value.message
    assert services.close_expired() == 1
    assert services.close_expired() == 0
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED
    assert enquiry.closed_at is not None
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind="closed").count() == 1


def test_the_workers_nightly_run_closes_an_answer_whose_window_has_passed(world, frozen):
    from nolan.enquiries.tasks import close_answered_enquiries

    enquiry = _responded(world)
    frozen.move_to(datetime.datetime(2027, 3, 17, 0, 10, tzinfo=LONDON))
    assert close_answered_enquiries.call_local() == 1
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED
    closing = enquiry.events.get(kind="closed")
    assert "did not come back on the answer by Tue 16 Mar 2027, so the enquiry closed" in closing.text


def test_close_expired_leaves_enquiries_still_in_their_window(world):
    _responded(world)
    assert services.close_expired() == 0


def test_the_member_says_whether_the_answer_met_the_need(world):
    enquiry = _responded(world)
    with pytest.raises(PermissionDenied):
        services.record_feedback(actor=world.officer, enquiry=enquiry, met_need=True)
    services.record_feedback(actor=world.councillor, enquiry=enquiry, met_need=False, comment="Too vague")
    enquiry.refresh_from_db()
    assert enquiry.met_need is False
    assert enquiry.feedback == "Too vague"


def test_the_whole_journey_leaves_a_timeline_and_an_email_for_each_step(world):
    enquiry = triaged(world)
    services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="Survey first.",
        reason="A surveyor must visit",
        new_due=datetime.date(2027, 4, 6),
    )
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    services.reopen(actor=world.councillor, enquiry=enquiry, reason="The surveyor did not come")
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Rebooked for Friday.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    services.close(actor=world.councillor, enquiry=enquiry, reason="Sorted, thank you")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.RAISED,
        EventKind.CLASSIFIED,
        EventKind.ASSIGNED,
        EventKind.HOLDING_REPLY,
        EventKind.RESPONSE_DRAFTED,
        EventKind.RESPONSE_SENT,
        EventKind.REOPENED,
        EventKind.RESPONSE_DRAFTED,
        EventKind.RESPONSE_SENT,
        EventKind.CLOSED,
    ]
    mail = list(OutboxMessage.objects.filter(enquiry=enquiry).order_by("pk").values_list("kind", flat=True))
    assert mail == [
        "receipt",
        "triage",
        "assigned",
        "acknowledgement",
        "holding_reply",
        "response",
        "reopened",
        "response",
    ]
    assert all(
        s.startswith(f"[{enquiry.reference}]")
        for s in OutboxMessage.objects.values_list("subject", flat=True)
    )


def test_views_are_audit_events_not_timeline_entries(world):
    enquiry = triaged(world)
    events_before = enquiry.events.count()
    services.record_enquiry_view(user=world.director, enquiry=enquiry)
    assert enquiry.events.count() == events_before
    view = AuditEvent.objects.filter(action="viewed", target_id=str(enquiry.pk)).get()
    assert view.actor == world.director
    assert view.capacity == "Director of Place"


def test_the_member_adds_a_file_later_but_another_member_cannot(world):
    enquiry = triaged(world)
    (added,) = services.add_attachments(
        actor=world.councillor, enquiry=enquiry, attachments=[upload("photo.png", png())]
    )
    assert added.content_type == "image/png"
    assert enquiry.events.filter(kind=EventKind.ATTACHMENT_ADDED, text="photo.png").exists()
    with pytest.raises(PermissionDenied):
        services.add_attachments(
            actor=world.same_ward_councillor, enquiry=enquiry, attachments=[upload("photo.png", png())]
        )
    with pytest.raises(ValidationError) as error:
        services.add_attachments(
            actor=world.councillor, enquiry=enquiry, attachments=[upload("virus.pdf", b"MZ\x90\x00rest")]
        )
    assert "Windows program" in error.value.message_dict["attachments"][0]
    assert enquiry.attachments.count() == 1


def test_the_chasing_run_can_note_a_chase_on_the_timeline(world):
    enquiry = triaged(world)
    event = services.record_chase(enquiry=enquiry, rung="breach", text="Overdue: chased Sam Lee")
    assert event.kind == EventKind.CHASED and not event.visible_to_member
    escalated = services.record_chase(enquiry=enquiry, rung="director", text="Escalated", escalated=True)
    assert escalated.kind == EventKind.ESCALATED
    assert AuditEvent.objects.filter(action="enquiry.escalated", target_id=str(enquiry.pk)).exists()


def test_an_assigned_enquiry_reclassified_as_a_complaint_leaves_the_service(world):
    enquiry = triaged(world)
    services.triage(actor=world.member_enquiries, enquiry=enquiry, classification="complaint")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.COMPLAINT_REFERRED
    assert enquiry.assigned_officer is None
    assert not EnquiryAccess.objects.filter(enquiry=enquiry).exists()
    assert selectors.enquiry_get(user=world.officer, reference=enquiry.reference) is None
