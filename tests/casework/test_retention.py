"""One retention run covers every workflow that registered its plan and its apply."""

from __future__ import annotations

import datetime

import pytest

from nolan.casework import retention
from nolan.core.citations import Citation
from nolan.protocols.rule import Rule

pytestmark = pytest.mark.django_db  # Member Enquiries is registered too, and reads its enquiries

TODAY = datetime.date(2027, 3, 9)


class Kept:
    """A workflow that keeps its ended cases' details for ``years`` after they end."""

    def __init__(self, name: str, years: int, ended: dict[str, datetime.date]):
        self.name, self.years, self.ended = name, years, dict(ended)
        self.rule = Rule(f"{name}.retention", years, "years", (Citation("Tower Hamlets", "9.9"),))

    def due(self, today):
        return sorted(ref for ref, on in self.ended.items() if on.replace(year=on.year + self.years) <= today)

    def plan(self, today) -> retention.Plan:
        return retention.Plan(
            self.name,
            self.rule,
            tuple(retention.Due(ref, self.ended[ref], ("resident details",)) for ref in self.due(today)),
        )

    def apply(self, today) -> int:
        gone = self.due(today)
        for ref in gone:
            del self.ended[ref]
        return len(gone)


@pytest.fixture
def workflows():
    """Two workflows registered for the test only, besides the ones Nolan registers."""
    before = retention.registered()
    access = Kept(
        "access",
        2,
        {"AI-2024-000001": datetime.date(2025, 3, 9), "AI-2025-000003": datetime.date(2025, 3, 10)},
    )
    complaints = Kept("complaints", 6, {"CX-2020-000002": datetime.date(2021, 1, 4)})
    for w in (access, complaints):
        retention.register(w.name, plan=w.plan, apply=w.apply)
    yield access, complaints
    for w in (access, complaints):
        retention.unregister(w.name)
    assert retention.registered() == before


def test_the_plan_lists_each_workflows_due_cases_with_its_rule_and_changes_nothing(workflows):
    plans = {p.workflow: p for p in retention.plans(today=TODAY)}
    assert list(plans) == ["Member Enquiries", "access", "complaints"]
    assert [d.reference for d in plans["access"].due] == ["AI-2024-000001"]
    assert [d.reference for d in plans["complaints"].due] == ["CX-2020-000002"]
    assert plans["access"].why("kept 2 years") == "kept 2 years (Tower Hamlets 9.9)"
    assert [len(w.ended) for w in workflows] == [2, 1]


def test_one_run_applies_every_workflows_rule(workflows):
    done = retention.run(today=TODAY)
    assert done == {"Member Enquiries": 0, "access": 1, "complaints": 1}
    assert [sorted(w.ended) for w in workflows] == [["AI-2025-000003"], []]
    assert retention.run(today=TODAY)["access"] == 0
    assert retention.run(today=TODAY + datetime.timedelta(days=1))["access"] == 1


def test_registering_again_under_a_name_replaces_it(workflows):
    access, _ = workflows
    retention.register("access", plan=access.plan, apply=lambda today: 0)
    assert retention.run(today=TODAY)["access"] == 0
    assert len([w for w in retention.registered() if w.name == "access"]) == 1
