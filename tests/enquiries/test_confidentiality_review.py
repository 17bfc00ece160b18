"""Member Enquiries under hostile or careless use: what could leak to someone outside the enquiry's
circle (Tower Hamlets 7.19), and input that used to be stored half-checked or end in a server error.
Each test is a problem found in review; it failed before the change that fixed it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from nolan.audit.models import AuditEvent
from nolan.directory import models as d
from nolan.directory import services as directory
from nolan.enquiries import selectors, services
from nolan.enquiries.models import (
    Enquiry,
    EnquiryEvent,
    EventKind,
    Status,
)
from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import LONDON, raise_one, triaged
from tests.personas import make_user

TODAY = datetime.date(2027, 3, 9)

pytestmark = pytest.mark.django_db


def raise_form(world, **values) -> dict:
    data = {
        "subject": "Broken streetlight",
        "body": "The light outside 4 Mill Lane has been out for a week.",
        "category": str(world.other_category.pk),
        "ward": str(world.east_ward.pk),
        "resident_special_category": "no",
        "urgent": "no",
        "interest": "none",
    }
    data.update(values)
    return data


def errors_of(response) -> str:
    text = response.content.decode()
    start = text.index("govuk-error-summary__list")
    return text[start : text.index("</ul>", start)]


# E-mail that could never be sent -------------------------------------------------------------------


def test_a_subject_on_two_lines_is_refused_so_the_e_mails_quoting_it_can_be_sent(world, client):
    # The subject goes into every e-mail's Subject header, which cannot hold a line break: the
    # receipt and the team's note were queued and then failed on every attempt.
    client.force_login(world.councillor)
    response = client.post(reverse("enquiries:raise"), raise_form(world, subject="Damp\nBcc: x@example.org"))
    assert response.status_code == 200
    assert "A subject must be on one line" in errors_of(response)
    assert Enquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_an_mps_name_on_two_lines_is_refused(world, client, settings):
    world.council.protocol_profile = "haringey"
    world.council.save(update_fields=["protocol_profile"])
    client.force_login(world.member_services)
    data = raise_form(
        world,
        originator_type="elected_representative",
        originator_name="Jo Smith MP\r\nCc: someone@example.org",
        originator_email="jo.smith@example.org",
    )
    response = client.post(reverse("enquiries:raise"), data)
    assert response.status_code == 200
    assert "must be on one line" in errors_of(response)
    assert Enquiry.objects.count() == 0


def test_every_e_mail_of_an_enquiry_raised_with_a_one_line_subject_is_sent(world, client):
    client.force_login(world.councillor)
    response = client.post(reverse("enquiries:raise"), raise_form(world))
    assert response.status_code == 302
    counts = outbox.dispatch_due(datetime.datetime(2027, 3, 9, 11, 0, tzinfo=LONDON))
    assert counts == {"sent": 2, "retrying": 0, "given_up": 0}
    assert EnquiryEvent.objects.count() == 1


# Dates no clock can run from ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0001", "1900"])
def test_a_received_date_long_ago_is_refused_with_a_message(world, client, year):
    # Year 1 ended in a server error (the working-day calendar cannot reach it); 1900 was stored as
    # ME-1900-000001, 127 years overdue, and would have been chased and escalated at once.
    client.force_login(world.member_services)
    data = raise_form(
        world,
        member=str(world.member_of(world.councillor).pk),
        received_at_day="1",
        received_at_month="1",
        received_at_year=year,
        received_time="10:00",
    )
    response = client.post(reverse("enquiries:raise"), data)
    assert response.status_code == 200
    assert "more than a year ago" in errors_of(response)
    assert Enquiry.objects.count() == 0


def test_a_received_date_within_the_year_is_accepted(world, client):
    client.force_login(world.member_services)
    data = raise_form(
        world,
        member=str(world.member_of(world.councillor).pk),
        received_at_day="24",
        received_at_month="12",
        received_at_year="2026",
        received_time="11:00",
    )
    assert client.post(reverse("enquiries:raise"), data).status_code == 302
    assert Enquiry.objects.get().due_date == datetime.date(2027, 1, 12)


def test_a_holding_reply_cannot_promise_an_answer_years_ahead(world, client):
    enquiry = triaged(world)
    client.force_login(world.officer)
    page = reverse("enquiries:step", args=[enquiry.reference, "holding-reply"])
    data = {"text": "We are looking into it.", "reason": "The surveyor is away."}
    far = client.post(page, {**data, "new_due_day": "31", "new_due_month": "12", "new_due_year": "9999"})
    assert far.status_code == 200
    assert "more than a year" in errors_of(far)
    enquiry.refresh_from_db()
    assert enquiry.revised_due is None and not enquiry.responses.exists()
    near = client.post(page, {**data, "new_due_day": "30", "new_due_month": "4", "new_due_year": "2027"})
    assert near.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.due_date == datetime.date(2027, 4, 30)


# Who may see an enquiry after the directory changes -------------------------------------------------


def _move_the_director_of_place(world) -> object:
    """Daniel Price moves to be Director of Resources; Nadia Noor becomes Director of Place and Sam Lee's
    line manager. Both through the directory's own services, effective today."""
    actor = world.member_services
    daniel = world.officer_of(world.director)
    nadia_user = make_user("nadia.noor@ashdown.test", "Nadia", "Noor", second_factor=True)
    nadia = d.Officer.objects.create(
        user=nadia_user, first_name="Nadia", last_name="Noor", email=nadia_user.email, start=TODAY
    )
    directory.post_start(
        actor=actor,
        officer=nadia,
        title="Director of Place",
        seniority=d.Seniority.DIRECTOR,
        directorate=world.place,
        line_manager=world.officer_of(world.chief_executive),
        start=TODAY,
    )
    directory.post_start(
        actor=actor,
        officer=daniel,
        title="Director of Resources",
        seniority=d.Seniority.DIRECTOR,
        directorate=world.resources,
        line_manager=world.officer_of(world.chief_executive),
        start=TODAY,
    )
    directory.post_start(
        actor=actor,
        officer=world.officer_of(world.officer),
        title="Housing Officer",
        seniority=d.Seniority.OFFICER,
        service=world.housing,
        line_manager=nadia,
        start=TODAY,
    )
    return nadia_user


