"""Each workflow numbers its cases in its own series, and a council upgrading Nolan keeps its count."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from nolan.casework import references
from nolan.casework.models import ReferenceCounter


@pytest.mark.django_db
def test_each_workflow_counts_its_own_series_from_one_each_year():
    with transaction.atomic():
        assert references.next_reference("ME", 2026) == "ME-2026-000001"
        assert references.next_reference("AI", 2026) == "AI-2026-000001"
        assert references.next_reference("ME", 2026) == "ME-2026-000002"
        assert references.next_reference("AI", 2027) == "AI-2027-000001"
    assert references.format_reference("CX", 2026, 1234567) == "CX-2026-1234567"


@pytest.mark.django_db(transaction=True)
def test_a_reference_is_only_taken_in_the_transaction_that_saves_the_case():
    with pytest.raises(RuntimeError):
        references.next_reference("ME", 2026)
    assert not ReferenceCounter.objects.exists()


def test_a_workflow_finds_only_its_own_references_in_a_subject():
    subject = references.subject_line("AI-2026-000042", "Your request about ME-2026-000007")
    assert subject == "[AI-2026-000042] Your request about ME-2026-000007"
    assert references.find_reference("AI", subject) == "AI-2026-000042"
    assert references.find_reference("ME", subject) == "ME-2026-000007"
    assert references.find_reference("CX", subject) is None
    assert references.find_reference("ME", "XME-2026-000007") is None


@pytest.mark.parametrize("prefix", ["", "me", "M", "ME-1", "M.E", "ABCDEFGHIJK"])
def test_a_prefix_that_would_not_read_back_from_a_subject_is_refused(prefix):
    with pytest.raises(ValueError, match="two to ten capital letters"):
        references.format_reference(prefix, 2026, 1)


#: The database as the migrations before casework built it.
BEFORE_CASEWORK = [("enquiries", "0007_outbox_to_mail"), ("casework", None)]


@pytest.mark.django_db(transaction=True)
def test_the_numbers_issued_before_the_upgrade_carry_on_after_it():
    old = MigrationExecutor(connection).migrate(BEFORE_CASEWORK).apps
    Old = old.get_model("enquiries", "ReferenceCounter")
    Old.objects.create(series="ME", year=2026, last=128)
    Old.objects.create(series="ME", year=2025, last=941)
    rows = list(Old.objects.order_by("pk").values())

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(ReferenceCounter.objects.order_by("pk").values()) == rows
    tables = connection.introspection.table_names()
    assert "casework_referencecounter" in tables
    assert "enquiries_referencecounter" not in tables
    with transaction.atomic():
        assert references.next_reference("ME", 2026) == "ME-2026-000129"
