"""The parameter catalogue: every setting of a council's protocol that Nolan's workflows read.

Each council's profile (``data/profiles/<slug>.toml``) sets every parameter listed here, either with
the paragraphs of its protocol the value comes from or, where the protocol is silent, marked
``specified = false`` with the default Nolan uses and why. This module is the single list of keys:
a profile holding a key that is not here, or missing one that is, does not load.
"""

from __future__ import annotations

from dataclasses import dataclass

#: People and places a matter can be taken to; a "role" parameter's value is one of these codes.
ROLES: dict[str, str] = {
    "line_manager": "the officer's line manager",
    "senior_manager": "an appropriate senior manager",
    "head_of_service": "the Head of Service",
    "chief_officer": "the relevant Chief Officer or Director",
    "director": "the Director",
    "corporate_director": "the Corporate Director",
    "corporate_leadership_team": "the appropriate member of the Corporate Leadership Team",
    "chief_executive": "the Chief Executive",
    "monitoring_officer": "the Monitoring Officer",
    "leader": "the Leader",
    "group_leader": "the Member's group Leader",
    "human_resources": "Human Resources",
    "call_centre": "the Council's call-centre",
}

#: What a value of each kind must be in the profile file.
KINDS: dict[str, str] = {
    "int": "a whole number",
    "bool": "true or false",
    "str": "text in quotes",
    "role": "one of the role codes",
    "choice": "one of the listed choices",
    "list": "a list of the listed choices",
}

#: Units a number may be given in.
UNITS = ("working days", "days", "weeks", "months", "years", "chases")


@dataclass(frozen=True)
class Parameter:
    """One parameter of the protocol profiles: what it means and Nolan's default when a protocol is
    silent."""

    key: str
    label: str
    kind: str  # see KINDS
    unit: str  # the default unit ("" for kinds without one)
    description: str
    default: object
    default_why: str
    units: tuple[str, ...] = ()  # units a profile may give instead of ``unit``
    choices: tuple[tuple[str, str], ...] = ()  # (code, label) for "choice" and "list" kinds

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    def allowed_units(self) -> tuple[str, ...]:
        return self.units or ((self.unit,) if self.unit else ())

    def choice_codes(self) -> tuple[str, ...]:
        if self.kind == "role":
            return tuple(ROLES)
        return tuple(code for code, _ in self.choices)

    def check(self, value: object) -> str:
        """'' when ``value`` is of this parameter's kind, else what is wrong with it."""
        kind = self.kind
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                return f"must be {KINDS['int']} (0 or more), not {value!r}"
        elif kind == "bool":
            if not isinstance(value, bool):
                return f"must be true or false, not {value!r}"
        elif kind == "str":
            if not isinstance(value, str) or not value.strip():
                return f"must be {KINDS['str']}, not {value!r}"
        elif kind in ("role", "choice"):
            codes = self.choice_codes()
            if not isinstance(value, str) or value not in codes:
                return f"must be one of {', '.join(codes)}; not {value!r}"
        elif kind == "list":
            codes = self.choice_codes()
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return f"must be a list of {', '.join(codes)}; not {value!r}"
            unknown = [v for v in value if codes and v not in codes]
            if unknown:
                return f"has {', '.join(map(repr, unknown))}, which is not one of {', '.join(codes)}"
        else:  # pragma: no cover - a catalogue mistake, caught by the catalogue's own test
            return f"has an unknown kind {kind!r}"
        return ""

    def describe(self, value: object, unit: str = "") -> str:
        """The value as a Monitoring Officer would read it: "10 working days", "the Leader", "yes"."""
        unit = unit or self.unit
        if self.kind == "int":
            if value == 0 and "limit" in self.key:
                return "no limit"
            if unit:
                singular = {"working days": "working day", "days": "day", "weeks": "week"}
                singular |= {"months": "month", "years": "year", "chases": "chase"}
                return f"{value} {singular.get(unit, unit) if value == 1 else unit}"
            return str(value)
        if self.kind == "bool":
            return "yes" if value else "no"
        if self.kind == "role":
            return ROLES.get(str(value), str(value))
        labels = dict(self.choices)
        if self.kind == "choice":
            return labels.get(str(value), str(value))
        if self.kind == "list":
            items = [labels.get(v, v) for v in value] if isinstance(value, list | tuple) else [str(value)]
            return "; ".join(items) if items else "none"
        return str(value)


