"""Casework is tried on Member Enquiries' tables, the one workflow built on it so far: an enquiry
stands for any workflow's case."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.enquiries.conftest import World, build_world, raise_one


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world(Path(settings.MEDIA_ROOT))


@pytest.fixture
def case(world):
    """An enquiry from Cllr Aisha Rahman, triaged by nobody yet."""
    return raise_one(world)
