"""The directory's protocol rules, as a golden table: case → outcome and citation."""

from __future__ import annotations

import pytest

from nolan.core.citations import Citation
from nolan.directory import policies

HARINGEY_7_03 = Citation("Haringey", "7.03")


@pytest.mark.parametrize(
    ("rule", "kwargs", "outcome", "citation"),
    [
        (policies.may_be_officer, {"is_current_member": True}, "refused", HARINGEY_7_03),
        (policies.may_be_officer, {"is_current_member": False}, "allowed", None),
        (policies.may_be_member, {"is_current_officer": True}, "refused", HARINGEY_7_03),
        (policies.may_be_member, {"is_current_officer": False}, "allowed", None),
    ],
)
def test_a_member_cannot_be_employed_by_the_council(rule, kwargs, outcome, citation):
    decision = rule(person="Aisha Rahman", **kwargs)
    assert decision.outcome == outcome
    assert decision.reasons[0].citation == citation
    assert "Aisha Rahman" in decision.explain()


def test_the_refusal_says_why_in_the_protocols_words():
    decision = policies.may_be_officer(person="Aisha Rahman", is_current_member=True)
    assert decision.explain() == (
        "Aisha Rahman is a Member of the council, and by law Members cannot be employed by the council "
        "(Haringey 7.03)"
    )
    assert decision.as_dict()["reasons"][0]["citation"]["text"] == "Haringey 7.03"
