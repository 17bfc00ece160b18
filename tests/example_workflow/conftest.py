import pytest
from django.db import connection

from tests.example_workflow.models import Concern, ConcernAccess, ConcernEntry

MODELS = (Concern, ConcernEntry, ConcernAccess)


@pytest.fixture(scope="module")
def example_tables(django_db_setup, django_db_blocker):
    """The test workflow's tables, for this module only: dropped afterwards, so that emptying the
    database after another module's transactional tests never meets their foreign keys."""
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    yield
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        for model in reversed(MODELS):
            editor.delete_model(model)
