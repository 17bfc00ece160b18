"""The confidentiality circle: who may see a case, and why.

A workflow keeps one row per officer who may see a case (its own model, built on
``models.AccessRowBase``: the handling officer, their management line, the service's line...), so its
selector's visibility filter is one indexed EXISTS. The rows are worked out by the workflow and
written here: ``rewrite`` makes a case's circle exactly the given (officer, reason) rows, changing
only what differs, in the caller's transaction; ``refresh`` does it for many cases and puts each
change on the audit trail.

The circle follows the directory: when an officer's post or employment starts or ends, the cases
they handle or may see must be worked out again in the same transaction, or the officer's new line
would read the old service's cases and the old line lose them. A workflow registers the function
that does it for its cases with ``follow_moves`` (usually in its ``AppConfig.ready``); the directory
calls it inside every step that moves an officer (``nolan.directory.moves``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction
from django.db.models import Model

from nolan.audit.services import SYSTEM, record
from nolan.casework.models import AccessRowBase
from nolan.directory import moves

Case = TypeVar("Case", bound=Model)
#: Who may see a case, and why: (officer id, reason).
Row = tuple[int, str]


def circle_of(model: type[AccessRowBase], case: Model) -> set[Row]:
    """The case's circle as it is written now."""
    return set(model.objects.filter(**{model.case_field: case}).values_list("officer_id", "reason"))


def rewrite(model: type[AccessRowBase], case: Model, rows: Iterable[Row]) -> tuple[set[Row], set[Row]]:
    """Make ``case``'s circle exactly ``rows``, in the caller's transaction, writing only what differs.
    Returns the circle (before, after).

    The rows keep the order they are given in (the handling officer, then their line, nearest first),
    which is the order a page lists them in: the rows the case already has, from the first, as long as
    they are the ones given (officer and reason), stay as they are; the rest are deleted and the
    remaining ones given are added after them, in order. A circle that has not changed is not written
    at all. An officer given twice keeps the first reason.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A case's circle is rewritten inside the transaction of the step that changes it.")
    wanted: dict[int, str] = {}
    for officer_id, reason in rows:
        wanted.setdefault(officer_id, str(reason))
    wanted_rows = list(wanted.items())
    held = model.objects.filter(**{model.case_field: case}).order_by("pk")
    current = list(held.values_list("pk", "officer_id", "reason"))
    kept = 0
    while kept < min(len(current), len(wanted_rows)) and current[kept][1:] == wanted_rows[kept]:
        kept += 1
    if kept < len(current):
        model.objects.filter(pk__in=[pk for pk, _, _ in current[kept:]]).delete()
    if kept < len(wanted_rows):
        model.objects.bulk_create(
            [
                model(**{model.case_field: case}, officer_id=officer_id, reason=reason)
                for officer_id, reason in wanted_rows[kept:]
            ]
        )
    return {(officer_id, reason) for _, officer_id, reason in current}, set(wanted_rows)


def refresh(
    model: type[AccessRowBase],
    cases: Iterable[Case],
    rows_of: Callable[[Case], Iterable[Row]],
    *,
    action: str,
) -> int:
    """Rewrite each case's circle to ``rows_of(case)``; each case whose circle changed gets an audit
    event ``action`` (by Nolan itself) with the circle before and after. Returns how many changed."""
    changed = 0
    for case in cases:
        before, after = rewrite(model, case, rows_of(case))
        if before != after:
            changed += 1
            record(
                actor=None,
                action=action,
                target=case,
                capacity=SYSTEM,
                before={"access": sorted(before)},
                after={"access": sorted(after)},
            )
    return changed


Follow = moves.Follow


def follow_moves(fn: Follow) -> Follow:
    """Register ``fn(officer_ids) -> int``: it works out again the circles (and whatever else follows
    an officer, such as handing back the cases of one who left their service) of the cases of the
    officers a directory step moved, in that step's transaction, and returns how many cases changed.
    Registered once however often this is called; returns ``fn``."""
    return moves.register(fn)
