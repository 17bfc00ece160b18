"""The register's fixtures: the persona council (``ashdown``, tests/personas.py), its Members and
officers as the register names them, and a system administrator signed in."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from nolan.directory import models as d
from tests.personas import PASSWORD, make_user, totp_code


def member_of(user) -> d.Member:
    return d.Member.objects.get(user=user)


def officer_of(user) -> d.Officer:
    return d.Officer.objects.get(user=user)


@pytest.fixture
def administrator(ashdown, client):
    """A system administrator, signed in with their password and the code from their authenticator."""
    cache.clear()  # the codes already used, and sign-in throttling, are counted in the cache
    user = make_user("sysadmin@ashdown.test", "Ada", "Lovelace", second_factor=True)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    asked = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert client.post(asked["Location"], {"code": totp_code()}).status_code == 302
    return client
