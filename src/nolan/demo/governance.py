"""The demo council's governance: Cabinet portfolios, opposition shadows and committees."""

from __future__ import annotations

from typing import NamedTuple

from nolan.directory.models import CommitteeKind

#: The Deputy Leader holds the first portfolio; eight more Cabinet Members hold the rest.
PORTFOLIOS: tuple[str, ...] = (
    "Housing and Regeneration",
    "Resources and Finance",
    "Adult Social Care and Health",
    "Children, Schools and Young People",
    "Environment and Climate",
    "Planning and Transport",
    "Community Safety",
    "Culture, Leisure and Sport",
    "Equalities, Communities and Jobs",
)

#: The portfolios each opposition group shadows, by group position after the administration.
SHADOWED_PORTFOLIOS: tuple[tuple[str, ...], ...] = (
    PORTFOLIOS[:6],
    ("Housing and Regeneration", "Community Safety", "Planning and Transport"),
)

FULL_COUNCIL = "Full Council"
CABINET = "Cabinet"
HEALTH_AND_WELLBEING_BOARD = "Health and Wellbeing Board"
STANDARDS_COMMITTEE = "Standards Committee"


class CommitteeSpec(NamedTuple):
    name: str
    kind: str
    terms_of_reference: str
    seats: int = 0  # councillors' seats, shared between the groups in proportion
    parent: str = ""
    vice_chair_from_opposition: bool = False
    chair_from_opposition: bool = False
    from_parent_only: bool = False  # its members are drawn from the parent committee's
    scrutiny_lead: str = ""  # the chair is the scrutiny lead member for this area
    co_opted: int = 0


COMMITTEES: tuple[CommitteeSpec, ...] = (
    CommitteeSpec(
        FULL_COUNCIL,
        CommitteeKind.FULL_COUNCIL,
        "Every councillor, chaired by the Mayor. Sets the budget and the policy framework, adopts the "
        "Constitution and appoints the Leader and the committees.",
    ),
    CommitteeSpec(
        CABINET,
        CommitteeKind.EXECUTIVE,
        "The Leader and the Cabinet Members. Takes the executive decisions that are not reserved to Full "
        "Council, within the budget and policy framework.",
    ),
    CommitteeSpec(
        "Overview and Scrutiny Committee",
        CommitteeKind.OVERVIEW_AND_SCRUTINY,
        "Holds the Cabinet to account, may call in executive decisions before they take effect, and sets "
        "the scrutiny work programme for its sub-committees.",
        seats=9,
        vice_chair_from_opposition=True,
    ),
    CommitteeSpec(
        "Housing and Regeneration Scrutiny Sub-Committee",
        CommitteeKind.OVERVIEW_AND_SCRUTINY,
        "Reviews housing management, homelessness and regeneration, and the council's landlord services.",
        seats=7,
        parent="Overview and Scrutiny Committee",
        scrutiny_lead="Housing and Regeneration",
    ),
    CommitteeSpec(
        "Health and Adults Scrutiny Sub-Committee",
        CommitteeKind.OVERVIEW_AND_SCRUTINY,
        "Reviews adult social care and public health, and the local NHS services as the health scrutiny "
        "committee.",
        seats=7,
        parent="Overview and Scrutiny Committee",
        scrutiny_lead="Health and Adults",
    ),
    CommitteeSpec(
        "Children and Education Scrutiny Sub-Committee",
        CommitteeKind.OVERVIEW_AND_SCRUTINY,
        "Reviews children's social care, schools and youth services.",
        seats=7,
        parent="Overview and Scrutiny Committee",
        scrutiny_lead="Children and Education",
    ),
    CommitteeSpec(
        "Planning Committee",
        CommitteeKind.REGULATORY,
        "Decides major and contested planning applications that are not delegated to officers. Members "
        "decide on the planning merits alone and do not lobby or take part where they are predetermined.",
        seats=9,
    ),
    CommitteeSpec(
        "Licensing Committee",
        CommitteeKind.REGULATORY,
        "The council's licensing committee under the Licensing Act 2003 and the Gambling Act 2005: sets "
        "licensing policy and appoints sub-committees to hear applications.",
        seats=15,
    ),
    CommitteeSpec(
        "Licensing Sub-Committee",
        CommitteeKind.REGULATORY,
        "Three members of the Licensing Committee hear contested applications for premises licences and "
        "reviews of licences.",
        seats=3,
        parent="Licensing Committee",
        from_parent_only=True,
    ),
    CommitteeSpec(
        STANDARDS_COMMITTEE,
        CommitteeKind.STANDARDS,
        "Promotes high standards of conduct, oversees the Members' Code of Conduct and this protocol, and "
        "hears complaints against Members referred by the Monitoring Officer.",
        seats=5,
        vice_chair_from_opposition=True,
        co_opted=1,
    ),
    CommitteeSpec(
        "Audit Committee",
        CommitteeKind.OTHER,
        "Oversees risk management, internal control and the internal and external audit of the council's "
        "accounts.",
        seats=7,
        chair_from_opposition=True,
    ),
    CommitteeSpec(
        "Pensions Committee",
        CommitteeKind.OTHER,
        "Manages the council's Local Government Pension Scheme fund: investment strategy, fund managers "
        "and the pension board's reports.",
        seats=7,
    ),
    CommitteeSpec(
        HEALTH_AND_WELLBEING_BOARD,
        CommitteeKind.OTHER,
        "Brings the council, the NHS and partners together to agree the joint health and wellbeing strategy "
        "and to improve the health of local people.",
    ),
)
