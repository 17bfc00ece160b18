"""The chasing ladder: a reminder before a case is due, chases once it is late, then escalation.

Each rung comes from the council's profile with its citation (Tower Hamlets 7.1). A workflow's
parameters are named ``<workflow>.chasing``, ``<workflow>.reminder_before_due``,
``<workflow>.chase_interval``, ``<workflow>.escalate_after`` and ``<workflow>.escalation_to``
(``LadderKeys.of``); ``read`` gives the council's ladder. Which rung a case has come to today is the
workflow's policy; the rungs' names are these.
"""

from __future__ import annotations

from dataclasses import dataclass

from nolan.protocols.rule import Rule, profile_slug, read_rule

#: The rungs of the chasing ladder, in order: a reminder before the due date, chases once it has
#: passed (``chase_1``, ``chase_2``...), then escalation.
REMINDER = "reminder"
ESCALATION = "escalation"
CHASE_PREFIX = "chase_"

# Officer seniority as in nolan.directory.models.Seniority (kept as numbers: the ladder is plain data).
HEAD_OF_SERVICE = 30
DIRECTOR = 60

#: Who an escalation may go to (the profile's ``escalation_to`` role), as the least seniority of the
#: officer in the handling officer's line it goes to. Someone outside that line may not see the case
#: (Tower Hamlets 7.19), so other roles are escalated to the Director.
ESCALATION_SENIORITY = {
    "line_manager": 0,
    "senior_manager": HEAD_OF_SERVICE,
    "head_of_service": HEAD_OF_SERVICE,
    "director": DIRECTOR,
    "corporate_director": DIRECTOR,
}


def escalation_role_name(role: str) -> str:
    """Who an escalation goes to, as the ladder's messages name them."""
    names = {
        "line_manager": "the line manager",
        "senior_manager": "a senior manager",
        "head_of_service": "the Head of Service",
        "corporate_director": "the Corporate Director",
    }
    return names.get(role, "the Director")


def chase_rung(number: int) -> str:
    return f"{CHASE_PREFIX}{number}"


def rung_label(rung: str) -> str:
    """ "reminder" -> "Reminder before the due date", "chase_2" -> "Chase 2", "escalation" -> "Escalation"."""
    if rung == REMINDER:
        return "Reminder before the due date"
    if rung == ESCALATION:
        return "Escalation"
    if rung.startswith(CHASE_PREFIX):
        return f"Chase {rung.removeprefix(CHASE_PREFIX)}"
    return rung


@dataclass(frozen=True)
class ChasingLadder:
    """The council's chasing ladder, each step from its profile (Tower Hamlets 7.1)."""

    chasing: Rule  # whether outstanding cases are chased at all
    reminder_before_due: Rule  # working days before the due date the officer is reminded (0: no reminder)
    chase_interval: Rule  # working days between chases once the due date has passed
    escalate_after: Rule  # chases before the case is escalated
    escalation_to: Rule  # who it is escalated to (a role code)

    @property
    def enabled(self) -> bool:
        return bool(self.chasing.value)

    @property
    def reminder_days(self) -> int:
        return max(int(self.reminder_before_due.value), 0)

    @property
    def interval(self) -> int:
        """At least one working day: chases on the same day would be one chase."""
        return max(int(self.chase_interval.value), 1)

    @property
    def chases(self) -> int:
        return max(int(self.escalate_after.value), 0)

    def rungs(self) -> tuple[str, ...]:
        out = (REMINDER,) if self.reminder_days else ()
        return (*out, *(chase_rung(n) for n in range(1, self.chases + 1)), ESCALATION)

    def escalation_seniority(self) -> int:
        return ESCALATION_SENIORITY.get(str(self.escalation_to.value), DIRECTOR)


@dataclass(frozen=True)
class LadderKeys:
    """The profile parameters a workflow's ladder is read from."""

    chasing: str
    reminder_before_due: str
    chase_interval: str
    escalate_after: str
    escalation_to: str

    @classmethod
    def of(cls, workflow: str) -> LadderKeys:
        """``LadderKeys.of("enquiries")``: ``enquiries.chasing``, ``enquiries.reminder_before_due``..."""
        return cls(**{name: f"{workflow}.{name}" for name in cls.__dataclass_fields__})


def read(council, keys: LadderKeys) -> ChasingLadder:
    """The council's chasing ladder, each rung with its citation from the council's profile."""
    slug = profile_slug(council)
    return ChasingLadder(**{name: read_rule(slug, key) for name, key in vars(keys).items()})
