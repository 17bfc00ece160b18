"""The demo council's Member Enquiries: the same from the same seed, every state there, and each
persona's pages with something on them, seen through the selectors as the pages see them.

The demo is built twice for the whole module (building it takes seconds): once and undone, to
compare, then again for the tests, which each run inside it and are rolled back."""

from __future__ import annotations

import contextlib
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from nolan.accounts.models import User
from nolan.demo import personas
from nolan.demo.council import build_demo
from nolan.directory import models as d
from nolan.enquiries import selectors
from nolan.enquiries.models import (
    Classification,
    Enquiry,
    OriginatorType,
    Status,
)
from nolan.mail.models import OutboxMessage


class _Undo(Exception):
    pass


def fingerprint() -> list[tuple]:
    """Everything a person trying the demo would read about each enquiry, in reference order."""
    rows = []
    enquiries = Enquiry.objects.select_related(
        "category", "ward", "service", "assigned_officer", "raised_by_member", "resident"
    ).order_by("reference")
    for e in enquiries:
        resident = getattr(e, "resident", None)
        rows.append(
            (
                e.reference,
                e.originator_name,
                e.subject,
                e.body,
                e.category.name,
                e.ward.name if e.ward else "",
                e.received_at,
                e.due_date,
                e.original_due,
                e.revised_due,
                e.status,
                e.classification,
                e.urgent,
                e.service.name if e.service else "",
                e.assigned_officer.email if e.assigned_officer else "",
                e.met_need,
                e.feedback,
                (resident.name, resident.address) if resident else None,
                tuple(e.events.order_by("at", "id").values_list("kind", "actor_label", "text")),
                tuple(e.responses.order_by("written_at", "id").values_list("kind", "text")),
            )
        )
    return rows


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The demo built once and undone (its fingerprint kept), then built again for the tests."""
    with django_db_blocker.unblock():
        with contextlib.suppress(_Undo), transaction.atomic():
            build_demo()
            first = fingerprint()
            raise _Undo
        assert not d.Council.objects.exists()
        with transaction.atomic():
            demo = build_demo()
            yield demo, first
            transaction.set_rollback(True)


@pytest.fixture
def demo(built, db):
    return built[0]


def persona(demo, label: str) -> User:
    email = next(row.email for row in demo.sign_ins if row.persona == label)
    return User.objects.get(email=email)


def test_the_same_seed_gives_the_same_enquiries(built, db):
    _, first = built
    again = fingerprint()
    assert 150 <= len(again) <= 250
    assert again == first


def test_every_state_an_enquiry_can_be_in_is_there(demo):
    team = persona(demo, personas.MEMBER_ENQUIRIES.label)
    rows = list(selectors.enquiry_list(user=team, with_rag=True))
    statuses = Counter(e.status for e in rows)
    open_by_rag = Counter(e.rag_status for e in rows if e.status in (Status.ASSIGNED, Status.REOPENED))
    today = timezone.localdate()

    assert statuses[Status.RECEIVED] >= 5  # awaiting triage
    assert open_by_rag["green"] >= 10 and open_by_rag["amber"] >= 3 and open_by_rag["red"] >= 5
    holding = [e for e in rows if e.status == Status.HOLDING_REPLY_SENT]
    assert len(holding) >= 3
    assert all(e.due_date == e.revised_due > e.original_due for e in holding)  # both dates kept
    responded = [e for e in rows if e.status == Status.RESPONDED]
    assert responded and all(e.follow_up_until >= today for e in responded)  # within the window
    assert statuses[Status.REOPENED] >= 1
    closed = [e for e in rows if e.status == Status.CLOSED]
    assert len(closed) >= 20
    assert any(e.met_need is True for e in closed) and any(e.met_need is False for e in closed)
    assert statuses[Status.SERVICE_REQUEST] >= 1
    complaints = [e for e in rows if e.status == Status.COMPLAINT_REFERRED]
    assert complaints and all(e.external_reference for e in complaints)
    assert statuses[Status.CONSENT_NEEDED] == 1

    directors = {
        post.officer_id
        for post in d.Post.objects.current().filter(
            seniority__gte=d.Seniority.DIRECTOR, seniority__lt=d.Seniority.CHIEF_EXECUTIVE
        )
    }
    legal = [e for e in rows if e.classification == Classification.LEGAL_PROCEEDINGS]
    assert len(legal) == 1 and legal[0].assigned_officer_id in directors  # only a Director handles it
    urgent = [e for e in rows if e.urgent]
    assert urgent and all(e.assigned_officer_id in directors for e in urgent)  # straight to the Director
    assert any(e.originator_type == OriginatorType.ELECTED_REPRESENTATIVE for e in rows)  # an MP
    assert len({e.raised_by_member_id for e in rows}) >= 20
    assert len({e.ward_id for e in rows}) >= 15


def test_the_printed_councillor_sees_their_own_enquiries_and_no_one_elses(demo):
    councillor = persona(demo, personas.COUNCILLOR.label)
    member = d.Member.objects.get(user=councillor)
    theirs = list(selectors.enquiry_list(user=councillor, with_rag=True))
    assert 5 <= len(theirs) <= 15
    assert {e.raised_by_member_id for e in theirs} == {member.pk}
    assert len({e.rag_status or e.status for e in theirs}) >= 5  # a handful in different states
    assert sum(selectors.counts_by_status(user=councillor).values()) == len(theirs)

    # Another Member of the same ward has enquiries too, and the councillor sees none of them.
    ward = d.WardMembership.objects.current().get(member=member).ward
    neighbours = d.WardMembership.objects.current().filter(ward=ward).exclude(member=member)
    team = persona(demo, personas.MEMBER_ENQUIRIES.label)
    others = selectors.enquiry_list(user=team).exclude(raised_by_member=member)
    same_ward = others.filter(raised_by_member__in=neighbours.values("member"))
    assert same_ward.exists()
    assert selectors.enquiry_get(user=councillor, reference=same_ward.first().reference) is None
    assert not selectors.enquiry_list(user=councillor).filter(pk__in=others.values("pk")).exists()


def test_the_printed_officer_has_a_worklist_of_their_own(demo):
    officer = persona(demo, personas.OFFICER.label)
    worklist = list(selectors.officer_worklist(user=officer))
    assert len(worklist) >= 5
    assert {e.assigned_officer.user_id for e in worklist} == {officer.pk}
    rags = {selectors.rag(e) for e in worklist}
    assert {"red", "amber", "green"} <= rags
    # They share enquiries with the printed councillor (the councillor's ward is in their patch).
    councillor = d.Member.objects.get(user=persona(demo, personas.COUNCILLOR.label))
    assert any(e.raised_by_member_id == councillor.pk for e in worklist)
    assert not selectors.triage_queue(user=officer).exists()  # the triage queue is the team's


def test_the_director_sees_what_is_overdue_in_their_directorate(demo):
    director = persona(demo, personas.DIRECTOR.label)
    overdue = selectors.director_overdue_by_service(user=director)
    assert overdue and sum(row["overdue"] for row in overdue) >= 3
    directorate = d.Post.objects.current().get(officer__user=director).directorate
    services = {s.name for s in d.Service.objects.filter(directorate=directorate)}
    assert {row["service"] for row in overdue} <= services
    assert selectors.officer_worklist(user=director).exists()


def test_the_member_enquiries_team_has_enquiries_to_triage(demo):
    team = persona(demo, personas.MEMBER_ENQUIRIES.label)
    queue = list(selectors.triage_queue(user=team))
    assert len(queue) >= 5
    assert {e.status for e in queue} <= {Status.RECEIVED, Status.CONSENT_NEEDED}


def test_no_demo_e_mail_can_reach_a_real_person(demo):
    messages = list(OutboxMessage.objects.all())
    assert len(messages) > 100
    addresses = {a["email"] for m in messages for a in [*m.to, *m.cc]}
    assert addresses and all(a.rsplit("@", 1)[1].endswith(".example") for a in addresses)
    assert not any(m.sent_at for m in messages)  # queued for the local mail sink, not sent here
