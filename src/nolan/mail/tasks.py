"""The worker's outbox dispatcher: every minute, straight after a step that queued e-mail, and when a
message that failed is due to be tried again.

Two dispatch runs at once are safe: each claims its own rows (``outbox.claim``).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nolan.mail import outbox

log = logging.getLogger(__name__)


def _dispatch() -> dict[str, int]:
    counts = outbox.dispatch_due()
    if counts["retrying"]:
        # Try again when the first failed message is due (NOLAN_EMAIL_RETRY_DELAY after the failure),
        # rather than at the next minute's run.
        when = outbox.next_attempt()
        if when is not None:
            dispatch_outbox_now.schedule(eta=when)
    return counts


@db_periodic_task(crontab(minute="*"))
def dispatch_outbox() -> dict[str, int]:
    return _dispatch()


@db_task()
def dispatch_outbox_now() -> dict[str, int]:
    return _dispatch()


def wake_dispatcher() -> None:
    """Ask the worker to send what is due now rather than at the next minute (call it after commit)."""
    try:
        dispatch_outbox_now()
    except Exception:
        # The worker's queue being unavailable must never fail a step that has committed: the
        # periodic task sends the message at the next minute anyway.
        log.warning("Could not wake the outbox dispatcher", exc_info=True)
