"""The shape the other parts build on: categories, references, uniqueness."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from nolan.casework import references
from nolan.casework.models import ReferenceCounter
from nolan.casework.references import subject_line
from nolan.enquiries.models import REFERENCE_SERIES, Category, RoutingRule
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import raise_one


def next_reference(year):
    return references.next_reference(REFERENCE_SERIES, year)


def format_reference(year, number):
    return references.format_reference(REFERENCE_SERIES, year, number)


def find_reference(text):
    return references.find_reference(REFERENCE_SERIES, text)


@pytest.mark.django_db
def test_the_issues_eight_categories_are_there_to_start_with():
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Housing repairs",
        "Waste and recycling",
        "Highways",
        "Anti-social behaviour",
        "Parking",
        "Planning",
        "Council tax and benefits",
        "Other",
    ]


@pytest.mark.django_db
def test_references_run_per_year_and_a_rolled_back_enquiry_gives_its_number_back():
    with transaction.atomic():
        assert next_reference(2026) == "ME-2026-000001"
        assert next_reference(2026) == "ME-2026-000002"
        assert next_reference(2027) == "ME-2027-000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_reference(2026) == "ME-2026-000003"
        raise RuntimeError("the enquiry was not saved")
    with transaction.atomic():
        assert next_reference(2026) == "ME-2026-000003"


def test_references_are_quotable_in_an_email_subject():
    subject = subject_line("ME-2026-000123", "Response: Damp in a council flat")
    assert subject == "[ME-2026-000123] Response: Damp in a council flat"
    assert find_reference("Re: " + subject) == "ME-2026-000123"
    assert find_reference("RE: your enquiry") is None
    assert format_reference(2026, 1234567) == "ME-2026-1234567"


@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_when_enquiries_are_raised_at_the_same_moment():
    results: list[str] = []
    errors: list[BaseException] = []

    def take(n):
        try:
            for _ in range(n):
                with transaction.atomic():
                    results.append(next_reference(2031))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(10,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [format_reference(2031, n) for n in range(1, 41)]
    assert ReferenceCounter.objects.get(year=2031).last == 40


def test_the_enquiry_reference_is_unique_and_each_category_has_one_rule_for_every_ward(world):
    enquiry = raise_one(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(enquiry).objects.filter(pk=enquiry.pk).update(reference=raise_one(world).reference)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutingRule.objects.create(category=world.repairs_category, service=world.waste)


def test_an_outbox_dedupe_key_is_unique(world):
    raise_one(world)
    row = OutboxMessage.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMessage.objects.create(
            dedupe_key=row.dedupe_key,
            kind="x",
            to=row.to,
            subject="s",
            body="b",
            not_before=row.not_before,
            next_attempt_at=row.not_before,
        )
