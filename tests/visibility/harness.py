"""The visibility matrix's machinery: what an entry says, how a request is made, and how two answers
are compared. The entries themselves are in ``tests.visibility.matrix``.

Two answers are the same when their status, Location and Content-Type are the same and their bodies are
byte-identical once what legitimately varies per request is taken out:

- the reference or id that was asked for, wherever the answer repeats it (a login link's ``next=``, a
  "There is no enquiry with reference ..." message): the real one and the missing one both become
  ``<asked>``;
- CSRF tokens, and the nonces a Content-Security-Policy puts on script and style elements.

Every other header (cookies, caching, a Content-Security-Policy, Vary) is left out of the comparison.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import quote

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

# What a persona gets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What someone who may see the page gets: a status and, for a redirect, where it goes (the
    Location starts with ``location``)."""

    status: int
    location: str | None = None

    def __str__(self) -> str:
        return f"{self.status} to {self.location}" if self.location is not None else str(self.status)


class Hidden:
    """Whoever may not see the thing gets what they would get for one that does not exist: the same
    status, Location, Content-Type and body (see the module's docstring), and the request changes
    nothing in the database."""

    def __repr__(self) -> str:
        return "HIDDEN"

    __str__ = __repr__


HIDDEN = Hidden()


@dataclass(frozen=True)
class Elsewhere:
    """Not requested by the matrix (a write this persona may make): ``where`` says which tests take it."""

    where: str

    def __str__(self) -> str:
        return f"tested elsewhere ({self.where})"


#: A target the persona does not ask for, because their answer to it cannot differ from their answer
#: to another they do ask for (an outsider's answer to a step page does not depend on the step or the
#: enquiry's state: the page looks the enquiry up first). tests.visibility.matrix says where it is used.
NOT_ASKED = Elsewhere("another target of the same kind")

Expected = Outcome | Hidden | Elsewhere


@dataclass(frozen=True)
class Target:
    """One URL the matrix asks for. ``missing`` is the same URL for a reference or id that does not
    exist (only an object's URL has one; HIDDEN needs it). ``enquiry`` names the enquiry the URL is
    about (a key of ``Places.enquiries``) and ``step`` the step page, for the rules that depend on them."""

    path: str
    missing: str | None = None
    enquiry: str | None = None
    step: str | None = None
    among: tuple[str, ...] = ()  # a list: the enquiries it would show someone who sees every one
    outsiders: bool = True  # False: only those who see the enquiry ask for it (see NOT_ASKED)


#: A rule: the outcome for each persona, or a function of the persona and the target.
Rule = Mapping[str, Expected] | Callable[[str, Target], Expected]


@dataclass(frozen=True)
class Entry:
    """One URL pattern (a page) or one API operation, with who gets what.

    ``key``: the route as the resolver spells it (a page) or "METHOD /path/{as}/the/schema/has/it/"
    (an API operation). ``targets`` builds the URLs to ask for from the council the matrix builds.
    ``body``: sent with an unsafe method (form fields for a page, JSON for the API), or a function of
    the council the matrix builds that returns it.
    ``outsiders_post``: a page only: everyone HIDDEN from a target also POSTs these form fields to it,
    and must get what a missing one gets and change nothing.
    ``references_shown_to``: personas this page may show enquiry references to (not their contents).
    ``check``: a further check of a 2xx answer (e.g. that a count counts only what the persona sees):
    called with the persona, the target and the response; returns a message if it fails.
    ``in_turn``: some personas ask none of its targets, because they ask a page of the same kind in
    turn (the system administration's record pages); otherwise every persona must ask one.
    """

    key: str
    route: str
    method: str
    targets: Callable[..., Sequence[Target]]
    expect: Rule
    body: Mapping | None = None
    json: bool = False
    outsiders_post: Mapping | None = None
    references_shown_to: frozenset[str] = frozenset()
    check: Callable[..., str | None] | None = None
    in_turn: bool = False

    def expected(self, persona: str, target: Target) -> Expected:
        if callable(self.expect):
            return self.expect(persona, target)
        return self.expect[persona]


def cells(*pairs: tuple[str | Iterable[str], Expected], personas: Sequence[str]) -> dict[str, Expected]:
    """Outcomes by persona from (persona or group, outcome) pairs; a later pair overrides an earlier one.
    Every persona must be given one."""
    out: dict[str, Expected] = {}
    for who, outcome in pairs:
        for persona in (who,) if isinstance(who, str) else who:
            if persona not in personas:
                raise ValueError(f"{persona!r} is not a persona of the matrix")
            out[persona] = outcome
    missing = [p for p in personas if p not in out]
    if missing:
        raise ValueError(f"no outcome for {', '.join(missing)}")
    return out


# Asking -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    method: str
    path: str
    status: int
    location: str
    content_type: str
    body: str
    writes: tuple[str, ...] = field(default=(), compare=False)

    def show(self) -> str:
        where = f" to {self.location}" if self.location else ""
        return f"{self.method} {self.path}: {self.status}{where} ({self.content_type})"


#: Statements that change data. Writes to the session and the cache tables are not changes to data.
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _ignored_tables() -> tuple[str, ...]:
    tables = ["django_session"]
    for cache in settings.CACHES.values():
        if cache.get("BACKEND", "").endswith("DatabaseCache"):
            tables.append(cache["LOCATION"])
    return tuple(tables)


