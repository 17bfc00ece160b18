"""Real servers the tests need, started on 127.0.0.1 by fixtures and stopped afterwards.

- ``smtp_sink``: a real SMTP server (aiosmtpd) on a free port that keeps every message it receives.
  The test's settings point EMAIL_HOST/EMAIL_PORT at it.
- ``worker``: the real background worker (``nolan worker``) as a separate process, sharing the test
  session's queue file and the test database, delivering e-mail to the sink.

How tests see e-mail: pytest-django swaps EMAIL_BACKEND for Django's in-memory backend, so ordinary
tests read ``django.core.mail.outbox`` and nothing is queued (a workflow's messages are outbox rows,
which a test sends with ``nolan.mail.outbox.dispatch_due``). A test about the worker sets
``settings.EMAIL_BACKEND = "nolan.mail.backends.OutboxEmailBackend"`` and uses ``worker`` and
``smtp_sink`` to follow a message through the outbox to a real SMTP server.

The queue file: settings read NOLAN_HUEY_FILE once, before this plugin loads (pytest-django sets
Django up while pytest reads its configuration). Unless NOLAN_HUEY_FILE is set already, the session
gets its own queue file in a temporary folder, so tests never put tasks into the demo's var/ queue.
For the same reason an SQLite test database is a file in that folder rather than in memory: the
worker is another process and must be able to open it (measured: the suite takes the same time,
about 10s, either way). The audit trail's head file is in that folder too (and each test has its
own, from the ``audit_head_file`` fixture).
"""

from __future__ import annotations

import contextlib
import email
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email.message import Message
from pathlib import Path
from urllib.parse import quote

import pytest

SESSION_DIR_ENV = "NOLAN_TEST_SESSION_DIR"


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    session_dir = Path(tempfile.mkdtemp(prefix="nolan-tests-"))
    config.stash[_session_dir_key] = session_dir
    os.environ[SESSION_DIR_ENV] = str(session_dir)

    if "NOLAN_HUEY_FILE" not in os.environ:
        queue_file = str(session_dir / "worker.sqlite3")
        os.environ["NOLAN_HUEY_FILE"] = queue_file
        settings.HUEY["filename"] = queue_file
        if "filename" in HUEY.storage_kwargs:  # not in immediate mode, which keeps the queue in memory
            HUEY.storage_kwargs["filename"] = queue_file
            HUEY.storage = HUEY.create_storage()

    if "NOLAN_AUDIT_HEAD_FILE" not in os.environ:
        # Never the demo's var/audit-head.log: a test database's lines there would disagree with the demo.
        head_file = str(session_dir / "audit-head.log")
        os.environ["NOLAN_AUDIT_HEAD_FILE"] = head_file
        settings.NOLAN_AUDIT_HEAD_FILE = head_file

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_settings = database.setdefault("TEST", {})
        if not test_settings.get("NAME"):
            test_settings["NAME"] = str(session_dir / "test.sqlite3")


def pytest_unconfigure(config: pytest.Config) -> None:
    session_dir = config.stash.get(_session_dir_key, None)
    if session_dir is not None:
        shutil.rmtree(session_dir, ignore_errors=True)


_session_dir_key = pytest.StashKey[Path]()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# SMTP sink -------------------------------------------------------------------------------------------


class SMTPSink:
    """A real SMTP server on 127.0.0.1 that keeps what it receives.

    ``messages`` holds each message parsed as ``email.message.Message``, with the envelope added as
    ``X-MailFrom`` and ``X-RcptTo`` headers (so Bcc recipients, which never appear in the headers,
    can be checked). ``stop()`` and ``start()`` take it down and bring it back on the same port.
    """

    host = "127.0.0.1"

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list[Message] = []
        self._received = threading.Condition()
        self._controller = None

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope):  # the hook aiosmtpd calls for each message
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        message["X-MailFrom"] = envelope.mail_from
        message["X-RcptTo"] = ", ".join(envelope.rcpt_tos)
        with self._received:
            self.messages.append(message)
            self._received.notify_all()
        return "250 Message accepted for delivery"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        if self._controller is None:
            controller = Controller(self, hostname=self.host, port=self.port)
            controller.start()
            self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def clear(self) -> None:
        with self._received:
            self.messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10) -> list[Message]:
        """Wait until at least ``count`` messages have arrived; fail the test if they do not."""
        with self._received:
            if not self._received.wait_for(lambda: len(self.messages) >= count, timeout=timeout):
                pytest.fail(
                    f"the SMTP sink received {len(self.messages)} message(s) in {timeout}s, expected {count}"
                )
            return list(self.messages)


@pytest.fixture(scope="session")
def _smtp_server():
    sink = SMTPSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_sink(_smtp_server: SMTPSink, settings):
    """A running SMTP sink, emptied for this test, with Django's SMTP settings pointing at it."""
    _smtp_server.start()  # in case an earlier test stopped it and failed before starting it again
    _smtp_server.clear()
    settings.EMAIL_HOST = _smtp_server.host
    settings.EMAIL_PORT = _smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield _smtp_server
    _smtp_server.start()


