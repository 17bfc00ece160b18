"""Decisions carry their reasons: what a policy decided, why, and the paragraph behind each reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from nolan.core.citations import Citation


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    citation: Citation | None = None

    def __str__(self) -> str:
        return f"{self.text} ({self.citation})" if self.citation else self.text

    def as_dict(self) -> dict:
        return {"text": self.text, "citation": self.citation.as_dict() if self.citation else None}


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of a policy, with every reason that led to it."""

    outcome: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def allowed(self) -> bool:
        return self.outcome == "allowed"

    @classmethod
    def allow(cls, *reasons: Reason) -> Decision:
        return cls("allowed", tuple(reasons))

    @classmethod
    def refuse(cls, *reasons: Reason) -> Decision:
        return cls("refused", tuple(reasons))

    def explain(self) -> str:
        return "; ".join(str(r) for r in self.reasons)

    def as_dict(self) -> dict:
        return {"outcome": self.outcome, "reasons": [r.as_dict() for r in self.reasons]}


class ProtocolError(Exception):
    """A domain refusal. Web, API and CLI each translate it to a clear message in one place."""

    def __init__(self, decision: Decision, field: str | None = None):
        self.decision = decision
        self.field = field
        super().__init__(decision.explain())

    @property
    def message(self) -> str:
        return self.decision.explain()
