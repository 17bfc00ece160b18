"""Production settings are safe, and say clearly what is missing."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

NOLAN = str(Path(sys.executable).with_name("nolan"))
UNSET = {"DATABASE_URL", "SECRET_KEY", "NOLAN_AUDIT_KEY", "ALLOWED_HOSTS", "NOLAN_SITE_URL", "NOLAN_VAR_DIR"}
SITE_URL = "https://nolan.ashdown.gov.uk"


def run_check(tmp_path, mode="production", **env):
    base = {k: v for k, v in os.environ.items() if k not in UNSET}
    base.update(NOLAN_MODE=mode, NOLAN_HUEY_FILE=str(tmp_path / "queue" / "worker.sqlite3"), **env)
    deploy = ["--deploy", "--fail-level", "WARNING"] if mode == "production" else []
    return subprocess.run(
        [NOLAN, "check", *deploy],
        env=base,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(tmp_path, **env):
    values = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "NOLAN_AUDIT_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "nolan.ashdown.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "NOLAN_SITE_URL": SITE_URL,
    }
    values.update(env)
    return run_check(tmp_path, **{k: v for k, v in values.items() if v is not None})


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = production(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = production(tmp_path, SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_an_audit_key_of_its_own(tmp_path):
    """The audit trail's key is what the database does not hold; without it the chain proves nothing."""
    assert "NOLAN_AUDIT_KEY" in production(tmp_path, NOLAN_AUDIT_KEY=None).stderr
    short = production(tmp_path, NOLAN_AUDIT_KEY="too-short")
    assert short.returncode != 0 and "at least 32 characters" in short.stderr
    key = secrets.token_urlsafe(50)
    same = production(tmp_path, SECRET_KEY=key, NOLAN_AUDIT_KEY=key)
    assert same.returncode != 0 and "not the same as SECRET_KEY" in same.stderr


def test_production_refuses_to_start_without_the_sites_address(tmp_path):
    """Every link in an e-mail is built on it: without it, no one could open one from their inbox."""
    result = production(tmp_path, NOLAN_SITE_URL=None)
    assert result.returncode != 0
    assert "Set NOLAN_SITE_URL to the address Nolan is served at" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "error", "says"),
    [
        ("http://nolan.ashdown.gov.uk", "core.E002", "need an https address"),
        ("nolan.ashdown.gov.uk", "core.E002", "need an https address"),
        ("https://nolan.ashdown.gov.uk/nolan/", "core.E002", "only the scheme and the host"),
        ("https://intranet.ashdown.gov.uk", "core.E003", "not in ALLOWED_HOSTS"),
    ],
    ids=["plain http", "no scheme", "a path", "a host Nolan refuses"],
)
def test_the_deployment_check_fails_on_a_site_address_no_one_could_follow(tmp_path, site_url, error, says):
    result = production(tmp_path, NOLAN_SITE_URL=site_url)
    assert result.returncode != 0
    assert error in result.stderr and "NOLAN_SITE_URL" in result.stderr
    assert says in result.stderr


def test_the_deployment_check_fails_when_a_councils_settings_empty_the_site_address(tmp_path):
    result = run_check(tmp_path, **council_settings(tmp_path, 'NOLAN_SITE_URL = ""\n'))
    assert result.returncode != 0
    assert "core.E001" in result.stderr and "NOLAN_SITE_URL is not set" in result.stderr


def test_a_site_address_with_a_port_in_allowed_hosts_passes(tmp_path):
    result = production(tmp_path, NOLAN_SITE_URL="https://nolan.ashdown.gov.uk:8443/")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_nolan_does_not_start_with_a_bank_holiday_region_it_does_not_know(tmp_path):
    result = run_check(
        tmp_path, mode="demo", NOLAN_VAR_DIR=str(tmp_path / "var"), NOLAN_BANK_HOLIDAY_REGION="wales"
    )
    assert result.returncode != 0
    assert "nolan_calendar.E001" in result.stderr and "'wales'" in result.stderr
    assert "england-and-wales, scotland, northern-ireland" in result.stderr


def test_the_demo_keeps_a_generated_audit_key_readable_by_its_owner_only(tmp_path):
    var = tmp_path / "var"
    keys = []
    for _ in range(2):  # generated once, then read back
        result = run_check(tmp_path, mode="demo", NOLAN_VAR_DIR=str(var))
        assert result.returncode == 0, result.stderr
        keys.append((var / "audit_key").read_text())
    assert keys[0] == keys[1]
    key = var / "audit_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 32
    assert key.read_text() != (var / "secret_key").read_text()
    assert sorted(p.name for p in var.iterdir() if p.name.endswith("key")) == ["audit_key", "secret_key"]


def council_settings(tmp_path, source: str) -> dict[str, str]:
    """A council's own settings module on top of Nolan's, as a deployment may use; the environment
    that makes ``nolan`` load it with otherwise valid production settings."""
    (tmp_path / "council_settings.py").write_text("from nolan.config.settings import *  # noqa\n" + source)
    return {
        "DJANGO_SETTINGS_MODULE": "council_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "NOLAN_AUDIT_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "nolan.ashdown.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "NOLAN_SITE_URL": SITE_URL,
    }


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ('MIDDLEWARE = [m for m in MIDDLEWARE if m != "csp.middleware.CSPMiddleware"]\n', "web.E001"),
        ("CONTENT_SECURITY_POLICY = None\n", "web.E002"),
        (
            'CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["\'self\'"], '
            '"script-src": ["\'self\'", "\'unsafe-inline\'"]}}\n',
            "web.E004",
        ),
    ],
    ids=["no policy sent", "no directives", "inline script allowed"],
)
def test_the_deployment_check_fails_without_a_content_security_policy(tmp_path, source, error):
    result = run_check(tmp_path, **council_settings(tmp_path, source))
    assert result.returncode != 0
    assert error in result.stderr
    assert "Content-Security-Policy" in result.stderr


def test_single_sign_on_is_the_one_other_place_a_form_may_send_to(tmp_path):
    """Signing in with the council's account posts a form that redirects to its sign-on page, which
    the browser checks against form-action."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        NOLAN_MODE="test",
        NOLAN_VAR_DIR=str(tmp_path),
        NOLAN_HUEY_FILE=str(tmp_path / "worker.sqlite3"),
        NOLAN_OIDC_CLIENT_ID="nolan",
        NOLAN_OIDC_SERVER_URL="https://login.microsoftonline.com/ashdown-tenant/v2.0",
    )
    # An API request from no one: answered without the database, through every middleware.
    request = (
        "from django.test import Client; "
        "print(Client(HTTP_HOST='localhost').get('/api/v1/me/')['Content-Security-Policy'])"
    )
    result = subprocess.run(
        [NOLAN, "shell", "-c", request], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    policy = result.stdout.strip().splitlines()[-1]
    assert "form-action 'self' https://login.microsoftonline.com" in policy.split("; ")


def test_the_deployment_check_refuses_a_cache_kept_in_each_process(tmp_path):
    """Sign-in throttling and used authenticator codes would count each server process apart."""
    result = production(tmp_path, CACHE_URL="locmemcache://")
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr
    assert "django.core.cache.backends.locmem.LocMemCache" in result.stderr
    assert "kept in each server process's memory" in result.stderr


def test_the_deployment_check_takes_the_default_database_cache_or_a_shared_one(tmp_path):
    for cache_url in ("", "redis://cache.internal:6379/1"):
        result = production(tmp_path, CACHE_URL=cache_url)
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout
