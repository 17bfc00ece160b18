import pytest

from tests.personas import build_council

pytest_plugins = ["tests.infra"]


@pytest.fixture
def ashdown(db):
    """A small council with every persona (see tests/personas.py)."""
    return build_council()
