"""The Member Enquiries pages, as Members, the Member Enquiries team, officers and Directors use them.

Through Django's test client against the real database; e-mail goes to Django's in-memory outbox
(the browser journey in tests/e2e/test_enquiries.py follows it to a real SMTP sink).
"""

from __future__ import annotations

import csv
import datetime
import html
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from nolan.audit.models import AuditEvent
from nolan.enquiries import rules, services
from nolan.enquiries.models import Attachment, Enquiry, EnquiryEvent, ResidentDetails, Response, Status
from tests.enquiries.conftest import files_on_disk, pdf, raise_one, triaged, upload

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"enquiries:{name}", args=args)


def step_url(enquiry, slug):
    return url("step", enquiry.reference, slug)


def main(response) -> str:
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def as_user(client, user):
    client.force_login(user)
    return client


def raise_form(world, **values) -> dict:
    data = {
        "subject": "Broken streetlight",
        "body": "The light outside 4 Mill Lane has been out for a week.",
        "category": str(world.other_category.pk),
        "ward": str(world.east_ward.pk),
        "resident_name": "Joe Bloggs",
        "resident_address": "4 Mill Lane",
        "resident_contact": "07700 900123",
        "resident_asked_member_to_act": "yes",
        "resident_special_category": "no",
        "urgent": "no",
        "urgency_reason": "",
        "interest": "none",
        "interest_details": "",
    }
    data.update(values)
    return data


def use_profile(world, slug: str) -> None:
    """The council's protocol profile: Ashdown runs on Tower Hamlets' unless a test says otherwise."""
    world.council.protocol_profile = slug
    world.council.save(update_fields=["protocol_profile"])


def nothing_stored(world):
    assert Enquiry.objects.count() == 0
    assert ResidentDetails.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert EnquiryEvent.objects.count() == 0
    assert files_on_disk(world) == []


# Raising ----------------------------------------------------------------------------------------------


def test_a_member_raises_an_enquiry_and_sees_its_page_with_the_due_date_and_why(client, world):
    as_user(client, world.councillor)
    form = client.get(url("raise"))
    assert form.status_code == 200
    page = main(form)
    for label in ("Subject", "What are you asking?", "Category", "Resident&#x27;s name", "Is it urgent?"):
        assert label in page
    assert "Member</label>" not in page  # a Member raises only in their own name
    assert "Tower Hamlets 7.2(a)" in page  # the urgent route, cited where it is offered

    response = client.post(
        url("raise"),
        {
            **raise_form(world),
            "attachments": [
                upload("letter.pdf", pdf()),
                upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
            ],
        },
    )
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", enquiry.reference)
    assert enquiry.raised_by_member.user == world.councillor
    assert enquiry.resident.name == "Joe Bloggs"
    assert enquiry.resident.asked_member_to_act is True
    assert enquiry.attachments.count() == 2

    page = main(client.get(response["Location"]))
    assert f"Enquiry {enquiry.reference} raised" in page
    assert "Broken streetlight" in page
    assert enquiry.due_explanation in page
    assert "Red: overdue" not in page
    assert "Green: on track" in page
    assert "letter.pdf" in page and "photo.png" in page


def test_received_on_christmas_eve_2026_is_due_on_tue_12_jan_2027_and_the_page_says_why(
    client, world, frozen
):
    frozen.move_to(datetime.datetime(2026, 12, 24, 10, 0, tzinfo=datetime.UTC))
    enquiry = raise_one(world)
    assert enquiry.due_date == datetime.date(2027, 1, 12)
    page = main(as_user(client, world.councillor).get(url("detail", enquiry.reference)))
    assert "Tue 12 Jan 2027" in page
    assert "skipped Fri 25 Dec Christmas Day" in enquiry.due_explanation
    assert escape(enquiry.due_explanation) in page


def test_no_subject_is_a_clear_error_and_nothing_is_stored(client, world):
    response = as_user(client, world.councillor).post(url("raise"), raise_form(world, subject="  "))
    assert response.status_code == 200
    page = main(response)
    assert "govuk-error-summary" in page
    assert "Enter a subject" in page
    assert response.content.decode().count("<title>Error: ") == 1
    assert 'value="4 Mill Lane"' in page or "4 Mill Lane</textarea>" in page  # what was typed is kept
    nothing_stored(world)


