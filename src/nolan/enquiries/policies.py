"""The protocol's rules for Member Enquiries, as pure decisions with their citations.

Every function here takes plain values and the council's ``Rule`` objects (built from the protocol
profile by ``rules``) and returns a ``Decision`` (or a small result carrying one) whose reasons name
the paragraph behind each step. Where the council's protocol is silent, the reason says so and gives
the default Nolan applies and why. Nothing here reads the database, the settings or the clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from nolan.casework.ladders import (
    CHASE_PREFIX,
    ESCALATION,
    REMINDER,
    ChasingLadder,
    chase_rung,
    rung_label,
)
from nolan.casework.ladders import (
    ESCALATION_SENIORITY as ESCALATION_SENIORITY,  # re-exported: the chasing run asks policies
)
from nolan.casework.ladders import (
    escalation_role_name as escalation_role_name,  # re-exported, as above
)
from nolan.core.decisions import Decision, Reason
from nolan.mail import hours
from nolan.protocols.rule import Rule

# Officer seniority as in nolan.directory.models.Seniority (kept as numbers: policies are pure).
HEAD_OF_SERVICE = 30
DIRECTOR = 60
CHIEF_EXECUTIVE = 80


def _decision(outcome: str, *reasons: Sequence[Reason] | Reason) -> Decision:
    flat: list[Reason] = []
    for r in reasons:
        flat.extend([r] if isinstance(r, Reason) else r)
    return Decision(outcome, tuple(flat))


# Raising an enquiry --------------------------------------------------------------------------------


#: How far back a received time may be given, and how far ahead a holding reply may put the answer
#: (Nolan's limits: the protocols set none). A date beyond them is a slip of the keyboard, and one
#: that years of working days would be counted from.
RECEIVED_WITHIN = datetime.timedelta(days=366)
HOLDING_REPLY_WITHIN = datetime.timedelta(days=366)


def receipt_time(*, received_at: datetime.datetime, now: datetime.datetime) -> Decision:
    """A received time cannot be in the future (the clock would start before the enquiry exists), nor
    more than a year ago (it would be overdue, chased and escalated the moment it was entered)."""
    if received_at > now:
        return Decision.refuse(Reason("The received time cannot be in the future"))
    if received_at < now - RECEIVED_WITHIN:
        return Decision.refuse(
            Reason("The received time is more than a year ago: check the date, or raise it as a new enquiry")
        )
    return Decision.allow(Reason("The received time has passed"))


def may_raise_as(*, originator_type: str, elected_representatives: Rule) -> Decision:
    """Members raise enquiries (and Member Services on their behalf); MPs and other elected
    representatives only where the council's profile allows them into the system."""
    if originator_type != "elected_representative":
        return Decision.allow(Reason("Members may raise enquiries through the Member Enquiries system"))
    if elected_representatives.value:
        return _decision(
            "allowed",
            elected_representatives.reasons(
                "The council accepts enquiries from MPs and other elected representatives"
            ),
        )
    return _decision(
        "refused",
        elected_representatives.reasons(
            "The council's Member Enquiries system is for its Members; it does not take enquiries from "
            "MPs or other elected representatives"
        ),
    )


def interest_reasons(*, interest: str, rule: Rule) -> tuple[Reason, ...]:
    """What a Member's declared interest means for the enquiry (Haringey 11.03, 12.21(a))."""
    if interest == "none":
        return ()
    kind = "financial" if interest == "financial" else "personal"
    return rule.reasons(
        f"The Member has declared a {kind} interest in the matter: officers are aware of it and give no "
        "special treatment on account of it, and information about it is not requested as a Member"
    )


# Triage -------------------------------------------------------------------------------------------

#: Where a triaged enquiry goes next.
ROUTE_HANDLER = "handling_officer"  # the service's handling officer (routing table)
ROUTE_DIRECTOR = "director"  # the service's Director or Corporate Director
ROUTE_MONITORING_OFFICER = "monitoring_officer"


@dataclass(frozen=True)
class TriageRules:
    service_requests: Rule
    complaints: Rule
    information_requests: Rule
    non_routine: Rule
    legal_proceedings: Rule
    personal_information: Rule
    urgent: Rule
    access_in_doubt: Rule
    interests: Rule


