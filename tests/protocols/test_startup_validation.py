"""Nolan does not start with a profile it cannot trust: a cited paragraph the text lacks, or a missing
parameter, stops start-up with a message naming the file, the key and the paragraph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from nolan.protocols.profiles import SHIPPED_DIR

NOLAN = str(Path(sys.executable).with_name("nolan"))


def nolan_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"NOLAN_PROFILES_DIR", "NOLAN_PROTOCOL_PROFILE"}}
    base.update(
        NOLAN_MODE="test",
        NOLAN_VAR_DIR=str(tmp_path / "var"),
        NOLAN_HUEY_FILE=str(tmp_path / "var" / "worker.sqlite3"),
        **env,
    )
    return subprocess.run(
        [NOLAN, "check"], env=base, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def council_profile(tmp_path: Path, slug: str, old: str, new: str) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    text = (SHIPPED_DIR / f"{slug}.toml").read_text()
    assert old in text
    path = folder / f"{slug}.toml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_the_shipped_profiles_pass(tmp_path):
    result = nolan_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "protocol profiles have problems" not in result.stderr


def test_a_citation_the_text_lacks_stops_start_up(tmp_path):
    path = council_profile(tmp_path, "islington", 'cite = ["4.2(b)"]', 'cite = ["4.2(q)"]')
    result = nolan_check(tmp_path, NOLAN_PROFILES_DIR=str(path.parent))
    assert result.returncode != 0
    assert "The council protocol profiles have problems, so Nolan cannot start" in result.stderr
    assert (
        f"{path}: [groups.joint_briefing_notice] cites paragraph 4.2(q), which Islington's protocol text "
        "does not have"
    ) in result.stderr


def test_a_missing_parameter_stops_start_up(tmp_path):
    text = (SHIPPED_DIR / "haringey.toml").read_text()
    start = text.index("[contact.urgent_out_of_hours]")
    table = text[start : text.index("\n\n", start) + 2]
    path = council_profile(tmp_path, "haringey", table, "")
    result = nolan_check(tmp_path, NOLAN_PROFILES_DIR=str(path.parent), NOLAN_PROTOCOL_PROFILE="haringey")
    assert result.returncode != 0
    assert f"{path}: [contact.urgent_out_of_hours] is missing." in result.stderr


def test_an_unknown_configured_profile_stops_start_up(tmp_path):
    result = nolan_check(tmp_path, NOLAN_PROTOCOL_PROFILE="ashdown")
    assert result.returncode != 0
    assert "NOLAN_PROTOCOL_PROFILE is 'ashdown', which Nolan cannot use" in result.stderr
    assert "There is no protocol profile 'ashdown'" in result.stderr


def test_ready_raises_improperly_configured(tmp_path, monkeypatch):
    path = council_profile(tmp_path, "leeds", 'cite = ["4.5"]', 'cite = ["4.55"]')
    monkeypatch.setenv("NOLAN_PROFILES_DIR", str(path.parent))
    with pytest.raises(ImproperlyConfigured) as error:
        apps.get_app_config("protocols").ready()
    assert f"{path}: [relationships.declared_to] cites paragraph 4.55" in str(error.value)
