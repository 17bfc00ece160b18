"""Who works out deadlines again when the calendar changes.

An app whose stored deadlines depend on the calendar registers a function ``fn(calendar) -> int``
(``calendar`` being the new ``WorkingCalendar``; it returns how many deadlines changed), usually in
its ``AppConfig.ready``. ``nolan.calendar.services`` calls each one, inside the transaction that
changes the calendar, whenever the council's calendar gets a new version.
"""

from __future__ import annotations

from collections.abc import Callable

from nolan.calendar.working_days import WorkingCalendar

Recompute = Callable[[WorkingCalendar], int]

_registered: list[Recompute] = []


def register(fn: Recompute) -> Recompute:
    """Register ``fn`` (once, however often this is called); returns it, so it works as a decorator."""
    if fn not in _registered:
        _registered.append(fn)
    return fn


def unregister(fn: Recompute) -> None:
    if fn in _registered:
        _registered.remove(fn)


def registered() -> tuple[Recompute, ...]:
    return tuple(_registered)


def run(calendar: WorkingCalendar) -> int:
    """Call every registered function with the new calendar; the total number of deadlines changed."""
    return sum(int(fn(calendar) or 0) for fn in registered())