class UnknownParameter(KeyError):
    """A key that is not in the catalogue."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(key)

    def __str__(self) -> str:
        return (
            f"There is no protocol parameter {self.key!r}. Run 'nolan protocol compare' for the list of "
            "parameters."
        )


def parameter(key: str) -> Parameter:
    try:
        return PARAMETERS[key]
    except KeyError:
        raise UnknownParameter(key) from None


SECTIONS: dict[str, str] = {
    "enquiries": "Member Enquiries",
    "complaints": "Concerns and complaints between Members and officers",
    "access": "Access to information and the need to know",
    "groups": "Political groups and briefings",
    "wards": "Ward Members",
    "contact": "Contact between Members and officers",
    "relationships": "Close personal relationships",
    "elections": "The pre-election period",
    "standards": "The Standards Committee",
}

_NOT_ROUTINE = "Matters that are not routine or involve policy"
_WD = ("working days", "days")


def _p(key: str, label: str, kind: str, default: object, why: str, description: str, **more) -> Parameter:
    unit = more.pop("unit", "")
    return Parameter(key, label, kind, unit, description, default, why, **more)


_CATALOGUE: tuple[Parameter, ...] = (
    # Member Enquiries ---------------------------------------------------------------------------
    _p(
        "enquiries.response_time",
        "Response time for a Member enquiry",
        "int",
        10,
        "Ten working days is the standard the protocols that set one use, and the most common among "
        "councils generally.",
        "How long officers have to give a full response to a Member enquiry.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "enquiries.acknowledgement_time",
        "Acknowledgement of a Member enquiry",
        "int",
        2,
        "None of the protocols sets one; acknowledging within two working days, naming who is dealing "
        "with it, is common practice and tells the Member the enquiry has a handler.",
        "How soon the Member is told the enquiry has been received and who is handling it.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "enquiries.holding_reply",
        "Holding reply",
        "bool",
        True,
        "A Member left without word when a full answer will take longer is worse served than one told "
        "why and when; a holding reply within the response time is the usual remedy.",
        "Where a full response cannot be given within the response time, the officer writes within it "
        "explaining why and giving a new date.",
    ),
    _p(
        "enquiries.time_consuming",
        "Discussing a very time-consuming enquiry",
        "bool",
        True,
        "Recording that an officer discussed an enquiry's impact on other work harms no one and helps "
        "explain a later answer.",
        "An officer may discuss a very time-consuming enquiry's impact on other work with the Member and "
        "senior Members or managers.",
    ),
    _p(
        "enquiries.follow_up_window",
        "Follow-up window after a response",
        "int",
        5,
        "None of the protocols sets one; five working days lets the Member come back on an answer "
        "without raising a new enquiry, before the enquiry closes.",
        "How long after a response the Member may come back on it and re-open the enquiry.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "enquiries.sign_off",
        "Manager's sign-off of responses",
        "bool",
        False,
        "None of the protocols requires it, so a manager's sign-off is optional and used when the "
        "handling officer asks for it.",
        "Whether every response is signed off by a manager before it is sent.",
    ),
    _p(
        "enquiries.elected_representatives",
        "Enquiries from MPs and other elected representatives",
        "bool",
        True,
        "The protocols speak of Members only; many councils take MPs' enquiries through the same system "
        "and report them separately, and a council can turn this off.",
        "Whether MPs and other elected representatives may raise enquiries in the Member Enquiries system.",
    ),
    _p(
        "enquiries.urgent_route",
        "Urgent enquiries go to the Director",
        "bool",
        True,
        "An enquiry that is extremely urgent for constituents cannot wait in a queue; taking it straight "
        "to the service's Director is the route the protocols that mention urgency give.",
        "Whether a Member may take an extremely urgent enquiry straight to the service's Director or "
        "Chief Officer.",
    ),
    _p(
        "enquiries.access_in_doubt",
        "Doubtful right to information goes to the Monitoring Officer",
        "bool",
        True,
        "The Monitoring Officer advises the council on the law, so a doubt about a Member's right to "
        "information is theirs to determine.",
        "Whether an enquiry is referred to the Monitoring Officer when the right to the information "
        "asked for is in doubt or access is refused.",
    ),
    _p(
        "enquiries.non_routine_route",
        "Non-routine or policy enquiries go to a Director",
        "bool",
        True,
        "Junior officers are not asked for views on policy, which protects their political neutrality "
        "and their accountability to their managers.",
        f"{_NOT_ROUTINE} are directed to a Director or Corporate Director, not to junior officers.",
    ),
    _p(
        "enquiries.non_routine_recipient",
        "Who non-routine or policy enquiries go to",
        "role",
        "director",
        "The Director is accountable for the service and for the advice given on it.",
        f"Who {_NOT_ROUTINE.lower()} are directed to.",
    ),
    _p(
        "enquiries.legal_proceedings",
        "Enquiries about legal proceedings",
        "bool",
        True,
        "A council answering questions about a case in progress risks prejudicing it; limiting the "
        "answer to process, through a Director, protects both the council and the Member.",
        "Enquiries about ongoing or contemplated legal proceedings go to a Director or Corporate "
        "Director only and are answered on process only.",
    ),
    _p(
        "enquiries.complaints",
        "Complaints go through the complaints procedure",
        "bool",
        True,
        "A complaint on a constituent's behalf has its own procedure, stages and route to the "
        "Ombudsman; answering it as an enquiry would deprive the constituent of them.",
        "A complaint on a constituent's behalf, as distinct from an enquiry, is put through the official "
        "complaints procedure.",
    ),
    _p(
        "enquiries.service_requests",
        "Service requests go to the service",
        "bool",
        True,
        "None of the protocols deals with it; a request for a service (a missed bin) is passed to the "
        "service to deliver, and a later chaser about it is an enquiry.",
        "A request for a service is passed to the service rather than treated as a Member enquiry.",
    ),
    _p(
        "enquiries.information_requests",
        "Members' requests for factual information",
        "bool",
        True,
        "A Member asking for information they need as a Member should not have to use the Freedom of "
        "Information Act.",
        "A Member may ask a service for factual information they need as a Member without a formal "
        "Freedom of Information request.",
    ),
    _p(
        "enquiries.personal_information",
        "Personal information needs the data subject's consent",
        "bool",
        True,
        "Data protection law: a Member is not entitled to someone's personal information unless they "
        "have authorised it; consent is presumed for a ward resident the Member acts for, except for "
        "special category data.",
        "Members are given personal information about someone only with that person's authorisation or "
        "presumed consent.",
    ),
    _p(
        "enquiries.interests",
        "A Member's interest in the matter",
        "bool",
        True,
        "The Members' Code of Conduct: a Member with an interest in a matter makes officers aware of it "
        "and seeks no special treatment on account of it.",
        "A Member enquiring about a matter in which they have a personal or financial interest makes "
        "officers aware of it and gets no special treatment.",
    ),
    _p(
        "enquiries.confidentiality",
        "A Member's request is confidential",
        "bool",
        True,
        "A Member's casework often concerns residents' private affairs; keeping the request from other "
        "Members and groups protects them and the Member.",
        "A Member's request for information is treated in confidence and not made known to other Members "
        "or political groups.",
    ),
    _p(
        "enquiries.copy_director",
        "The Director is copied when a junior officer answers",
        "bool",
        True,
        "Keeping the Director informed when a more junior officer answers keeps the formal line of "
        "accountability intact.",
        "When a more junior officer answers a Member, the service's Director is copied into the "
        "correspondence.",
    ),
    _p(
        "enquiries.name_copies",
        "Everyone copied is named",
        "bool",
        True,
        "Openness: a Member should know who else has seen what was written to them; there are no blind "
        "copies.",
        "Letters to a Member name everyone else sent or copied the same correspondence.",
    ),
    _p(
        "enquiries.executive_member_copy",
        "Policy or statistical answers copied to the Executive Member",
        "bool",
        False,
        "Copying one Member's correspondence to another Member makes the request known to them; Nolan "
        "does so only where the council's protocol says so.",
        "Written information on the implications of current council policies, or statistics about "
        "council services, is also copied to the relevant Executive Member.",
    ),
    _p(
        "enquiries.retention",
        "Keeping resident details after an enquiry ends",
        "int",
        2,
        "None of the protocols sets a period; two years after the enquiry ends covers a follow-up and a "
        "complaint to the Ombudsman (normally within twelve months) with a margin, and no longer.",
        "How long residents' details in an enquiry are kept after it ends before they are anonymised.",
        unit="years",
    ),
    _p(
        "enquiries.chasing",
        "Officers chase outstanding enquiries",
        "bool",
        True,
        "An enquiry past its response time is chased rather than left to the Member to pursue.",
        "Whether enquiries not answered within the response time are chased.",
    ),
    _p(
        "enquiries.reminder_before_due",
        "Reminder before an enquiry is due",
        "int",
        2,
        "None of the protocols sets one; a reminder two working days before the due date leaves time "
        "for a full answer or a holding reply.",
        "How long before the due date the handling officer is reminded.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "enquiries.chase_interval",
        "Interval between chases",
        "int",
        2,
        "None of the protocols sets one; chasing every two working days after the due date keeps the "
        "enquiry moving without flooding the officer.",
        "How often an overdue enquiry is chased.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "enquiries.escalate_after",
        "Escalation after chases",
        "int",
        2,
        "None of the protocols sets a number; after two chases without an answer the matter is for the "
        "service's management.",
        "After how many chases an overdue enquiry is escalated.",
        unit="chases",
    ),
    _p(
        "enquiries.escalation_to",
        "Who an overdue enquiry is escalated to",
        "role",
        "director",
        "The Director is responsible for the service's answers to Members.",
        "Who an overdue enquiry is escalated to after the chases.",
    ),
    # Concerns and complaints -------------------------------------------------------------------
    _p(
        "complaints.about_officer.officer",
        "A Member's complaint about an officer below Director",
        "role",
        "director",
        "The officer's Director manages the service and the officer.",
        "Who a Member raises a concern or complaint about the conduct or capability of an officer below "
        "Director level with.",
    ),
    _p(
        "complaints.about_officer.director",
        "A Member's complaint about a Director",
        "role",
        "chief_executive",
        "The Chief Executive, as Head of Paid Service, manages the Directors.",
        "Who a Member raises a concern or complaint about a Director with.",
    ),
    _p(
        "complaints.about_officer.corporate_director",
        "A Member's complaint about a Corporate Director",
        "role",
        "chief_executive",
        "The Chief Executive, as Head of Paid Service, manages the Corporate Directors.",
        "Who a Member raises a concern or complaint about a Corporate Director with.",
    ),
    _p(
        "complaints.about_officer.chief_executive",
        "A Member's complaint about the Chief Executive",
        "role",
        "leader",
        "The Chief Executive has no manager among the officers, and the council's procedure for "
        "disciplining a chief executive begins with Members; the Leader considers how to deal with it.",
        "Who a Member raises a concern or complaint about the Chief Executive with.",
    ),
    _p(
        "complaints.about_officer.private",
        "Concerns about officers are raised privately",
        "bool",
        True,
        "Officers cannot answer criticism in public, and public criticism may prejudice a disciplinary "
        "process.",
        "A Member raises a concern about an officer privately, not in public or the press.",
    ),
    _p(
        "complaints.about_officer.escalation",
        "If the Member is still concerned",
        "role",
        "chief_executive",
        "The Chief Executive, as Head of Paid Service, can look at the matter afresh.",
        "Who a Member who remains concerned after the first answer takes the matter to.",
    ),
    _p(
        "complaints.about_officer.acknowledgement_time",
        "Acknowledging a complaint about an officer",
        "int",
        5,
        "Five working days to acknowledge and say what will happen is the usual standard for complaints.",
        "How soon the person a complaint about an officer was made to acknowledges it and says whether "
        "they will act or how long they need to investigate.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "complaints.about_officer.time_limit",
        "Time limit for a complaint about an officer",
        "int",
        0,
        "Where the protocol sets no limit, Nolan refuses no complaint for its age (0 means no limit).",
        "How long after the events a Member may raise a complaint about an officer (0: no limit).",
        unit="months",
        units=("months", "working days", "days"),
    ),
    _p(
        "complaints.about_officer.member_told_outcome",
        "The Member is told the outcome",
        "bool",
        True,
        "A Member who complained should know whether the matter was put right, without the confidential "
        "details of any disciplinary case.",
        "The Member is told whether action was taken and the outcome, but not the details of a "
        "disciplinary hearing.",
    ),
    _p(
        "complaints.about_member.officer",
        "An officer's complaint about a Member",
        "role",
        "line_manager",
        "An officer's line manager is the first person to support them and to try to resolve it informally.",
        "Who an officer first raises a concern or complaint about a Member with.",
    ),
    _p(
        "complaints.about_member.director",
        "A Director's complaint about a Member",
        "role",
        "chief_executive",
        "A Director's own manager is the Chief Executive.",
        "Who a complaint about a Member by a Director (or Corporate Director) goes to.",
    ),
    _p(
        "complaints.about_member.formal",
        "Formal complaints about Members (Code of Conduct)",
        "role",
        "monitoring_officer",
        "The Localism Act 2011 gives the Monitoring Officer the arrangements for complaints that a "
        "Member has broken the Code of Conduct.",
        "Who a formal complaint about a Member, including a complaint under the Members' Code of "
        "Conduct, is made to.",
    ),
    _p(
        "complaints.about_member.acknowledgement_time",
        "Acknowledging a complaint about a Member",
        "int",
        5,
        "Five working days to say how the matter will be dealt with is the usual standard for complaints.",
        "How soon the officer's manager says how a complaint about a Member will be dealt with and "
        "roughly how long it will take.",
        unit="working days",
        units=_WD,
    ),
    _p(
        "complaints.about_member.investigation_time",
        "Completing an investigation of a complaint about a Member",
        "int",
        6,
        "None of the other protocols sets a target; six months is the one a protocol gives, and a target "
        "keeps the parties informed.",
        "The target for completing an internal investigation of a complaint about a Member.",
        unit="months",
        units=("months", "working days"),
    ),
    _p(
        "complaints.about_member.procedures",
        "Procedures for a complaint about a Member",
        "list",
        ["informal", "code_of_conduct"],
        "Every protocol prefers informal resolution and keeps the Code of Conduct route open.",
        "The procedures a complaint about a Member may be handled under.",
        choices=(
            ("informal", "resolved informally"),
            ("mediation", "mediation, if both parties agree"),
            ("internal_investigation", "internal investigation"),
            ("code_of_conduct", "a formal complaint under the Members' Code of Conduct"),
        ),
    ),
    _p(
        "complaints.about_member.group_leader_told",
        "The Member's group Leader is told",
        "bool",
        False,
        "Where the protocol does not say so, the complaint stays confidential to those handling it.",
        "Whether the Leader of the Member's party group is advised of a complaint about the Member.",
    ),
    # Access to information --------------------------------------------------------------------
    _p(
        "access.decided_by",
        "Who first decides a Member's access to information",
        "role",
        "director",
        "The Director holds the service's information and applies the need to know test, with reasons.",
        "Who decides a Member's request for information that is not public (the need to know test).",
    ),
    _p(
        "access.disputes_to",
        "Who determines a doubt or dispute about access",
        "role",
        "monitoring_officer",
        "The Monitoring Officer advises the council on the law of access to information.",
        "Who a doubt or dispute about a Member's right to information is referred to.",
    ),
    _p(
        "access.reasons_for_refusal",
        "Reasons are given for a refusal",
        "bool",
        True,
        "A refusal without reasons cannot be reviewed; the need to know is decided case by case with "
        "reasons recorded.",
        "An officer who refuses a Member's request for information states the reasons.",
    ),
    _p(
        "access.committee_members_presumed",
        "Committee members are presumed to need their committee's papers",
        "bool",
        True,
        "Members of a committee have a good reason to see its papers, including Part II exempt items.",
        "Members of a committee (or Cabinet) are presumed to have a need to know its papers.",
    ),
    _p(
        "access.scrutiny_members_presumed",
        "Scrutiny members' need to know",
        "bool",
        True,
        "The 2012 access to information regulations give overview and scrutiny members additional "
        "rights to executive papers.",
        "Members of the Overview and Scrutiny Committee have a prima facie need to know Cabinet papers "
        "within its terms of reference.",
    ),
    _p(
        "access.other_groups_papers",
        "No need to know another group's internal papers",
        "bool",
        True,
        "By convention a Member of one political group has no need to know another group's working papers.",
        "A Member has no need to know documents forming part of another political group's internal workings.",
    ),
    _p(
        "access.leader_determination",
        "Application to the Leader for an access to information determination",
        "bool",
        False,
        "Where the protocol provides no such route, disputes are for the Monitoring Officer.",
        "Whether a Member may apply to the Leader and the Cabinet Member for a decision to release "
        "information despite not establishing a need to know.",
    ),
    _p(
        "access.viewing_only",
        "Sensitive documents may be shown without copies",
        "bool",
        False,
        "Where the protocol is silent, a Member entitled to a document is given a copy.",
        "Whether, on the Monitoring Officer's advice, highly sensitive documents may be shown to a Member "
        "at the council's offices without copies.",
    ),
    # Political groups --------------------------------------------------------------------------
    _p(
        "groups.briefing_requests_to",
        "Who a political group asks for an officer briefing",
        "role",
        "chief_executive",
        "The Chief Executive decides which officer attends, so no officer is identified with a party.",
        "Who a political group's request for officers to brief or attend a group meeting is made to.",
    ),
    _p(
        "groups.other_groups",
        "Briefings for other political groups",
        "choice",
        "offered",
        "Officers serve the council as a whole; offering every group what one group was given is the "
        "even-handed course.",
        "Whether a briefing given to one political group is offered to the others, or available to them "
        "on request.",
        choices=(
            ("offered", "offered to every other group"),
            ("on_request", "available to any group on request"),
        ),
    ),
    _p(
        "groups.joint_briefing_notice",
        "Notice for a joint opposition briefing",
        "int",
        5,
        "Where the protocol sets no notice, a working week gives the Chief Executive and Directors time "
        "to prepare.",
        "How much notice an opposition group Leader gives the Chief Executive for a joint briefing with "
        "the Corporate Management Team.",
        unit="working days",
        units=("working days", "days", "weeks"),
    ),
    _p(
        "groups.non_members_present",
        "Group meetings that include non-Members",
        "choice",
        "with_chief_executive_agreement",
        "People who are not Members are not bound by the Members' Code on interests and confidentiality; "
        "officers attend such meetings only where the Chief Executive agrees.",
        "Whether officers attend political group meetings that include people who are not Members.",
        choices=(
            ("never", "officers do not attend"),
            ("with_chief_executive_agreement", "only with the Chief Executive's agreement"),
            ("no_confidential_information", "officers disclose no confidential information to them"),
        ),
    ),
    _p(
        "groups.confidential",
        "Group discussions are confidential",
        "bool",
        True,
        "Officers who relayed one group's discussions to another would lose every group's trust.",
        "Officers keep a political group's discussions and briefings confidential and do not relay them "
        "to another group.",
    ),
    _p(
        "groups.facts_and_options_only",
        "Officers' advice to groups is facts and options",
        "bool",
        True,
        "Officers are politically neutral: their advice to a group is material facts and options, with "
        "no political implications or recommendation.",
        "Officers' advice to a political group is limited to material facts and options, without "
        "political implications or recommendations.",
    ),
    # Ward Members ------------------------------------------------------------------------------
    _p(
        "wards.notification_types",
        "What ward Members are told about",
        "list",
        ["public_meeting", "consultation", "ward_activity"],
        "Where the protocol lists nothing, ward Members are invited to public meetings, told of "
        "consultations and of council activity in their ward.",
        "The kinds of event in their ward that ward Members are notified of.",
        choices=(
            ("public_meeting", "public meetings on a local issue (invited)"),
            ("consultation", "consultation on a local issue"),
            ("ward_activity", "council activity in the ward"),
            ("specific_situation", "a specific situation in the ward"),
            ("service_change", "proposed changes to services sited in the ward"),
            ("traffic_order", "proposed significant traffic management orders"),
            ("dispersal_order", "proposed anti-social behaviour dispersal orders"),
            ("public_event", "public events such as openings and festivals (invited)"),
            ("photo_shoot", "photo shoots in the ward"),
            ("press_release", "press releases about the ward"),
        ),
    ),
    _p(
        "wards.consultation_timing",
        "When ward Members hear of a consultation",
        "choice",
        "at_outset",
        "Ward Members told at the outset can answer residents' questions from the first day.",
        "When ward Members are told of a consultation on a local issue in their ward.",
        choices=(("at_outset", "at the outset"), ("before_outset", "consulted before the outset")),
    ),
    # Contact ------------------------------------------------------------------------------------
    _p(
        "contact.out_of_hours",
        "Non-working time is respected",
        "bool",
        True,
        "Respecting each other's non-working time, except in emergencies, is common good practice.",
        "Members and officers are not contacted in their non-working time except in emergencies (Nolan "
        "holds notifications until the next working morning unless urgent).",
    ),
    _p(
        "contact.urgent_out_of_hours",
        "An urgent matter out of hours",
        "role",
        "call_centre",
        "The council's out-of-hours service reaches the staff who are on duty or on call.",
        "Who a Member with an urgent matter out of hours contacts.",
    ),
    # Relationships ----------------------------------------------------------------------------
    _p(
        "relationships.declaration",
        "Close relationships are declared",
        "bool",
        True,
        "A close relationship between a Member and an officer, openly declared, lets the council keep "
        "the officer out of the Member's matters.",
        "Close personal relationships between Members and officers are openly declared, and enquiries are "
        "routed away from a related officer.",
    ),
    _p(
        "relationships.declared_to",
        "Who a relationship is declared to",
        "role",
        "monitoring_officer",
        "The Monitoring Officer advises on conflicts of interest and keeps the register.",
        "Who a Member or officer informs of a relationship that might be seen as unduly influencing "
        "their work.",
    ),
    _p(
        "relationships.familial_declared_to",
        "Who a family relationship is disclosed to",
        "role",
        "monitoring_officer",
        "Where the protocol names no one else, family relationships are declared like other close "
        "relationships.",
        "Who a family relationship between a Member and an officer is disclosed to.",
    ),
    _p(
        "relationships.avoid_contact",
        "Related Members and officers avoid conflicts",
        "bool",
        True,
        "Declaring a relationship helps only if those concerned then keep out of each other's matters.",
        "Members and officers with a declared relationship avoid situations where a conflict could be "
        "perceived (the Member takes no decision directly affecting the officer).",
    ),
    # Elections ----------------------------------------------------------------------------------
    _p(
        "elections.period_starts",
        "When the pre-election period starts",
        "choice",
        "notice_of_election",
        "The Code of Recommended Practice on Local Authority Publicity's heightened care runs from the "
        "notice of election to the poll.",
        "When the restrictions of the pre-election period begin.",
        choices=(
            ("notice_of_election", "the notice of election"),
            ("announcement", "the announcement of the election, by-election or referendum"),
        ),
    ),
    _p(
        "elections.guidance_from",
        "Who issues pre-election guidance",
        "role",
        "monitoring_officer",
        "The Monitoring Officer advises Members and officers on propriety.",
        "Who issues the specific guidance for Members and officers during a pre-election period.",
    ),
    _p(
        "elections.no_campaigning_resources",
        "No council resources for campaigning",
        "bool",
        True,
        "Section 2 of the Local Government Act 1986: a council must not publish material designed to "
        "affect support for a political party.",
        "Council facilities and resources are not used for election campaigning or party political purposes.",
    ),
    _p(
        "elections.enquiries_continue",
        "Enquiries are answered during the pre-election period",
        "bool",
        True,
        "Members remain Members until the election; enquiries continue, answered factually and not for "
        "electioneering.",
        "Members' enquiries continue to be answered in the pre-election period, factually and not party "
        "politically.",
    ),
    # Standards Committee ------------------------------------------------------------------------
    _p(
        "standards.committee",
        "The committee that oversees the protocol",
        "str",
        "Standards Committee",
        "Every council has a committee for standards of conduct; this is its usual name.",
        "The name of the committee that receives reports on the protocol and on complaints under it.",
    ),
    _p(
        "standards.complaint_outcomes_reported",
        "Complaint outcomes are reported to the committee",
        "bool",
        True,
        "A committee that oversees the protocol needs to know what was referred by either side and how it "
        "was dealt with.",
        "The outcomes of complaints between Members and officers are reported to the committee.",
    ),
    _p(
        "standards.protocol_review",
        "Review of the protocol",
        "choice",
        "annual",
        "An annual review keeps the protocol in step with practice and the law.",
        "How often the committee and the Monitoring Officer review the protocol.",
        choices=(("annual", "every year"), ("on_amendment", "when amendments are proposed")),
    ),
)

PARAMETERS: dict[str, Parameter] = {p.key: p for p in _CATALOGUE}
