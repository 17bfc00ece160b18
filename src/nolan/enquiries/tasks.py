"""Member Enquiries' work for the worker: the chasing run (with the officers' daily digests), closing
answered enquiries and following the directory. Their e-mail goes through the outbox (``nolan.mail``),
whose dispatcher is ``nolan.mail.tasks``. Two chasing runs at once are safe: each rung is a unique
``Chase`` row, and each digest a unique outbox key.
"""

from __future__ import annotations

import datetime

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from nolan.enquiries import chasing, services

# Chasing and the daily digest (see ``chasing`` and ``digest_section``) -----------------------------------


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
    return services.close_expired()


# Who may see an enquiry, as the directory stands today ----------------------------------------------


@db_periodic_task(crontab(hour="0", minute="20"))
def refresh_enquiry_access() -> int:
    """Every night: follow the directory as it stands today. A directory step saved today is applied
    at once (``nolan.directory.moves``), but a post dated to start or end on a later day, or a leaving
    date ahead, takes effect on that day with nobody saving anything; this run applies it: an open
    enquiry whose officer has left its service goes back to the team (the team told), and who may see
    open enquiries is rewritten. Returns how many enquiries' access changed (each one audited)."""
    return services.follow_directory()
