"""The worker's outbox dispatcher: every minute, and straight after a step that queued e-mail.

Chasing and digests are other tasks, built on the same outbox (``outbox.enqueue`` with the keys
``chase:<enquiry>:<rung>`` and ``digest:<officer>:<date>``). Two dispatch runs at once are safe:
each claims its own rows.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nolan.enquiries import outbox


@db_periodic_task(crontab(minute="*"))
def dispatch_outbox() -> dict[str, int]:
    return outbox.dispatch_due()


@db_task()
def dispatch_outbox_now() -> dict[str, int]:
    return outbox.dispatch_due()
