"""The retention rule: resident details anonymised a set number of years after an enquiry ends,
reported first and changed only with --apply."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command

from nolan.audit.models import AuditEvent
from nolan.enquiries import rules, selectors, services
from nolan.enquiries.models import ResidentDetails
from tests.enquiries.conftest import LONDON, files_on_disk, pdf, raise_one, upload


def _closed(world, frozen, when: datetime.datetime, **values):
    frozen.move_to(when)
    enquiry = raise_one(world, attachments=[upload("letter.pdf", pdf())], **values)
    services.close(actor=world.councillor, enquiry=enquiry, reason="No longer needed")
    enquiry.refresh_from_db()
    return enquiry


def _run(*args) -> str:
    out = StringIO()
    call_command("enquiries", "retention", *args, stdout=out)
    return out.getvalue()


def test_the_command_reports_first_and_changes_nothing(world, frozen):
    years = int(rules.retention(world.council).value)
    old = _closed(world, frozen, datetime.datetime(2023, 6, 1, 10, 0, tzinfo=LONDON))
    recent = _closed(world, frozen, datetime.datetime(2027, 3, 1, 10, 0, tzinfo=LONDON), subject="Recent")
    frozen.move_to(datetime.datetime(2023 + years, 6, 2, 10, 0, tzinfo=LONDON))
    report = _run()
    assert old.reference in report and recent.reference not in report
    assert "resident details and 1 file" in report
    assert "Run again with --apply" in report
    assert ResidentDetails.objects.get(enquiry=old).name == "Mary Jones"
    assert len(files_on_disk(world)) == 2


def test_apply_anonymises_the_resident_and_deletes_the_files_and_audits_it(
    world, frozen, django_capture_on_commit_callbacks
):
    years = int(rules.retention(world.council).value)
    old = _closed(world, frozen, datetime.datetime(2023, 6, 1, 10, 0, tzinfo=LONDON))
    frozen.move_to(datetime.datetime(2023 + years, 6, 2, 10, 0, tzinfo=LONDON))
    with django_capture_on_commit_callbacks(execute=True):
        report = _run("--apply")
    assert "Anonymised 1 enquiries" in report
    resident = ResidentDetails.objects.get(enquiry=old)
    assert (resident.name, resident.address, resident.contact) == ("", "", "")
    assert resident.anonymised_at is not None
    assert old.attachments.get().removed_at is not None
    assert files_on_disk(world) == []
    event = AuditEvent.objects.get(action="enquiry.resident_anonymised", target_id=str(old.pk))
    assert "years after the enquiry ends" in event.reason
    # The enquiry itself stays, and no longer turns up in a search for the resident.
    member = type(world.councillor).objects.get(pk=world.councillor.pk)
    assert selectors.enquiry_get(user=member, reference=old.reference) is not None
    assert not selectors.enquiry_list(user=member, search="Mary").exists()
    assert "Nothing to anonymise" in _run("--apply")


def test_open_enquiries_are_never_anonymised(world, frozen):
    frozen.move_to(datetime.datetime(2023, 6, 1, 10, 0, tzinfo=LONDON))
    enquiry = raise_one(world)
    frozen.move_to(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=LONDON))
    assert "Nothing to anonymise" in _run("--apply")
    assert ResidentDetails.objects.get(enquiry=enquiry).name == "Mary Jones"


def test_the_period_counts_from_the_day_the_enquiry_ended(world, frozen):
    years = int(rules.retention(world.council).value)
    old = _closed(world, frozen, datetime.datetime(2023, 6, 1, 10, 0, tzinfo=LONDON))
    frozen.move_to(datetime.datetime(2023 + years, 5, 31, 10, 0, tzinfo=LONDON))
    assert old.reference not in _run()
    frozen.move_to(datetime.datetime(2023 + years, 6, 1, 10, 0, tzinfo=LONDON))
    assert old.reference in _run()


def test_the_retention_run_of_every_workflow_covers_member_enquiries(
    world, frozen, django_capture_on_commit_callbacks
):
    years = int(rules.retention(world.council).value)
    old = _closed(world, frozen, datetime.datetime(2023, 6, 1, 10, 0, tzinfo=LONDON))
    frozen.move_to(datetime.datetime(2023 + years, 6, 2, 10, 0, tzinfo=LONDON))
    out = StringIO()
    call_command("retention", stdout=out)
    report = out.getvalue()
    assert f"{old.reference}  ended 01 Jun 2023: resident details and 1 file" in report
    assert "Member Enquiries: kept 2 years after a case ends (the council's protocol does not say" in report
    assert ResidentDetails.objects.get(enquiry=old).name == "Mary Jones"
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retention", "--apply", stdout=out)
    assert "Member Enquiries: changed 1 cases" in out.getvalue()
    assert ResidentDetails.objects.get(enquiry=old).name == ""
    assert files_on_disk(world) == []
    assert AuditEvent.objects.filter(action="enquiry.resident_anonymised", target_id=str(old.pk)).count() == 1