def test_a_50_mb_attachment_is_a_form_error_not_a_400_and_nothing_is_stored(client, world):
    big = upload("survey.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    response = as_user(client, world.councillor).post(
        url("raise"), {**raise_form(world), "attachments": [big]}
    )
    assert response.status_code == 200
    page = main(response)
    assert "survey.pdf: the file is 50 MB; files must be no larger than 10 MB" in page
    assert 'href="#id_attachments"' in page  # the error summary leads to the file control
    nothing_stored(world)


def test_a_file_too_large_is_refused_before_any_of_it_is_written_to_disk(client, world, settings, tmp_path):
    # Django writes an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to its temporary directory before
    # the page sees it. Here that directory is not there, so a file written to disk fails the request.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-directory")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    big = upload("survey.pdf", b"%PDF-1.7\n" + b"0" * (12 * 1024 * 1024))
    response = as_user(client, world.councillor).post(
        url("raise"), {**raise_form(world), "attachments": [big]}
    )
    assert response.status_code == 200
    assert "survey.pdf: the file is 12 MB; files must be no larger than 10 MB" in main(response)
    assert not (tmp_path / "no-such-directory").exists()
    nothing_stored(world)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\0" * 100, "this type of file cannot be attached"),
        ("letter.pdf", b"MZ\x90\x00" + b"\0" * 100, "the file is a Windows program, not a PDF document"),
        ("notes.txt", b"hello <script>alert(1)</script>", "the file contains web page markup or a script"),
    ],
)
def test_an_executable_or_script_attachment_is_refused_and_nothing_is_stored(
    client, world, name, content, message
):
    files = [upload("fine.pdf", pdf()), upload(name, content)]
    response = as_user(client, world.councillor).post(
        url("raise"), {**raise_form(world), "attachments": files}
    )
    assert response.status_code == 200
    assert message in main(response)
    nothing_stored(world)


RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"subject": f"Streetlight {RLO}dexif"}, f"A subject {DIRECTION}."),
        ({"resident_name": f"Joe {RLO}sggolB"}, f"The resident&#x27;s name {DIRECTION}."),
    ],
    ids=["subject", "resident"],
)
def test_a_subject_or_name_that_hides_text_is_a_form_error_and_nothing_is_stored(
    client, world, values, message
):
    response = as_user(client, world.councillor).post(url("raise"), raise_form(world, **values))
    assert response.status_code == 200
    page = main(response)
    assert "govuk-error-summary" in page
    assert message in page
    assert RLO not in page.split("govuk-error-summary", 1)[1].split("</ul>", 1)[0]  # shown as it is
    nothing_stored(world)


def test_a_file_whose_name_hides_text_arrives_without_the_hidden_characters(client, world):
    # Django's upload parser drops characters that cannot be printed from a file's name before Nolan
    # sees it (the service refuses them from any other caller), so the list shows what the file is.
    files = [upload(f"photo{RLO}gnp.pdf", pdf())]
    response = as_user(client, world.councillor).post(
        url("raise"), {**raise_form(world), "attachments": files}
    )
    assert response.status_code == 302
    assert Attachment.objects.get().original_name == "photognp.pdf"


