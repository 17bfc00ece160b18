"""Production settings are safe, and say clearly what is missing."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

NOLAN = str(Path(sys.executable).with_name("nolan"))


def run_check(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"}}
    base.update(NOLAN_MODE="production", NOLAN_HUEY_FILE=str(tmp_path / "queue" / "worker.sqlite3"), **env)
    return subprocess.run(
        [NOLAN, "check", "--deploy", "--fail-level", "WARNING"],
        env=base,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = run_check(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="nolan.ashdown.gov.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, ALLOWED_HOSTS="nolan.ashdown.gov.uk", DATABASE_URL="sqlite:///x.sqlite3")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def council_settings(tmp_path, source: str) -> dict[str, str]:
    """A council's own settings module on top of Nolan's, as a deployment may use; the environment
    that makes ``nolan`` load it with otherwise valid production settings."""
    (tmp_path / "council_settings.py").write_text("from nolan.config.settings import *  # noqa\n" + source)
    return {
        "DJANGO_SETTINGS_MODULE": "council_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "nolan.ashdown.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
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
    assert "form-action 'self' https://login.microsoftonline.com;" in result.stdout + ";"


def production(tmp_path, **env):
    return run_check(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="nolan.ashdown.gov.uk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )


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
