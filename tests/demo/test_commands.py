"""``nolan demo`` and ``nolan createadmin`` as an administrator runs them."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from nolan.accounts.models import AccessRole, User
from nolan.audit.models import AuditEvent
from nolan.demo import personas
from nolan.directory import models as d
from nolan.directory.capacities import capacities_for


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# nolan demo ----------------------------------------------------------------------------------------


def test_demo_builds_and_prints_every_persona_with_the_password(db):
    out = run("demo", "--profile", "islington", "--seed", "3")
    assert "Built the demo council, London Borough of Ashworth" in out
    assert d.Council.objects.get().protocol_profile == "islington"
    for persona in personas.PERSONAS:
        assert persona.label in out
    assert personas.DEMO_PASSWORD in out
    assert "nolan demo code" in out


def test_demo_refuses_a_second_time(db):
    run("demo", "--without-enquiries")
    with pytest.raises(CommandError, match="already holds a council"):
        run("demo")
    assert d.Council.objects.count() == 1
    assert AuditEvent.objects.filter(action="demo.built").count() == 1


def test_demo_if_empty_does_nothing_when_there_is_a_council_and_says_so(db):
    run("demo", "--without-enquiries")
    officers = d.Officer.objects.count()
    out = run("demo", "--if-empty")
    assert "already holds a council" in out
    assert "not built" in out
    assert d.Officer.objects.count() == officers
    assert personas.OPPOSITION_LEADER.label in out  # the sign-ins, again


def test_demo_if_empty_builds_in_an_empty_database(db):
    out = run("demo", "--if-empty", "--without-enquiries")
    assert "Built the demo council" in out
    assert d.Council.objects.exists()


def test_demo_refuses_in_production(db, settings):
    settings.MODE = "production"
    for args in (["demo"], ["demo", "--if-empty"], ["demo", "code"]):
        with pytest.raises(CommandError, match="production"):
            run(*args)
    assert not d.Council.objects.exists()


def test_demo_sign_ins_prints_the_table_again(db):
    built = run("demo", "--without-enquiries")
    again = run("demo", "sign-ins")
    assert again.strip() in built


def test_demo_sign_ins_without_a_demo_says_so(db):
    assert "no demo sign-ins" in run("demo", "sign-ins")


def test_demo_code_prints_the_current_code_and_how_long_it_lasts(db):
    out = run("demo", "code").strip()
    assert re.fullmatch(r"\d{6} \(valid for \d+ more seconds?\)(; then \d{6})?", out)
    assert out[:6] == personas.current_code()[0] or "; then" in out


# nolan createadmin ---------------------------------------------------------------------------------


def test_createadmin_refuses_a_weak_password(db, monkeypatch):
    for weak in ("short", "123456789012345", "password1234", "admin.council"):
        monkeypatch.setenv("NOLAN_ADMIN_PASSWORD", weak)
        with pytest.raises(CommandError, match="NOLAN_ADMIN_PASSWORD is not allowed"):
            run("createadmin", "--email", "admin.council@ashworth.example")
    assert not User.objects.exists()


def test_createadmin_makes_an_audited_system_administrator(db, monkeypatch):
    monkeypatch.setenv("NOLAN_ADMIN_PASSWORD", "a-long-and-unusual-passphrase")
    out = run("createadmin", "--email", " Admin@Ashworth.example ")
    user = User.objects.get()
    assert user.email == "admin@ashworth.example"
    assert user.is_superuser and user.check_password("a-long-and-unusual-passphrase")
    capacities = capacities_for(user)
    assert AccessRole.ADMINISTRATOR in capacities.access_roles
    assert capacities.is_staff_role  # so the first sign-in sets up an authenticator app
    event = AuditEvent.objects.get(action="accounts.administrator.created")
    assert event.actor is None and event.target_id == str(user.pk)
    assert "a-long-and-unusual-passphrase" not in str(event.after)
    assert "admin@ashworth.example" in out


def test_createadmin_names_what_is_missing_or_wrong(db, monkeypatch):
    monkeypatch.delenv("NOLAN_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="--email"):
        run("createadmin", "--no-input")
    with pytest.raises(CommandError, match="valid email"):
        run("createadmin", "--email", "not-an-address")
    with pytest.raises(CommandError, match="NOLAN_ADMIN_PASSWORD"):
        run("createadmin", "--email", "admin@ashworth.example")
    monkeypatch.setenv("NOLAN_ADMIN_PASSWORD", "a-long-and-unusual-passphrase")
    run("createadmin", "--email", "admin@ashworth.example")
    with pytest.raises(CommandError, match="already an account"):
        run("createadmin", "--email", "ADMIN@ashworth.example")
    assert User.objects.count() == 1
