"""The protocol's rules for Member Enquiries, case by case: outcome and the paragraph behind it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from nolan.core.citations import Citation
from nolan.directory.models import Council
from nolan.enquiries import policies, rules
from nolan.enquiries.policies import Candidate, PersonalInformationFacts, Rule

TH = "Tower Hamlets"


def rule(key, value=True, *citations: tuple[str, str]) -> Rule:
    return Rule(key, value, citations=tuple(Citation(c, p) for c, p in citations), specified=bool(citations))


SILENT = Rule("x", True, specified=False, why="most councils do this")
TRIAGE = policies.TriageRules(
    service_requests=Rule(
        "enquiries.service_requests", True, specified=False, why="a service request goes to the service"
    ),
    complaints=rule("enquiries.complaints", True, ("Haringey", "12.22")),
    information_requests=rule("enquiries.information_requests", True, ("Islington", "4.1(b)")),
    non_routine=rule("enquiries.non_routine_route", True, (TH, "7.1"), ("Islington", "5.3.2")),
    legal_proceedings=rule("enquiries.legal_proceedings", True, (TH, "13.4"), (TH, "13.5")),
    personal_information=rule(
        "enquiries.personal_information", True, ("Haringey", "12.23"), ("Haringey", "12.24")
    ),
    urgent=rule("enquiries.urgent_route", True, (TH, "7.2(a)")),
    access_in_doubt=rule("enquiries.access_in_doubt", True, (TH, "7.2(b)")),
    interests=rule("enquiries.interests", True, ("Haringey", "11.03"), ("Haringey", "12.21(a)")),
)


def cited(decision) -> set[str]:
    return {str(r.citation) for r in decision.reasons if r.citation}


@pytest.mark.parametrize(
    ("case", "expected_status", "expected_route", "citation"),
    [
        ({"classification": "member_enquiry"}, "assigned", "handling_officer", None),
        (
            {"classification": "member_enquiry", "urgent": True},
            "assigned",
            "director",
            "Tower Hamlets 7.2(a)",
        ),
        ({"classification": "service_request"}, "service_request", "handling_officer", None),
        ({"classification": "complaint"}, "complaint_referred", None, "Haringey 12.22"),
        ({"classification": "information_request"}, "assigned", "handling_officer", "Islington 4.1(b)"),
        ({"classification": "policy"}, "assigned", "director", "Tower Hamlets 7.1"),
        ({"classification": "legal_proceedings"}, "assigned", "director", "Tower Hamlets 13.4"),
        (
            {"classification": "information_request", "access_in_doubt": True},
            "assigned",
            "monitoring_officer",
            "Tower Hamlets 7.2(b)",
        ),
        ({"classification": "personal_information"}, "consent_needed", None, "Haringey 12.23"),
        (
            {
                "classification": "personal_information",
                "personal": PersonalInformationFacts(
                    member_represents_ward=True, acting_for_data_subject=True
                ),
            },
            "assigned",
            "handling_officer",
            "Haringey 12.23",
        ),
        (
            {
                "classification": "personal_information",
                "personal": PersonalInformationFacts(
                    member_represents_ward=True, acting_for_data_subject=True, special_category=True
                ),
            },
            "consent_needed",
            None,
            "Haringey 12.23",
        ),
        (
            {
                "classification": "personal_information",
                "personal": PersonalInformationFacts(special_category=True, signed_authorisation=True),
            },
            "assigned",
            "handling_officer",
            "Haringey 12.23",
        ),
    ],
)
def test_triage_golden_table(case, expected_status, expected_route, citation):
    outcome = policies.triage(rules=TRIAGE, **case)
    assert not outcome.refused
    assert (outcome.status, outcome.route) == (expected_status, expected_route)
    if citation:
        assert citation in cited(outcome.decision)
    assert outcome.answer_limited_to_process == (case["classification"] == "legal_proceedings")


def test_a_silent_protocol_says_so_and_gives_nolans_default():
    outcome = policies.triage(rules=TRIAGE, classification="service_request")
    text = outcome.decision.explain()
    assert (
        "the council's protocol does not say; Nolan's default: a service request goes to the service" in text
    )


def test_several_paragraphs_are_all_cited():
    outcome = policies.triage(rules=TRIAGE, classification="legal_proceedings")
    assert cited(outcome.decision) == {"Tower Hamlets 13.4", "Tower Hamlets 13.5"}


def test_a_chaser_about_a_service_request_cannot_be_classified_as_one():
    outcome = policies.triage(rules=TRIAGE, classification="service_request", follows_up_service_request=True)
    assert outcome.refused
    assert "a chaser is a Member enquiry" in outcome.decision.explain()


def test_a_declared_interest_is_part_of_the_reasons():
    outcome = policies.triage(rules=TRIAGE, classification="member_enquiry", interest="financial")
    assert "declared a financial interest" in outcome.decision.explain()
    assert "Haringey 11.03" in cited(outcome.decision)


def test_unknown_classification_is_a_programming_error():
    with pytest.raises(ValueError):
        policies.triage(rules=TRIAGE, classification="gossip")


RELATIONSHIPS = rule("relationships.declaration", True, (TH, "10.4"))


def test_choose_handler_passes_over_a_declared_relationship_and_says_why():
    choice = policies.choose_handler(
        candidates=[
            Candidate(
                1, "Sam Lee", 10, "the service's handling officer", related=True, relationship="family"
            ),
            Candidate(2, "Daniel Price", 60, "the Director of Place"),
        ],
        relationships=RELATIONSHIPS,
        member_name="Cllr Aisha Rahman",
    )
    assert choice.candidate.officer_id == 2
    assert (
        "Cllr Aisha Rahman has declared a close relationship (family) with Sam Lee"
        in choice.decision.explain()
    )
    assert "Tower Hamlets 10.4" in cited(choice.decision)


def test_choose_handler_refuses_when_everyone_is_related():
    choice = policies.choose_handler(
        candidates=[Candidate(1, "Sam Lee", 10, "x", related=True, relationship="partner")],
        relationships=RELATIONSHIPS,
    )
    assert choice.candidate is None and not choice.decision.allowed


def test_only_a_director_may_handle_legal_proceedings():
    legal = TRIAGE.legal_proceedings
    assert not policies.may_handle(
        classification="legal_proceedings", seniority=30, officer_name="A", rule=legal
    ).allowed
    assert policies.may_handle(
        classification="legal_proceedings", seniority=60, officer_name="B", rule=legal
    ).allowed
    assert policies.may_handle(
        classification="member_enquiry", seniority=10, officer_name="C", rule=legal
    ).allowed


HOLDING = rule("enquiries.holding_reply", True, ("Islington", "4.1(b)"), ("Haringey", "12.19"))


@pytest.mark.parametrize(
    ("today", "new_due", "reason", "allowed"),
    [
        (datetime.date(2027, 3, 20), datetime.date(2027, 4, 6), "Survey", True),
        (datetime.date(2027, 3, 23), datetime.date(2027, 4, 6), "Survey", True),  # on the due date
        (datetime.date(2027, 3, 24), datetime.date(2027, 4, 6), "Survey", False),  # after it
        (datetime.date(2027, 3, 20), datetime.date(2027, 3, 23), "Survey", False),  # no later than now
        (datetime.date(2027, 3, 20), datetime.date(2027, 4, 6), " ", False),  # no reason
    ],
)
def test_holding_reply(today, new_due, reason, allowed):
    decision = policies.holding_reply(
        today=today, due=datetime.date(2027, 3, 23), new_due=new_due, reason=reason, rule=HOLDING
    )
    assert decision.allowed is allowed


def test_reopen_within_the_window_only():
    window = Rule("enquiries.follow_up_window", 5, "working_days", specified=False, why="Hillingdon keeps 5")
    until = datetime.date(2027, 3, 16)
    assert policies.may_reopen(today=until, follow_up_until=until, rule=window).allowed
    late = policies.may_reopen(today=datetime.date(2027, 3, 17), follow_up_until=until, rule=window)
    assert not late.allowed and "Tue 16 Mar 2027" in late.explain()


COPY_RULES = policies.CopyRules(
    name_everyone=rule("enquiries.name_copies", True, ("Haringey", "12.29")),
    director_when_junior=rule("enquiries.copy_director", True, ("Haringey", "12.01")),
    executive_member=rule("enquiries.executive_member_copy", True, ("Islington", "4.1(c)")),
)
DIRECTOR = policies.Person("Daniel Price", "dp@example.org", "Director of Place")
EXECUTIVE = policies.Person("Cllr Priya Shah", "ps@example.org", "Executive Member")


def test_the_director_is_copied_when_a_junior_officer_answers_but_not_when_the_director_does():
    junior = policies.copies(
        responder_seniority=10, director=DIRECTOR, executive_member=EXECUTIVE, rules=COPY_RULES
    )
    assert [c.person.name for c in junior.copies] == ["Daniel Price"]
    assert "Haringey 12.01" in cited(junior.decision) and "Haringey 12.29" in cited(junior.decision)
    senior = policies.copies(
        responder_seniority=60, director=DIRECTOR, executive_member=EXECUTIVE, rules=COPY_RULES
    )
    assert senior.copies == ()


def test_policy_or_statistics_are_copied_to_the_executive_member():
    result = policies.copies(
        responder_seniority=60,
        director=DIRECTOR,
        executive_member=EXECUTIVE,
        contains_statistics=True,
        rules=COPY_RULES,
    )
    assert [c.person.name for c in result.copies] == ["Cllr Priya Shah"]
    assert "Islington 4.1(c)" in cited(result.decision)
    holding = policies.copies(
        responder_seniority=60,
        director=DIRECTOR,
        executive_member=EXECUTIVE,
        contains_statistics=True,
        rules=COPY_RULES,
        full_response=False,
    )
    assert holding.copies == ()


def test_no_executive_member_linked_refuses_with_a_clear_message():
    result = policies.copies(
        responder_seniority=60,
        director=None,
        executive_member=None,
        about_policy_implications=True,
        service_name="Housing Management",
        rules=COPY_RULES,
    )
    assert not result.decision.allowed
    assert "no Executive Member's portfolio is linked to Housing Management" in result.decision.explain()


def test_a_council_without_the_executive_copy_rule_makes_no_such_copy():
    without = policies.CopyRules(
        COPY_RULES.name_everyone,
        COPY_RULES.director_when_junior,
        Rule("enquiries.executive_member_copy", False),
    )
    result = policies.copies(
        responder_seniority=60,
        director=None,
        executive_member=EXECUTIVE,
        contains_statistics=True,
        rules=without,
    )
    assert result.copies == () and result.decision.allowed


LONDON = ZoneInfo("Europe/London")
OUT_OF_HOURS = rule("contact.out_of_hours", True, (TH, "4(a)"))
NINE, FIVE = datetime.time(9), datetime.time(17)


@pytest.mark.parametrize(
    ("now", "working", "next_day", "urgent", "expected"),
    [
        (
            datetime.datetime(2027, 3, 9, 10, 0),
            True,
            datetime.date(2027, 3, 10),
            False,
            datetime.datetime(2027, 3, 9, 10, 0),
        ),
        (
            datetime.datetime(2027, 3, 9, 17, 0),
            True,
            datetime.date(2027, 3, 10),
            False,
            datetime.datetime(2027, 3, 10, 9, 0),
        ),
        (
            datetime.datetime(2027, 3, 9, 8, 59),
            True,
            datetime.date(2027, 3, 10),
            False,
            datetime.datetime(2027, 3, 9, 9, 0),
        ),
        (
            datetime.datetime(2027, 3, 13, 12, 0),
            False,
            datetime.date(2027, 3, 15),
            False,
            datetime.datetime(2027, 3, 15, 9, 0),
        ),
        (
            datetime.datetime(2027, 3, 13, 23, 0),
            False,
            datetime.date(2027, 3, 15),
            True,
            datetime.datetime(2027, 3, 13, 23, 0),
        ),
    ],
)
def test_notification_time(now, working, next_day, urgent, expected):
    sent = policies.notification_time(
        now=now.replace(tzinfo=LONDON),
        urgent=urgent,
        is_working_day=working,
        day_starts=NINE,
        day_ends=FIVE,
        next_working_day=next_day,
        rule=OUT_OF_HOURS,
    )
    assert sent.at == expected.replace(tzinfo=LONDON)
    if sent.at != now.replace(tzinfo=LONDON) or urgent:
        assert "Tower Hamlets 4(a)" in {str(r.citation) for r in sent.reasons if r.citation}


def test_a_received_time_in_the_future_is_refused():
    now = datetime.datetime(2027, 3, 9, 10, 0, tzinfo=LONDON)
    assert not policies.receipt_time(received_at=now + datetime.timedelta(minutes=1), now=now).allowed
    assert policies.receipt_time(received_at=now, now=now).allowed


def test_mps_only_where_the_council_allows_them():
    allowed = Rule("enquiries.elected_representatives", True, specified=False)
    refused = Rule("enquiries.elected_representatives", False, specified=False)
    assert policies.may_raise_as(
        originator_type="elected_representative", elected_representatives=allowed
    ).allowed
    assert not policies.may_raise_as(
        originator_type="elected_representative", elected_representatives=refused
    ).allowed
    assert policies.may_raise_as(originator_type="member", elected_representatives=refused).allowed


@pytest.mark.parametrize(
    ("closed", "today", "due"),
    [
        (datetime.date(2024, 6, 1), datetime.date(2026, 5, 31), False),
        (datetime.date(2024, 6, 1), datetime.date(2026, 6, 1), True),
        (datetime.date(2024, 2, 29), datetime.date(2026, 2, 28), True),
    ],
)
def test_retention_due(closed, today, due):
    assert policies.retention_due(closed_on=closed, today=today, years=2) is due


# The council's own profile: every rule Member Enquiries uses is there, with its citations -------------


PROFILES = ["tower-hamlets", "islington", "leeds", "haringey", "hackney"]


@pytest.mark.parametrize("slug", PROFILES)
def test_every_rule_member_enquiries_reads_is_in_the_councils_profile(slug):
    council = Council(name="x", protocol_profile=slug)
    rules.clear_cache()
    for name in rules.KEYS:
        found = rules.rule(council, name)
        assert found.key == rules.KEYS[name]
        assert found.citations or not found.specified, (slug, name)
        if not found.specified:
            assert found.why, (slug, name)
    assert int(rules.response_time(council).value) > 0
    assert int(rules.follow_up_window(council).value) > 0
    assert int(rules.retention(council).value) > 0