# The background worker -----------------------------------------------------------------------------

# One line per ending of a task the consumer has started ("Executing ..."), from huey.api.Huey._execute.
_TASK_ENDINGS = (
    " executed in ",
    "Unhandled exception in task",
    " timed out after ",
    " rate-limited on ",
    " not run, ",
    " raised RetryTask",
    " raised CancelExecution",
    " did not finish",
)


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (in a test: the test database)."""
    engine = settings_dict["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    if engine.startswith("django.db.backends.postgresql"):
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or ""
        if host.startswith("/"):  # a Unix socket folder
            host = quote(host, safe="")
        port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"
    raise NotImplementedError(f"no DATABASE_URL for {engine}")


class Worker:
    """``nolan worker`` (huey's consumer) running as a child process for one test."""

    def __init__(self, *, queue_file: str, environ: dict[str, str], log_dir: Path):
        self.queue_file = queue_file
        self.environ = environ
        self.log_file = log_dir / "worker.log"  # huey's own log: one line per task started and ended
        self.output_file = log_dir / "worker.out"  # anything else the process prints
        self.process: subprocess.Popen | None = None

    @property
    def command(self) -> list[str]:
        nolan = Path(sys.executable).with_name("nolan")
        program = [str(nolan)] if nolan.exists() else [sys.executable, "-m", "nolan.cli"]
        return [
            *program,
            "worker",
            "--workers=1",
            "--worker-type=thread",
            # poll often, so a test is not kept waiting by the consumer's back-off (up to 10s by default)
            "--delay=0.05",
            "--max-delay=0.2",
            "--scheduler-interval=1",
            # periodic tasks (chasing, digests) are tested by calling them, not by waiting for the clock
            "--no-periodic",
            f"--logfile={self.log_file}",
        ]

    def start(self, timeout: float = 30) -> None:
        with open(self.output_file, "ab") as output:
            self.process = subprocess.Popen(
                self.command,
                env=self.environ,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self._wait(lambda: "consumer started" in self.log(), timeout, "the worker to start")

    def stop(self, timeout: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # huey's graceful shutdown: finish the running task
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def output(self) -> str:
        try:
            return self.output_file.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def in_flight(self) -> int:
        """Tasks the consumer has started and not yet finished, counted from its log."""
        lines = self.log().splitlines()
        started = sum("Executing " in line for line in lines)
        ended = sum(any(ending in line for ending in _TASK_ENDINGS) for line in lines)
        return started - ended

    def wait_for_log(self, text: str, timeout: float = 10, count: int = 1) -> None:
        """Wait until ``text`` appears ``count`` times in the worker's log."""
        self._wait(lambda: self.log().count(text) >= count, timeout, f"{text!r} in the worker's log")

    def wait_until_drained(self, timeout: float = 15) -> None:
        """Wait until no task is queued, scheduled (e.g. waiting to retry) or running."""
        from huey.contrib.djhuey import HUEY

        def drained() -> bool:
            return HUEY.pending_count() == 0 and HUEY.scheduled_count() == 0 and self.in_flight() == 0

        self._wait(drained, timeout, "the worker's queue to drain")

    def _wait(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process is not None and self.process.poll() is not None:
                pytest.fail(
                    f"the worker exited with status {self.process.returncode} while waiting for {what}\n"
                    f"{self.output()}{self.log()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout}s for {what}\n--- worker log ---\n{self.log()}{self.output()}")
            time.sleep(0.05)


@pytest.fixture
def worker(django_db_setup, _smtp_server: SMTPSink, tmp_path):
    """The real worker process for this test, on the test database, delivering to the SMTP sink.

    The queue is emptied before it starts. Tasks read the test database through their own
    connection, so a test whose tasks read rows must commit them: use ``transactional_db``.
    """
    from django.conf import settings
    from django.db import connection
    from huey.contrib.djhuey import HUEY

    if not hasattr(HUEY.storage, "filename"):
        pytest.fail("the worker fixture needs a queue file: unset NOLAN_WORKER_IMMEDIATE")
    test_database = database_url(connection.settings_dict)  # django_db_setup has renamed it to the test's
    HUEY.flush()

    environ = {
        **os.environ,
        "NOLAN_MODE": "test",
        "NOLAN_WORKER_IMMEDIATE": "false",
        "NOLAN_HUEY_FILE": HUEY.storage.filename,
        "DATABASE_URL": test_database,
        "SECRET_KEY": settings.SECRET_KEY,
        "NOLAN_AUDIT_KEY": settings.NOLAN_AUDIT_KEY,
        "NOLAN_DELIVERY_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": _smtp_server.host,
        "EMAIL_PORT": str(_smtp_server.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": "5",
        "NOLAN_EMAIL_RETRY_DELAY": str(settings.NOLAN_EMAIL_RETRY_DELAY),
        "PYTHONUNBUFFERED": "1",
    }
    process = Worker(queue_file=HUEY.storage.filename, environ=environ, log_dir=tmp_path)
    process.start()
    yield process
    process.stop()
    with contextlib.suppress(Exception):
        HUEY.flush()
