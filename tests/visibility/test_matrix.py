"""The visibility matrix (tests/visibility/matrix.py), asked of the site as each persona.

For each URL pattern and API operation, every persona asks for every target: whoever may see it gets
the page (or the redirect or refusal it gives by design); whoever may not gets exactly what a missing
reference gets, and changes nothing. Every answer is searched for the tracers of the enquiries
outside the persona's circle. A URL pattern or API operation missing from the matrix fails here, with
how to register it.

One test per entry (a known failure of one persona is its own xfail(strict=True) test), all on one
council built once for the module (tests/visibility/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator

from nolan.enquiries.views.enquiry import STEPS as STEP_PAGES
from tests.visibility import matrix
from tests.visibility.harness import (
    HIDDEN,
    NOT_ASKED,
    Answer,
    Elsewhere,
    Entry,
    Outcome,
    Target,
    asked_values,
    difference,
    tracer_found,
    what_changed,
)
from tests.visibility.matrix import (
    CIRCLES,
    DIRECTORY_TRACERS,
    ENTRIES,
    KNOWN_FAILURES,
    NON_READERS,
    PERSONAS,
    RAISED_BY,
)

pytestmark = pytest.mark.django_db

BY_KEY = {entry.key: entry for entry in ENTRIES}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
REGISTER = "tests/visibility/matrix.py (see 'How to register a page' at its top)"


# Asking every persona -----------------------------------------------------------------------------------


def _cells():
    for entry in ENTRIES:
        failing = sorted(persona for key, persona in KNOWN_FAILURES if key == entry.key)
        yield pytest.param(entry.key, tuple(p for p in PERSONAS if p not in failing), id=entry.key)
        for persona in failing:
            reason = KNOWN_FAILURES[(entry.key, persona)]
            mark = pytest.mark.xfail(strict=True, reason=reason)
            yield pytest.param(entry.key, (persona,), id=f"{entry.key}[{persona}]", marks=mark)


@pytest.fixture(autouse=True)
def _no_throttle_counted():
    cache.clear()  # the API's throttle and allauth's rate limits count in the cache


@pytest.mark.parametrize("key, personas", list(_cells()))
def test_each_persona_gets_what_the_matrix_says(key, personas, places, asker):
    entry = BY_KEY[key]
    failures = Cells(entry, places, asker).check(personas)
    assert not failures, f"{len(failures)} cell(s) of {entry.key!r} do not hold:\n\n" + "\n\n".join(failures)


class Cells:
    """The checks of one entry, for each persona and target, with every failure collected."""

    def __init__(self, entry: Entry, places, asker):
        self.entry = entry
        self.places = places
        self.asker = asker
        self.body = entry.body(places) if callable(entry.body) else entry.body
        self.failures: list[str] = []
        self._missing: dict[tuple, Answer] = {}

    def check(self, personas) -> list[str]:
        targets = self.entry.targets(self.places)
        for target in targets:
            self._resolves(target)
        for persona in personas:
            asked = any(self.entry.expected(persona, target) is not NOT_ASKED for target in targets)
            if not asked and not self.entry.in_turn:
                self.failures.append(f"{persona} asks for none of the targets: give them one")
            for target in targets:
                expected = self.entry.expected(persona, target)
                if isinstance(expected, Elsewhere):
                    continue
                if expected is HIDDEN:
                    self._hidden(persona, target, self.entry.method, self.body, as_json=self.entry.json)
                    if self.entry.outsiders_post is not None:
                        self._hidden(persona, target, "POST", self.entry.outsiders_post, as_json=False)
                else:
                    self._sees(persona, target, expected)
        return self.failures

    def _fail(self, persona: str, method: str, path: str, expected, text: str) -> None:
        self.failures.append(f"{method} {path} as {persona} (expected {expected}):\n{text}")

    def _resolves(self, target: Target) -> None:
        for path in filter(None, (target.path, target.missing)):
            route = _route_of(path.split("?")[0])
            if _shape(route) != _shape(self.entry.route):
                self.failures.append(f"{path} is not a URL of {self.entry.route!r} (it is one of {route!r})")

    def _ask(self, persona: str, method: str, path: str, body, as_json: bool, writes: bool = False) -> Answer:
        return self.asker.ask(persona, method, path, body, as_json=as_json, writes=writes)

    def _hidden(self, persona: str, target: Target, method: str, body, *, as_json: bool) -> None:
        if target.missing is None:
            self._fail(
                persona, method, target.path, HIDDEN, "    the target has no twin for a missing reference"
            )
            return
        real = self._ask(persona, method, target.path, body, as_json, writes=True)
        key = (persona, method, target.missing)
        if key not in self._missing:
            self._missing[key] = self._ask(persona, method, target.missing, body, as_json, writes=True)
        missing = self._missing[key]
        problems = []
        if (differs := difference(real, missing)) is not None:
            problems.append("    the answer is not what a missing reference gets:\n" + differs)
        if what_changed(real) != what_changed(missing):
            problems.append(
                "    it changed the database, which a missing reference does not:\n"
                + "\n".join(f"      {sql[:160]}" for sql in real.writes)
            )
        values = asked_values(target.path, target.missing)
        if found := tracer_found(real, self._forbidden(persona), values):
            problems.append(f"    the answer shows {found}")
        if problems:
            self._fail(persona, method, target.path, HIDDEN, "\n".join(problems))

    def _sees(self, persona: str, target: Target, expected: Outcome) -> None:
        method = self.entry.method
        answer = self._ask(persona, method, target.path, self.body, self.entry.json, writes=method in UNSAFE)
        problems = []
        if answer.status != expected.status or (
            expected.location is not None and not answer.location.startswith(expected.location)
        ):
            problems.append(f"    got {answer.show()}")
        elif 200 <= answer.status < 300 and (message := self._check(persona, target, answer)):
            problems.append(f"    {message}")
        if method in UNSAFE and not 200 <= answer.status < 300 and answer.writes:
            problems.append("    it was refused but changed the database:\n" + "\n".join(answer.writes))
        if found := tracer_found(answer, self._forbidden(persona)):
            problems.append(f"    the answer shows {found}")
        if problems:
            self._fail(persona, method, target.path, expected, "\n".join(problems))

    def _check(self, persona: str, target: Target, answer: Answer) -> str | None:
        return self.entry.check(persona, target, answer) if self.entry.check else None

    def _forbidden(self, persona: str) -> list[str]:
        """Every tracer the persona may not be shown on this entry's pages, and every API token."""
        out = list(self.places.secrets)
        if persona in NON_READERS:
            out += DIRECTORY_TRACERS
        for name, tracers in self.places.tracers.items():
            if persona not in CIRCLES[name]:
                out += [*tracers.texts, *tracers.internal]
                if persona not in self.entry.references_shown_to:
                    out.append(tracers.reference)
            elif RAISED_BY[name] == persona:
                out += tracers.internal
        return out


