"""The worker killed in the middle of a chasing run and restarted sends no reminder twice and loses none.

The real worker process (two threads, as in production: the chasing run in one, the outbox
dispatcher in the other), a real SMTP relay and the test database. 100 enquiries are overdue and
three are due soon when the chasing run starts, as at 10:00 on Tue 3 Mar 2026 (a working morning that
has passed, so the worker, reading the real clock, finds every message due at once).

The worker is killed (SIGKILL) twice:

1. while the chasing run is working through the enquiries: some are chased, the rest not yet;
2. after a restart, while the relay holds a message it has been given but not acknowledged: some
   messages delivered, one in the relay's hands, the rest queued. A relay takes responsibility for a
   message only when it acknowledges it, so the held one is dropped when the sender's connection goes.

After each kill the worker is restarted and the chasing run comes round again (as the periodic task
does every quarter of an hour), and in the end every expected message has arrived exactly once: one
chase per overdue enquiry and the handling officer's digest with the three reminders, identified by
their Message-IDs (made from the dedupe keys).
"""

from __future__ import annotations

import asyncio
import datetime
import os
import threading
import time
from collections import Counter

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from nolan.enquiries import rules, services
from nolan.enquiries.models import (
    Category,
    Chase,
    Enquiry,
    EnquiryEvent,
    EventKind,
    RoutingRule,
)
from nolan.mail import outbox
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import LONDON
from tests.infra import _TASK_ENDINGS as TASK_ENDINGS
from tests.infra import SMTPSink, Worker, database_url
from tests.personas import build_council

pytestmark = pytest.mark.django_db(transaction=True)

OVERDUE = 100
DUE_SOON = 3
SET_UP_AT = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # Mon 2 Mar 2026
CHASED_AT = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)  # Tue 3 Mar 2026, a working morning
LONG_AGO = datetime.datetime(2026, 2, 2, 10, 0, tzinfo=LONDON)  # due Mon 16 Feb 2026: overdue
LATELY = datetime.datetime(2026, 2, 19, 10, 0, tzinfo=LONDON)  # due Thu 5 Mar 2026: due soon


class HoldingRelay(SMTPSink):
    """An SMTP relay that can stop acknowledging messages until released.

    From the ``nth`` message on it holds every message it is given, however many senders there are
    (the worker runs two threads, and both may be sending). If the sender's connection goes while a
    message is held, aiosmtpd cancels the handler and the message is dropped, as a relay drops what
    it has not acknowledged. So a kill while the relay holds cannot land in the one instant SMTP
    itself cannot make safe: after a relay has accepted a message and before the sender has marked
    it sent (that message would go again)."""

    def __init__(self):
        super().__init__()
        self.hold = 0
        self.given = 0
        self.held = 0  # handlers waiting now
        self.holding = threading.Event()
        self.release = threading.Event()
        self.dropped = 0

    def hold_from_now(self, nth: int) -> None:
        """Hold the ``nth`` message given from now on, and every one after it until ``stop_holding``."""
        self.release.clear()
        self.holding.clear()
        self.hold = self.given + nth

    def stop_holding(self) -> None:
        self.hold = 0
        self.release.set()

    async def handle_DATA(self, server, session, envelope):
        self.given += 1
        if self.hold and self.given >= self.hold:
            self.held += 1
            self.holding.set()
            try:
                while not self.release.is_set():
                    await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                self.dropped += 1
                raise
            finally:
                self.held -= 1
        return await super().handle_DATA(server, session, envelope)


class ProductionWorker(Worker):
    """``nolan worker`` with two threads, as settings.HUEY["consumer"] runs it. Its log runs on
    across restarts; tasks in flight are counted since the last start (a killed task never ends)."""

    @property
    def command(self) -> list[str]:
        return ["--workers=2" if part == "--workers=1" else part for part in super().command]

    def in_flight(self) -> int:
        since_start = self.log().rpartition("consumer started")[2]
        lines = since_start.splitlines()
        started = sum("Executing " in line for line in lines)
        ended = sum(any(ending in line for ending in TASK_ENDINGS) for line in lines)
        return started - ended


