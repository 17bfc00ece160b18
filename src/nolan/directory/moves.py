"""Who reacts when officers move in the directory.

An app whose records follow where officers sit (who may see an enquiry follows its handling
officer's management line, and an enquiry stays with its service when its officer leaves it)
registers a function ``fn(officer_ids) -> int`` (``officer_ids``: the officers whose posts or
employment the step changed; it returns how many of its records changed), usually in its
``AppConfig.ready``. ``nolan.directory.services`` calls each one inside the transaction of every step
that starts or ends a post or an officer's employment, or moves a service to another directorate,
once the step has written all its rows: a function sees the directory as the step leaves it, never
half-way through a move (a post ended and the next one not yet started).

A change dated for a later day takes effect on that day with nobody saving anything; the registered
app applies those itself (the enquiries' nightly task).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Follow = Callable[[frozenset[int]], int]

_registered: list[Follow] = []


def register(fn: Follow) -> Follow:
    """Register ``fn`` (once, however often this is called); returns it, so it works as a decorator."""
    if fn not in _registered:
        _registered.append(fn)
    return fn


def unregister(fn: Follow) -> None:
    if fn in _registered:
        _registered.remove(fn)


def registered() -> tuple[Follow, ...]:
    return tuple(_registered)


def run(officer_ids: Iterable[int]) -> int:
    """Call every registered function with the officers who moved; the total number of records changed."""
    ids = frozenset(i for i in officer_ids if i is not None)
    return sum(int(fn(ids) or 0) for fn in registered())
