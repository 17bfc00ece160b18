"""The officers' daily digest: one e-mail per officer per working day, listing only what they may see.

Enquiries raised on Tue 9 Mar 2027 are due on Tue 23 Mar 2027 (see test_chasing for the ladder).
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nolan.directory.models import Officer
from nolan.enquiries import chasing, services
from nolan.enquiries import digest_section as digests
from nolan.enquiries.models import Chase, Enquiry, RoutingRule
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import triaged
from tests.enquiries.test_chasing import at, ladder  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("ladder")


def digests_to(officer) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind="digest", to__0__email=officer.email).order_by("pk"))


@pytest.fixture
def legal_enquiry(ladder):  # noqa: F811
    """An enquiry handled in Legal and Democratic Services by Nina Patel: another service."""
    nina = ladder.officer_of(ladder.other_service_officer)
    RoutingRule.objects.create(category=ladder.other_category, service=ladder.legal, default_handler=nina)
    enquiry = triaged(ladder, subject="Licence for a street party", category=ladder.other_category)
    assert enquiry.assigned_officer == nina
    return enquiry


def test_an_officer_gets_one_digest_a_day_listing_every_enquiry_needing_attention(ladder):  # noqa: F811
    sam = ladder.officer_of(ladder.officer)
    first, second = triaged(ladder), triaged(ladder, subject="Broken lift")
    later = triaged(ladder, subject="Leaking roof")
    Enquiry.objects.filter(pk=later.pk).update(due_date=datetime.date(2027, 3, 26))  # not yet due soon
    Enquiry.objects.filter(pk=second.pk).update(due_date=datetime.date(2027, 3, 17))  # overdue

    report = chasing.run(now=at(19))
    assert report.digests == 1
    [digest] = digests_to(sam)
    assert digest.dedupe_key == f"digest:{sam.pk}:2027-03-19"
    assert not digest.enquiries.exists() and digest.cc == []
    assert digest.subject == "Member enquiries needing your attention, Fri 19 Mar 2027 (2)"
    assert (
        f"Overdue (1)\n- {second.reference} Broken lift: due by Wed 17 Mar 2027, 2 working days overdue."
        in digest.body
    )
    assert (
        f"Due soon (1)\n- {first.reference} Damp in a council flat: due in 2 working days, "
        "by Tue 23 Mar 2027. This is your reminder before the due date." in digest.body
    )
    assert later.reference not in digest.body
    assert "(Tower Hamlets 7.1)" in digest.body
    assert "Mary Jones" not in digest.body and "Eastgate House" not in digest.body
    # The overdue one was also chased on its own; the reminder is in the digest only.
    assert OutboxMessage.objects.filter(kind="chase", enquiry=second).count() == 1
    assert not OutboxMessage.objects.filter(kind="chase", enquiry=first).exists()
    assert Chase.objects.get(enquiry=first).message == digest

    for moment in (at(19, hour=11), at(19, hour=16, minute=45)):  # the run repeats all day
        chasing.run(now=moment)
    assert digests_to(sam) == [digest]

    chasing.run(now=at(22))  # the next working day: a new digest, but no second reminder
    assert [d.dedupe_key for d in digests_to(sam)] == [digest.dedupe_key, f"digest:{sam.pk}:2027-03-22"]
    assert "This is your reminder" not in digests_to(sam)[1].body
    assert Chase.objects.filter(enquiry=first).count() == 1


def test_the_digest_is_sent_at_the_start_of_the_working_day(ladder):  # noqa: F811
    triaged(ladder)
    sam = ladder.officer_of(ladder.officer)
    assert chasing.run(now=at(19, hour=6, minute=45)).digests == 0  # before the day starts
    assert chasing.run(now=at(20)).digests == 0  # Saturday
    chasing.run(now=at(19, hour=9))
    [digest] = digests_to(sam)
    assert digest.not_before == at(19, hour=9)
    assert digest.urgent is False


def test_a_digest_not_built_before_the_day_ends_waits_for_the_next_working_day(ladder):  # noqa: F811
    first = triaged(ladder)
    sam = ladder.officer_of(ladder.officer)
    chasing.run(now=at(19, hour=17, minute=15))  # the worker was down all Friday
    assert digests_to(sam) == []
    chasing.run(now=at(22, hour=9, minute=15))  # Monday's lists Friday's reminder
    [digest] = digests_to(sam)
    assert "This is your reminder before the due date." in digest.body
    assert Chase.objects.get(enquiry=first).message == digest


def test_officers_with_nothing_to_attend_to_get_no_digest(ladder):  # noqa: F811
    triaged(ladder)
    chasing.run(now=at(10))
    assert not OutboxMessage.objects.filter(kind="digest").exists()


def test_a_manager_is_told_of_responses_awaiting_their_sign_off(ladder, frozen):  # noqa: F811
    enquiry = triaged(ladder)
    services.draft_response(
        actor=ladder.officer, enquiry=enquiry, text="The mould will be treated on Friday."
    )
    daniel = ladder.officer_of(ladder.director)
    services.submit_for_sign_off(actor=ladder.officer, enquiry=enquiry, manager=daniel)
    chasing.run(now=at(10))
    [digest] = digests_to(daniel)
    assert (
        f"Awaiting your sign-off (1)\n- {enquiry.reference} Damp in a council flat: response by Sam Lee"
        in digest.body
    )


def test_the_director_is_reminded_of_what_was_escalated_to_them(ladder):  # noqa: F811
    enquiry = triaged(ladder)
    for moment in (at(24), at(30), at(1, month=4)):
        chasing.run(now=moment)
    daniel = ladder.officer_of(ladder.director)
    [escalated_today] = digests_to(daniel)  # the run escalates first, then builds the digests
    chasing.run(now=at(2, month=4))
    later = digests_to(daniel)[1]
    assert [d.dedupe_key for d in (escalated_today, later)] == [
        f"digest:{daniel.pk}:2027-04-01",
        f"digest:{daniel.pk}:2027-04-02",
    ]
    assert (
        f"Escalated to you (1)\n- {enquiry.reference} Damp in a council flat: handled by Sam Lee, 6 working"
        in later.body
    )


# Confidentiality: only what the officer may see (Tower Hamlets 7.19) ------------------------------------


def test_an_enquiry_of_another_service_never_appears_in_an_officers_digest(ladder, legal_enquiry):  # noqa: F811
    housing = triaged(ladder)
    chasing.run(now=at(19))
    sam, daniel = ladder.officer_of(ladder.officer), ladder.officer_of(ladder.director)
    nina = ladder.officer_of(ladder.other_service_officer)
    [sams] = digests_to(sam)
    [ninas] = digests_to(nina)
    assert housing.reference in sams.body and legal_enquiry.reference not in sams.body
    assert "Licence for a street party" not in sams.body
    assert legal_enquiry.reference in ninas.body and housing.reference not in ninas.body
    assert digests_to(daniel) == []  # the Director of Place has nothing of his own, and nothing of Legal's


def test_an_escalated_enquiry_leaves_the_directors_digest_when_transferred_away(ladder, frozen):  # noqa: F811
    enquiry = triaged(ladder)
    for moment in (at(24), at(30), at(1, month=4)):
        chasing.run(now=moment)
    daniel = ladder.officer_of(ladder.director)
    assert Chase.objects.get(enquiry=enquiry, rung="escalation").addressed_to == daniel
    frozen.move_to(at(1, month=4, hour=15))
    services.transfer(
        actor=ladder.member_enquiries,
        enquiry=enquiry,
        service=ladder.legal,
        officer=ladder.officer_of(ladder.other_service_officer),
        reason="The landlord is taking the tenant to court",
    )
    chasing.run(now=at(2, month=4))
    # The escalation row still names him, but he may no longer see the enquiry.
    assert [d.dedupe_key for d in digests_to(daniel)] == [f"digest:{daniel.pk}:2027-04-01"]
    [ninas] = digests_to(ladder.officer_of(ladder.other_service_officer))
    assert enquiry.reference in ninas.body


def test_contents_only_through_the_selector(ladder, legal_enquiry):  # noqa: F811
    """Even asked directly about a Legal enquiry, the digest of an officer of Housing lists nothing of it."""
    sam = ladder.officer_of(ladder.officer)
    Enquiry.objects.filter(pk=legal_enquiry.pk).update(assigned_officer=sam)  # a row out of step with access
    digest = digests.contents(sam, day=datetime.date(2027, 3, 19), horizon=datetime.date(2027, 3, 23))
    assert digest.empty


# Speed ---------------------------------------------------------------------------------------------


def test_a_digest_takes_the_same_queries_for_3_or_30_enquiries(ladder):  # noqa: F811
    sam = ladder.officer_of(ladder.officer)
    day, horizon = datetime.date(2027, 3, 24), datetime.date(2027, 3, 26)

    def queries() -> tuple[int, digests.Digest]:
        officer = Officer.objects.select_related("user").get(pk=sam.pk)  # nothing cached from before
        with CaptureQueriesContext(connection) as captured:
            digest = digests.contents(officer, day=day, horizon=horizon)
        return len(captured), digest

    for _ in range(3):
        triaged(ladder)
    few, few_digest = queries()
    for _ in range(27):
        triaged(ladder)
    many, many_digest = queries()
    assert (len(few_digest.overdue), len(many_digest.overdue)) == (3, 30)
    assert many == few
    with CaptureQueriesContext(connection) as captured:
        officers = digests.recipients(horizon=horizon)
    assert officers == [sam] and len(captured) <= 4


def test_a_long_list_is_cut_short_with_a_count_of_the_rest(ladder, monkeypatch):  # noqa: F811
    monkeypatch.setattr(digests, "LISTED", 2)
    for n in range(3):
        triaged(ladder, subject=f"Repair {n + 1}")
    chasing.run(now=at(24))
    [digest] = digests_to(ladder.officer_of(ladder.officer))
    assert digest.subject.endswith("(3)")
    assert "Overdue (3)\n" in digest.body
    assert digest.body.count("Repair ") == 2
    assert "- and 1 more: see your worklist in Nolan" in digest.body