def test_a_director_who_moves_to_another_directorate_no_longer_sees_its_enquiries(world, client):
    # The officers who may see an enquiry were written when it was assigned and never again: the
    # Director who left Place kept reading Housing's enquiries, and the new one could not.
    open_one = triaged(world)
    answered = triaged(world, subject="Missed bin collection")
    services.draft_response(actor=world.officer, enquiry=answered, text="It was collected on Monday.")
    services.send_response(actor=world.officer, enquiry=answered)
    nadia = _move_the_director_of_place(world)

    client.force_login(world.director)
    for enquiry in (open_one, answered):
        assert client.get(reverse("enquiries:detail", args=[enquiry.reference])).status_code == 404
    assert "Damp" not in client.get(reverse("enquiries:index")).content.decode()
    assert selectors.enquiry_list(user=world.director).count() == 0

    client.force_login(nadia)
    for enquiry in (open_one, answered):
        assert client.get(reverse("enquiries:detail", args=[enquiry.reference])).status_code == 200


# An enquiry stays with its service when its officer leaves it ---------------------------------------


@dataclass
class Revenues:
    """Revenues and Benefits, a service in Resources: Rhiannon Ellis (Corporate Director of Resources)
    over Owen Price (Head of Revenues and Benefits). The line Sam Lee joins if he takes a post there."""

    service: d.Service
    corporate_director: object
    head: d.Officer
    head_user: object


def _officer(world, email: str, first: str, last: str, **post) -> tuple[object, d.Officer]:
    """An officer with a sign-in account and a post since 2020, added through the directory."""
    user = make_user(email, first, last, second_factor=True)
    officer = directory.officer_create(
        actor=world.member_services,
        first_name=first,
        last_name=last,
        email=email,
        user=user,
        start=datetime.date(2020, 1, 6),
        post=post,
    )
    return user, officer


