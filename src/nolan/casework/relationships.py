"""Who a Member has a declared close relationship with: the question a workflow asks before it gives
an officer a Member's case (whether a declared relationship keeps an officer from it, and which
paragraph says so, is the workflow's policy and the council's profile).

The register of close relationships answers it, and is a workflow of its own: so the register
registers its answer here in its ``AppConfig.ready`` and the workflows that route cases ask casework,
never the register itself (workflows do not import each other). With no answer registered the
question is refused, not answered "nobody": a case must never be routed as if nothing had been
declared because the register was not installed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

#: (member id, day) -> {officer id: the relationship's nature in plain words}.
Answer = Callable[[int, datetime.date], dict[int, str]]

_answer: Answer | None = None


def answered_by(answer: Answer) -> Answer:
    """Register who answers (the register of close relationships, once)."""
    global _answer
    _answer = answer
    return answer


def related_officers(*, member_id: int, on: datetime.date) -> dict[int, str]:
    """The officers with a declared close relationship with the Member on ``on``, each with its nature
    in plain words ("family member")."""
    if _answer is None:
        raise ImproperlyConfigured(
            "Nothing answers who a Member has declared a close relationship with: install nolan.register."
        )
    return _answer(member_id, on)
