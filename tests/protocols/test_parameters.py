"""The parameter catalogue: every key the workflows read, of a kind the workflows can use."""

from __future__ import annotations

import pytest

from nolan.enquiries import rules
from nolan.protocols.parameters import KINDS, PARAMETERS, ROLES, SECTIONS, UNITS, UnknownParameter, parameter

# Member Enquiries does arithmetic on these (days, years, chases) and looks up a role code for the
# escalation; every other rule it reads is on or off.
ENQUIRY_NUMBERS = {
    "response_time",
    "acknowledgement_time",
    "follow_up_window",
    "retention",
    "reminder_before_due",
    "chase_interval",
    "escalate_after",
}
ENQUIRY_ROLES = {"escalation_to"}


@pytest.mark.parametrize("name", sorted(rules.KEYS))
def test_every_rule_member_enquiries_reads_is_in_the_catalogue_with_a_usable_kind(name):
    param = PARAMETERS[rules.KEYS[name]]
    expected = "int" if name in ENQUIRY_NUMBERS else "role" if name in ENQUIRY_ROLES else "bool"
    assert param.kind == expected, (name, param.kind)


def test_day_counts_are_in_working_days_and_retention_in_years():
    for name in ("response_time", "acknowledgement_time", "follow_up_window"):
        assert PARAMETERS[rules.KEYS[name]].unit == "working days"
    assert PARAMETERS["enquiries.retention"].unit == "years"


def test_the_issue_s_parameters_are_all_there():
    needed = [
        "enquiries.response_time",
        "enquiries.holding_reply",
        "enquiries.chasing",
        "enquiries.urgent_route",
        "enquiries.non_routine_recipient",
        "enquiries.copy_director",
        "enquiries.name_copies",
        "enquiries.executive_member_copy",
        "enquiries.reminder_before_due",
        "enquiries.escalate_after",
        "enquiries.escalation_to",
        "complaints.about_officer.officer",
        "complaints.about_officer.director",
        "complaints.about_officer.corporate_director",
        "complaints.about_officer.chief_executive",
        "complaints.about_officer.time_limit",
        "complaints.about_officer.acknowledgement_time",
        "complaints.about_member.officer",
        "complaints.about_member.director",
        "complaints.about_member.acknowledgement_time",
        "complaints.about_member.investigation_time",
        "groups.joint_briefing_notice",
        "groups.other_groups",
        "wards.notification_types",
        "contact.out_of_hours",
        "relationships.declaration",
        "relationships.declared_to",
        "elections.period_starts",
        "standards.complaint_outcomes_reported",
        "access.decided_by",
        "access.disputes_to",
    ]
    assert [k for k in needed if k not in PARAMETERS] == []


@pytest.mark.parametrize("key", sorted(PARAMETERS))
def test_each_parameter_explains_itself_and_its_default(key):
    param = PARAMETERS[key]
    assert param.key == key
    assert param.kind in KINDS
    assert param.section in SECTIONS
    assert param.label and param.description and param.default_why
    assert param.check(param.default) == "", param.check(param.default)
    for unit in param.allowed_units():
        assert unit in UNITS
    if param.kind in ("choice", "list"):
        assert param.choices
    if param.kind == "int":
        assert param.unit


@pytest.mark.parametrize(
    "key, value, complaint",
    [
        ("enquiries.response_time", "ten", "must be a whole number"),
        ("enquiries.response_time", True, "must be a whole number"),
        ("enquiries.response_time", -1, "must be a whole number"),
        ("enquiries.holding_reply", "yes", "must be true or false"),
        ("complaints.about_officer.chief_executive", "the Leader", "must be one of"),
        ("groups.other_groups", "sometimes", "must be one of"),
        ("wards.notification_types", ["public_meeting", "fireworks"], "'fireworks', which is not one of"),
        ("wards.notification_types", "public_meeting", "must be a list"),
        ("standards.committee", "", "must be text"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_with_what_is_expected(key, value, complaint):
    assert complaint in parameter(key).check(value)


@pytest.mark.parametrize(
    "key, value, unit, said",
    [
        ("enquiries.response_time", 10, "working days", "10 working days"),
        ("groups.joint_briefing_notice", 1, "weeks", "1 week"),
        ("complaints.about_officer.time_limit", 0, "months", "no limit"),
        ("complaints.about_officer.time_limit", 6, "months", "6 months"),
        ("complaints.about_officer.chief_executive", "leader", "", "the Leader"),
        ("enquiries.holding_reply", True, "", "yes"),
        ("wards.consultation_timing", "before_outset", "", "consulted before the outset"),
    ],
)
def test_values_read_as_a_monitoring_officer_would_say_them(key, value, unit, said):
    assert parameter(key).describe(value, unit) == said


def test_every_role_a_route_can_name_has_a_label():
    for code, label in ROLES.items():
        assert label.startswith(("the ", "an ", "Human")), code


def test_an_unknown_parameter_says_where_to_find_the_list():
    with pytest.raises(KeyError) as error:
        parameter("enquiries.response_tme")
    assert isinstance(error.value, UnknownParameter)
    assert str(error.value) == (
        "There is no protocol parameter 'enquiries.response_tme'. Run 'nolan protocol compare' for the "
        "list of parameters."
    )