def _revenues(world) -> Revenues:
    service = directory.service_create(
        actor=world.member_services,
        directorate=world.resources,
        name="Revenues and Benefits",
        start=datetime.date(2020, 1, 6),
    )
    corporate_user, corporate = _officer(
        world,
        "rhiannon.ellis@ashdown.test",
        "Rhiannon",
        "Ellis",
        title="Corporate Director of Resources",
        seniority=d.Seniority.CORPORATE_DIRECTOR,
        directorate=world.resources,
        line_manager=world.officer_of(world.chief_executive),
    )
    head_user, head = _officer(
        world,
        "owen.price@ashdown.test",
        "Owen",
        "Price",
        title="Head of Revenues and Benefits",
        seniority=d.Seniority.HEAD_OF_SERVICE,
        service=service,
        line_manager=corporate,
    )
    return Revenues(service, corporate_user, head, head_user)


def _sam_moves_to_revenues(world, revenues: Revenues, start: datetime.date = TODAY) -> None:
    directory.post_start(
        actor=world.member_services,
        officer=world.officer_of(world.officer),
        title="Benefits Officer",
        seniority=d.Seniority.OFFICER,
        service=revenues.service,
        line_manager=revenues.head,
        start=start,
        reason="Moved to Revenues and Benefits",
    )


def _pages(enquiry) -> tuple[str, str]:
    return reverse("enquiries:detail", args=[enquiry.reference]), f"/api/v1/enquiries/{enquiry.reference}/"


def _statuses(client, user, enquiry) -> tuple[int, int]:
    client.force_login(user)
    page, api = _pages(enquiry)
    return client.get(page).status_code, client.get(api).status_code


def _with_sam(world):
    """An enquiry triaged to Sam Lee by name (the routing table would give it to a Head of Housing)."""
    enquiry = raise_one(world)
    services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="member_enquiry",
        officer=world.officer_of(world.officer),
    )
    enquiry.refresh_from_db()
    return enquiry


def _handed_back_mail() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind="handed_back").order_by("pk"))


def test_an_officer_who_moves_to_another_directorate_leaves_its_enquiries_with_the_service(world, client):
    # Starting Sam Lee in a post in Resources gave the Corporate Director of Resources and his new
    # manager his Housing enquiries (404 -> 200) and took them from the Director of Place.
    open_one = triaged(world)
    answered = triaged(world, subject="Missed bin collection")
    services.draft_response(actor=world.officer, enquiry=answered, text="It was collected on Monday.")
    services.send_response(actor=world.officer, enquiry=answered)
    revenues = _revenues(world)
    _sam_moves_to_revenues(world, revenues)

    for enquiry in (open_one, answered):
        for outsider in (revenues.corporate_director, revenues.head_user, world.officer):
            assert _statuses(client, outsider, enquiry) == (404, 404)
        assert _statuses(client, world.director, enquiry) == (200, 200)
    client.force_login(revenues.corporate_director)
    assert "Damp" not in client.get(reverse("enquiries:index")).content.decode()
    assert selectors.enquiry_list(user=revenues.corporate_director).count() == 0


HANDED_BACK_TODAY = (
    "Sam Lee no longer works in Housing Management (post ended Tue 9 Mar 2027), so the enquiry is back "
    "with the Member Enquiries team to assign."
)


def test_its_open_enquiry_goes_back_to_the_team_with_the_reason_on_its_timeline(world, client):
    enquiry = triaged(world)
    services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="The surveyor visits next week.",
        reason="The surveyor must inspect the flat first.",
        new_due=datetime.date(2027, 4, 30),
    )
    enquiry.refresh_from_db()
    dates = (enquiry.original_due, enquiry.revised_due, enquiry.due_date)
    _sam_moves_to_revenues(world, _revenues(world))

    enquiry.refresh_from_db()
    assert enquiry.assigned_officer is None
    assert enquiry.service == world.housing
    assert enquiry.status == Status.HOLDING_REPLY_SENT
    assert (enquiry.original_due, enquiry.revised_due, enquiry.due_date) == dates
    assert enquiry.events.get(kind=EventKind.HANDED_BACK).text == HANDED_BACK_TODAY
    trail = AuditEvent.objects.get(action="enquiry.handed_back", target_id=str(enquiry.pk))
    assert trail.reason == HANDED_BACK_TODAY
    assert trail.before["assigned_officer"] == world.officer_of(world.officer).pk
    assert trail.after["assigned_officer"] is None

    # In the team's queue, waiting to be assigned; the page says why.
    assert list(selectors.triage_queue(user=world.member_enquiries)) == [enquiry]
    client.force_login(world.member_enquiries)
    queue = client.get(reverse("enquiries:triage")).content.decode()
    assert enquiry.reference in queue and "No handling officer: to assign again" in queue
    page = client.get(_pages(enquiry)[0]).content.decode()
    assert HANDED_BACK_TODAY in page
    assert "No one now: back with the Member Enquiries team to assign" in page
    # The Member reads why on the timeline, as they read of any reassignment.
    client.force_login(world.councillor)
    assert HANDED_BACK_TODAY in client.get(_pages(enquiry)[0]).content.decode()