@dataclass(frozen=True)
class PersonalInformationFacts:
    """What the triage officer knows about personal information asked for (Haringey 12.23, 12.24)."""

    member_represents_ward: bool = False
    acting_for_data_subject: bool = False
    special_category: bool = False
    signed_authorisation: bool = False


@dataclass(frozen=True)
class Triage:
    """What follows from a classification: the enquiry's next status, where it is routed, and why."""

    classification: str
    status: str
    route: str | None
    reasons: tuple[Reason, ...]
    answer_limited_to_process: bool = False
    refused: bool = False

    @property
    def decision(self) -> Decision:
        return Decision("refused" if self.refused else self.classification, self.reasons)


def triage(
    *,
    classification: str,
    rules: TriageRules,
    urgent: bool = False,
    access_in_doubt: bool = False,
    follows_up_service_request: bool = False,
    interest: str = "none",
    personal: PersonalInformationFacts | None = None,
) -> Triage:
    """The triage officer chooses the classification; this says what follows from it and why."""
    extra = interest_reasons(interest=interest, rule=rules.interests)

    if classification == "service_request":
        if follows_up_service_request:
            return Triage(
                classification,
                "received",
                None,
                rules.service_requests.reasons(
                    "This chases progress on an earlier service request, and a chaser is a Member "
                    "enquiry: classify it as one"
                ),
                refused=True,
            )
        return Triage(
            classification,
            "service_request",
            ROUTE_HANDLER,
            (
                *rules.service_requests.reasons(
                    "A request for a service is passed to the service to deliver; it is not a Member "
                    "enquiry, but a later chaser about it is"
                ),
                *extra,
            ),
        )

    if classification == "complaint":
        return Triage(
            classification,
            "complaint_referred",
            None,
            (
                *rules.complaints.reasons(
                    "A complaint on a constituent's behalf, as distinct from an enquiry, is put through "
                    "the official complaints procedure; the enquiry stays linked to it"
                ),
                *extra,
            ),
        )

    if classification == "personal_information":
        facts = personal or PersonalInformationFacts()
        decision = personal_information_access(facts=facts, rule=rules.personal_information)
        if decision.allowed:
            return Triage(classification, "assigned", ROUTE_HANDLER, (*decision.reasons, *extra))
        return Triage(classification, "consent_needed", None, (*decision.reasons, *extra))

    if access_in_doubt:
        return Triage(
            classification,
            "assigned",
            ROUTE_MONITORING_OFFICER,
            (
                *rules.access_in_doubt.reasons(
                    "The right to the information asked for is in doubt, so the Monitoring Officer "
                    "determines it"
                ),
                *extra,
            ),
        )

    if classification == "legal_proceedings":
        return Triage(
            classification,
            "assigned",
            ROUTE_DIRECTOR,
            (
                *rules.legal_proceedings.reasons(
                    "Enquiries about ongoing or contemplated legal proceedings go to the Director or "
                    "Corporate Director only, and the council's answer is limited to comments on process"
                ),
                *extra,
            ),
            answer_limited_to_process=True,
        )

    if classification == "policy":
        return Triage(
            classification,
            "assigned",
            ROUTE_DIRECTOR,
            (
                *rules.non_routine.reasons(
                    "Matters that are not routine or involve policy go to the Corporate Director or "
                    "Director, not to junior officers"
                ),
                *extra,
            ),
        )

    if urgent:
        route_reasons = rules.urgent.reasons(
            "The enquiry is extremely urgent for constituents, so it goes straight to the service's "
            "Director or Chief Officer"
        )
        route = ROUTE_DIRECTOR
    else:
        route_reasons = ()
        route = ROUTE_HANDLER

    if classification == "information_request":
        return Triage(
            classification,
            "assigned",
            route,
            (
                *rules.information_requests.reasons(
                    "The Member has a right to this factual information about a service and need not "
                    "make a formal Freedom of Information request; it is provided within the response "
                    "time"
                ),
                *route_reasons,
                *extra,
            ),
        )

    if classification == "member_enquiry":
        return Triage(
            classification,
            "assigned",
            route,
            (
                Reason("A routine request for information or advice is a Member enquiry"),
                *route_reasons,
                *extra,
            ),
        )

    raise ValueError(f"Unknown classification {classification!r}")


