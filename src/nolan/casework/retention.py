"""The retention run: what each workflow still holds past its retention period, and removing it.

A workflow registers its plan and its apply with ``register`` (usually in its ``AppConfig.ready``):
``plan(today) -> Plan`` lists each ended case whose personal details or files its retention rule says
go today, with the rule and its citation, and changes nothing; ``apply(today) -> int`` removes them,
each case in its own transaction with its audit event, and returns how many cases it changed. One
run (``nolan retention``, or ``run``) covers every registered workflow, so a new workflow's records
are not kept for ever because nobody added it to a command. Casework imports no workflow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from nolan.protocols.rule import Rule


@dataclass(frozen=True)
class Due:
    """One ended case the rule would change: its reference, the day it ended and what is still held
    (``("resident details", "2 files")``)."""

    reference: str
    ended_on: datetime.date
    holds: tuple[str, ...]
    case: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Plan:
    """What a workflow's retention rule would change today."""

    workflow: str
    rule: Rule
    due: tuple[Due, ...]

    def why(self, text: str) -> str:
        """``text`` with the rule's citation, or the note that it is Nolan's default."""
        return "; ".join(str(r) for r in self.rule.reasons(text))


@dataclass(frozen=True)
class Workflow:
    name: str
    plan: Callable[[datetime.date], Plan]
    apply: Callable[[datetime.date], int]


_registered: dict[str, Workflow] = {}


def register(
    name: str, *, plan: Callable[[datetime.date], Plan], apply: Callable[[datetime.date], int]
) -> None:
    """Register workflow ``name``'s retention (again under the same name replaces it)."""
    _registered[name] = Workflow(name, plan, apply)


def unregister(name: str) -> None:
    _registered.pop(name, None)


def registered() -> tuple[Workflow, ...]:
    return tuple(_registered.values())


def plans(*, today: datetime.date | None = None) -> list[Plan]:
    """Every registered workflow's plan for ``today``, in the order they registered. Changes nothing."""
    today = today or timezone.localdate()
    return [workflow.plan(today) for workflow in registered()]


def run(*, today: datetime.date | None = None) -> dict[str, int]:
    """Apply every registered workflow's retention rule for ``today``: how many cases each changed."""
    today = today or timezone.localdate()
    return {workflow.name: int(workflow.apply(today) or 0) for workflow in registered()}