# Every URL pattern and API operation is in the matrix ---------------------------------------------------


def _routes(patterns=None, prefix: str = "") -> list[tuple[str, str]]:
    """(route, view) for every URL pattern, as the resolver spells the route."""
    out = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            out += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            out.append((prefix + str(pattern.pattern), pattern.lookup_str))
    return out


def _route_of(path: str) -> str:
    return resolve(path).route


def _shape(route: str) -> str:
    """A route or an OpenAPI path with each parameter as {}: 'api/v1/members/<int:pk>/' and
    '/api/v1/members/{id}/' are both '/api/v1/members/{}/'."""
    route = re.sub(r"<(?:\w+:)?\w+>", "{}", route.replace("^", ""))
    route = re.sub(r"\{\w+\}", "{}", route)
    return route if route.startswith("/") else "/" + route


def _operations() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods}


def test_every_url_pattern_is_in_the_matrix():
    pages = {entry.route for entry in ENTRIES if not entry.json}
    api = {_shape(entry.route) for entry in ENTRIES if entry.json}
    routes = _routes()
    missing = [(route, view) for route, view in routes if route not in pages and _shape(route) not in api]
    gone = sorted(pages - {route for route, _ in routes})
    message = []
    if missing:
        lines = "\n".join(f"    {route!r}    ({view})" for route, view in missing)
        message.append(
            f"These URL patterns are not in the visibility matrix. For each, add a page(route, targets, "
            f"outcomes) to {REGISTER}, saying what every persona gets; for a model in the system "
            f"administration, add it to ADMIN_MODELS there:\n{lines}"
        )
    if gone:
        lines = "\n".join(f"    {route!r}" for route in gone)
        message.append(f"The matrix registers URL patterns that no longer exist: remove them.\n{lines}")
    assert not message, "\n\n".join(message)