def personal_information_access(*, facts: PersonalInformationFacts, rule: Rule) -> Decision:
    """Members are not entitled to personal information about someone unless the data subject has
    authorised it; consent is presumed for the Member's own ward resident they act for, except for
    sensitive (special category) data."""
    if facts.signed_authorisation:
        return _decision(
            "allowed", rule.reasons("The data subject has signed an authorisation for the Member")
        )
    if facts.member_represents_ward and facts.acting_for_data_subject and not facts.special_category:
        return _decision(
            "allowed",
            rule.reasons(
                "The Member represents the ward the data subject lives in and acts on their behalf, so "
                "consent is presumed without a signed authorisation"
            ),
        )
    if facts.special_category:
        text = (
            "The information is sensitive (special category) personal data, so consent is not presumed: "
            "the data subject's signed authorisation is needed"
        )
    else:
        text = (
            "The Member is not entitled to personal information about someone who has not consented: "
            "the data subject's signed authorisation is needed"
        )
    return _decision("refused", rule.reasons(text))


# Routing ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An officer who could handle the enquiry, in the order the route prefers them."""

    officer_id: int
    name: str
    seniority: int
    why: str  # e.g. "the routing table's default handler for Housing repairs"
    related: bool = False  # has a current declared relationship with the raising Member
    relationship: str = ""


@dataclass(frozen=True)
class Choice:
    candidate: Candidate | None
    decision: Decision


def choose_handler(
    *, candidates: Sequence[Candidate], relationships: Rule, member_name: str = "the Member"
) -> Choice:
    """The first candidate the Member has no declared close relationship with."""
    passed_over: list[Reason] = []
    for candidate in candidates:
        if candidate.related:
            passed_over.extend(
                relationships.reasons(
                    f"{member_name} has declared a close relationship ({candidate.relationship}) with "
                    f"{candidate.name}, so the enquiry is routed to someone else"
                )
            )
            continue
        return Choice(
            candidate,
            _decision("allowed", Reason(f"Routed to {candidate.name}, {candidate.why}"), passed_over),
        )
    if not candidates:
        return Choice(None, Decision.refuse(Reason("No officer in post could be found to handle it")))
    return Choice(
        None,
        _decision(
            "refused",
            passed_over,
            Reason("Every officer on this route has a declared relationship with the Member: choose another"),
        ),
    )


def may_handle(*, classification: str, seniority: int, officer_name: str, rule: Rule) -> Decision:
    """Who may be given the enquiry. A matter in legal proceedings only a Director may handle."""
    if classification == "legal_proceedings" and seniority < DIRECTOR:
        return _decision(
            "refused",
            rule.reasons(
                f"{officer_name} is not a Director: enquiries about legal proceedings are addressed to "
                "the appropriate Director or Corporate Director only"
            ),
        )
    return Decision.allow(Reason(f"{officer_name} may handle it"))


# Handling -----------------------------------------------------------------------------------------


def holding_reply(
    *, today: datetime.date, due: datetime.date, new_due: datetime.date, reason: str, rule: Rule
) -> Decision:
    """A holding reply is sent within the response time, says why and gives the date of a full response."""
    if not reason.strip():
        return _decision(
            "refused", rule.reasons("A holding reply explains why a full response is not possible")
        )
    if today > due:
        return _decision(
            "refused",
            rule.reasons(
                f"A holding reply is sent within the response time; it was due by {day(due)}, so chase a "
                "full response instead"
            ),
        )
    if new_due <= due:
        return Decision.refuse(Reason(f"The new date must be after the current due date, {day(due)}"))
    if new_due > today + HOLDING_REPLY_WITHIN:
        return Decision.refuse(
            Reason(
                "A holding reply cannot put the full response more than a year ahead: give a date by "
                f"{day(today + HOLDING_REPLY_WITHIN)}"
            )
        )
    return _decision(
        "allowed",
        rule.reasons(
            f"The Member is told within the response time why a full response is not possible yet and "
            f"when to expect one: {day(new_due)}"
        ),
    )


def may_reopen(*, today: datetime.date, follow_up_until: datetime.date | None, rule: Rule) -> Decision:
    if follow_up_until is None:
        return Decision.refuse(Reason("The enquiry has not been answered yet"))
    if today > follow_up_until:
        return _decision(
            "refused",
            rule.reasons(
                f"The Member could come back on the answer until {day(follow_up_until)}; after that the "
                "enquiry closes and a new enquiry is raised"
            ),
        )
    return _decision(
        "allowed",
        rule.reasons(f"The Member may come back on the answer until {day(follow_up_until)}"),
    )


