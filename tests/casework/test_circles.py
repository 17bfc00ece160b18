"""Who may see a case is rewritten to exactly the rows the workflow works out, changing only what
differs, and each change is on the audit trail."""

from __future__ import annotations

import pytest
from django.db import transaction

from nolan.audit.models import AuditEvent
from nolan.casework import circles
from nolan.enquiries.models import AccessReason, Enquiry, EnquiryAccess

HANDLING, LINE, SERVICE = (
    AccessReason.HANDLING_OFFICER,
    AccessReason.MANAGEMENT_LINE,
    AccessReason.SERVICE_LINE,
)


@pytest.fixture
def officers(world):
    return (
        world.officer_of(world.officer).pk,
        world.officer_of(world.director).pk,
        world.officer_of(world.other_service_officer).pk,
    )


def rows(case) -> list[tuple[int, int, str]]:
    return list(
        EnquiryAccess.objects.filter(enquiry=case).order_by("pk").values_list("pk", "officer_id", "reason")
    )


def test_a_circle_is_rewritten_to_exactly_the_rows_given_in_their_order(case, officers):
    sam, nina, other = officers
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, LINE)])
        before, after = circles.rewrite(
            EnquiryAccess, case, [(other, HANDLING), (nina, LINE), (other, SERVICE)]
        )
    assert before == {(sam, "handling_officer"), (nina, "management_line")}
    assert (
        after
        == {(other, "handling_officer"), (nina, "management_line")}
        == circles.circle_of(EnquiryAccess, case)
    )
    assert [(officer, reason) for _, officer, reason in rows(case)] == [
        (other, "handling_officer"),
        (nina, "management_line"),
    ]


def test_only_what_differs_is_written(case, officers):
    sam, nina, other = officers
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, LINE)])
    first = rows(case)
    with transaction.atomic():
        assert circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, LINE)])[0] == {
            (sam, "handling_officer"),
            (nina, "management_line"),
        }
    assert rows(case) == first  # unchanged: not written again
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, LINE), (other, LINE)])
    assert rows(case)[:2] == first  # a manager added to the line: the others' rows stay
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, SERVICE)])
    now = rows(case)
    assert now[0] == first[0]
    assert now[1][1:] == (nina, "service_line")


def test_an_empty_circle_leaves_no_one_who_may_see_the_case(case, officers):
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(officers[0], HANDLING)])
        before, after = circles.rewrite(EnquiryAccess, case, [])
    assert (before, after) == ({(officers[0], "handling_officer")}, set())
    assert not EnquiryAccess.objects.filter(enquiry=case).exists()


def test_refreshing_records_a_case_whose_circle_changed_and_not_one_whose_circle_did_not(case, officers):
    sam, nina, _ = officers
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING)])
    trail = AuditEvent.objects.count()
    wanted = {case.pk: [(sam, HANDLING), (nina, LINE)]}
    with transaction.atomic():
        changed = circles.refresh(
            EnquiryAccess, [case], lambda c: wanted[c.pk], action="enquiry.access_refreshed"
        )
        again = circles.refresh(
            EnquiryAccess, [case], lambda c: wanted[c.pk], action="enquiry.access_refreshed"
        )
    assert (changed, again) == (1, 0)
    (event,) = AuditEvent.objects.order_by("pk")[trail:]
    assert (event.action, event.target_id, event.actor_label) == (
        "enquiry.access_refreshed",
        str(case.pk),
        "Nolan (system)",
    )
    assert event.before == {"access": [[sam, "handling_officer"]]}
    assert event.after == {"access": sorted([[sam, "handling_officer"], [nina, "management_line"]])}


@pytest.mark.django_db(transaction=True)
def test_a_circle_is_only_rewritten_inside_the_step_that_changes_it():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        circles.rewrite(EnquiryAccess, Enquiry(pk=1), [(1, HANDLING)])
    assert not EnquiryAccess.objects.exists()
