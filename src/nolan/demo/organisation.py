"""The demo council's officer structure: six directorates, their Directors, services and teams.

Every post has a line manager: the Chief Executive manages the Corporate Directors (and the Directors
of the Chief Executive's directorate, which the Chief Executive heads), a Corporate Director their
Directors, a Director the heads of their services, a head of service the service's managers, and a
manager the officers of their team. About 300 posts in all.
"""

from __future__ import annotations

from typing import NamedTuple

from nolan.directory.models import EmploymentType, Seniority, StatutoryRoleKind


class Team(NamedTuple):
    manager: str  # a Service Manager's title
    officer: str  # the title of the officers they manage
    officers: int
    politically_restricted: bool = False  # the officers advise committees or speak for the council
    agency_share: float = 0.05  # the chance that an officer of the team is agency staff
    employment: str = ""  # every officer of the team employed this way, e.g. consultants


class ServiceSpec(NamedTuple):
    name: str
    head: str
    teams: tuple[Team, ...]
    head_seniority: int = Seniority.HEAD_OF_SERVICE
    head_employment: str = EmploymentType.EMPLOYEE


class DirectorSpec(NamedTuple):
    title: str
    services: tuple[ServiceSpec, ...]


class DirectorateSpec(NamedTuple):
    name: str
    head: str  # the Corporate Director's title; blank where the Chief Executive heads the directorate
    directors: tuple[DirectorSpec, ...]


CHIEF_EXECUTIVE = "Chief Executive"
CHIEF_EXECUTIVES_DIRECTORATE = "Chief Executive's"

ASST = Seniority.ASSISTANT_DIRECTOR

