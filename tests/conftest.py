import pytest
from django.core.cache import cache

from tests.personas import build_council

pytest_plugins = ["tests.infra"]


@pytest.fixture
def ashdown(db):
    """A small council with every persona (see tests/personas.py)."""
    return build_council()


@pytest.fixture(autouse=True)
def _empty_cache_after_transactional_tests(request, django_db_blocker):
    """The cache is a table in the test database (sign-in throttling, codes already used, the API's
    request counts). A test in a transaction leaves nothing in it; a transactional test has its
    tables emptied afterwards, and this empties the cache's too."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            cache.clear()
