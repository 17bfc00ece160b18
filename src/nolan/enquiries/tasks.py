"""The worker's outbox dispatcher: every minute, and straight after a step that queued e-mail.

Chasing and digests are other tasks, built on the same outbox (``outbox.enqueue`` with the keys
``chase:<enquiry>:<due date>:<rung>`` and ``digest:<officer>:<date>``). Two dispatch runs at once are
safe: each claims its own rows; so are two chasing runs (each rung is a unique ``Chase`` row).
"""

from __future__ import annotations

import datetime

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nolan.enquiries import chasing, outbox


@db_periodic_task(crontab(minute="*"))
def dispatch_outbox() -> dict[str, int]:
    return outbox.dispatch_due()


@db_task()
def dispatch_outbox_now() -> dict[str, int]:
    return outbox.dispatch_due()


# Chasing and the daily digest (see ``chasing`` and ``digests``) -------------------------------------


@db_periodic_task(crontab(minute="*/15"))
def chase_outstanding() -> dict:
    """Every quarter of an hour: the chasing ladder and the officers' digests. A run before the working
    day starts, or on a non-working day, does nothing; a repeated run reaches nothing twice, so a
    worker restarted after a crash simply carries on at the next quarter."""
    return chasing.run().as_dict()


@db_task()
def chase_outstanding_now(at: str | None = None) -> dict:
    """The same run on demand; ``at`` (ISO 8601) runs it as at that moment instead of now."""
    now = datetime.datetime.fromisoformat(at) if at else None
    return chasing.run(now=now).as_dict()


# Closing answered enquiries whose follow-up window has passed -------------------------------------


@db_periodic_task(crontab(hour="0", minute="10"))
def close_answered_enquiries() -> int:
    """Every night: an answered enquiry the Member has not come back on within the profile's
    follow-up window closes, saying why, and the Member is told. Returns how many closed."""
    from nolan.enquiries import services

    return services.close_expired()


# Who may see an enquiry, as the directory stands today ----------------------------------------------


@db_periodic_task(crontab(hour="0", minute="20"))
def refresh_enquiry_access() -> int:
    """Every night: follow the directory as it stands today. A directory step saved today is applied
    at once (``nolan.directory.moves``), but a post dated to start or end on a later day, or a leaving
    date ahead, takes effect on that day with nobody saving anything; this run applies it: an open
    enquiry whose officer has left its service goes back to the team (the team told), and who may see
    open enquiries is rewritten. Returns how many enquiries' access changed (each one audited)."""
    from nolan.enquiries import services

    return services.follow_directory()