@pytest.fixture
def relay():
    sink = HoldingRelay()
    sink.start()
    yield sink
    sink.release.set()
    sink.stop()


@pytest.fixture
def worker_process(django_db_setup, relay, tmp_path):
    from huey.contrib.djhuey import HUEY

    if not hasattr(HUEY.storage, "filename"):
        pytest.fail("this test needs the worker's queue file: unset NOLAN_WORKER_IMMEDIATE")
    HUEY.flush()
    environ = {
        **os.environ,
        "NOLAN_MODE": "test",
        "NOLAN_WORKER_IMMEDIATE": "false",
        "NOLAN_HUEY_FILE": HUEY.storage.filename,
        "DATABASE_URL": database_url(connection.settings_dict),
        "SECRET_KEY": settings.SECRET_KEY,
        "NOLAN_AUDIT_KEY": settings.NOLAN_AUDIT_KEY,
        "NOLAN_DELIVERY_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": relay.host,
        "EMAIL_PORT": str(relay.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": "5",
        "DEFAULT_FROM_EMAIL": "nolan@ashdown.test",
        "PYTHONUNBUFFERED": "1",
    }
    process = ProductionWorker(queue_file=HUEY.storage.filename, environ=environ, log_dir=tmp_path)
    yield process
    process.stop()
    HUEY.flush()


@pytest.fixture
def overdue_enquiries(transactional_db, settings, tmp_path):
    """100 overdue enquiries and 3 due soon, all with Sam Lee (Housing Management), raised and triaged
    through the services; the e-mail of those steps counts as sent long ago."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEFAULT_FROM_EMAIL = "nolan@ashdown.test"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    rules.clear_cache()
    # One transaction for the set-up (each service a savepoint in it), to spare a disk sync per step.
    with time_machine.travel(SET_UP_AT, tick=True), transaction.atomic():
        ashdown = build_council()
        # get_or_create: a transactional test before this one may have emptied the seeded list
        repairs, _ = Category.objects.get_or_create(name="Housing repairs")
        RoutingRule.objects.create(category=repairs, service=ashdown.housing)
        enquiries = []
        for n in range(OVERDUE + DUE_SOON):
            enquiry = services.raise_enquiry(
                actor=ashdown.councillor,
                subject=f"Repair {n + 1} at Eastgate House",
                body="The resident reports a repair that has not been done.",
                category=repairs,
                ward=ashdown.east_ward,
                received_at=LONG_AGO if n < OVERDUE else LATELY,
            )
            services.triage(actor=ashdown.member_enquiries, enquiry=enquiry, classification="member_enquiry")
            enquiries.append(enquiry)
    OutboxMessage.objects.update(sent_at=timezone.now())
    sam = ashdown.officer.officer
    overdue = list(Enquiry.objects.filter(due_date=datetime.date(2026, 2, 16), assigned_officer=sam))
    soon = list(Enquiry.objects.filter(due_date=datetime.date(2026, 3, 5), assigned_officer=sam))
    assert (len(overdue), len(soon)) == (OVERDUE, DUE_SOON)
    return ashdown, overdue, soon


def message_id(dedupe_key: str) -> str:
    return outbox.message_id(OutboxMessage(dedupe_key=dedupe_key))


def wait_until(condition, what: str, worker: Worker, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout}s for {what}\n{worker.log()}{worker.output()}")
        time.sleep(0.005)


def kill(worker: Worker) -> None:
    worker.process.kill()  # SIGKILL: no clean shutdown, no finishing the task in hand
    worker.process.wait(10)


def restart(worker: Worker, starts: int) -> None:
    """Start the worker again once the killed run's claim on the messages it was sending has run out.

    The claim is a lease (outbox.CLAIM_SECONDS, five minutes): until it runs out no other run sends
    those messages. The test does not wait five minutes; it ends the lease as the clock would."""
    OutboxMessage.objects.filter(sent_at__isnull=True).exclude(claim_token="").update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    worker.start()
    worker.wait_for_log("consumer started", count=starts, timeout=30)


def test_a_worker_killed_mid_run_and_restarted_sends_every_chase_once(
    overdue_enquiries, relay, worker_process
):
    from nolan.enquiries.tasks import chase_outstanding_now
    from nolan.mail.tasks import dispatch_outbox_now

    ashdown, overdue, soon = overdue_enquiries
    sam = ashdown.officer.officer
    expected = {message_id(f"chase:{e.pk}:2026-02-16:chase_1"): e.reference for e in overdue} | {
        message_id(f"digest:{sam.pk}:2026-03-03"): "digest"
    }

    def chased() -> int:
        return Chase.objects.count()

    # 1. Killed while the chasing run works through the enquiries (the relay acknowledges nothing
    # meanwhile, so whatever the dispatcher thread was sending is dropped with the connection).
    relay.hold_from_now(1)
    worker_process.start()
    chase_outstanding_now(at=CHASED_AT.isoformat())
    wait_until(lambda: chased() >= 10, "the chasing run to chase 10 enquiries", worker_process)
    kill(worker_process)
    wait_until(lambda: relay.held == 0, "the relay to drop what it held", worker_process, 10)
    relay.stop_holding()
    assert relay.messages == []
    first = chased()
    assert first < OVERDUE, "the chasing run should have been killed part-way through"
    # Each enquiry is either chased completely (its rung, its message, its timeline entry) or not at all.
    assert OutboxMessage.objects.filter(kind="chase").count() == first
    assert EnquiryEvent.objects.filter(kind=EventKind.CHASED).count() == first
    assert not OutboxMessage.objects.filter(kind="digest").exists()

    # 2. Restarted; the next run chases the rest; killed while the relay holds a message.
    delivered_before = len(relay.messages)
    relay.hold_from_now(3)
    restart(worker_process, starts=2)
    chase_outstanding_now(at=CHASED_AT.isoformat())
    assert relay.holding.wait(60), f"the relay was given {relay.given} messages\n{worker_process.log()}"
    kill(worker_process)
    wait_until(lambda: relay.held == 0, "the relay to drop what it held", worker_process, 10)
    relay.stop_holding()
    assert relay.dropped >= 1
    assert len(relay.messages) == delivered_before + 2 < len(expected)

    # 3. Restarted again: the periodic tasks come round (the chasing run, the dispatcher).
    restart(worker_process, starts=3)
    chase_outstanding_now(at=CHASED_AT.isoformat())
    dispatch_outbox_now()
    relay.wait_for(len(expected), timeout=120)
    worker_process.wait_until_drained(timeout=60)
    time.sleep(1)  # anything sent twice would have arrived by now

    received = Counter(m["Message-ID"] for m in relay.messages)
    assert set(received) == set(expected), "a message is missing or one was not expected"
    assert [mid for mid, n in received.items() if n > 1] == [], "a message arrived twice"
    assert len(relay.messages) == len(expected) == OVERDUE + 1
    by_id = {m["Message-ID"]: m for m in relay.messages}
    for mid, reference in expected.items():
        message = by_id[mid]
        if reference == "digest":
            assert message["To"] == '"Sam Lee" <sam.lee@ashdown.test>'
            body = message.get_payload(decode=True).decode()
            assert f"Overdue ({OVERDUE})" in body and f"Due soon ({DUE_SOON})" in body
            assert body.count("This is your reminder before the due date.") == DUE_SOON
        else:
            assert message["X-Nolan-Reference"] == reference
            assert message["Subject"].startswith(f"[{reference}] Overdue, chase 1:")
            assert message["X-RcptTo"] == "sam.lee@ashdown.test"

    # Every rung once, on each enquiry's timeline once, every message marked sent.
    rungs = Counter(Chase.objects.values_list("enquiry_id", "rung"))
    assert rungs == Counter({(e.pk, "chase_1"): 1 for e in overdue} | {(e.pk, "reminder"): 1 for e in soon})
    events = Counter(EnquiryEvent.objects.filter(kind=EventKind.CHASED).values_list("enquiry_id", flat=True))
    assert events == Counter({e.pk: 1 for e in overdue + soon})
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