def test_the_team_is_told_by_e_mail_and_the_member_is_not(world):
    enquiry = triaged(world)
    already = set(OutboxMessage.objects.values_list("pk", flat=True))
    _sam_moves_to_revenues(world, _revenues(world))

    queued = OutboxMessage.objects.exclude(pk__in=already)
    assert [(m.kind, [a["email"] for a in m.to]) for m in queued] == [
        ("handed_back", ["member.enquiries@ashdown.test"])
    ]
    mail.outbox.clear()
    outbox.dispatch_due(datetime.datetime(2027, 3, 9, 11, 0, tzinfo=LONDON))
    [message] = [m for m in mail.outbox if "Enquiry to assign again" in m.subject]
    assert message.to == ['"Ola Bankole" <member.enquiries@ashdown.test>']
    assert enquiry.reference in message.subject
    assert HANDED_BACK_TODAY in message.body
    assert "Service: Housing Management" in message.body
    assert "Mary Jones" not in message.body  # no resident's details in an e-mail


def test_the_services_line_sees_it_until_the_team_assigns_it_and_the_member_is_not_told(world, client):
    """While no one handles it, Housing Management's line sees it: its managers up to the Director of
    Place, not an officer of the service below manager, not Resources, not the Chief Executive. The
    team then gives it to another Housing officer, which is an internal reassignment."""
    _head_user, head = _officer(
        world,
        "hana.head@ashdown.test",
        "Hana",
        "Head",
        title="Head of Housing",
        seniority=d.Seniority.HEAD_OF_SERVICE,
        service=world.housing,
        line_manager=world.officer_of(world.director),
    )
    colleague_user, colleague = _officer(
        world,
        "tom.reid@ashdown.test",
        "Tom",
        "Reid",
        title="Housing Officer",
        seniority=d.Seniority.OFFICER,
        service=world.housing,
        line_manager=head,
    )
    enquiry = _with_sam(world)
    revenues = _revenues(world)
    _sam_moves_to_revenues(world, revenues)

    for insider in (_head_user, world.director):
        assert _statuses(client, insider, enquiry) == (200, 200)
    for outsider in (colleague_user, world.officer, revenues.corporate_director, world.chief_executive):
        assert _statuses(client, outsider, enquiry) == (404, 404)
    # Seeing it is not handling it: the service's line waits for the team to assign it.
    client.force_login(_head_user)
    assert client.get(reverse("enquiries:step", args=[enquiry.reference, "holding-reply"])).status_code == 302
    with pytest.raises(PermissionDenied):
        services.draft_response(actor=_head_user, enquiry=enquiry, text="We will visit.")

    already = set(OutboxMessage.objects.values_list("pk", flat=True))
    services.assign(
        actor=world.member_enquiries, enquiry=enquiry, officer=colleague, reason="Sam Lee has moved on."
    )
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == colleague
    queued = OutboxMessage.objects.exclude(pk__in=already)
    assert [(m.kind, [a["email"] for a in m.to]) for m in queued] == [("assigned", ["tom.reid@ashdown.test"])]
    assert list(selectors.triage_queue(user=world.member_enquiries)) == []
    for insider in (colleague_user, _head_user, world.director):
        assert _statuses(client, insider, enquiry) == (200, 200)
    assert _statuses(client, world.officer, enquiry) == (404, 404)


