import pytest

from nolan.demo.council import build_demo


@pytest.fixture
def demo(db):
    """The demo council, as ``nolan demo`` builds it with the default seed (without its Member
    Enquiries, which ``test_demo_enquiries`` builds and tests)."""
    return build_demo(enquiries=False)
