"""Importing Members and officers from a CSV file, all or nothing.

The whole file is checked first and every bad row is reported (its line number in the file, the
column, and what is wrong, in plain English). If any row is bad, nothing is imported: the rows are
written in one transaction through the directory services (so each Member or officer gets its own
audit event, with the same checks as the pages) and rolled back together.

The file is CSV as Excel saves it with "CSV UTF-8 (Comma delimited)": comma-separated, UTF-8 with or
without the byte-order mark, one heading row. Headings are matched without regard to case, spaces or
hyphens ("First name" is ``first_name``). Dates may be day/month/year (31/01/2026, as Excel writes
them in the UK) or ISO (2026-01-31). Blank lines are skipped.

Members (``MEMBER_COLUMNS``): title, first_name*, last_name*, email*, kind, wards (semicolon-separated
ward names or ONS codes), group (blank = independent), term_start*, term_end.

Officers (``OFFICER_COLUMNS``): employee_number, first_name*, last_name*, email*, employment_type,
post_title*, seniority (by label, e.g. "Head of Service"), directorate, service, line_manager_email
(an officer in the directory or in the same file), politically_restricted (yes/no), start*.

(* = required.) ``example_csv("members")`` and ``example_csv("officers")`` give an example of each.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nolan.audit.services import record
from nolan.core.decisions import ProtocolError
from nolan.directory import models as m
from nolan.directory import services


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


MEMBER_COLUMNS = (
    Column("title", False, "How the Member is addressed, e.g. Cllr. Blank for none; Cllr if no column."),
    Column("first_name", True, "First name."),
    Column("last_name", True, "Last name."),
    Column("email", True, "Council e-mail address. Each Member's must be different."),
    Column("kind", False, "councillor (if blank), co_opted, elected_mayor or civic_mayor."),
    Column("wards", False, "The ward's name or ONS code; separate two wards with a semicolon."),
    Column("group", False, "The political group's name or short name. Blank for an independent Member."),
    Column("term_start", True, "First day of the term of office, e.g. 08/05/2026."),
    Column("term_end", False, "First day after the term, if known. Usually blank."),
)

OFFICER_COLUMNS = (
    Column("employee_number", False, "HR's employee number, if any. Each must be different."),
    Column("first_name", True, "First name."),
    Column("last_name", True, "Last name."),
    Column("email", True, "Council e-mail address. Each officer's must be different."),
    Column("employment_type", False, "employee (if blank), agency, consultant or secondee."),
    Column("post_title", True, "Job title, e.g. Housing Officer."),
    Column("seniority", False, "One of: " + ", ".join(m.Seniority.labels) + ". Officer if blank."),
    Column("directorate", False, "The directorate's name. Blank to take the service's."),
    Column("service", False, "The service's name."),
    Column("line_manager_email", False, "E-mail of the line manager: in the directory or in this file."),
    Column("politically_restricted", False, "yes or no (no if blank)."),
    Column("start", True, "First day of employment in this post, e.g. 05/01/2015."),
)

COLUMNS = {"members": MEMBER_COLUMNS, "officers": OFFICER_COLUMNS}
ALIASES = {"e_mail": "email", "e_mail_address": "email", "email_address": "email", "forename": "first_name"}
EXCEL_HINT = "In Excel, choose File, Save As, and the type “CSV UTF-8 (Comma delimited) (*.csv)”."


# The result ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row (``line`` is the line in the file; ``None`` for the whole file)."""

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Line {self.line}" if self.line else "The file"
        column = f", column “{self.column}”" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ImportResult:
    """What an import did: on success the counts created; on failure every problem found."""

    kind: str
    created: dict[str, int] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line})

    def summary(self) -> str:
        if self.ok:
            counts = ", ".join(f"{n} {what}" for what, n in self.created.items())
            return f"Imported {counts}."
        if self.bad_lines:
            rows = len(self.bad_lines)
            return f"Nothing was imported: {rows} row{'s' if rows != 1 else ''} of the file need correcting."
        return "Nothing was imported: the file could not be read."


class _Rollback(Exception):
    pass


# Reading the file ----------------------------------------------------------------------------------


class _FileProblem(Exception):
    pass