def test_html_and_script_in_the_text_are_refused_and_shown_escaped(client, world):
    script = '<script>alert("x")</script>'
    response = as_user(client, world.councillor).post(
        url("raise"), raise_form(world, subject=f"Hello {script}", body="<b>bold</b> request")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert script not in body and "<b>bold</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body  # what was typed, shown as text
    assert "Write a subject as plain text" in body
    assert "Write what is being asked as plain text" in body
    nothing_stored(world)


def test_angle_brackets_and_ampersands_that_are_not_markup_are_stored_and_shown_escaped(client, world):
    as_user(client, world.councillor).post(
        url("raise"), raise_form(world, subject="Bins & recycling <3 weeks", body="Is 5 < 6 & 7 > 3?")
    )
    enquiry = Enquiry.objects.get()
    assert enquiry.subject == "Bins & recycling <3 weeks"
    page = main(client.get(url("detail", enquiry.reference)))
    assert "Bins &amp; recycling &lt;3 weeks" in page
    assert "Is 5 &lt; 6 &amp; 7 &gt; 3?" in page


def test_member_services_raise_for_a_member_but_not_with_a_received_time_in_the_future(client, world):
    as_user(client, world.member_services)
    page = main(client.get(url("raise")))
    assert "Cllr Aisha Rahman" in page  # the Member to choose
    assert "Time received" in page
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    data = raise_form(
        world,
        member=str(world.member_of(world.councillor).pk),
        received_at_day=str(tomorrow.day),
        received_at_month=str(tomorrow.month),
        received_at_year=str(tomorrow.year),
        received_time="09:30",
    )
    response = client.post(url("raise"), data)
    assert response.status_code == 200
    assert "The received time cannot be in the future" in main(response), __import__("re").findall(
        r"error-summary__list\">(.*?)</ul>", main(response), 16
    )
    nothing_stored(world)

    data.update(received_at_day="8", received_at_month="3", received_at_year="2027", received_time="16:45")
    response = client.post(url("raise"), data)
    enquiry = Enquiry.objects.get()
    assert enquiry.raised_by_member == world.member_of(world.councillor)
    assert enquiry.originator_type == "member_services"
    assert enquiry.received_at.astimezone(datetime.UTC) == datetime.datetime(
        2027, 3, 8, 16, 45, tzinfo=datetime.UTC
    )
    # The enquiry is the Member's, treated in confidence: Member Services do not keep sight of it.
    assert response["Location"] == url("raise")
    assert f"Enquiry {enquiry.reference} raised for Cllr Aisha Rahman" in main(
        client.get(response["Location"])
    )
    assert client.get(url("detail", enquiry.reference)).status_code == 404


def test_member_services_must_choose_the_member(client, world):
    response = as_user(client, world.member_services).post(url("raise"), raise_form(world))
    assert "Choose the Member the enquiry is from" in main(response)
    nothing_stored(world)


def test_member_services_record_an_mps_enquiry_where_the_profile_allows(client, world):
    as_user(client, world.member_services)
    data = raise_form(
        world,
        originator_type="elected_representative",
        originator_name="Jane Smith MP",
        originator_email="jane@example.org",
    )
    client.post(url("raise"), data)
    enquiry = Enquiry.objects.get()
    assert enquiry.originator_type == "elected_representative"
    assert enquiry.raised_by_member is None
    assert enquiry.originator_name == "Jane Smith MP"


def test_someone_who_is_neither_a_member_nor_member_services_cannot_raise(client, world):
    response = as_user(client, world.officer).get(url("raise"))
    assert response.status_code == 403


# Visibility: the negative tests -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["same_ward_councillor", "same_group_councillor", "other_service_officer"])
def test_others_get_not_found_and_see_nothing_of_it_in_search_counts_or_exports(client, world, who):
    enquiry = triaged(world, attachments=[upload("letter.pdf", pdf())])
    as_user(client, getattr(world, who))
    for path in (
        url("detail", enquiry.reference),
        step_url(enquiry, "close"),
        step_url(enquiry, "holding-reply"),
        url("attachment", enquiry.reference, enquiry.attachments.get().pk),
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(step_url(enquiry, "close"), {"reason": "Not mine"}).status_code == 404
    assert Enquiry.objects.get().status == Status.ASSIGNED

    for query in ({}, {"q": enquiry.reference}, {"q": "Damp"}, {"q": "Mary Jones"}):
        for name in ("index", "worklist", "triage"):
            page = main(client.get(url(name), query))
            assert url("detail", enquiry.reference) not in page and "Damp in a council flat" not in page
    assert enquiry.reference not in main(client.get(url("overdue")))
    export = b"".join(client.get(url("export")).streaming_content).decode()
    assert enquiry.reference not in export and len(export.strip().splitlines()) == 1  # the headings alone
    home = main(client.get(reverse("home")))
    assert 'id="attention"' not in home  # no count of it, either


def test_views_are_recorded_on_the_audit_trail_and_a_stranger_leaves_no_trace(client, world):
    enquiry = raise_one(world)
    as_user(client, world.councillor).get(url("detail", enquiry.reference))
    views = AuditEvent.objects.filter(action="viewed", target_id=str(enquiry.pk))
    assert [e.actor for e in views] == [world.councillor]
    as_user(client, world.same_ward_councillor).get(url("detail", enquiry.reference))
    assert views.count() == 1


def test_an_unknown_reference_is_not_found(client, world):
    assert as_user(client, world.member_enquiries).get(url("detail", "ENQ-2027-999999")).status_code == 404


def test_the_member_does_not_see_internal_steps_on_the_timeline(client, world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Draft: the repair is booked.")
    member_page = main(as_user(client, world.councillor).get(url("detail", enquiry.reference)))
    assert "Response drafted" not in member_page and "the repair is booked" not in member_page
    officer_page = main(as_user(client, world.officer).get(url("detail", enquiry.reference)))
    assert "Response drafted" in officer_page and "Draft response (not sent)" in officer_page


# Triage and handling ------------------------------------------------------------------------------


def test_the_team_triages_from_the_queue_with_the_rule_and_citation_shown(client, world):
    enquiry = raise_one(world)
    as_user(client, world.member_enquiries)
    queue = main(client.get(url("triage")))
    assert enquiry.reference in queue
    form = main(client.get(step_url(enquiry, "triage")))
    assert "The Monitoring Officer then decides (Tower Hamlets 7.2(b))." in form
    assert "the answer is limited to process. (Tower Hamlets 13.4, Tower Hamlets 13.5)" in form
    # Where the council's protocol is silent, the page says so rather than cite nothing.
    assert "stays linked. (the council&#x27;s protocol does not say; Nolan&#x27;s default)" in form
    assert "The routing table sends Housing repairs in Eastgate to Housing Management." in form

    response = client.post(step_url(enquiry, "triage"), {"classification": "member_enquiry"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Status.ASSIGNED and enquiry.assigned_officer.user == world.officer
    page = main(client.get(url("detail", enquiry.reference)))
    assert "Classified as: Member enquiry" in page
    assert "A routine request for information or advice is a Member enquiry" in page
    assert enquiry.reference not in main(client.get(url("triage")))


def test_a_complaint_is_triaged_out_with_its_citation(client, world):
    use_profile(world, "haringey")
    enquiry = raise_one(world)
    assert "(Haringey 12.22)" in main(
        as_user(client, world.member_enquiries).get(step_url(enquiry, "triage"))
    )
    as_user(client, world.member_enquiries).post(
        step_url(enquiry, "triage"), {"classification": "complaint", "external_reference": "CMP-77"}
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Status.COMPLAINT_REFERRED
    page = main(as_user(client, world.councillor).get(url("detail", enquiry.reference)))
    assert "Complaint on a resident&#x27;s behalf" in page
    assert '<a class="govuk-link" href="/protocol/haringey/12.22/">Haringey 12.22</a>' in page


def test_only_the_team_is_offered_triage(client, world):
    enquiry = raise_one(world)
    as_user(client, world.councillor)
    assert "Triage the enquiry" not in main(client.get(url("detail", enquiry.reference)))
    response = client.get(step_url(enquiry, "triage"))
    assert response.status_code == 302  # back to the enquiry, saying it is not open to them
    assert client.post(step_url(enquiry, "triage"), {"classification": "complaint"}).status_code == 403
    assert Enquiry.objects.get().status == Status.RECEIVED


def test_a_holding_reply_keeps_the_original_and_the_revised_due_date(client, world):
    use_profile(world, "haringey")
    enquiry = triaged(world)
    original = enquiry.original_due
    as_user(client, world.officer)
    form = main(client.get(step_url(enquiry, "holding-reply")))
    assert "Originally due" in form and "Who will be copied" in form
    assert "Daniel Price" in form and "Haringey 12.01" in form  # the Director, copied as a junior answers
    new_due = original + datetime.timedelta(days=14)
    response = client.post(
        step_url(enquiry, "holding-reply"),
        {
            "text": "We are waiting for a surveyor's report.",
            "reason": "The surveyor visits next week.",
            "new_due_day": str(new_due.day),
            "new_due_month": str(new_due.month),
            "new_due_year": str(new_due.year),
        },
    )
    assert response.status_code == 302
    page = main(as_user(client, world.councillor).get(url("detail", enquiry.reference)))
    from nolan.enquiries.policies import day

    assert f"Originally due {day(original)}" in page
    assert f"{day(new_due)}</strong> (revised)" in page
    assert "The surveyor visits next week." in page


def test_a_protocol_refusal_is_an_error_summary_with_its_citation_and_nothing_is_stored(client, world):
    enquiry = triaged(world)
    too_early = enquiry.due_date - datetime.timedelta(days=1)
    response = as_user(client, world.officer).post(
        step_url(enquiry, "holding-reply"),
        {
            "text": "Holding.",
            "reason": "Waiting.",
            "new_due_day": str(too_early.day),
            "new_due_month": str(too_early.month),
            "new_due_year": str(too_early.year),
        },
    )
    assert response.status_code == 200
    page = main(response)
    assert "The protocol does not allow this" in page
    assert "The new date must be after the current due date" in page
    assert "Nothing has been saved" in page
    assert Response.objects.count() == 0
    enquiry.refresh_from_db()
    assert enquiry.revised_due is None


def test_the_send_page_names_who_is_copied_and_why_then_the_member_sees_the_answer(client, world):
    use_profile(world, "islington")
    enquiry = triaged(world)
    as_user(client, world.officer)
    client.post(
        step_url(enquiry, "draft"),
        {"text": "The repair is booked for Monday.", "about_policy_implications": "on"},
    )
    send = main(client.get(step_url(enquiry, "send")))
    assert "The repair is booked for Monday." in send
    assert (
        "Daniel Price" in send and 'href="/protocol/islington/5.3.2/">Islington 5.3.2</a>' in send
    )  # the Director, as a junior officer answers
    assert (
        "Cllr Priya Shah" in send and 'href="/protocol/islington/4.1(c)/">Islington 4.1(c)</a>' in send
    )  # the Executive Member for Housing
    response = client.post(step_url(enquiry, "send"))
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Status.RESPONDED

    page = main(as_user(client, world.councillor).get(url("detail", enquiry.reference)))
    assert "The repair is booked for Monday." in page
    assert "Copied to" in page and "Daniel Price" in page
    assert "Come back on the answer" in page and "Did the answer meet your need?" in page


def test_the_member_reopens_then_it_is_answered_and_closed_with_feedback(client, world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Booked.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    as_user(client, world.councillor)
    assert client.post(step_url(enquiry, "reopen"), {"reason": ""}).status_code == 200  # a reason is needed
    assert Enquiry.objects.get().status == Status.RESPONDED
    client.post(step_url(enquiry, "reopen"), {"reason": "The contractor did not come."})
    enquiry.refresh_from_db()
    assert enquiry.status == Status.REOPENED
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Rebooked for Tuesday.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    client.post(step_url(enquiry, "feedback"), {"met_need": "yes", "comment": "Thanks."})
    client.post(step_url(enquiry, "close"), {"reason": "Sorted."})
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED and enquiry.met_need is True
    page = main(client.get(url("detail", enquiry.reference)))
    for text in ("Re-opened", "The contractor did not come.", "The answer met the need.", "Closed"):
        assert text in page


def test_sign_off_by_a_manager_in_the_line(client, world):
    enquiry = triaged(world)
    as_user(client, world.officer)
    client.post(step_url(enquiry, "draft"), {"text": "Answer."})
    director = world.officer_of(world.director)
    client.post(step_url(enquiry, "sign-off-request"), {"manager": str(director.pk)})
    assert Response.objects.get().sign_off_by == director
    as_user(client, world.director)
    assert "Sign off the response" in main(client.get(url("detail", enquiry.reference)))
    client.post(step_url(enquiry, "sign-off"))
    assert Response.objects.get().signed_off_by == director


def test_transfer_to_another_service_moves_it_out_of_the_old_officers_sight(client, world):
    enquiry = triaged(world)
    response = as_user(client, world.member_enquiries).post(
        step_url(enquiry, "transfer"), {"service": str(world.waste.pk), "reason": "It is about bins."}
    )
    assert response.status_code == 302
    assert as_user(client, world.officer).get(url("detail", enquiry.reference)).status_code == 404


# Lists ---------------------------------------------------------------------------------------------


def test_my_enquiries_shows_status_due_date_and_rag_as_words(client, world, frozen):
    late = raise_one(world, subject="Overdue one")
    Enquiry.objects.filter(pk=late.pk).update(due_date=datetime.date(2027, 3, 1))
    raise_one(world, subject="Fresh one")
    raise_one(world, actor=world.same_ward_councillor, subject="Someone else's")
    page = main(as_user(client, world.councillor).get(url("index")))
    assert "My enquiries" in page
    assert "Overdue one" in page and "Fresh one" in page and "Someone else" not in page
    assert "Red: overdue" in page and "Green: on track" in page
    red = main(client.get(url("index"), {"rag": "red"}))
    assert "Overdue one" in red and "Fresh one" not in red


def test_filters_and_search(client, world):
    raise_one(world, subject="Damp", resident={"name": "Mary Jones"})
    raise_one(world, subject="Bins", category=world.waste_category, ward=world.west_ward, resident=None)
    as_user(client, world.member_enquiries)

    def subjects(**query):
        page = main(client.get(url("index"), query))
        return {s for s in ("Damp", "Bins") if f">{s}" in page}

    assert subjects() == {"Damp", "Bins"}
    assert subjects(q="mary") == {"Damp"}
    assert subjects(category=world.waste_category.pk) == {"Bins"}
    assert subjects(ward=world.east_ward.pk) == {"Damp"}
    assert subjects(status="received") == {"Damp", "Bins"}
    assert subjects(status="closed") == set()
    assert subjects(received_from_day="10", received_from_month="3", received_from_year="2027") == set()
    assert subjects(received_to_day="9", received_to_month="3", received_to_year="2027") == {"Damp", "Bins"}
    bad = main(
        client.get(
            url("index"),
            {"received_from_day": "40", "received_from_month": "3", "received_from_year": "2027"},
        )
    )
    assert "govuk-error-summary" in bad


def test_the_worklist_is_ordered_urgent_first_then_by_due_date(client, world):
    later = triaged(world, subject="Later")
    sooner = triaged(world, subject="Sooner")
    Enquiry.objects.filter(pk=sooner.pk).update(due_date=later.due_date - datetime.timedelta(days=3))
    page = main(as_user(client, world.officer).get(url("worklist")))
    assert page.index("Sooner") < page.index("Later")
    assert "Later" in main(as_user(client, world.director).get(url("worklist"), {"line": "yes"}))


def test_the_directors_view_of_what_is_overdue_by_service(client, world):
    late = triaged(world)
    Enquiry.objects.filter(pk=late.pk).update(due_date=datetime.date(2027, 3, 1))
    page = main(as_user(client, world.director).get(url("overdue")))
    assert "Housing Management" in page and "1 overdue" in page
    assert "Housing Management" not in main(as_user(client, world.other_service_officer).get(url("overdue")))
    home = main(as_user(client, world.director).get(reverse("home")))
    assert "Housing Management: 1 enquiry overdue" in home


def test_the_home_page_lists_what_needs_attention(client, world):
    raise_one(world)
    assert "1 open enquiry you raised" in main(as_user(client, world.councillor).get(reverse("home")))
    assert "1 enquiry waiting for triage" in main(
        as_user(client, world.member_enquiries).get(reverse("home"))
    )


def test_the_export_is_a_csv_of_what_the_viewer_may_see(client, world):
    mine = raise_one(world)
    theirs = raise_one(world, actor=world.same_group_councillor, subject="Another")
    response = as_user(client, world.councillor).get(url("export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Reference"] for r in rows] == [mine.reference]
    assert "Mary Jones" not in str(rows)  # no resident details in an export
    team = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    as_user(client, world.member_enquiries).get(url("export")).streaming_content
                ).decode()
            )
        )
    )
    assert {r["Reference"] for r in team} == {mine.reference, theirs.reference}


@pytest.mark.parametrize("asked", ["", "abc", "0", "-1"])
@pytest.mark.parametrize("name", ["index", "triage", "worklist"])
def test_a_page_number_that_is_not_one_shows_the_first_page_and_says_why(client, world, name, asked):
    raise_one(world)
    response = as_user(client, world.member_enquiries).get(url(name), {"page": asked})
    assert response.status_code == 200
    assert "This is the first page." in main(response)
    assert "pages are numbered from 1" in main(response) or "Give a page number" in main(response)


def test_lists_are_paginated_and_cost_the_same_queries_whatever_their_length(client, world):
    as_user(client, world.member_enquiries)

    def queries(name):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(name)).status_code == 200
        return len(captured)

    for _ in range(2):
        triaged(world)
        raise_one(world)
    few = {name: queries(name) for name in ("index", "triage")}
    for _ in range(14):
        triaged(world)
        raise_one(world)
    many = {name: queries(name) for name in ("index", "triage")}
    assert many == few
    page_two = main(client.get(url("index"), {"page": 2}))
    assert "govuk-pagination" in page_two and "Showing 26 to 32 of 32" in page_two

    as_user(client, world.officer)
    few_worklist = queries("worklist")
    for _ in range(5):
        triaged(world)
    assert queries("worklist") == few_worklist


@pytest.mark.parametrize("slug", ["tower-hamlets", "islington", "leeds", "haringey", "hackney"])
def test_the_draft_page_says_what_the_councils_own_protocol_says_of_copying_the_executive_member(
    client, world, slug
):
    use_profile(world, slug)
    copy_rule = rules.copy_rules(world.council).executive_member
    enquiry = triaged(world)
    as_user(client, world.officer)

    page = main(client.get(step_url(enquiry, "draft")))

    if copy_rule.specified:
        assert f"{copy_rule.why.rstrip('.')} ({copy_rule.cited()})." in html.unescape(page)
    else:
        assert copy_rule.why.rstrip(".") in html.unescape(page)
        assert "the council's protocol does not say; Nolan's default" in html.unescape(page)
    if not copy_rule.value:
        assert "also copied to the relevant Executive Member" not in page
