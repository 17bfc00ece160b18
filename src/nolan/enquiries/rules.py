"""Every protocol-profile lookup Member Enquiries makes, in one place.

The rest of the app never reads a raw profile key: it asks this module for a ``policies.Rule`` (the
value, its unit, the citations of the paragraphs it comes from, and, where the council's protocol is
silent, the default Nolan uses and why). ``KEYS`` maps each rule to the profile parameter it reads.
"""

from __future__ import annotations

from functools import lru_cache

from nolan.casework import ladders
from nolan.enquiries.policies import ChasingLadder, CopyRules, Rule, TriageRules
from nolan.protocols.rule import profile_slug as profile_slug  # the council's profile, asked for here too
from nolan.protocols.rule import read_rule

#: rule name → profile parameter key (see nolan/protocols/parameters.py)
KEYS: dict[str, str] = {
    "response_time": "enquiries.response_time",
    "acknowledgement_time": "enquiries.acknowledgement_time",
    "holding_reply": "enquiries.holding_reply",
    "discussion": "enquiries.time_consuming",
    "follow_up_window": "enquiries.follow_up_window",
    "sign_off": "enquiries.sign_off",
    "elected_representatives": "enquiries.elected_representatives",
    "urgent": "enquiries.urgent_route",
    "access_in_doubt": "enquiries.access_in_doubt",
    "non_routine": "enquiries.non_routine_route",
    "legal_proceedings": "enquiries.legal_proceedings",
    "complaints": "enquiries.complaints",
    "service_requests": "enquiries.service_requests",
    "information_requests": "enquiries.information_requests",
    "personal_information": "enquiries.personal_information",
    "interests": "enquiries.interests",
    "confidentiality": "enquiries.confidentiality",
    "copy_director": "enquiries.copy_director",
    "name_copies": "enquiries.name_copies",
    "executive_member_copy": "enquiries.executive_member_copy",
    "retention": "enquiries.retention",
    "chasing": "enquiries.chasing",
    "reminder_before_due": "enquiries.reminder_before_due",
    "chase_interval": "enquiries.chase_interval",
    "escalate_after": "enquiries.escalate_after",
    "escalation_to": "enquiries.escalation_to",
    "out_of_hours": "contact.out_of_hours",
    "relationships": "relationships.declaration",
}


@lru_cache(maxsize=512)
def _rule(slug: str, name: str) -> Rule:
    return read_rule(slug, KEYS[name])


def rule(council, name: str) -> Rule:
    return _rule(profile_slug(council), name)


# Named lookups (what the services and policies ask for) --------------------------------------------


def response_time(council) -> Rule:
    """Working days to a full response (Tower Hamlets 7.1, Islington 4.1(b), Haringey 12.19)."""
    return rule(council, "response_time")


def acknowledgement_time(council) -> Rule:
    return rule(council, "acknowledgement_time")


def holding_reply(council) -> Rule:
    return rule(council, "holding_reply")


def follow_up_window(council) -> Rule:
    return rule(council, "follow_up_window")


def sign_off(council) -> Rule:
    return rule(council, "sign_off")


def elected_representatives(council) -> Rule:
    return rule(council, "elected_representatives")


def confidentiality(council) -> Rule:
    return rule(council, "confidentiality")


def out_of_hours(council) -> Rule:
    return rule(council, "out_of_hours")


def relationships(council) -> Rule:
    return rule(council, "relationships")


def retention(council) -> Rule:
    return rule(council, "retention")


def legal_proceedings(council) -> Rule:
    return rule(council, "legal_proceedings")


def triage_rules(council) -> TriageRules:
    return TriageRules(
        service_requests=rule(council, "service_requests"),
        complaints=rule(council, "complaints"),
        information_requests=rule(council, "information_requests"),
        non_routine=rule(council, "non_routine"),
        legal_proceedings=rule(council, "legal_proceedings"),
        personal_information=rule(council, "personal_information"),
        urgent=rule(council, "urgent"),
        access_in_doubt=rule(council, "access_in_doubt"),
        interests=rule(council, "interests"),
    )


def copy_rules(council) -> CopyRules:
    return CopyRules(
        name_everyone=rule(council, "name_copies"),
        director_when_junior=rule(council, "copy_director"),
        executive_member=rule(council, "executive_member_copy"),
    )


#: The chasing ladder's parameters: ``enquiries.chasing``, ``enquiries.reminder_before_due``...
LADDER = ladders.LadderKeys.of("enquiries")


def chasing_ladder(council) -> ChasingLadder:
    """The chasing ladder: reminder before the due date, chases after it, escalation (Tower Hamlets 7.1)."""
    return ladders.read(council, LADDER)


def clear_cache() -> None:
    _rule.cache_clear()
