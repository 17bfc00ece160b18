import pytest

from nolan.demo.council import build_demo


@pytest.fixture
def demo(db):
    """The demo council, as ``nolan demo`` builds it with the default seed."""
    return build_demo()
