"""``nolan due-date``: the real command, run as an administrator would run it."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from nolan.calendar import services
from nolan.calendar.models import OverrideKind

NOLAN = str(Path(sys.executable).with_name("nolan"))


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A database of its own, migrated as an installation's would be."""
    folder = tmp_path_factory.mktemp("nolan")
    done = _run("migrate", "--no-input", folder=folder)
    assert done.returncode == 0, done.stderr
    return folder


def _run(*args: str, folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NOLAN_MODE": "test", "NOLAN_VAR_DIR": str(folder)}
    env["DATABASE_URL"] = f"sqlite:///{folder / 'nolan.sqlite3'}"
    return subprocess.run([NOLAN, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def nolan(database):
    """``nolan ARGS`` in a new process."""
    return lambda *args: _run(*args, folder=database)


def test_the_issues_example_prints_the_date(nolan):
    done = nolan("due-date", "2026-12-24", "--working-days", "10")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2027-01-12\n"
    assert done.stderr == ""


def test_explain_prints_the_explanation(nolan):
    done = nolan("due-date", "2026-12-24", "--working-days", "10", "--explain")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "2027-01-12",
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year's Day; due Tue 12 Jan 2027",
    ]


@pytest.mark.parametrize(
    ("region", "expected"),
    [("england-and-wales", "2027-01-12"), ("scotland", "2027-01-13"), ("northern-ireland", "2027-01-12")],
)
def test_each_region(nolan, region, expected):
    done = nolan("due-date", "2026-12-24", "--working-days", "10", "--region", region)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{expected}\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["2026-13-24", "--working-days", "10"], "“2026-13-24” is not a date: use the form 2026-12-24."),
        (["2026-12-24", "--working-days", "-3"], "-3 is negative"),
        (["2026-12-24", "--working-days", "ten"], "“ten” is not a whole number"),
        (["2026-12-24", "--working-days", "3", "--region", "wales"], "invalid choice: 'wales'"),
        (["2026-12-24"], "the following arguments are required: --working-days"),
    ],
)
def test_bad_input_is_a_clear_message_and_a_failure_without_a_traceback(nolan, args, words):
    done = nolan("due-date", *args)
    assert done.returncode != 0
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_the_councils_region_and_closure_days_are_used(ashdown, capsys):
    services.forget_calendars()
    ashdown.council.bank_holiday_region = "scotland"
    ashdown.council.save()
    call_command("due_date", "2026-12-24", "--working-days", "10")
    assert capsys.readouterr().out == "2027-01-13\n"

    services.add_override(
        actor=ashdown.member_services,
        date=datetime.date(2027, 1, 5),
        kind=OverrideKind.CLOSURE,
        description="Offices closed for the move to the new civic centre",
        region="",
        reason="Office move",
    )
    call_command("due_date", "2026-12-24", "--working-days", "10", "--explain")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2027-01-14"
    assert "Tue 5 Jan Offices closed for the move to the new civic centre" in out[1]
    services.forget_calendars()