DIRECTORATES: tuple[DirectorateSpec, ...] = (
    DirectorateSpec(
        CHIEF_EXECUTIVES_DIRECTORATE,
        "",
        (
            DirectorSpec(
                "Director of Legal and Governance",
                (
                    ServiceSpec(
                        "Legal Services",
                        "Head of Legal Services",
                        (
                            Team("Principal Lawyer", "Solicitor", 5),
                            Team("Legal Practice Manager", "Paralegal", 3),
                        ),
                    ),
                    ServiceSpec(
                        "Democratic Services",
                        "Head of Democratic Services",
                        (
                            Team("Committee Services Manager", "Democratic Services Officer", 4, True),
                            Team("Member Enquiries Manager", "Member Enquiries Officer", 4),
                            Team("Member Services Manager", "Member Services Officer", 3),
                        ),
                    ),
                    ServiceSpec(
                        "Electoral Services",
                        "Head of Electoral Services",
                        (Team("Electoral Services Manager", "Electoral Services Officer", 3, True),),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Strategy, Policy and Communications",
                (
                    ServiceSpec(
                        "Strategy and Policy",
                        "Head of Strategy and Policy",
                        (Team("Policy Manager", "Policy Officer", 4, True),),
                    ),
                    ServiceSpec(
                        "Communications",
                        "Head of Communications",
                        (Team("Communications Manager", "Communications Officer", 4, True),),
                    ),
                    ServiceSpec(
                        "Complaints and Information Governance",
                        "Head of Information Governance",
                        (
                            Team("Complaints Manager", "Complaints Officer", 3),
                            Team("Information Governance Manager", "Information Rights Officer", 2),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DirectorateSpec(
        "Resources",
        "Corporate Director of Resources",
        (
            DirectorSpec(
                "Director of Finance",
                (
                    ServiceSpec(
                        "Corporate Finance",
                        "Head of Corporate Finance",
                        (
                            Team("Finance Manager", "Accountant", 5),
                            Team("Capital Finance Manager", "Finance Officer", 3),
                        ),
                    ),
                    ServiceSpec(
                        "Revenues and Benefits",
                        "Head of Revenues and Benefits",
                        (
                            Team("Revenues Manager", "Revenues Officer", 6, agency_share=0.2),
                            Team("Benefits Manager", "Benefits Assessment Officer", 6, agency_share=0.2),
                        ),
                    ),
                    ServiceSpec(
                        "Procurement",
                        "Interim Head of Procurement",
                        (Team("Procurement Manager", "Procurement Officer", 3),),
                        head_employment=EmploymentType.CONSULTANT,
                    ),
                ),
            ),
            DirectorSpec(
                "Director of HR and Organisational Development",
                (
                    ServiceSpec(
                        "Human Resources",
                        "Head of HR",
                        (
                            Team("HR Business Partner Manager", "HR Adviser", 5),
                            Team("Payroll Manager", "Payroll Officer", 3),
                            Team("Learning and Development Manager", "Learning and Development Officer", 2),
                        ),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Customer and Digital Services",
                (
                    ServiceSpec(
                        "Digital and IT",
                        "Head of Digital and IT",
                        (
                            Team("IT Service Manager", "IT Support Analyst", 5),
                            Team(
                                "Digital Transformation Manager",
                                "Transformation Consultant",
                                3,
                                employment=EmploymentType.CONSULTANT,
                            ),
                        ),
                    ),
                    ServiceSpec(
                        "Customer Services",
                        "Head of Customer Services",
                        (Team("Contact Centre Manager", "Customer Service Adviser", 8, agency_share=0.25),),
                    ),
                ),
            ),
        ),
    ),
    DirectorateSpec(
        "Place",
        "Corporate Director of Place",
        (
            DirectorSpec(
                "Director of Planning and Building Control",
                (
                    ServiceSpec(
                        "Development Management",
                        "Head of Development Management",
                        (
                            Team("Planning Team Leader (East)", "Planning Officer", 4, agency_share=0.15),
                            Team("Planning Team Leader (West)", "Planning Officer", 4, agency_share=0.15),
                        ),
                    ),
                    ServiceSpec(
                        "Planning Policy",
                        "Head of Planning Policy",
                        (Team("Planning Policy Manager", "Planning Policy Officer", 3),),
                    ),
                    ServiceSpec(
                        "Building Control",
                        "Head of Building Control",
                        (Team("Building Control Manager", "Building Control Surveyor", 3),),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Public Realm",
                (
                    ServiceSpec(
                        "Waste and Street Cleansing",
                        "Head of Waste and Street Cleansing",
                        (Team("Waste Operations Manager", "Waste Services Officer", 5),),
                    ),
                    ServiceSpec(
                        "Parks and Open Spaces",
                        "Head of Parks and Open Spaces",
                        (Team("Parks Manager", "Parks Officer", 3),),
                    ),
                    ServiceSpec(
                        "Highways and Transport",
                        "Assistant Director, Highways and Transport",
                        (
                            Team("Highways Manager", "Highways Engineer", 4),
                            Team("Parking Manager", "Parking Officer", 4),
                        ),
                        head_seniority=ASST,
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Regulatory Services and Regeneration",
                (
                    ServiceSpec(
                        "Regeneration",
                        "Head of Regeneration",
                        (Team("Regeneration Manager", "Regeneration Officer", 3),),
                    ),
                    ServiceSpec(
                        "Environmental Health and Trading Standards",
                        "Head of Environmental Health and Trading Standards",
                        (
                            Team("Environmental Health Manager", "Environmental Health Officer", 4),
                            Team("Trading Standards Manager", "Trading Standards Officer", 3),
                        ),
                    ),
                    ServiceSpec(
                        "Licensing",
                        "Head of Licensing",
                        (Team("Licensing Manager", "Licensing Officer", 3),),
                    ),
                ),
            ),
        ),
    ),
    DirectorateSpec(
        "Housing",
        "Corporate Director of Housing",
        (
            DirectorSpec(
                "Director of Housing Services",
                (
                    ServiceSpec(
                        "Housing Management",
                        "Head of Housing Management",
                        (
                            Team("Area Housing Manager (North)", "Housing Officer", 4),
                            Team("Area Housing Manager (South)", "Housing Officer", 4),
                        ),
                    ),
                    ServiceSpec(
                        "Repairs and Maintenance",
                        "Head of Repairs and Maintenance",
                        (Team("Repairs Manager", "Repairs Surveyor", 4, agency_share=0.2),),
                    ),
                    ServiceSpec(
                        "Leasehold Services",
                        "Head of Leasehold Services",
                        (Team("Leasehold Services Manager", "Leasehold Officer", 3),),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Housing Needs",
                (
                    ServiceSpec(
                        "Housing Options and Homelessness",
                        "Assistant Director, Housing Options",
                        (
                            Team("Housing Options Manager", "Housing Options Officer", 5, agency_share=0.2),
                            Team("Temporary Accommodation Manager", "Temporary Accommodation Officer", 3),
                        ),
                        head_seniority=ASST,
                    ),
                    ServiceSpec(
                        "Private Sector Housing",
                        "Head of Private Sector Housing",
                        (Team("Private Sector Housing Manager", "Private Sector Housing Officer", 3),),
                    ),
                ),
            ),
        ),
    ),
    DirectorateSpec(
        "Children's Services",
        "Corporate Director of Children's Services",
        (
            DirectorSpec(
                "Director of Children's Social Care",
                (
                    ServiceSpec(
                        "Children's Social Work",
                        "Assistant Director, Children's Social Work",
                        (
                            Team("Team Manager, Assessment", "Social Worker", 4, agency_share=0.3),
                            Team("Team Manager, Child Protection", "Social Worker", 4, agency_share=0.3),
                            Team("Team Manager, Children in Care", "Social Worker", 4, agency_share=0.3),
                        ),
                        head_seniority=ASST,
                    ),
                    ServiceSpec(
                        "Fostering and Adoption",
                        "Head of Fostering and Adoption",
                        (Team("Fostering Manager", "Fostering Social Worker", 3),),
                    ),
                    ServiceSpec(
                        "Early Help",
                        "Head of Early Help",
                        (Team("Early Help Manager", "Family Support Worker", 4),),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Education",
                (
                    ServiceSpec(
                        "School Admissions and Place Planning",
                        "Head of School Admissions",
                        (Team("Admissions Manager", "Admissions Officer", 3),),
                    ),
                    ServiceSpec(
                        "Special Educational Needs and Disabilities",
                        "Head of SEND",
                        (Team("SEND Manager", "SEND Caseworker", 4, agency_share=0.15),),
                    ),
                    ServiceSpec(
                        "Youth Service",
                        "Head of Youth Service",
                        (Team("Youth Service Manager", "Youth Worker", 3),),
                    ),
                ),
            ),
        ),
    ),
    DirectorateSpec(
        "Adults and Health",
        "Corporate Director of Adults and Health",
        (
            DirectorSpec(
                "Director of Adult Social Care",
                (
                    ServiceSpec(
                        "Adult Social Work",
                        "Head of Adult Social Work",
                        (
                            Team("Team Manager, Hospital Discharge", "Social Worker", 4, agency_share=0.3),
                            Team("Team Manager, Community", "Social Worker", 4, agency_share=0.3),
                        ),
                    ),
                    ServiceSpec(
                        "Commissioning",
                        "Head of Commissioning",
                        (Team("Commissioning Manager", "Commissioning Officer", 3),),
                    ),
                    ServiceSpec(
                        "Safeguarding Adults",
                        "Head of Safeguarding Adults",
                        (Team("Safeguarding Manager", "Safeguarding Adults Officer", 3),),
                    ),
                ),
            ),
            DirectorSpec(
                "Director of Public Health",
                (
                    ServiceSpec(
                        "Public Health",
                        "Consultant in Public Health",
                        (
                            Team("Public Health Programme Manager", "Public Health Officer", 4),
                            Team(
                                "Public Health Intelligence Manager",
                                "Public Health Analyst",
                                2,
                                employment=EmploymentType.SECONDEE,
                            ),
                        ),
                    ),
                    ServiceSpec(
                        "Leisure and Wellbeing",
                        "Head of Leisure and Wellbeing",
                        (Team("Leisure Services Manager", "Leisure Officer", 2),),
                    ),
                ),
            ),
        ),
    ),
)

#: Statutory roles, by the title of the post whose holder has them.
STATUTORY_ROLES: dict[str, tuple[str, ...]] = {
    CHIEF_EXECUTIVE: (StatutoryRoleKind.HEAD_OF_PAID_SERVICE,),
    "Director of Legal and Governance": (StatutoryRoleKind.MONITORING_OFFICER,),
    "Head of Legal Services": (StatutoryRoleKind.DEPUTY_MONITORING_OFFICER,),
    "Head of Democratic Services": (StatutoryRoleKind.DEPUTY_MONITORING_OFFICER,),
    "Corporate Director of Resources": (StatutoryRoleKind.SECTION_151_OFFICER,),
    "Director of Finance": (StatutoryRoleKind.DEPUTY_SECTION_151_OFFICER,),
}

#: Political assistants (Local Government and Housing Act 1989 s.9) sit in Democratic Services.
POLITICAL_ASSISTANTS_SERVICE = "Democratic Services"
POLITICAL_ASSISTANTS_MANAGER = "Head of Democratic Services"