def sign_off_needed(*, requested: bool, rule: Rule) -> Decision:
    if rule.value:
        return _decision(
            "required", rule.reasons("Responses are signed off by a manager before they are sent")
        )
    if requested:
        return Decision("requested", (Reason("The handling officer asked a manager to sign it off"),))
    return _decision("not_required", rule.reasons("A manager's sign-off is optional"))


def may_sign_off(*, author_id: int, signer_id: int, signer_in_line: bool, signer_name: str) -> Decision:
    if author_id == signer_id:
        return Decision.refuse(Reason("A response is signed off by someone other than its author"))
    if not signer_in_line:
        return Decision.refuse(
            Reason(f"{signer_name} is not in the handling officer's management line, so cannot sign it off")
        )
    return Decision.allow(Reason(f"{signer_name} manages the handling officer"))


# Correspondence -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str = ""  # e.g. "Director of Place"


@dataclass(frozen=True)
class Copy:
    person: Person
    reasons: tuple[Reason, ...]
    #: The protocol itself requires this copy, to someone who is not among those who may see the
    #: enquiry (the relevant Executive Member, Islington 4.1(c)): it is sent to them for that reason,
    #: given in ``reasons`` with its citation, and never because of how the person is labelled.
    required_outside_circle: bool = False

    def as_dict(self) -> dict:
        return {
            "name": self.person.name,
            "email": self.person.email,
            "role": self.person.role,
            "why": "; ".join(str(r) for r in self.reasons),
            "citations": [r.citation.as_dict() for r in self.reasons if r.citation],
        }


@dataclass(frozen=True)
class CopyRules:
    name_everyone: Rule  # Haringey 12.29
    director_when_junior: Rule  # Haringey 12.01
    executive_member: Rule  # Islington 4.1(c)


@dataclass(frozen=True)
class Copies:
    copies: tuple[Copy, ...]
    decision: Decision


def copies(
    *,
    responder_seniority: int,
    director: Person | None,
    executive_member: Person | None,
    executive_member_is_addressee: bool = False,
    about_policy_implications: bool = False,
    contains_statistics: bool = False,
    service_name: str = "the service",
    rules: CopyRules,
    full_response: bool = True,
) -> Copies:
    """Who is copied into a letter to the Member, each named with why (never a blind copy)."""
    out: list[Copy] = []
    reasons: list[Reason] = list(
        rules.name_everyone.reasons(
            "Everyone copied is named in the correspondence; there are no blind copies"
        )
    )
    if rules.director_when_junior.value and director is not None and responder_seniority < DIRECTOR:
        why = rules.director_when_junior.reasons(
            f"{director.name} is copied so the Director is kept informed when a more junior officer answers"
        )
        out.append(Copy(director, why))
        reasons.extend(why)
    if full_response and (about_policy_implications or contains_statistics) and rules.executive_member.value:
        what = (
            "the implications of current council policies"
            if about_policy_implications
            else "statistical information about council services"
        )
        if executive_member_is_addressee:
            reasons.append(Reason("The Member it is written to is the relevant Executive Member"))
        elif executive_member is None:
            return Copies(
                tuple(out),
                _decision(
                    "refused",
                    rules.executive_member.reasons(
                        f"Written information on {what} is also copied to the relevant Executive Member, "
                        f"but no Executive Member's portfolio is linked to {service_name}: the Member "
                        "Enquiries team links one first"
                    ),
                ),
            )
        else:
            why = rules.executive_member.reasons(
                f"{executive_member.name} is copied because written information on {what} is also copied "
                "to the relevant Executive Member"
            )
            out.append(Copy(executive_member, why, required_outside_circle=True))
            reasons.extend(why)
    return Copies(tuple(out), Decision("allowed", tuple(reasons)))


# Notifications ------------------------------------------------------------------------------------

# When a message may go is the same rule for every workflow's e-mail: ``nolan.mail.hours``.
SendTime = hours.SendTime
notification_time = hours.notification_time


# Chasing ------------------------------------------------------------------------------------------


