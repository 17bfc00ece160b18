"""Importing Members and officers from CSV: all or nothing, and every bad row named."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connections

from nolan.accounts.models import User
from nolan.audit.models import AuditEvent
from nolan.directory import imports
from nolan.directory import models as m

DATA = Path(__file__).parent / "data"


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (m.Member, m.WardMembership, m.GroupMembership, m.Officer, m.Post, AuditEvent)
    }


def problems(result) -> list[tuple[int | None, str]]:
    return [(p.line, p.column) for p in result.problems]


def message(result, line: int, column: str) -> str:
    return " ".join(p.message for p in result.problems if (p.line, p.column) == (line, column))


# Members -------------------------------------------------------------------------------------------


def test_a_good_file_imports_every_member_with_wards_and_groups(ashdown):
    result = imports.import_members(actor=ashdown.member_services, file=DATA / "members-good.csv")
    assert result.ok, result.problems
    assert result.created == {"Members": 4, "ward memberships": 3, "group memberships": 2}
    assert result.summary() == "Imported 4 Members, 3 ward memberships, 2 group memberships."
    sophie = m.Member.objects.get(email="sophie.turner@ashdown.test")
    assert sophie.start == datetime.date(2026, 5, 8)
    assert [wm.ward for wm in sophie.ward_memberships.all()] == [ashdown.west_ward]  # name in any case
    assert [gm.group for gm in sophie.group_memberships.all()] == [ashdown.opposition]  # by short name
    george = m.Member.objects.get(email="george.evans@ashdown.test")
    assert [wm.ward for wm in george.ward_memberships.all()] == [ashdown.west_ward]  # by ONS code
    assert not george.group_memberships.exists()  # blank group: independent
    margaret = m.Member.objects.get(email="margaret.lowe@ashdown.test")
    assert (margaret.title, margaret.kind, margaret.end) == ("", "co_opted", datetime.date(2030, 5, 7))
    created = AuditEvent.objects.filter(action="directory.member.created")
    assert created.count() == 4
    assert created.first().capacity == "Member Services"
    summary = AuditEvent.objects.get(action="directory.members.imported")
    assert summary.extra == {"file": "members-good.csv", "rows": 4}


def test_one_bad_row_imports_nothing_and_the_report_names_the_row(ashdown):
    before = counts()
    result = imports.import_members(actor=ashdown.member_services, file=DATA / "members-one-bad-row.csv")
    assert not result.ok
    assert counts() == before  # not even the good rows, and no audit event
    assert result.created == {}
    assert problems(result) == [(3, "wards")]
    assert (
        str(result.problems[0]) == "Line 3, column “wards”: unknown ward “Eastgat” — did you mean “Eastgate”?"
    )
    assert result.summary() == "Nothing was imported: 1 row of the file need correcting."


def test_every_bad_row_is_reported_at_once_in_plain_english(ashdown):
    before = counts()
    result = imports.import_members(actor=ashdown.member_services, file=DATA / "members-many-problems.csv")
    assert counts() == before
    assert problems(result) == [
        (2, "wards"),
        (4, "group"),  # line 3 is blank and skipped, but lines are still counted
        (5, "email"),
        (6, "email"),
        (7, "term_start"),
        (9, ""),
        (10, "email"),
        (11, "kind"),
        (12, "first_name"),
        (12, "term_start"),
    ]
    assert message(result, 4, "group") == "political group “Green Party” not found."
    assert (
        message(result, 5, "email")
        == "aisha.rahman@ashdown.test is already the e-mail address of Cllr Aisha Rahman."
    )
    assert message(result, 6, "email") == (
        "Sam Lee is employed by the council, and by law Members cannot be employed by the council "
        "(Haringey 7.03)"
    )
    assert message(result, 7, "term_start") == "bad date “31/02/2026”: February 2026 has no day 31."
    assert message(result, 9, "") == "this row is also on line 8."
    assert message(result, 10, "email") == "the e-mail address hana.novak@ashdown.test is also on line 8."
    assert "“alderman” is not one of: councillor, co_opted" in message(result, 11, "kind")
    assert message(result, 12, "first_name") == "this is required and is blank."
    assert "there is no month 13" in message(result, 12, "term_start")
    assert result.bad_lines == [2, 4, 5, 6, 7, 9, 10, 11, 12]


def test_a_missing_required_column_and_an_unknown_column_are_named(ashdown):
    result = imports.import_members(actor=ashdown.member_services, file=DATA / "members-missing-column.csv")
    assert problems(result) == [(1, "ward"), (1, "term_start")]
    assert message(result, 1, "ward") == "unknown column — did you mean “wards”?"
    assert message(result, 1, "term_start") == "missing required column."
    assert not m.Member.objects.filter(email="mohammed.ali@ashdown.test").exists()


def test_an_excel_file_with_a_byte_order_mark_and_uk_dates_imports(ashdown):
    result = imports.import_members(actor=ashdown.member_services, file=DATA / "members-excel.csv")
    assert result.ok, result.problems
    zoe = m.Member.objects.get(email="zoe.kowalska@ashdown.test")
    assert (zoe.first_name, zoe.start) == ("Zoë", datetime.date(2026, 5, 7))


def test_an_uploaded_file_is_read_from_the_start(ashdown):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("members.csv", (DATA / "members-good.csv").read_bytes(), "text/csv")
    upload.read(10)
    assert imports.import_members(actor=ashdown.member_services, file=upload).ok


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-style Excel workbook"),
        ("title,first_name\r\nCllr,Zoë\r\n".encode("utf-16"), "Unicode text"),
        ("first_name,last_name\nZoë,Kowalska\n".encode("latin-1"), "not UTF-8 text: a character on line 2"),
        (b"%PDF-1.7\n", "PDF"),
        (b"", "empty"),
        (b"first_name;last_name;email\nZoe;Kowalska;zoe@ashdown.test\n", "separated by semicolons"),
        (
            b"title,first_name,last_name,email,kind,wards,group,term_start,term_end\n",
            "heading row but no rows",
        ),
    ],
)
def test_a_file_that_is_not_a_csv_file_is_refused_with_a_clear_message(ashdown, content, says):
    before = counts()
    result = imports.import_members(actor=ashdown.member_services, file=content)
    assert not result.ok
    assert says in str(result.problems[0])
    assert counts() == before


def test_only_those_who_maintain_the_directory_may_import(ashdown):
    for persona in (ashdown.councillor, ashdown.officer, ashdown.member_enquiries):
        with pytest.raises(PermissionDenied):
            imports.import_members(actor=persona, file=DATA / "members-good.csv")


@pytest.mark.parametrize("kind", ["members", "officers"])
def test_the_example_files_import_cleanly(ashdown, kind):
    example = imports.example_csv(kind)
    assert example.startswith(b"employee_number," if kind == "officers" else b"title,")
    result = imports.import_file(kind=kind, actor=ashdown.member_services, file=example)
    assert result.ok, result.problems


def test_every_column_is_documented_and_the_examples_use_them(ashdown):
    for kind, columns in imports.COLUMNS.items():
        heading = imports.example_csv(kind).decode().splitlines()[0].split(",")
        assert heading == [c.name for c in columns]
        assert all(c.help for c in columns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2026", datetime.date(2026, 1, 31)),
        ("1/2/2026", datetime.date(2026, 2, 1)),
        ("2026-02-01", datetime.date(2026, 2, 1)),
        ("01.02.2026", datetime.date(2026, 2, 1)),
        ("01/02/2026 00:00", datetime.date(2026, 2, 1)),
    ],
)
def test_dates_are_day_month_year_or_iso(text, expected):
    assert imports.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2026", "February 2026 has no day 31"),
        ("02/13/2026", "there is no month 13"),
        ("1/2/26", "write the year in full"),
        ("next Tuesday", "write dates as day/month/year"),
    ],
)
def test_a_bad_date_says_why(text, says):
    with pytest.raises(ValueError, match=says):
        imports.parse_date(text)


# Officers ------------------------------------------------------------------------------------------


def test_a_good_officers_file_imports_officers_with_posts_and_line_managers(ashdown):
    result = imports.import_officers(actor=ashdown.member_services, file=DATA / "officers-good.csv")
    assert result.ok, result.problems
    assert result.created == {"officers": 3, "posts": 3}
    kwame = m.Officer.objects.get(email="kwame.mensah@ashdown.test")
    post = kwame.posts.get()
    assert (post.seniority, post.directorate, post.politically_restricted) == (
        m.Seniority.HEAD_OF_SERVICE,
        ashdown.place,  # from the service
        True,
    )
    assert post.line_manager.email == "director.place@ashdown.test"
    lucy = m.Officer.objects.get(email="lucy.brennan@ashdown.test").posts.get()
    assert lucy.line_manager == kwame  # a manager further down the same file
    arjun = m.Officer.objects.get(email="arjun.mehta@ashdown.test")
    assert arjun.employment_type == "agency"


def test_bad_officer_rows_are_all_named_and_nothing_is_imported(ashdown):
    before = counts()
    result = imports.import_officers(actor=ashdown.member_services, file=DATA / "officers-bad.csv")
    assert counts() == before
    assert problems(result) == [
        (2, "line_manager_email"),
        (4, "seniority"),
        (4, "service"),
        (4, "politically_restricted"),
        (5, "employee_number"),
        (5, "service"),
        (5, "line_manager_email"),
        (6, "email"),
    ]
    assert (
        message(result, 2, "line_manager_email") == "line management goes round in a loop: lines 2 → 3 → 2."
    )
    assert (
        message(result, 4, "seniority")
        == "unknown seniority “Head of Servce” — did you mean “Head of Service”?"
    )
    assert (
        message(result, 4, "service")
        == "unknown service “Housing Managment” — did you mean “Housing Management”?"
    )
    assert message(result, 5, "service") == "Housing Management is in Place, not Resources."
    assert "nobody@ashdown.test" in message(result, 5, "line_manager_email")
    assert message(result, 6, "email") == (
        "Aisha Rahman is a Member of the council, and by law Members cannot be employed by the council "
        "(Haringey 7.03)"
    )


# Names that read as they were written ----------------------------------------------------------------

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards


def test_a_member_whose_name_would_read_backwards_is_named_and_nothing_is_imported(ashdown):
    good = (DATA / "members-good.csv").read_text(encoding="utf-8")
    bad = good.replace("Cllr,Sophie,Turner,", f"Cllr,Sophie,{RLO}renruT,")  # shown as "Turner"
    before = counts()
    result = imports.import_members(actor=ashdown.member_services, file=bad.encode("utf-8"))
    assert counts() == before  # not even the good rows, and no audit event
    assert problems(result) == [(3, "last_name")]
    assert str(result.problems[0]) == (
        "Line 3, column “last_name”: Last name must not contain hidden characters that change the "
        "direction of text."
    )


def test_an_officer_whose_post_would_read_backwards_is_named_and_nothing_is_imported(ashdown):
    good = (DATA / "officers-good.csv").read_text(encoding="utf-8")
    bad = good.replace("Waste Project Officer", f"Waste {RLO}reciffO tcejorP")
    before = counts()
    result = imports.import_officers(actor=ashdown.member_services, file=bad.encode("utf-8"))
    assert counts() == before
    assert problems(result) == [(4, "post_title")]
    assert message(result, 4, "post_title") == (
        "Title must not contain hidden characters that change the direction of text."
    )


# The command ---------------------------------------------------------------------------------------


def test_the_command_imports_as_the_system_from_the_command_line(ashdown, capsys):
    call_command("import", "members", str(DATA / "members-good.csv"))
    assert "Imported 4 Members, 3 ward memberships, 2 group memberships." in capsys.readouterr().out
    event = AuditEvent.objects.filter(action="directory.member.created").first()
    assert (event.actor_label, event.capacity) == ("Nolan (system)", "command line")


def test_the_command_prints_every_bad_row_and_exits_non_zero(ashdown, capsys, monkeypatch):
    before = counts()
    # Run as from the shell; a real run closes its connections at the end, which would end the test's.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    utility = ManagementUtility(["nolan", "import", "members", str(DATA / "members-many-problems.csv")])
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "Line 2, column “wards”: unknown ward “Eastgat” — did you mean “Eastgate”?" in err
    assert "(Haringey 7.03)" in err
    assert "Nothing was imported: 9 rows of the file need correcting." in err
    assert counts() == before


def test_the_command_refuses_a_missing_file(ashdown):
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import", "officers", str(DATA / "no-such-file.csv"))


def test_the_command_records_the_person_named_with_as(ashdown):
    call_command(
        "import", "officers", str(DATA / "officers-good.csv"), "--as", "member.services@ashdown.test"
    )
    event = AuditEvent.objects.filter(action="directory.officer.created").first()
    assert (event.actor_label, event.capacity) == ("Ruth Cole", "Member Services, command line")


def test_the_command_refuses_someone_who_does_not_maintain_the_directory(ashdown):
    with pytest.raises(CommandError, match="Only Member Services"):
        call_command("import", "members", str(DATA / "members-good.csv"), "--as", "aisha.rahman@ashdown.test")
    with pytest.raises(CommandError, match="no account"):
        call_command("import", "members", str(DATA / "members-good.csv"), "--as", "nobody@ashdown.test")
    assert not User.objects.filter(email="nobody@ashdown.test").exists()
