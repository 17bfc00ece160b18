"""Sign-in throttling and the refusal of a used authenticator code hold across server processes.

Each test runs part of a sign-in in another process (``nolan shell`` on the test database, as a
second web server process would be) and the rest here. Transactional, so that the other process sees
the council and this one sees what the other wrote to the cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.conf import settings
from django.db import connection

from tests.infra import database_url
from tests.personas import PASSWORD, TOTP_SECRET, build_council, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN = "/account/login/"


@pytest.fixture
def ashdown(transactional_db):
    return build_council()


def in_another_process(tmp_path: Path, code: str, **values: str) -> str:
    """Run ``code`` in ``nolan shell`` on the test database, with ``values`` in its environment;
    what it prints."""
    nolan = Path(sys.executable).with_name("nolan")
    program = [str(nolan)] if nolan.exists() else [sys.executable, "-m", "nolan.cli"]
    environ = {
        **os.environ,
        "NOLAN_MODE": "test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "SECRET_KEY": settings.SECRET_KEY,
        "NOLAN_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        **values,
    }
    result = subprocess.run(
        [*program, "shell", "--no-imports", "-c", code],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


USE_THE_CODE = """
import os
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
authenticator = Authenticator.objects.get(user__email=os.environ["EMAIL"], type="totp")
print("accepted" if TOTP(authenticator).validate_code(os.environ["CODE"]) else "refused")
"""


def test_a_code_used_in_one_process_is_refused_in_another(client, ashdown, tmp_path):
    # Start early in the code's 30 seconds, so that it is still the app's code when it comes back here.
    if 30 - time.time() % 30 < 12:
        time.sleep(30 - time.time() % 30 + 0.5)
    code = totp_code()
    assert in_another_process(tmp_path, USE_THE_CODE, EMAIL=ashdown.director.email, CODE=code) == "accepted"

    password = client.post(LOGIN, {"login": ashdown.director.email, "password": PASSWORD})
    assert password["Location"].startswith("/account/2fa/authenticate")
    replayed = client.post(password["Location"], {"code": code})
    assert replayed.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Incorrect code" in replayed.content.decode()
    assert validate_totp_code(TOTP_SECRET, code), "the code is still the app's: refused as used, not as old"


WRONG_PASSWORDS = """
import os
from django.test import Client
client = Client()
for _ in range(int(os.environ["TIMES"])):
    client.post("/account/login/", {"login": os.environ["EMAIL"], "password": "guess-guess-guess"})
    assert "_auth_user_id" not in client.session
print("done")
"""


def test_failed_sign_ins_in_two_processes_add_up_to_the_lock_out(client, ashdown, tmp_path):
    """The lock-out comes at five failures (ACCOUNT_RATE_LIMITS), three here and two there."""
    email = ashdown.councillor.email
    assert in_another_process(tmp_path, WRONG_PASSWORDS, EMAIL=email, TIMES="3") == "done"
    for _ in range(2):
        assert client.post(LOGIN, {"login": email, "password": "guess-guess-guess"}).status_code == 200

    response = client.post(LOGIN, {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
