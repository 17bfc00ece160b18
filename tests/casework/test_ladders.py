"""A workflow's chasing ladder is read from the council's profile, each rung with its citation."""

from __future__ import annotations

import pytest

from nolan.casework import ladders
from nolan.core.citations import Citation
from nolan.directory.models import Council
from nolan.protocols.rule import Rule, read_rule


def council(slug: str) -> Council:
    return Council(name="Anywhere", protocol_profile=slug)


def test_tower_hamlets_chases_overdue_enquiries_under_7_1_and_says_where_its_protocol_is_silent():
    ladder = ladders.read(council("tower-hamlets"), ladders.LadderKeys.of("enquiries"))
    assert ladder.enabled
    assert ladder.chasing.citations == (Citation("Tower Hamlets", "7.1"),)
    assert (ladder.reminder_days, ladder.interval, ladder.chases) == (2, 2, 2)
    assert ladder.rungs() == ("reminder", "chase_1", "chase_2", "escalation")
    assert ladder.escalation_seniority() == ladders.DIRECTOR
    (reason,) = ladder.reminder_before_due.reasons("A reminder two working days before")
    assert reason.citation is None
    assert "the council's protocol does not say; Nolan's default: The protocol says enquiries past" in str(
        reason
    )


def test_a_workflow_names_its_own_parameters():
    keys = ladders.LadderKeys.of("complaints")
    assert keys.chasing == "complaints.chasing"
    assert keys.escalation_to == "complaints.escalation_to"


@pytest.mark.parametrize(
    ("values", "rungs", "interval"),
    [
        ({"reminder_before_due": 0}, ("chase_1", "chase_2", "escalation"), 2),
        ({"escalate_after": 0}, ("reminder", "escalation"), 2),
        (
            {"chase_interval": 0, "escalate_after": 3},
            ("reminder", "chase_1", "chase_2", "chase_3", "escalation"),
            1,
        ),
        ({"reminder_before_due": -4}, ("chase_1", "chase_2", "escalation"), 2),
    ],
)
def test_the_rungs_follow_the_values_and_chases_are_at_least_a_working_day_apart(values, rungs, interval):
    parts = {
        name: read_rule("tower-hamlets", key)
        for name, key in vars(ladders.LadderKeys.of("enquiries")).items()
    }
    for name, value in values.items():
        parts[name] = Rule(parts[name].key, value, parts[name].unit, parts[name].citations)
    ladder = ladders.ChasingLadder(**parts)
    assert ladder.rungs() == rungs
    assert ladder.interval == interval


@pytest.mark.parametrize(
    ("role", "seniority", "named"),
    [
        ("line_manager", 0, "the line manager"),
        ("head_of_service", ladders.HEAD_OF_SERVICE, "the Head of Service"),
        ("corporate_director", ladders.DIRECTOR, "the Corporate Director"),
        ("chief_executive", ladders.DIRECTOR, "the Director"),  # outside the line: the Director
    ],
)
def test_escalation_goes_no_higher_than_the_line_that_may_see_the_case(role, seniority, named):
    parts = {
        name: read_rule("tower-hamlets", key)
        for name, key in vars(ladders.LadderKeys.of("enquiries")).items()
    }
    parts["escalation_to"] = Rule(parts["escalation_to"].key, role)
    assert ladders.ChasingLadder(**parts).escalation_seniority() == seniority
    assert ladders.escalation_role_name(role) == named


def test_rungs_read_as_the_messages_name_them():
    assert [ladders.rung_label(r) for r in ("reminder", ladders.chase_rung(3), "escalation")] == [
        "Reminder before the due date",
        "Chase 3",
        "Escalation",
    ]