def test_every_api_operation_is_in_the_matrix():
    registered = {entry.key for entry in ENTRIES if entry.json}
    operations = _operations()
    missing, gone = sorted(operations - registered), sorted(registered - operations)
    message = []
    if missing:
        lines = "\n".join(f"    {key}" for key in missing)
        message.append(
            f"These API operations (from the OpenAPI schema) are not in the visibility matrix. For each, "
            f"add an operation(method, path, targets, outcomes) to {REGISTER}:\n{lines}"
        )
    if gone:
        lines = "\n".join(f"    {key}" for key in gone)
        message.append(
            f"The matrix registers API operations that are not in the schema: remove them.\n{lines}"
        )
    assert not message, "\n\n".join(message)


def test_every_step_page_is_in_the_matrix():
    """A new step of an enquiry needs its row in STEP_OFFERS: who is offered it in each state."""
    assert set(matrix.STEPS) == set(STEP_PAGES), (
        f"Step pages: {sorted(STEP_PAGES)}; the matrix knows {sorted(matrix.STEPS)}. "
        "Add the new step to STEPS and STEP_OFFERS in tests/visibility/matrix.py."
    )


def test_every_known_failure_is_a_cell_of_the_matrix():
    unknown = [
        (key, persona) for key, persona in KNOWN_FAILURES if key not in BY_KEY or persona not in PERSONAS
    ]
    assert not unknown, f"KNOWN_FAILURES names cells the matrix does not have: {unknown}"


# The comparison itself ------------------------------------------------------------------------------------


def _answer(path: str, body: str, status: int = 404, location: str = "") -> Answer:
    return Answer("GET", path, status, location, "text/html; charset=utf-8", body)


def test_answers_that_differ_only_in_what_was_asked_for_and_csrf_tokens_are_the_same():
    real = _answer(
        "/enquiries/ME-2027-000002/",
        '<p>No enquiry ME-2027-000002</p><a href="/account/login/?next=%2Fenquiries%2FME-2027-000002%2F">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="abc"><script nonce="n1"></script>',
    )
    missing = _answer(
        "/enquiries/ME-2027-999999/",
        '<p>No enquiry ME-2027-999999</p><a href="/account/login/?next=%2Fenquiries%2FME-2027-999999%2F">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="xyz"><script nonce="n2"></script>',
    )
    assert difference(real, missing) is None


def test_an_answer_that_shows_anything_more_than_a_missing_one_differs():
    missing = _answer("/directory/members/999999/", "<h1>Page not found</h1>")
    named = _answer("/directory/members/5/", "<h1>Page not found</h1><p>Cllr Aisha Rahman</p>")
    refused = _answer("/directory/members/5/", "<h1>Page not found</h1>", status=403)
    assert "Cllr Aisha Rahman" in difference(named, missing)
    assert "403" in difference(refused, missing)
    # An id is taken out only where it stands on its own, not inside another number.
    counted = _answer("/directory/members/5/", "<h1>Page not found</h1><p>15 Members</p>")
    assert difference(
        counted, _answer("/directory/members/999999/", "<h1>Page not found</h1><p>1999999 Members</p>")
    )


def test_a_tracer_is_found_wherever_the_answer_shows_it():
    answer = _answer(
        "/system-admin/", "<title>ME-2027-000001: Damp tracer-subject-received</title>", status=200
    )
    assert "tracer-subject-received" in tracer_found(answer, ["tracer-subject-received"])
    assert tracer_found(answer, ["tracer-subject-other"]) is None