def _read(file) -> bytes | str:
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            return handle.read()
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _text(file) -> str:
    data = _read(file)
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not data.strip():
        raise _FileProblem("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise _FileProblem(
            f"This is an Excel workbook (or another zipped file), not a CSV file. {EXCEL_HINT}"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _FileProblem(f"This is an old-style Excel workbook (.xls), not a CSV file. {EXCEL_HINT}")
    if data.startswith(b"%PDF"):
        raise _FileProblem("This is a PDF, not a CSV file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _FileProblem(f"This file is saved as “Unicode text” (UTF-16), not CSV UTF-8. {EXCEL_HINT}")
    if b"\x00" in data[:4096]:
        raise _FileProblem(f"This is not a text file, so it cannot be a CSV file. {EXCEL_HINT}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _FileProblem(
            f"The file is not UTF-8 text: a character on line {line} cannot be read. It was probably "
            f"saved as plain “CSV (Comma delimited)”. {EXCEL_HINT}"
        ) from None


def _heading(text: str) -> str:
    key = re.sub(r"[\s\-]+", "_", text.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def _suggest(value: str, options: dict[str, Any]) -> str:
    """' — did you mean "Eastgate"?' for the nearest option (keys are lower-case), or ''."""
    close = difflib.get_close_matches(value.lower(), list(options), n=1, cutoff=0.6)
    return f" — did you mean “{options[close[0]]}”?" if close else ""


def _rows(text: str, kind: str, result: ImportResult) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (line number, {column: value}); header problems go on ``result``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = {c.name: c for c in COLUMNS[kind]}
    header: list[str] | None = None
    header_line = 0
    rows = []
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = [_heading(c) for c in cells], line
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                result.problems.append(
                    RowProblem(
                        line,
                        "",
                        f"this row has {len(cells)} values but there are {len(header)} headings: "
                        "is there a comma inside a value that is not in quotes?",
                    )
                )
                continue
            cells = cells + [""] * (len(header) - len(cells))
            rows.append((line, {name: cells[i].strip() for i, name in enumerate(header) if name}))
    except csv.Error as error:
        result.problems.append(RowProblem(reader.line_num, "", f"the file is not valid CSV ({error})."))
        return []
    if header is None:
        result.problems.append(RowProblem(None, "", "The file has no heading row and no rows."))
        return []
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "semicolons" if ";" in header[0] else "tabs"
        result.problems.append(
            RowProblem(header_line, "", f"The columns are separated by {separator}, not commas. {EXCEL_HINT}")
        )
        return []
    seen = set()
    names = {name: name for name in columns}
    for name in header:
        if not name:
            continue
        if name in seen:
            result.problems.append(RowProblem(header_line, name, "this heading appears twice."))
        elif name not in columns:
            result.problems.append(
                RowProblem(header_line, name, f"unknown column{_suggest(name, names) or '.'}")
            )
        seen.add(name)
    for column in columns.values():
        if column.required and column.name not in seen:
            result.problems.append(RowProblem(header_line, column.name, "missing required column."))
    if result.problems:
        return []
    if not rows:
        result.problems.append(RowProblem(None, "", "The file has a heading row but no rows to import."))
    return rows


# Values --------------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d+)$")
_MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")


def parse_date(text: str) -> datetime.date:
    """A date written as day/month/year (Excel, UK) or year-month-day; ``ValueError`` says why not."""
    value = _MIDNIGHT.sub("", text.strip())
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise ValueError(f"bad date “{text}”: write the year in full, e.g. 31/01/2026.")
    else:
        raise ValueError(f"bad date “{text}”: write dates as day/month/year (31/01/2026) or 2026-01-31.")
    if not 1 <= month <= 12:
        raise ValueError(f"bad date “{text}”: there is no month {month} (dates are day/month/year).")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        month_name = datetime.date(2000, month, 1).strftime("%B")
        raise ValueError(f"bad date “{text}”: {month_name} {year} has no day {day}.") from None


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class _Row:
    """One row being checked: collects its problems, each with its column."""

    def __init__(self, line: int, values: dict[str, str], result: ImportResult):
        self.line, self.values, self.result = line, values, result
        self.bad = False

    def problem(self, column: str, message: str) -> None:
        self.result.problems.append(RowProblem(self.line, column, message))
        self.bad = True

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.get(column)
        if required and not value:
            self.problem(column, "this is required and is blank.")
        elif max_length and len(value) > max_length:
            self.problem(column, f"this is too long ({len(value)} characters; at most {max_length}).")
        return value

    def email(self, column: str, *, required: bool = True) -> str:
        value = self.get(column).lower()
        if not value:
            if required:
                self.problem(column, "an e-mail address is required.")
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.problem(column, f"“{self.get(column)}” is not an e-mail address.")
        return value

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.get(column)
        if not value:
            if required:
                self.problem(column, "a date is required.")
            return None
        try:
            return parse_date(value)
        except ValueError as error:
            self.problem(column, str(error))
            return None

    def choice(self, column: str, choices, default: str) -> str:
        """A value of a TextChoices, given as its value or its label, without regard to case."""
        value = self.get(column)
        if not value:
            return default
        key = _heading(value)
        for choice_value, label in choices.choices:
            if key in {choice_value, _heading(label)}:
                return choice_value
        allowed = ", ".join(choices.values)
        self.problem(column, f"“{value}” is not one of: {allowed}.")
        return default

    def yes_no(self, column: str) -> bool:
        value = self.get(column).lower()
        if value in _YES:
            return True
        if value not in _NO:
            self.problem(column, f"“{self.get(column)}” should be yes or no.")
        return False


def _lookup(qs, *keys: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Rows not ended by today, by each key's lower-cased value; and display names for suggestions."""
    today = timezone.localdate()
    found: dict[str, Any] = {}
    names: dict[str, str] = {}
    for obj in qs.filter(Q(end__isnull=True) | Q(end__gt=today)).order_by("start"):
        for key in keys:
            value = getattr(obj, key, "")
            if value:
                found[value.lower()] = obj
                names[value.lower()] = value
    return found, names


def _service_errors(row: _Row, error: Exception, columns: dict[str, str], fallback: str) -> None:
    """A service's ValidationError or ProtocolError as problems on the row's columns."""
    if isinstance(error, ProtocolError):
        row.problem(columns.get(error.field or "", fallback), error.message)
        return
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            row.problem(fallback, message)
        return
    for name, messages in error.message_dict.items():
        for message in messages:
            row.problem(columns.get(name, fallback), message)


def _begin(actor, capacity: str | None) -> str:
    """Only those who maintain the directory may import (checked before the file is read)."""
    return services.maintaining_capacity(actor, capacity)


def _finish(result: ImportResult, actor, capacity: str, name: str) -> None:
    if result.problems:
        raise _Rollback
    record(
        actor=actor,
        action=f"directory.{result.kind}.imported",
        capacity=capacity,
        after=result.created,
        extra={"file": name, "rows": result.rows},
    )


def _file_name(file) -> str:
    if isinstance(file, str | os.PathLike):
        return os.path.basename(os.fspath(file))
    return os.path.basename(str(getattr(file, "name", "") or ""))


def _start(kind: str, file) -> tuple[ImportResult, list]:
    result = ImportResult(kind)
    try:
        text = _text(file)
    except _FileProblem as problem:
        result.problems.append(RowProblem(None, "", str(problem)))
        return result, []
    except OSError as error:
        result.problems.append(RowProblem(None, "", f"The file could not be opened ({error.strerror})."))
        return result, []
    rows = _rows(text, kind, result)
    result.rows = len(rows)
    return result, rows


def _duplicates(row: _Row, key: str, column: str, seen: dict[str, int], what: str) -> None:
    if not key:
        return
    if key in seen:
        row.problem(column, f"{what} is also on line {seen[key]}.")
    else:
        seen[key] = row.line


# Members -------------------------------------------------------------------------------------------

_MEMBER_FIELDS = {
    "title": "title",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "user": "email",
    "kind": "kind",
    "wards": "wards",
    "group": "group",
    "start": "term_start",
    "end": "term_end",
}


def import_members(*, actor, file, capacity: str | None = None) -> ImportResult:
    """Import Members from a CSV file (see the module's description for the columns).

    ``file`` is a path, bytes, or an open file (an upload). Returns an ``ImportResult``: on success
    the counts created, on failure every bad row, and then nothing at all has been imported."""
    cap = _begin(actor, capacity)
    result, rows = _start("members", file)
    if not rows:
        return result
    wards, ward_names = _lookup(m.Ward.objects.all(), "name", "code")
    groups, group_names = _lookup(m.PoliticalGroup.objects.all(), "name", "short_name")
    seen_rows: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    checked = []
    for line, values in rows:
        row = _Row(line, values, result)
        _duplicates(row, repr(sorted(values.items())), "", seen_rows, "this row")
        if row.bad:
            continue
        title = row.text("title", max_length=20) if "title" in values else "Cllr"
        first_name = row.text("first_name", required=True, max_length=80)
        last_name = row.text("last_name", required=True, max_length=80)
        email = row.email("email")
        _duplicates(row, email, "email", seen_emails, f"the e-mail address {email}")
        kind = row.choice("kind", m.MemberKind, m.MemberKind.COUNCILLOR)
        row_wards = []
        for name in (w.strip() for w in row.get("wards").split(";")):
            if not name:
                continue
            ward = wards.get(name.lower())
            if ward is None:
                row.problem("wards", f"unknown ward “{name}”{_suggest(name, ward_names) or '.'}")
            elif ward in row_wards:
                row.problem("wards", f"the ward “{name}” is listed twice.")
            else:
                row_wards.append(ward)
        group = None
        if row.get("group"):
            group = groups.get(row.get("group").lower())
            if group is None:
                found = _suggest(row.get("group"), group_names)
                row.problem("group", f"political group “{row.get('group')}” not found{found or '.'}")
        start = row.date("term_start", required=True)
        end = row.date("term_end")
        if start and end and end <= start:
            row.problem("term_end", "the term must end after it starts.")
        if not row.bad:
            checked.append(
                (
                    row,
                    {
                        "title": title,
                        "first_name": first_name,
                        "last_name": last_name,
                        "email": email,
                        "kind": kind,
                        "wards": row_wards,
                        "group": group,
                        "start": start,
                        "end": end,
                    },
                )
            )
    try:
        with transaction.atomic():
            counts = {"Members": 0, "ward memberships": 0, "group memberships": 0}
            for row, kwargs in checked:
                try:
                    services.member_create(actor=actor, capacity=cap, **kwargs)
                except (ValidationError, ProtocolError) as error:
                    _service_errors(row, error, _MEMBER_FIELDS, "email")
                    continue
                counts["Members"] += 1
                counts["ward memberships"] += len(kwargs["wards"])
                counts["group memberships"] += kwargs["group"] is not None
            result.created = counts
            result.problems.sort(key=lambda p: p.line or 0)
            _finish(result, actor, cap, _file_name(file))
    except _Rollback:
        result.created = {}
    return result


# Officers ------------------------------------------------------------------------------------------

_OFFICER_FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "user": "email",
    "employee_number": "employee_number",
    "employment_type": "employment_type",
    "title": "post_title",
    "seniority": "seniority",
    "directorate": "directorate",
    "service": "service",
    "line_manager": "line_manager_email",
    "politically_restricted": "politically_restricted",
    "start": "start",
}


def _seniority(row: _Row) -> int:
    value = row.get("seniority")
    if not value:
        return m.Seniority.OFFICER
    key = _heading(value)
    for number, label in m.Seniority.choices:
        if key in {_heading(label), _heading(label.split("(")[0]), str(number)}:
            return number
        if key == m.Seniority(number).name.lower():
            return number
    labels = {_heading(label): label for label in m.Seniority.labels}
    row.problem("seniority", f"unknown seniority “{value}”{_suggest(key, labels) or '.'}")
    return m.Seniority.OFFICER


def _in_manager_order(checked: list, result: ImportResult) -> list:
    """Rows ordered so each in-file line manager is created before the officers they manage."""
    by_email = {kwargs["email"]: (row, kwargs) for row, kwargs in checked}
    order, state = [], {}

    def visit(email: str, path: list[int]) -> bool:
        if state.get(email) == "done":
            return True
        row, kwargs = by_email[email]
        if state.get(email) == "visiting":
            lines = [*path[path.index(row.line) :], row.line]
            row.problem(
                "line_manager_email",
                "line management goes round in a loop: lines " + " → ".join(map(str, lines)) + ".",
            )
            return False
        state[email] = "visiting"
        manager = kwargs["_manager_email"]
        ok = manager not in by_email or visit(manager, [*path, row.line])
        state[email] = "done"
        if ok:
            order.append((row, kwargs))
        return ok

    for email in by_email:
        visit(email, [])
    return order


def import_officers(*, actor, file, capacity: str | None = None) -> ImportResult:
    """Import officers, each with their current post, from a CSV file (see the module's description
    for the columns). Line managers may be officers already in the directory or in the same file.

    Returns an ``ImportResult``: on success the counts created, on failure every bad row, and then
    nothing at all has been imported."""
    cap = _begin(actor, capacity)
    result, rows = _start("officers", file)
    if not rows:
        return result
    directorates, directorate_names = _lookup(m.Directorate.objects.all(), "name")
    services_by_name: dict[str, list[m.Service]] = {}
    service_names: dict[str, str] = {}
    today = timezone.localdate()
    current = Q(end__isnull=True) | Q(end__gt=today)
    for service in m.Service.objects.filter(current).select_related("directorate"):
        services_by_name.setdefault(service.name.lower(), []).append(service)
        service_names[service.name.lower()] = service.name
    in_post = {o.email.lower(): o for o in m.Officer.objects.filter(current).order_by("start")}
    file_emails = {values.get("email", "").lower(): line for line, values in rows}
    seen_rows: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    checked = []
    for line, values in rows:
        row = _Row(line, values, result)
        _duplicates(row, repr(sorted(values.items())), "", seen_rows, "this row")
        if row.bad:
            continue
        number = row.text("employee_number", max_length=30)
        _duplicates(row, number, "employee_number", seen_numbers, f"the employee number {number}")
        first_name = row.text("first_name", required=True, max_length=80)
        last_name = row.text("last_name", required=True, max_length=80)
        email = row.email("email")
        _duplicates(row, email, "email", seen_emails, f"the e-mail address {email}")
        employment_type = row.choice("employment_type", m.EmploymentType, m.EmploymentType.EMPLOYEE)
        title = row.text("post_title", required=True, max_length=200)
        seniority = _seniority(row)
        directorate = None
        if row.get("directorate"):
            directorate = directorates.get(row.get("directorate").lower())
            if directorate is None:
                found = _suggest(row.get("directorate"), directorate_names)
                row.problem("directorate", f"unknown directorate “{row.get('directorate')}”{found or '.'}")
        service = None
        if row.get("service"):
            candidates = services_by_name.get(row.get("service").lower(), [])
            if directorate is not None:
                candidates = [s for s in candidates if s.directorate_id == directorate.pk] or candidates
            if not candidates:
                found = _suggest(row.get("service"), service_names)
                row.problem("service", f"unknown service “{row.get('service')}”{found or '.'}")
            elif len(candidates) > 1:
                row.problem(
                    "service",
                    f"there are services called “{row.get('service')}” in "
                    f"{' and '.join(s.directorate.name for s in candidates)}: give the directorate.",
                )
            else:
                service = candidates[0]
                if directorate is not None and service.directorate_id != directorate.pk:
                    row.problem("service", f"{service} is in {service.directorate}, not {directorate}.")
        manager_email = row.email("line_manager_email", required=False)
        if manager_email and manager_email == email:
            row.problem("line_manager_email", "an officer cannot be their own line manager.")
        elif manager_email and manager_email not in in_post and manager_email not in file_emails:
            row.problem(
                "line_manager_email",
                f"no officer in the directory or in this file has the e-mail address {manager_email}.",
            )
        restricted = row.yes_no("politically_restricted")
        start = row.date("start", required=True)
        if not row.bad:
            checked.append(
                (
                    row,
                    {
                        "first_name": first_name,
                        "last_name": last_name,
                        "email": email,
                        "employee_number": number,
                        "employment_type": employment_type,
                        "start": start,
                        "_manager_email": manager_email,
                        "post": {
                            "title": title,
                            "seniority": seniority,
                            "directorate": directorate,
                            "service": service,
                            "politically_restricted": restricted,
                        },
                    },
                )
            )
    ordered = _in_manager_order(checked, result)
    try:
        with transaction.atomic():
            created: dict[str, m.Officer] = {}
            counts = {"officers": 0, "posts": 0}
            for row, kwargs in ordered:
                manager_email = kwargs.pop("_manager_email")
                if manager_email and manager_email in file_emails and manager_email not in created:
                    continue  # the manager's own row is wrong; it is reported there
                kwargs["post"]["line_manager"] = created.get(manager_email) or in_post.get(manager_email)
                try:
                    created[kwargs["email"]] = services.officer_create(actor=actor, capacity=cap, **kwargs)
                except (ValidationError, ProtocolError) as error:
                    _service_errors(row, error, _OFFICER_FIELDS, "email")
                    continue
                counts["officers"] += 1
                counts["posts"] += 1
            result.created = counts
            result.problems.sort(key=lambda p: p.line or 0)
            _finish(result, actor, cap, _file_name(file))
    except _Rollback:
        result.created = {}
    return result


# Examples ------------------------------------------------------------------------------------------

EXAMPLE_FILES = {"members": "members-example.csv", "officers": "officers-example.csv"}


def example_csv(kind: str) -> bytes:
    """The example file for ``kind`` ("members" or "officers"), to offer for download."""
    return resources.files("nolan.directory").joinpath("data", EXAMPLE_FILES[kind]).read_bytes()


def import_file(*, kind: str, actor, file, capacity: str | None = None) -> ImportResult:
    """``import_members`` or ``import_officers`` by name."""
    if kind == "members":
        return import_members(actor=actor, file=file, capacity=capacity)
    if kind == "officers":
        return import_officers(actor=actor, file=file, capacity=capacity)
    raise ValueError(f"Nolan imports members or officers, not {kind!r}.")
