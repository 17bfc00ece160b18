"""The outbox is tested with the messages a Member Enquiry's steps queue (the enquiry fixtures), and
Django's own mail through the worker with the relay that can hold a message (the worker restart's)."""

from tests.enquiries.conftest import frozen, world  # noqa: F401 - fixtures
from tests.enquiries.test_worker_restart import relay, worker_process  # noqa: F401 - fixtures
