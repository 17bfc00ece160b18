import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from tests.personas import build_council

pytest_plugins = ["tests.infra"]


@pytest.fixture(autouse=True)
def audit_head_file(settings, tmp_path):
    """Each test's own head file for the audit trail: its database is its own too."""
    settings.NOLAN_AUDIT_HEAD_FILE = str(tmp_path / "audit-head.log")
    return tmp_path / "audit-head.log"


@pytest.fixture
def ashdown(db):
    """A small council with every persona (see tests/personas.py)."""
    return build_council()


def _force_login_is_a_completed_sign_in():
    """In tests, ``client.force_login(user)`` stands for a completed sign-in: the password and, where
    the account has an authenticator, the code from it.

    Nolan refuses a session that did not use the second factor its account needs, reading allauth's
    record of the steps that signed the session in. Django's ``force_login`` records none, so here it
    records what allauth records when a person signs in with their password and code. A test about a
    session that skipped the code makes one another way (``client.login``, Django's own password check,
    records nothing); browser tests sign in for real. Set for the whole run, as sessions made once for
    a module (the visibility matrix's) need it as much as a test's own.
    """
    force_login = Client.force_login

    def signed_in(self, user, backend=None):
        force_login(self, user, backend)
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "password", email=user.email)
        for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
            record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        request.session.save()

    Client.force_login = signed_in


_force_login_is_a_completed_sign_in()


@pytest.fixture(autouse=True)
def _empty_cache_after_transactional_tests(request, django_db_blocker):
    """The cache is a table in the test database (sign-in throttling, codes already used, the API's
    request counts). A test in a transaction leaves nothing in it; a transactional test has its
    tables emptied afterwards, and this empties the cache's too."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            cache.clear()
