"""A council upgrading Nolan keeps its declared relationships: they were Member Enquiries' rows and
become the register's, with the same ids, and are still read by routing afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nolan.register import selectors, services
from nolan.register.models import DeclaredRelationship, RelationshipNature
from tests.register.conftest import member_of, officer_of

pytestmark = pytest.mark.django_db(transaction=True)

#: The database as the migrations before the register built it.
BEFORE_THE_REGISTER = [("enquiries", "0005_handed_back"), ("register", None)]


def migrate(targets):
    """Migrate the test database to ``targets``; the apps as they stood there."""
    return MigrationExecutor(connection).migrate(targets).apps


def test_declarations_made_before_the_register_are_the_registers_after_the_upgrade(ashdown):
    member = member_of(ashdown.councillor)
    sam, nina = officer_of(ashdown.officer), officer_of(ashdown.director)
    old = migrate(BEFORE_THE_REGISTER)
    Old = old.get_model("enquiries", "DeclaredRelationship")
    current = Old.objects.create(
        member_id=member.pk,
        officer_id=sam.pk,
        nature="family",
        details="Sam Lee is Cllr Rahman's nephew",
        declared_on=datetime.date(2026, 1, 5),
    )
    ended = Old.objects.create(
        member_id=member.pk,
        officer_id=nina.pk,
        nature="business",
        declared_on=datetime.date(2025, 3, 1),
        ended_on=datetime.date(2025, 9, 1),
    )
    rows = list(Old.objects.order_by("pk").values())
    # The administration's history of the declaration, as the admin wrote it then.
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldContentType.objects.filter(app_label="register").delete()
    content_type, _ = OldContentType.objects.get_or_create(
        app_label="enquiries", model="declaredrelationship"
    )
    old.get_model("admin", "LogEntry").objects.create(
        user_id=ashdown.monitoring_officer.pk,
        content_type_id=content_type.pk,
        object_id=str(current.pk),
        object_repr="Cllr Aisha Rahman – Sam Lee (Family)",
        action_flag=1,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    assert list(DeclaredRelationship.objects.order_by("pk").values()) == rows
    tables = connection.introspection.table_names()
    assert "register_declaredrelationship" in tables
    assert "enquiries_declaredrelationship" not in tables
    assert selectors.related_officers(member_id=member.pk, on=datetime.date(2026, 3, 9)) == {
        sam.pk: RelationshipNature.FAMILY
    }
    moved = ContentType.objects.get_for_model(DeclaredRelationship)
    assert moved.pk == content_type.pk
    assert LogEntry.objects.get(content_type=moved).get_edited_object().pk == current.pk
    # Declarations recorded after the upgrade take the next ids.
    new = services.relationship_declare(
        actor=ashdown.monitoring_officer, member=member, officer=nina, nature="other"
    )
    assert new.pk > max(current.pk, ended.pk)