@pytest.mark.parametrize("how", ["leaves the council", "post ends"])
def test_an_officer_who_leaves_the_council_or_whose_post_ends_hands_the_enquiry_back(world, client, how):
    enquiry = triaged(world)
    sam = world.officer_of(world.officer)
    if how == "leaves the council":
        directory.officer_leave(actor=world.member_services, officer=sam, end=TODAY, reason="Resigned")
        why = "left the council Tue 9 Mar 2027"
    else:
        post = d.Post.objects.get(officer=sam, end__isnull=True)
        directory.end_dated(actor=world.member_services, obj=post, end=TODAY, reason="Post deleted")
        why = "post ended Tue 9 Mar 2027"
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer is None
    assert enquiry.events.get(kind=EventKind.HANDED_BACK).text == (
        f"Sam Lee no longer works in Housing Management ({why}), so the enquiry is back with the "
        "Member Enquiries team to assign."
    )
    assert len(_handed_back_mail()) == 1
    assert _statuses(client, world.director, enquiry) == (200, 200)


def test_a_move_within_the_service_keeps_the_enquiry_with_its_officer(world, client):
    head_user, head = _officer(
        world,
        "hana.head@ashdown.test",
        "Hana",
        "Head",
        title="Head of Housing",
        seniority=d.Seniority.HEAD_OF_SERVICE,
        service=world.housing,
        line_manager=world.officer_of(world.director),
    )
    enquiry = _with_sam(world)
    directory.post_start(
        actor=world.member_services,
        officer=world.officer_of(world.officer),
        title="Senior Housing Officer",
        seniority=d.Seniority.SERVICE_MANAGER,
        service=world.housing,
        line_manager=head,
        start=TODAY,
    )
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.officer)
    assert not enquiry.events.filter(kind=EventKind.HANDED_BACK).exists()
    assert _handed_back_mail() == []
    assert list(selectors.triage_queue(user=world.member_enquiries)) == []
    for line in (world.officer, head_user, world.director):
        assert _statuses(client, line, enquiry) == (200, 200)


def test_a_move_dated_for_a_later_day_hands_the_enquiry_back_on_that_day(world, frozen, client):
    """Entered on Tue 9 March, Sam Lee's move to Revenues takes effect on Mon 15 March: until then the
    enquiry stays with him and Place; the nightly task hands it back that day."""
    from nolan.enquiries.tasks import refresh_enquiry_access

    enquiry = triaged(world)
    revenues = _revenues(world)
    _sam_moves_to_revenues(world, revenues, start=datetime.date(2027, 3, 15))
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.officer)
    assert _statuses(client, world.officer, enquiry) == (200, 200)
    assert _statuses(client, revenues.corporate_director, enquiry) == (404, 404)
    assert _handed_back_mail() == []

    frozen.move_to(datetime.datetime(2027, 3, 15, 0, 20, tzinfo=LONDON))
    assert refresh_enquiry_access.call_local() == 1
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer is None
    assert enquiry.events.get(kind=EventKind.HANDED_BACK).text == (
        "Sam Lee no longer works in Housing Management (post ended Mon 15 Mar 2027), so the enquiry is "
        "back with the Member Enquiries team to assign."
    )
    assert [m.kind for m in _handed_back_mail()] == ["handed_back"]
    for outsider in (world.officer, revenues.corporate_director, revenues.head_user):
        assert _statuses(client, outsider, enquiry) == (404, 404)
    assert _statuses(client, world.director, enquiry) == (200, 200)
    # The next night finds nothing more to do.
    frozen.move_to(datetime.datetime(2027, 3, 16, 0, 20, tzinfo=LONDON))
    assert refresh_enquiry_access.call_local() == 0
    assert enquiry.events.filter(kind=EventKind.HANDED_BACK).count() == 1


def test_an_answered_enquiry_re_opened_after_its_officer_left_goes_to_the_team(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="The mould will be treated.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    _sam_moves_to_revenues(world, _revenues(world))
    enquiry.refresh_from_db()
    assert enquiry.assigned_officer == world.officer_of(world.officer)  # answered: the record stays

    services.reopen(actor=world.councillor, enquiry=enquiry, reason="The mould is back.")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.REOPENED and enquiry.assigned_officer is None
    assert list(selectors.triage_queue(user=world.member_enquiries)) == [enquiry]
    reopened = OutboxMessage.objects.get(kind="reopened")
    assert [a["email"] for a in reopened.to] == ["member.enquiries@ashdown.test"]
