"""A workflow built only from casework and mail raises, chases and e-mails a case as Member Enquiries
does: numbered, on its timeline and the audit trail, seen only by its circle, e-mailed with a full link."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from nolan.audit.models import AuditEvent
from nolan.calendar import add_working_days
from nolan.calendar.services import current_calendar
from nolan.casework import ladders
from nolan.directory.models import Member, Officer
from nolan.directory.selectors import the_council
from nolan.mail import outbox
from nolan.mail.compose import ConfidentialityError
from nolan.mail.models import OutboxMessage
from tests.example_workflow import workflow
from tests.example_workflow.models import Concern, ConcernAccess, ConcernEntry

pytestmark = pytest.mark.usefixtures("example_tables")

MONDAY = datetime.date(2026, 11, 2)


@pytest.fixture
def people(ashdown):
    member = Member.objects.get(user=ashdown.councillor)
    handler = Officer.objects.get(user=ashdown.officer)
    outsider = Officer.objects.get(user=ashdown.other_service_officer)
    return ashdown, member, handler, outsider


def test_raising_numbers_the_case_and_writes_its_step_its_audit_event_and_its_email_together(people):
    ashdown, member, handler, _ = people
    first = workflow.raise_concern(
        actor=ashdown.councillor, member=member, handler=handler, subject="Bins", today=MONDAY
    )
    second = workflow.raise_concern(
        actor=ashdown.councillor, member=member, handler=handler, subject="Lights", today=MONDAY
    )

    assert (first.reference, second.reference) == ("XC-2026-000001", "XC-2026-000002")
    assert first.due_date == datetime.date(2026, 11, 16)  # ten working days
    assert list(ConcernEntry.objects.filter(concern=first).values_list("kind", "actor_label")) == [
        ("raised", str(ashdown.councillor))
    ]
    assert AuditEvent.objects.filter(action="example.concern_raised", target_id=str(first.pk)).count() == 1
    circle = ConcernAccess.objects.filter(concern=first).order_by("pk").values_list("officer_id", "reason")
    assert list(circle)[0] == (handler.pk, "handler")

    message = OutboxMessage.objects.get(dedupe_key="XC-2026-000001:raised")
    assert message.to == [{"name": handler.full_name, "email": handler.email, "why": "handling officer"}]
    assert [cc["email"] for cc in message.cc] == [member.email]
    assert message.subject.startswith("[XC-2026-000001]")
    link = settings.NOLAN_SITE_URL.rstrip("/") + "/"
    assert f"Read the concern in Nolan: {link}\n" in message.body


def test_an_email_to_someone_outside_the_circle_stops_the_step_and_nothing_is_written(people):
    ashdown, member, handler, outsider = people

    with pytest.raises(ConfidentialityError):
        workflow.raise_concern(
            actor=ashdown.councillor,
            member=member,
            handler=handler,
            subject="Bins",
            today=MONDAY,
            copy_to=outsider,
        )

    assert not Concern.objects.exists()
    assert not ConcernEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="example.concern_raised").exists()
    assert not OutboxMessage.objects.filter(reference__startswith="XC-").exists()


def test_a_late_case_is_chased_once_per_rung_and_the_chase_is_delivered(people, smtp_sink):
    ashdown, member, handler, _ = people
    concern = workflow.raise_concern(
        actor=ashdown.councillor, member=member, handler=handler, subject="Bins", today=MONDAY
    )
    on_time = concern.due_date
    assert workflow.chase_late(today=on_time) == 0

    # One chase interval of the council's ladder (Tower Hamlets 7.1) after the due date.
    council = the_council()
    interval = ladders.read(council, workflow.LADDER).interval
    late = add_working_days(on_time, interval, current_calendar(council))
    assert workflow.chase_late(today=late) == 1
    assert workflow.chase_late(today=late) == 0  # the same rung is not chased twice

    chases = ConcernEntry.objects.filter(concern=concern, kind="chased")
    assert [entry.data["rung"] for entry in chases] == ["chase_1"]
    assert not chases.get().visible_to_member
    chase = OutboxMessage.objects.get(dedupe_key=f"{concern.reference}:chase_1")
    assert [to["email"] for to in chase.to] == [handler.email]

    # Both wait for the council's working hours at the latest; a week on, they are due.
    assert outbox.dispatch_due(timezone.now() + datetime.timedelta(days=7))["sent"] == 2
    subjects = sorted(received["Subject"] for received in smtp_sink.wait_for(2))
    assert subjects == [f"[{concern.reference}] Chase 1: Bins", f"[{concern.reference}] New concern: Bins"]