def _working_days(n: int) -> str:
    return f"{n} working day{'' if n == 1 else 's'}"


def chasing_rung(
    *, days_past_due: int, reached: Sequence[str], days_since_last_chase: int | None, ladder: ChasingLadder
) -> Decision:
    """Which rung of the chasing ladder an enquiry awaiting an answer has come to today.

    ``days_past_due``: working days from the due date to today (0 on the due date, negative before
    it, 1 on the first working day after it). ``reached``: the rungs already reached for this due
    date. ``days_since_last_chase``: working days since the last chase or escalation was reached
    (None if none has been).

    The outcome is the rung to reach now (``"reminder"``, ``"chase_<n>"``, ``"escalation"``) or
    ``"none"``. The ladder is climbed one rung at a time and never skips one: the first chase on the
    first working day after the due date, each further chase ``chase_interval`` working days after the
    one before, and escalation ``chase_interval`` working days after the last chase. A reminder
    before the due date is only sent before the answer is late; once it is late the chase takes its
    place.
    """
    reached = set(reached)
    if not ladder.enabled:
        return _decision(
            "none",
            ladder.chasing.reasons("The council's protocol does not have outstanding enquiries chased"),
        )
    chasing = ladder.chasing.reasons("Officers chase outstanding enquiries that exceed the response time")
    if ESCALATION in reached:
        return _decision(
            "none",
            chasing,
            ladder.escalate_after.reasons(
                "It has been escalated already: it stays on the daily digest until it is answered"
            ),
        )

    if days_past_due <= 0:
        until = "today" if days_past_due == 0 else f"in {_working_days(-days_past_due)}"
        if not ladder.reminder_days:
            return _decision(
                "none", ladder.reminder_before_due.reasons(f"It is due {until}; no reminder is sent before")
            )
        if REMINDER in reached:
            return _decision("none", Reason(f"It is due {until} and the reminder has been sent"))
        if -days_past_due > ladder.reminder_days:
            return _decision(
                "none",
                ladder.reminder_before_due.reasons(
                    f"It is due {until}; the reminder comes {_working_days(ladder.reminder_days)} before "
                    "the due date"
                ),
            )
        return _decision(
            REMINDER,
            chasing,
            ladder.reminder_before_due.reasons(
                f"It is due {until}: the handling officer is reminded "
                f"{_working_days(ladder.reminder_days)} before the due date"
            ),
        )

    late = f"It is {_working_days(days_past_due)} past its due date"
    done = sum(1 for rung in reached if rung.startswith(CHASE_PREFIX))
    following = chase_rung(done + 1) if done < ladder.chases else ESCALATION
    if following == ESCALATION:
        step = ladder.escalate_after.reasons(
            f"After {ladder.chases} chase{'' if ladder.chases == 1 else 's'} without an answer it is "
            "escalated"
        ) + ladder.escalation_to.reasons("Escalation goes to the service's management")
    else:
        step = ladder.chase_interval.reasons(
            f"Chase {done + 1} of {ladder.chases} before it is escalated"
            + (" (the first, on breach of the due date)" if done == 0 else "")
        )
    passed = (
        ()
        if done or REMINDER in reached or not ladder.reminder_days
        else (Reason("The reminder before the due date was not sent in time; the chase takes its place"),)
    )
    if done == 0:
        return _decision(following, chasing, Reason(late), step, passed)
    since = days_since_last_chase or 0
    if since < ladder.interval:
        wait = ladder.interval - since
        return _decision(
            "none",
            chasing,
            Reason(late),
            ladder.chase_interval.reasons(
                f"The last chase was {_working_days(since)} ago; the next step, "
                f"{rung_label(following).lower()}, comes in {_working_days(wait)} "
                f"(every {_working_days(ladder.interval)})"
            ),
        )
    return _decision(
        following,
        chasing,
        Reason(late),
        Reason(f"The last chase was {_working_days(since)} ago, with no answer yet"),
        step,
    )


# Retention ----------------------------------------------------------------------------------------


def retention_due(*, closed_on: datetime.date, today: datetime.date, years: int) -> bool:
    """Whether resident details closed on ``closed_on`` are past the retention period."""
    try:
        limit = closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February
        limit = closed_on.replace(year=closed_on.year + years, day=28)
    return today >= limit


def day(value: datetime.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"