class Asker:
    """Asks as each persona: one session per persona, made once; every request starts from that session
    cookie alone (no message or CSRF cookie left over from the last one) and runs in a savepoint that
    is rolled back, so nothing a request writes is seen by the next."""

    def __init__(self, sessions: Mapping[str, str | None]):
        self._sessions = sessions
        self._clients = {persona: Client(raise_request_exception=False) for persona in sessions}
        self._ignored = _ignored_tables()

    def ask(
        self,
        persona: str,
        method: str,
        path: str,
        body: Mapping | None = None,
        *,
        as_json=False,
        writes=False,
    ) -> Answer:
        """The answer to one request. ``writes``: also list the statements that changed data."""
        client = self._clients[persona]
        session = self._sessions[persona]
        client.cookies = SimpleCookie()
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        kwargs = {}
        if body is not None:
            kwargs = (
                {"data": json.dumps(body), "content_type": "application/json"} if as_json else {"data": body}
            )
        connection.queries_log.clear()  # the log keeps only the last 9000: start each request empty
        capture = CaptureQueriesContext(connection) if writes else contextlib.nullcontext()
        with transaction.atomic(), capture:
            response = getattr(client, method.lower())(path, **kwargs)
            # The test client closes a response itself (a streamed one once it has been read).
            content = b"".join(response.streaming_content) if response.streaming else response.content
            transaction.set_rollback(True)
        changed = tuple(
            q["sql"]
            for q in (capture.captured_queries if writes else ())
            if _WRITE.match(q["sql"]) and not any(table in q["sql"] for table in self._ignored)
        )
        return Answer(
            method=method,
            path=path,
            status=response.status_code,
            location=response.get("Location", ""),
            content_type=response.get("Content-Type", ""),
            body=content.decode("utf-8", errors="replace"),
            writes=changed,
        )


# Comparing --------------------------------------------------------------------------------------------

ASKED = "<asked>"
_CSRF = re.compile(
    r'(name="csrfmiddlewaretoken"\s+value=")[^"]*(")|(value=")[^"]*("\s+name="csrfmiddlewaretoken")'
)
_NONCE = re.compile(r'(\snonce=")[^"]*(")')


def asked_values(path: str, other: str) -> list[str]:
    """What differs between a URL and its twin for a missing reference: the whole path (in each
    encoding a page may repeat it) and each differing segment."""
    values = []
    for one in (path, other):
        values += [quote(one, safe=""), quote(one, safe="/"), quote(one), one]
    mine, theirs = path.split("?")[0].split("/"), other.split("?")[0].split("/")
    if len(mine) == len(theirs):
        values += [a for a, b in zip(mine, theirs, strict=True) if a != b]
        values += [b for a, b in zip(mine, theirs, strict=True) if a != b]
    return sorted(set(values), key=len, reverse=True)


def _without_asked(text: str, values: Sequence[str]) -> str:
    for value in values:
        if "/" in value or "%" in value:
            text = text.replace(value, ASKED)
        else:  # a reference or id on its own, not as part of a longer word or number
            text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", ASKED, text)
    return text


def normalised(answer: Answer, values: Sequence[str]) -> tuple[int, str, str, str]:
    body = _CSRF.sub(r"\1\2\3\4", answer.body)
    body = _NONCE.sub(r"\1\2", body)
    return (
        answer.status,
        _without_asked(answer.location, values),
        answer.content_type,
        _without_asked(body, values),
    )


def difference(real: Answer, missing: Answer) -> str | None:
    """None if the two answers are the same (see the module's docstring), else what differs."""
    values = asked_values(real.path, missing.path)
    mine, theirs = normalised(real, values), normalised(missing, values)
    if mine == theirs:
        return None
    lines = [f"    real:    {real.show()}", f"    missing: {missing.show()}"]
    if mine[3] != theirs[3]:
        diff = difflib.unified_diff(
            theirs[3].splitlines(), mine[3].splitlines(), "missing", "real", n=1, lineterm=""
        )
        shown = [f"      {line[:200]}" for line in list(diff)[2:40]]
        lines += ["    the bodies differ (- missing, + real):", *shown]
    return "\n".join(lines)


_TABLE = re.compile(r'^\s*(\w+)\s+(?:INTO\s+|FROM\s+)?"?(\w+)"?', re.IGNORECASE)


def what_changed(answer: Answer) -> list[str]:
    """The answer's writes as "VERB table" (the values differ from one request to the next)."""
    return sorted(" ".join(_TABLE.match(sql).groups()).upper() for sql in answer.writes)


def tracer_found(answer: Answer, tracers: Iterable[str], values: Sequence[str] = ()) -> str | None:
    """The first tracer the answer shows (after taking out what was asked for), with its context."""
    text = (
        _without_asked(answer.location + "\n" + answer.body, values)
        if values
        else answer.location + answer.body
    )
    for tracer in tracers:
        at = text.find(tracer)
        if at >= 0:
            context = text[max(0, at - 80) : at + len(tracer) + 40].replace("\n", " ")
            return f"{tracer!r} in …{context}…"
    return None
