"""One parameter across the five councils, with citations: what a Monitoring Officer reviewing their
protocol reads (Islington 1.5)."""

from __future__ import annotations

import pytest

from nolan.protocols.comparison import compare, format_comparison, format_parameter_list
from nolan.protocols.parameters import PARAMETERS, UnknownParameter


def lines(key: str) -> list[str]:
    return format_comparison(key).splitlines()


def test_the_chief_executive_complaint_route_differs_between_councils():
    shown = lines("complaints.about_officer.chief_executive")
    assert (
        shown[0]
        == "A Member's complaint about the Chief Executive (complaints.about_officer.chief_executive)"
    )
    assert "Tower Hamlets: the Monitoring Officer (Tower Hamlets 14.2)" in shown
    assert "Islington: the Leader (Islington 5.5)" in shown
    assert "Haringey: the Leader (Haringey 9.02)" in shown
    assert "Leeds: the Leader (not specified by the Leeds protocol; Nolan's default)" in shown
    assert shown[-2:] == [
        "The councils differ: 2 different values.",
        "Set by the protocol in 3 of 5 (Tower Hamlets, Islington, Haringey).",
    ]


def test_compare_gives_each_council_in_order_with_its_setting():
    rows = compare("complaints.about_officer.chief_executive")
    assert [council for council, _ in rows] == ["Tower Hamlets", "Islington", "Leeds", "Haringey", "Hackney"]
    assert {council: s.value for council, s in rows}["Tower Hamlets"] == "monitoring_officer"


def test_enquiry_response_times_and_their_units():
    shown = lines("enquiries.response_time")
    assert "Tower Hamlets: 10 working days (Tower Hamlets 7.1)" in shown
    assert "Islington: 10 working days (Islington 4.1(b))" in shown
    assert "Haringey: 10 days (Haringey 12.19)" in shown
    assert "    Note: The protocol says 10 days without saying working days." in shown


@pytest.mark.parametrize(
    "key, line",
    [
        ("complaints.about_officer.acknowledgement_time", "Haringey: 5 days (Haringey 9.08)"),
        ("complaints.about_member.acknowledgement_time", "Haringey: 5 working days (Haringey 9.14)"),
        ("complaints.about_member.investigation_time", "Haringey: 6 months (Haringey 9.16(b))"),
        ("complaints.about_officer.time_limit", "Islington: 6 months (Islington 5.5)"),
        (
            "complaints.about_officer.time_limit",
            "Haringey: no limit (not specified by the Haringey protocol; Nolan's default)",
        ),
        ("groups.joint_briefing_notice", "Islington: 1 week (Islington 4.2(b))"),
        (
            "relationships.familial_declared_to",
            "Islington: Human Resources (Islington 3.3.2, Personal familiarity)",
        ),
        ("contact.out_of_hours", "Haringey: yes (Haringey 5.01(u), Haringey 6.01(q))"),
    ],
)
def test_time_limits_and_routes_with_their_citations(key, line):
    assert line in lines(key)


def test_the_gloss_says_what_the_paragraph_says():
    text = format_comparison("complaints.about_member.investigation_time")
    assert "Whenever practicable an internal investigation is completed within 6 months." in text


def test_the_same_value_everywhere_is_said_so():
    assert lines("enquiries.follow_up_window")[-2:] == [
        "All 5 councils have the same value.",
        "Set by the protocol in 0 of 5.",
    ]


def test_an_unknown_parameter_is_refused_with_where_to_look():
    with pytest.raises(UnknownParameter, match="Run 'nolan protocol compare' for the list"):
        format_comparison("complaints.chief_executive")


def test_the_parameter_list_names_every_parameter_by_section():
    listing = format_parameter_list()
    assert listing.startswith("Protocol parameters (compare one with: nolan protocol compare PARAMETER)")
    for key, param in PARAMETERS.items():
        assert any(
            line.split() and line.split()[0] == key and param.label in line for line in listing.splitlines()
        )
    assert "Member Enquiries" in listing
    assert "Concerns and complaints between Members and officers" in listing
