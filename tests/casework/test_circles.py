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


def rows(case) -> dict[int, tuple[int, str]]:
    return {a.officer_id: (a.pk, a.reason) for a in EnquiryAccess.objects.filter(enquiry=case)}


def test_a_circle_is_rewritten_by_difference(case, officers):
    sam, nina, other = officers
    with transaction.atomic():
        circles.rewrite(EnquiryAccess, case, [(sam, HANDLING), (nina, LINE)])
    first = rows(case)
    with transaction.atomic():
        before, after = circles.rewrite(
            EnquiryAccess, case, [(nina, SERVICE), (other, SERVICE), (nina, HANDLING)]
        )
    now = rows(case)
    assert before == {(sam, "handling_officer"), (nina, "management_line")}
    assert (
        after == {(nina, "service_line"), (other, "service_line")} == circles.circle_of(EnquiryAccess, case)
    )
    assert sam not in now  # left the circle
    assert now[nina] == (first[nina][0], "service_line")  # kept its row, with the new reason
    assert now[other][1] == "service_line"


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
