"""A council upgrading Nolan keeps its outbox: the messages Member Enquiries queued become mail's, with
the same ids, each still linked to its enquiry and sent with its reference; a message not yet sent is
sent after the upgrade."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from nolan.enquiries.models import Enquiry
from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import raise_one

pytestmark = pytest.mark.django_db(transaction=True)

#: The database as the migrations before mail built it.
BEFORE_MAIL = [("enquiries", "0006_declaredrelationship_to_register"), ("mail", None)]


def migrate(targets):
    """Migrate the test database to ``targets``; the apps as they stood there."""
    return MigrationExecutor(connection).migrate(targets).apps


def test_messages_queued_before_mail_are_mails_after_the_upgrade(world):
    enquiry = raise_one(world)
    old = migrate(BEFORE_MAIL)
    Old = old.get_model("enquiries", "OutboxMessage")
    Old.objects.all().delete()
    now = timezone.now()
    about = Old.objects.create(
        dedupe_key="raised:1:member",
        kind="receipt",
        enquiry_id=enquiry.pk,
        to=[{"name": "Cllr Aisha Rahman", "email": "aisha.rahman@ashdown.test"}],
        subject=f"[{enquiry.reference}] Received: Damp in a council flat",
        body="Your enquiry has been received.\n",
        not_before=now,
        next_attempt_at=now,
    )
    digest = Old.objects.create(
        dedupe_key="digest:7:2027-03-09",
        kind="digest",
        to=[{"name": "Sam Lee", "email": "sam.lee@ashdown.test"}],
        subject="Member enquiries needing your attention",
        body="Overdue (1)\n",
        not_before=now,
        next_attempt_at=now,
        sent_at=now,
    )
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldContentType.objects.filter(app_label="mail").delete()
    content_type, _ = OldContentType.objects.get_or_create(app_label="enquiries", model="outboxmessage")

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    assert sorted(OutboxMessage.objects.values_list("pk", flat=True)) == [about.pk, digest.pk]
    assert list(OutboxMessage.objects.filter(enquiry=enquiry)) == [OutboxMessage.objects.get(pk=about.pk)]
    assert list(Enquiry.objects.get(pk=enquiry.pk).messages.all()) == [OutboxMessage.objects.get(pk=about.pk)]
    assert OutboxMessage.objects.get(pk=about.pk).reference == enquiry.reference
    assert OutboxMessage.objects.get(pk=digest.pk).reference == ""
    assert ContentType.objects.get_for_model(OutboxMessage).pk == content_type.pk

    assert outbox.dispatch_due() == {"sent": 1, "retrying": 0, "given_up": 0}
    [sent] = mail.outbox
    assert sent.extra_headers["X-Nolan-Reference"] == enquiry.reference
    assert sent.to == ['"Cllr Aisha Rahman" <aisha.rahman@ashdown.test>']
