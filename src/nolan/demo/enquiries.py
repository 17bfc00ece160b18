"""The demo council's Member Enquiries: about 200 of them over the last three months, in every state.

Everything here is written through ``nolan.enquiries.services``, exactly as Members, the Member
Enquiries team and handling officers would write it through the pages: the routing table and the
portfolio links, a declared relationship, then each enquiry raised, triaged, answered, re-opened,
closed and given feedback by the person who would do it. So every enquiry has its timeline, its
audit events, its access rows and its outbox messages, and nothing is in a state the services could
not have put it in.

The same seed gives the same enquiries: one ``random.Random`` (seeded from the demo's seed but apart
from the council's own draws, so adding enquiries changed no name in the council) chooses every
Member, ward, text and resident in a fixed order. Dates are relative to the day the demo is built,
so the demo always looks current: each enquiry is planned by where its due date falls from today
(``due_in`` working days; negative is overdue), and its received time is worked back from that with
the council's own clock (``deadlines.clock_for``). Only ``raise_enquiry`` takes a time in the past
(Member Services may enter the time an enquiry was received), so every later step (triage, the
holding reply, the response, a re-opening, the close and the feedback) is dated when the demo is
built. That is why a holding reply is planned only for an enquiry not yet due: the protocol lets a
holding reply be sent only within the response time.

Every Member and every handling officer is given an account (with no password: they cannot sign in;
the printed personas can), because in Nolan a Member raises and an officer answers as themselves.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from nolan.accounts.models import User
from nolan.calendar.services import current_calendar
from nolan.directory import models as d
from nolan.enquiries import deadlines, rules, services
from nolan.enquiries.models import Category, Classification, Enquiry, Interest, OriginatorType
from nolan.register import services as register

from . import personas as p
from .names import NAME_POOLS

#: Category → (the service that handles it, the title of the officers who take it).
#: The demo council has no community safety service: anti-social behaviour (noise nuisance above all)
#: goes to Environmental Health, which holds the council's statutory nuisance powers.
ROUTING: dict[str, tuple[str, str]] = {
    "Housing repairs": ("Housing Management", "Housing Officer"),
    "Waste and recycling": ("Waste and Street Cleansing", "Waste Services Officer"),
    "Highways": ("Highways and Transport", "Highways Engineer"),
    "Anti-social behaviour": ("Environmental Health and Trading Standards", "Environmental Health Officer"),
    "Parking": ("Highways and Transport", "Parking Officer"),
    "Planning": ("Development Management", "Planning Officer"),
    "Council tax and benefits": ("Revenues and Benefits", "Revenues Officer"),
    "Other": ("Customer Services", "Customer Service Adviser"),
}

#: Service → the Cabinet portfolio that covers it (Islington 4.1(c) copies go to its holder).
PORTFOLIOS: dict[str, str] = {
    "Housing Management": "Housing and Regeneration",
    "Repairs and Maintenance": "Housing and Regeneration",
    "Leasehold Services": "Housing and Regeneration",
    "Housing Options and Homelessness": "Housing and Regeneration",
    "Private Sector Housing": "Housing and Regeneration",
    "Regeneration": "Housing and Regeneration",
    "Revenues and Benefits": "Resources and Finance",
    "Corporate Finance": "Resources and Finance",
    "Customer Services": "Resources and Finance",
    "Waste and Street Cleansing": "Environment and Climate",
    "Parks and Open Spaces": "Environment and Climate",
    "Environmental Health and Trading Standards": "Community Safety",
    "Licensing": "Community Safety",
    "Highways and Transport": "Planning and Transport",
    "Development Management": "Planning and Transport",
    "Planning Policy": "Planning and Transport",
    "Building Control": "Planning and Transport",
    "Adult Social Work": "Adult Social Care and Health",
    "Safeguarding Adults": "Adult Social Care and Health",
    "Public Health": "Adult Social Care and Health",
    "Children's Social Work": "Children, Schools and Young People",
    "Early Help": "Children, Schools and Young People",
    "School Admissions and Place Planning": "Children, Schools and Young People",
    "Special Educational Needs and Disabilities": "Children, Schools and Young People",
    "Leisure and Wellbeing": "Culture, Leisure and Sport",
}

#: The demo's share of enquiries by category (housing repairs and waste lead, as in London boroughs).
CATEGORY_WEIGHTS: dict[str, int] = {
    "Housing repairs": 30,
    "Waste and recycling": 16,
    "Highways": 12,
    "Anti-social behaviour": 10,
    "Parking": 9,
    "Planning": 8,
    "Council tax and benefits": 9,
    "Other": 6,
}

#: Streets and blocks of council flats, invented: each ward has its own four streets and three blocks.
STREET_WORDS = [
    "Foundry",
    "Tallow",
    "Ropemakers",
    "Wharf",
    "Cordwainer",
    "Lamplighter",
    "Saltpetre",
    "Orchard",
    "Hayward",
    "Cobbler's",
    "Tanyard",
    "Sailmaker",
    "Kiln",
    "Mercer",
    "Cooperage",
    "Brewhouse",
    "Weighbridge",
    "Chandlery",
    "Linenhall",
    "Gasworks",
    "Millpond",
    "Drover's",
    "Ferryman",
    "Hornbeam",
]
STREET_KINDS = ("Street", "Road", "Lane", "Close", "Way", "Row")
BLOCK_WORDS = [
    "Tallow",
    "Sailmaker",
    "Cordwainer",
    "Ropewalk",
    "Lamplighter",
    "Kingfisher",
    "Heron",
    "Wherry",
    "Pelham",
    "Brunel",
    "Fairbairn",
    "Millstone",
    "Bargeman",
    "Cutler",
    "Halyard",
    "Osprey",
    "Lockkeeper",
    "Tideway",
    "Bascule",
    "Capstan",
    "Wainwright",
    "Farrier",
    "Glazier",
    "Thatcher",
]
BLOCK_KINDS = ("House", "Court", "Tower", "Point")


def ward_streets(position: int) -> tuple[list[str], list[str]]:
    """The streets and blocks of the ward at ``position`` in the list of wards by name."""
    streets, blocks = [], []
    for k in range(4):
        i = position * 4 + k
        streets.append(f"{STREET_WORDS[i % 24]} {STREET_KINDS[(i // 24 + k) % len(STREET_KINDS)]}")
    for k in range(3):
        i = position * 3 + k
        blocks.append(f"{BLOCK_WORDS[i % 24]} {BLOCK_KINDS[(i // 24 + k) % len(BLOCK_KINDS)]}")
    return streets, blocks


class Ask(NamedTuple):
    """What a Member asks, and the answer the service sends. ``{block}``, ``{street}``, ``{number}``,
    ``{number2}``, ``{ward}`` and ``{resident}`` are filled in for each enquiry. All invented."""

    subject: str
    body: str
    answer: str


ASKS: dict[str, tuple[Ask, ...]] = {
    "Housing repairs": (
        Ask(
            "Damp and mould in a council flat, {block}",
            "{resident}, a council tenant at flat {number} {block}, tells me black mould has come back in "
            "the children's bedroom for the third winter running. A surveyor visited in the autumn but no "
            "works were ordered. Please tell me what inspection was made, what works are planned and "
            "when, and whether the family can be offered a dehumidifier in the meantime.",
            "Thank you for raising this. Our damp and mould surveyor inspected flat {number} and found "
            "that the extractor fan in the bathroom had failed and the bedroom wall is cold where the "
            "cavity insulation has slumped. A mould wash was carried out on the day and a dehumidifier "
            "left with the family. Works orders have been raised for a new fan and for the insulation to "
            "be topped up; the contractor will contact {resident} to book both within 20 working days. I "
            "am sorry that the earlier visit did not lead to works being ordered.",
        ),
        Ask(
            "Leaking roof at {block}",
            "Several residents of {block} report water coming through the ceilings of the top-floor flats "
            "whenever it rains. {resident} at flat {number} has had to move a bed out of one room. When "
            "will the roof be repaired, and will damaged decorations be put right?",
            "Our roofing contractor inspected {block} and found two split joints in the flat roof "
            "membrane. A temporary repair was made the same week and the full repair is booked for the "
            "next spell of dry weather. Residents whose decorations were damaged can claim a decoration "
            "allowance; the housing officer has sent the form to {resident} and to the other flats "
            "affected.",
        ),
        Ask(
            "Broken lift at {block}",
            "The lift at {block} has been out of order for nine days. {resident} at flat {number} uses a "
            "wheelchair and cannot leave home. When will it be repaired, and what help is being given to "
            "residents who cannot use the stairs?",
            "The lift failed because its control board burnt out, and the replacement part had to be made "
            "to order. It was fitted this week and the lift is working again. While it was out, the "
            "housing officer called every resident on our vulnerability register in {block}, including "
            "{resident}, and arranged shopping deliveries where they were wanted. I am sorry for the "
            "distress the delay caused.",
        ),
        Ask(
            "No heating or hot water, {number} {street}",
            "{resident}, a council tenant at {number} {street}, has had no heating or hot water since the "
            "boiler failed last week. An engineer attended but said a part had to be ordered. When will "
            "the repair be completed, and can temporary heaters be supplied?",
            "The part arrived on Tuesday and the engineer repaired the boiler the same afternoon; heating "
            "and hot water are working again. Two temporary heaters were delivered while the part was on "
            "order, and we have credited {resident}'s rent account for the extra electricity they used.",
        ),
        Ask(
            "Repair reported three times and not done, {block}",
            "{resident} at flat {number} {block} has reported a rotten window frame in the living room "
            "three times since the summer and been given three job numbers, but no operative has "
            "attended. Please find out why and give a date for the repair.",
            "I am sorry: each report created a new job but the jobs were cancelled when the contractor's "
            "system could not match the window to its specification. The three jobs have been merged "
            "into one, a carpenter has measured the frame, and the new frame will be fitted within four "
            "weeks. We have checked for other jobs cancelled the same way and rebooked them.",
        ),
        Ask(
            "Communal door entry system not working, {block}",
            "The door entry system at {block} has not worked for a month, so the main door is propped "
            "open and residents report rough sleeping in the stairwell. When will it be repaired?",
            "The door entry panel had been vandalised and the supplier needed to replace the whole unit. "
            "It was installed last week and the door now closes and locks. The outreach team visited the "
            "stairwell and offered help to the person sleeping there, who has accepted a hostel place.",
        ),
        Ask(
            "Condensation and black mould after window replacement, {street}",
            "{resident} at {number} {street} says the new windows fitted in the spring have no trickle "
            "vents and mould has appeared on every outside wall. Was ventilation assessed when the "
            "windows were specified, and what will be done now?",
            "The windows were specified with trickle vents, but the installer fitted a batch without "
            "them on {street}. The installer will return at no cost to the council to fit vents to every "
            "affected window, starting with {resident}'s home, and a mould wash will be done first.",
        ),
    ),
    "Waste and recycling": (
        Ask(
            "Missed bin collections on {street}",
            "Residents of {street} tell me their recycling has been missed three weeks in a row. "
            "{resident} at number {number} has reported it online each time. Why are collections being "
            "missed and what is being done to put it right?",
            "The collections were missed because parked cars at the junction stopped the vehicle turning "
            "into {street}. The missed recycling has been collected, and from next week the street will "
            "be served by one of our smaller vehicles. Parking enforcement will also visit on collection "
            "mornings.",
        ),
        Ask(
            "Fly-tipping on {street}",
            "A large pile of fly-tipped rubbish, including a mattress and builders' waste, has been on "
            "the corner of {street} for over a week. Please arrange for it to be cleared and tell me "
            "whether there is any evidence to identify who dumped it.",
            "The rubbish was cleared two days after your enquiry. Our enforcement officers found "
            "paperwork in the builders' waste and are investigating; if it identifies the person "
            "responsible, they will be issued with a fixed penalty notice or prosecuted.",
        ),
        Ask(
            "Overflowing communal bins at {block}",
            "The communal bins at {block} are overflowing by the weekend and foxes are spreading the "
            "rubbish. Could the collection frequency be increased or more bins provided?",
            "We have added two more communal bins at {block} and moved the collection from Monday to "
            "Friday, so the bins are emptied before the weekend. We will check in a month whether this "
            "is enough.",
        ),
        Ask(
            "Assisted collection request for a resident, {street}",
            "{resident} at {number} {street} is 84 and cannot take the bins to the kerb after a hip "
            "operation. She applied for an assisted collection six weeks ago and has heard nothing. "
            "Please chase the application.",
            "The assisted collection has been approved and starts from the next collection day: the crew "
            "will take the bins from the front garden and return them. I apologise that the application "
            "was not dealt with sooner; it had been sent to an old mailbox.",
        ),
        Ask(
            "Food waste caddies not delivered, {ward}",
            "Several residents in {ward} who signed up for food waste collection have not received "
            "their caddies. When will they be delivered?",
            "Our supplier was late delivering caddies to us. Deliveries in {ward} resumed this week and "
            "every household that signed up will have its caddy within ten working days.",
        ),
    ),
    "Highways": (
        Ask(
            "Potholes on {street}",
            "There are several deep potholes on {street} near number {number}. A cyclist came off her "
            "bike there last week. When will they be repaired, and is the road due for resurfacing?",
            "Our highways inspector visited the next day. Three potholes were deeper than our "
            "intervention level and were repaired within five working days. {street} is on the list for "
            "resurfacing in next year's programme, which the Cabinet will approve in March.",
        ),
        Ask(
            "Blocked gullies and flooding on {street}",
            "After every heavy shower {street} floods outside numbers {number} to {number2} because the "
            "gullies are blocked. When were they last cleaned and when will they be cleared?",
            "The gullies on {street} were last cleaned in the spring. They have now been jetted; one was "
            "found to have a collapsed connection, which our contractor will repair within a month. We "
            "have moved the street to a six-monthly cleaning cycle.",
        ),
        Ask(
            "Street light out on {street}",
            "The street light outside {number} {street} has been out for a month and residents feel "
            "unsafe walking home. Please arrange a repair.",
            "The fault was traced to the underground cable, which belongs to the electricity network "
            "operator. They repaired it on Thursday and the light is working again.",
        ),
        Ask(
            "Uneven paving outside the shops, {street}",
            "{resident} tripped on a raised paving slab outside the parade of shops on {street} and hurt "
            "her wrist. Please arrange for the footway to be inspected and made safe.",
            "The footway was inspected and two raised slabs were made safe the same day; the slabs will "
            "be relaid next week. If {resident} wishes to make a claim, the insurance team's form is on "
            "the council's website and I can send a paper copy.",
        ),
        Ask(
            "Request for a pedestrian crossing on {street}",
            "Parents walking to school ask for a zebra crossing on {street} near the school gates. "
            "Has a crossing been assessed here, and what would the process and cost be?",
            "A crossing on {street} was last assessed three years ago and did not meet the criteria then. "
            "Traffic and pedestrian counts will be repeated this term, with the school's help. If a "
            "crossing is justified, it would cost about £60,000 and would be put forward for next year's "
            "programme after a public consultation.",
        ),
    ),
    "Anti-social behaviour": (
        Ask(
            "Noise nuisance from a flat in {block}",
            "{resident} at flat {number} {block} has kept noise diaries for two months about loud music "
            "from the flat above late into the night. What action has been taken on her reports, and "
            "can the noise team visit?",
            "Officers from the noise team visited twice at night and witnessed a statutory nuisance. A "
            "noise abatement notice has been served on the occupier. {resident} should keep calling the "
            "out-of-hours service if the noise continues, so that a breach can be witnessed and acted on.",
        ),
        Ask(
            "Drug dealing in the stairwell at {block}",
            "Residents of {block} report drug dealing in the stairwell most evenings and needles left "
            "on the landing. What is being done with the police, and can the stairwell be cleaned and "
            "the lighting improved?",
            "We have raised this with the police's neighbourhood team, who have increased patrols in the "
            "evenings. The stairwell has been deep-cleaned, a sharps bin fitted on the ground floor and "
            "the lighting repaired. The housing officer will meet residents next week.",
        ),
        Ask(
            "Late-night noise from a shop on {street}",
            "Residents near {street} complain of customers gathering outside a late-night shop until "
            "after midnight, with shouting and litter. Has the shop's licence been reviewed?",
            "Licensing officers visited the shop with the police and found it trading beyond its licensed "
            "hours. A warning has been given, and residents' reports will be used as evidence if a review "
            "of the licence is sought.",
        ),
        Ask(
            "Persistent noise from building works, {street}",
            "Residents of {street} report building works starting before 7am and continuing on Sundays. "
            "Does the site have a consent for its working hours, and will it be enforced?",
            "The site has a consent for working from 8am to 6pm on weekdays and 8am to 1pm on Saturdays, "
            "with no work on Sundays. We have written to the contractor warning that a breach will be "
            "prosecuted, and officers will visit early in the morning unannounced.",
        ),
    ),
    "Parking": (
        Ask(
            "Resident parking permit not received, {street}",
            "{resident} at {number} {street} paid for a resident's parking permit a month ago but has not "
            "received it, and has since had two penalty charge notices. Please look into this.",
            "The permit was issued to an old address held on the account. A new permit has been sent, the "
            "address corrected, and both penalty charge notices cancelled.",
        ),
        Ask(
            "Penalty charge notice appeal for a carer",
            "{resident}, who cares for her mother in {ward}, received a penalty charge notice while "
            "visiting although she had a carer's permit displayed. Her appeal was rejected. Please "
            "review the decision.",
            "Having looked at the photographs again, the carer's permit was displayed and valid. The "
            "penalty charge notice has been cancelled and I have asked the team to review how carers' "
            "permits are checked on appeal.",
        ),
        Ask(
            "Consultation on a controlled parking zone in {ward}",
            "Residents ask when the consultation on extending the controlled parking zone to their part "
            "of {ward} will begin and how they can take part.",
            "The consultation begins in the spring. Every household in the area will receive a leaflet "
            "and can respond online or by post, and there will be a drop-in session at the library.",
        ),
        Ask(
            "Footway parking blocking pushchairs on {street}",
            "Vans parked on the footway on {street} leave no room for pushchairs or wheelchairs. Can "
            "enforcement visits be increased?",
            "Civil enforcement officers have added {street} to their morning and evening patrols for the "
            "next two months, and penalty charge notices will be issued for footway parking.",
        ),
    ),
    "Planning": (
        Ask(
            "Planning enforcement: extension built without permission, {street}",
            "Neighbours report that a rear extension at {number} {street} is being built much larger "
            "than the plans that were approved. Has the enforcement team visited, and what happens next?",
            "An enforcement officer visited and confirmed that the extension is deeper than the approved "
            "plans. The owner has been asked to stop work and to submit a new application within 28 "
            "days; if not, the council will consider an enforcement notice.",
        ),
        Ask(
            "Planning application for flats on {street}",
            "Residents of {street} ask how they can comment on the application to replace the garage "
            "block with flats, and when it will be decided. Will it go to the Planning Committee?",
            "Comments can be made on the application's page on the council's website or in writing until "
            "the closing date on the site notice. Because of the number of objections, the application "
            "will be decided by the Planning Committee; everyone who comments will be told the date.",
        ),
        Ask(
            "Unauthorised change of use to a house in multiple occupation, {street}",
            "{resident} believes {number} {street} has been converted into a house in multiple occupation "
            "without permission, with eight people living there. Please investigate.",
            "The enforcement team has opened a case and visited with the private sector housing team. "
            "The property is occupied as a house in multiple occupation without planning permission or a "
            "licence; the owner has been told to apply for both or end the use.",
        ),
        Ask(
            "Tree felled in a conservation area, {street}",
            "A mature tree was felled at {number} {street}, in the conservation area, last weekend. Was "
            "notice given to the council, and will enforcement action be taken?",
            "No notice was given. The tree officer has visited and the owner has been required to plant a "
            "replacement tree of a suitable species; the case has been passed to the legal team to "
            "consider a prosecution.",
        ),
    ),
    "Council tax and benefits": (
        Ask(
            "Council tax arrears and a summons, {street}",
            "{resident} at {number} {street} has received a summons for council tax arrears after losing "
            "her job. She wants to agree a payment plan. Can recovery be paused while this is arranged?",
            "Recovery has been put on hold and {resident} has been offered a payment plan over the rest "
            "of the financial year. She may qualify for Council Tax Reduction and we have sent her the "
            "form; the summons costs will be withdrawn if the plan is kept.",
        ),
        Ask(
            "Housing benefit claim delayed",
            "{resident}, a resident of {ward}, made a housing benefit claim seven weeks ago and has had no "
            "decision. Her landlord has now served notice because of rent arrears. Please chase the claim.",
            "The claim has been assessed and the first payment made direct to the landlord, including the "
            "arrears period. I am sorry that it took longer than our target. The housing options team "
            "has contacted {resident} about the notice.",
        ),
        Ask(
            "Council tax single person discount removed",
            "{resident} at {number} {street} lives alone but her single person discount has been removed "
            "after a review letter she says she never received. Please look into it.",
            "The discount has been restored from the date it was removed and a corrected bill issued. "
            "The review letter went to a misspelt address, which has been corrected.",
        ),
        Ask(
            "Council Tax Reduction for a carer",
            "{resident} gave up work to care for her husband and has applied for Council Tax Reduction. "
            "She has been asked for the same documents twice. What is still needed?",
            "Nothing more is needed: the documents were received the first time but filed against the "
            "wrong claim. The claim has been decided and {resident} will receive her new bill this week.",
        ),
    ),
    "Other": (
        Ask(
            "Community centre hire charges in {ward}",
            "A residents' association in {ward} asks why the hourly charge for hiring the community "
            "centre has doubled this year and whether there is a reduced rate for voluntary groups.",
            "The charges were set in the budget that Council approved in February. Registered voluntary "
            "and community groups can apply for the community rate, which is half the standard charge; "
            "the application form is attached.",
        ),
        Ask(
            "Library opening hours in {ward}",
            "Residents ask whether the reduced opening hours at the {ward} library are temporary, and "
            "whether the Saturday opening will return.",
            "The hours were reduced while two vacancies were filled. Both posts are now filled, and the "
            "Saturday opening returns from the first Saturday of next month.",
        ),
        Ask(
            "Telephone calls to the contact centre not answered",
            "{resident} tells me she waited over an hour on the telephone to the contact centre on three "
            "days and then was cut off. What are the current waiting times, and is there another way "
            "for residents without internet access to get through?",
            "Waiting times rose while the telephone system was replaced, and some calls were cut off by a "
            "fault that has now been fixed. The average wait is now under ten minutes. Residents can also "
            "visit the customer service centre or ask for a call back at a time that suits them.",
        ),
        Ask(
            "Graffiti on the railway bridge, {street}",
            "The railway bridge on {street} has been covered in graffiti for months, some of it offensive. "
            "Who is responsible for removing it, and can the council press for it to be cleaned?",
            "The bridge belongs to the railway. We reported the offensive graffiti to them as a priority "
            "and they have agreed to clean the bridge within 14 days; our street cleansing team will "
            "check that it has been done.",
        ),
    ),
}

HOLDING_REASONS = (
    "We are waiting for the contractor's survey report, which is needed before works can be ordered.",
    "The matter involves another organisation and we are waiting for their reply.",
    "The records needed to answer are held in an archive and are being retrieved.",
    "A site visit is needed and the first available appointment is next week.",
    "The answer needs information from two services, which is being brought together.",
)
REOPEN_REASONS = (
    "The resident says the contractor did not attend on the date given. Please confirm a new appointment.",
    "The answer does not say when the work will be done. Please give a date.",
    "The problem has come back since the answer was sent. Please look at it again.",
    "The resident has not had the letter the answer mentions. Please check the address held.",
)
CLOSE_REASONS = (
    "The Member is content with the answer.",
    "The Member confirmed by telephone that the matter is resolved.",
    "Answered in full; nothing further was needed.",
)
FEEDBACK = (
    (True, "Thank you, a clear answer and the resident is pleased."),
    (True, "Resolved quickly, thank you."),
    (True, ""),
    (False, "The answer came late and the resident had to chase the contractor herself."),
    (False, "The answer did not address the resident's main concern."),
)

# Enquiries for the triage routes other than a routine Member enquiry.
COMPLAINT = Ask(
    "Complaint about how a repair was handled",
    "{resident} at {number} {street} wants to make a formal complaint about how her repair was handled: "
    "four missed appointments and an operative who was rude to her. She asks for compensation.",
    "",
)
SERVICE_REQUESTS: dict[str, Ask] = {
    "Waste and recycling": Ask(
        "Bulky waste collection for a resident, {street}",
        "Please arrange a bulky waste collection of a sofa and a fridge for {resident} at {number} "
        "{street}, who has no car.",
        "",
    ),
    "Highways": Ask(
        "Please fill a pothole outside {number} {street}",
        "Please arrange for the pothole outside {number} {street} to be filled.",
        "",
    ),
    "Housing repairs": Ask(
        "Please book a repair: dripping tap, {block}",
        "Please book a repair for {resident} at flat {number} {block}: the kitchen tap has been dripping "
        "for a fortnight.",
        "",
    ),
    "Other": Ask(
        "Replacement recycling bags for a residents' association",
        "Please send a supply of recycling bags to the {ward} residents' association for their clean-up day.",
        "",
    ),
}
CHASER = Ask(
    "Chasing: pothole still not filled, {street}",
    "I asked for the pothole outside {number} {street} to be filled some weeks ago (your reference "
    "{external_reference}) and it is still there. Please tell me when it will be done.",
    "",
)
INFORMATION: tuple[Ask, ...] = (
    Ask(
        "Number of households in temporary accommodation from {ward}",
        "How many households from {ward} are in temporary accommodation, how many of them outside the "
        "borough, and how has this changed over the last three years?",
        "At the end of last month 214 households from {ward} were in temporary accommodation, 61 of them "
        "outside the borough. Three years ago the figures were 158 and 22. The table attached gives the "
        "figures at the end of each quarter, with the borough as a whole for comparison.",
    ),
    Ask(
        "Repairs completed on time in {ward}",
        "What share of responsive repairs to council homes in {ward} were completed within target in "
        "each of the last four quarters?",
        "In {ward}, 81%, 78%, 84% and 86% of responsive repairs were completed within target in the last "
        "four quarters, against 83%, 80%, 82% and 85% across the borough. Emergency repairs were 97% "
        "or better in every quarter.",
    ),
    Ask(
        "Fly-tipping reports and fixed penalties in {ward}",
        "How many fly-tipping reports were made in {ward} in the last year, and how many fixed penalty "
        "notices were issued?",
        "In the last twelve months there were 642 fly-tipping reports in {ward}, 9% of the borough's "
        "total, and 38 fixed penalty notices were issued there. Four cases were prosecuted.",
    ),
)
POLICY: tuple[Ask, ...] = (
    Ask(
        "Policy on damp and mould in council homes",
        "In the light of recent cases, what is the council's policy on responding to damp and mould in "
        "council homes, and is it being reviewed? Residents in {ward} are asking whether the council "
        "will commit to inspecting every report within a set time.",
        "",
    ),
    Ask(
        "Charging leaseholders for a new communal heating system, {block}",
        "Leaseholders in {block} ask on what basis the council decided to recharge them for replacing "
        "the communal heating system, and whether the policy on instalment payments will be reviewed.",
        "",
    ),
    Ask(
        "Allocation policy for adapted homes",
        "Several families in {ward} with disabled children have waited years for an adapted home. Is the "
        "allocation scheme's priority for adapted homes working as intended, and will it be reviewed?",
        "",
    ),
)
LEGAL = Ask(
    "Disrepair claim by a tenant at {block}",
    "{resident} at flat {number} {block} tells me her solicitors have issued a housing disrepair claim "
    "against the council. She asks me to find out when the repairs will be done, as she says nothing "
    "has happened since the claim was issued.",
    "",
)
URGENT: tuple[tuple[Ask, str], ...] = (
    (
        Ask(
            "Family with a baby and no heating, {block}",
            "{resident} at flat {number} {block} has a three-month-old baby and has had no heating for four "
            "days in freezing weather. The emergency repair line told her it would be a week. This needs "
            "action today.",
            "",
        ),
        "A baby in a home without heating in freezing weather: a risk to health that cannot wait.",
    ),
    (
        Ask(
            "Ceiling collapse in a council flat, {block}",
            "Part of the bathroom ceiling at flat {number} {block} has collapsed after a leak from the "
            "flat above. {resident}, who is 79, is living with a hole in the ceiling and water still "
            "coming through.",
            "",
        ),
        "An elderly tenant is at risk while water is still coming through a collapsed ceiling.",
    ),
    (
        Ask(
            "Elderly resident trapped by a broken lift, {block}",
            "{resident}, who is 88 and uses a walking frame, lives on the ninth floor of {block}. The lift "
            "has broken again and she has no food in the flat.",
            "The lift engineer attended within four hours and the lift was working again that evening. "
            "The housing officer visited {resident} the same afternoon with shopping, and she has been "
            "referred to the adult social care team, with her agreement, for a review of her support.",
        ),
        "A housebound resident without food: it cannot wait for the normal response time.",
    ),
)
ACCESS_IN_DOUBT = Ask(
    "Information about a neighbour's tenancy, {block}",
    "A resident of {block} asks me to find out whether the tenant of flat {number} is subletting it and "
    "what action the council has taken. Am I able to be told this?",
    "",
)
PERSONAL = Ask(
    "A resident's care assessment",
    "{resident}, a resident of {ward}, has asked me to find out why her brother's care assessment is "
    "taking so long. He has dementia and she is worried about him.",
    "",
)
MP_ASKS: tuple[Ask, ...] = (
    Ask(
        "Constituent's homelessness application",
        "My constituent {resident} made a homelessness application five weeks ago and has had no "
        "decision. She and her two children are sofa-surfing in {ward}. Please let me know the position.",
        "The application has been decided: the council accepts the main housing duty. {resident} and "
        "her children were offered self-contained temporary accommodation in the borough, which she has "
        "accepted, and she has been placed on the housing register.",
    ),
    Ask(
        "Constituent's Council Tax Reduction refused",
        "My constituent {resident} of {street} has been refused Council Tax Reduction and believes the "
        "decision is wrong. Please review it and let me know the outcome.",
        "The decision has been reviewed. The earnings used were for the wrong month; with the right "
        "figures {resident} qualifies, and a revised bill has been sent.",
    ),
    Ask(
        "Flooding on {street}",
        "Several constituents have contacted me about repeated flooding on {street}. What is the council "
        "doing about the drainage there?",
        "The gullies on {street} have been cleaned and a collapsed drain found and repaired. The street "
        "is now on a six-monthly cleaning cycle, and the council is working with the water company on "
        "the capacity of the sewer downstream.",
    ),
)
MP = ("Lena Harcourt MP", "lena.harcourt.mp@parliament.example")  # invented, for an invented seat

#: For answering something whose question carries no answer of its own.
GENERAL_ANSWER = (
    "Thank you for your enquiry. The service has looked into it and the resident has been contacted "
    "with the outcome; the details are in the service's case record, which the Member may ask to see."
)

SERVICE_REQUEST_NOTE = "Passed to the service's own system to deliver."
COMPLAINT_NOTE = "Logged as a Stage 1 complaint; the resident will hear from the Complaints team."


# The plan -------------------------------------------------------------------------------------------


@dataclass
class Story:
    """One enquiry in the making: what happens to it and where its due date falls from today.

    Everything random about it is drawn when it is planned, in the plan's fixed order, so the same
    seed tells the same stories whatever day the demo is built (only the dates move with today)."""

    kind: str  # see ``_Builder.tell``
    due_in: int  # working days from today to the due date the clock gives; negative is overdue
    category: str = ""
    member: d.Member | None = None  # None: an MP's enquiry
    ward: d.Ward | None = None
    feedback: bool = False
    answered: bool = False  # an urgent or MP enquiry that has had its answer
    follows: Story | None = None
    ask: Ask | None = None
    values: dict = field(default_factory=dict)
    draws: dict = field(default_factory=dict)
    received_at: datetime.datetime | None = None
    enquiry: Enquiry | None = None


#: Kinds of story, each with the range of ``due_in`` it is planned with and how many the demo has
#: besides the personas' own (awaiting triage: received in the last three working days; closed: over
#: the last three months).
KINDS: dict[str, tuple[tuple[int, int], int]] = {
    "awaiting_triage": ((7, 9), 8),
    "green": ((3, 9), 14),
    "amber": ((0, 2), 8),
    "overdue": ((-15, -1), 12),
    "holding_reply": ((0, 5), 8),
    "responded": ((-4, 7), 10),
    "reopened": ((-6, 4), 5),
    "closed": ((-45, -1), 30),
    "withdrawn": ((-20, 6), 4),
    "service_request": ((-40, 8), 6),
    "complaint": ((-40, 8), 4),
    "information": ((-2, 8), 3),
}

#: Kinds triaged as a routine Member enquiry and then left with the handling officer.
WITH_THE_OFFICER = {"green", "amber", "overdue", "chaser", "relationship", "interest"}
#: Kinds answered after triage.
ANSWERED = {"responded", "reopened", "closed", "information"}


class _Builder:
    def __init__(self, *, council: d.Council, people: dict[p.Persona, d.Member | d.Officer], seed: int):
        self.council = council
        self.rng = random.Random(f"enquiries:{seed}")
        self.people = people
        self.team = people[p.MEMBER_ENQUIRIES].user
        self.member_services = people[p.MEMBER_SERVICES].user
        self.now = timezone.localtime()
        self.today = self.now.date()
        self.calendar = current_calendar(council)
        self.due_of_day: dict[datetime.date, datetime.date] = {}
        self.users: dict[int, User] = {}  # officer pk → account
        self.member_users: dict[int, User] = {}  # member pk → account
        self.decks: dict[str, list] = {}

    # Accounts ---------------------------------------------------------------------------------------

    def accounts(self) -> None:
        """An account for every councillor and every officer of the directorates enquiries go to, with
        no password (only the printed personas sign in)."""
        no_password = make_password(None)
        members = list(
            d.Member.objects.current()
            .exclude(kind=d.MemberKind.CO_OPTED)
            .filter(user__isnull=True)
            .order_by("pk")
        )
        directorates = d.Service.objects.filter(name__in={name for name, _ in ROUTING.values()}).values(
            "directorate_id"
        )
        officers = list(
            d.Officer.objects.filter(user__isnull=True)
            .filter(
                pk__in=d.Post.objects.current().filter(directorate_id__in=directorates).values("officer_id")
            )
            .order_by("pk")
        )
        people = [*members, *officers]
        accounts = [
            User(email=x.email, first_name=x.first_name, last_name=x.last_name, password=no_password)
            for x in people
        ]
        User.objects.bulk_create(accounts, batch_size=500)
        for person, account in zip(people, accounts, strict=True):
            person.user = account
        d.Member.objects.bulk_update(members, ["user"], batch_size=500)
        d.Officer.objects.bulk_update(officers, ["user"], batch_size=500)
        for member in members:
            self.member_users[member.pk] = member.user
        for officer in officers:
            self.users[officer.pk] = officer.user
        for person in self.people.values():  # the personas, with the user objects already in hand
            (self.users if isinstance(person, d.Officer) else self.member_users)[person.pk] = person.user

    def officer_user(self, officer_id: int) -> User:
        """The handling officer's account (made now for an officer outside those directorates)."""
        user = self.users.get(officer_id)
        if user is None:
            officer = d.Officer.objects.get(pk=officer_id)
            user = officer.user or User.objects.create(
                email=officer.email,
                first_name=officer.first_name,
                last_name=officer.last_name,
                password=make_password(None),
            )
            if officer.user_id is None:
                officer.user = user
                officer.save(update_fields=["user"])
            self.users[officer_id] = user
        return user

    # The council's lists -----------------------------------------------------------------------------

    def lists(self) -> None:
        """The routing table (each ward's housing repairs to its patch's housing officer) and the
        portfolio links, as the Member Enquiries team keeps them."""
        self.categories = {c.name: c for c in Category.objects.all()}
        for position, name in enumerate(ROUTING, start=1):
            if name not in self.categories:  # a database whose migrations' rows were emptied
                self.categories[name] = services.category_save(
                    actor=self.team, name=name, position=position * 10
                )
        self.service = {s.name: s for s in d.Service.objects.current()}
        self.officers_by: dict[tuple[str, str], list[d.Officer]] = defaultdict(list)
        posts = d.Post.objects.current().filter(service__isnull=False).select_related("officer", "service")
        for post in posts.order_by("officer__pk"):
            self.officers_by[(post.service.name, post.title)].append(post.officer)
        self.wards = list(d.Ward.objects.current().order_by("name"))
        self.streets = {ward.pk: ward_streets(i) for i, ward in enumerate(self.wards)}
        self.council_names = {
            f"{first} {last}"
            for model in (d.Member, d.Officer)
            for first, last in model.objects.values_list("first_name", "last_name")
        }
        self.members_of: dict[int, list[d.Member]] = defaultdict(list)
        self.ward_of: dict[int, d.Ward] = {}
        memberships = d.WardMembership.objects.current().select_related("member", "ward")
        for membership in memberships.order_by("member__pk"):
            self.members_of[membership.ward_id].append(membership.member)
            self.ward_of[membership.member_id] = membership.ward

        for name, (service_name, title) in ROUTING.items():
            services.routing_rule_save(
                actor=self.team,
                category=self.categories[name],
                service=self.service[service_name],
                default_handler=self.officers_by[(service_name, title)][0],
            )
        # Housing repairs by ward: each patch has its housing officer. The printed officer's patch
        # includes the printed councillor's ward, so those two personas share enquiries.
        officer = self.people[p.OFFICER]
        housing_officers = [officer] + [
            o for o in self.officers_by[("Housing Management", "Housing Officer")] if o.pk != officer.pk
        ]
        first = self.ward_of[self.people[p.COUNCILLOR].pk]
        self.patch: dict[int, d.Officer] = {}
        for i, ward in enumerate([first, *(w for w in self.wards if w.pk != first.pk)]):
            self.patch[ward.pk] = housing_officers[i % len(housing_officers)]
            services.routing_rule_save(
                actor=self.team,
                category=self.categories["Housing repairs"],
                service=self.service["Housing Management"],
                ward=ward,
                default_handler=self.patch[ward.pk],
            )
        for service_name, portfolio in PORTFOLIOS.items():
            if service_name in self.service:
                services.portfolio_link_save(
                    actor=self.team, service=self.service[service_name], portfolio=portfolio
                )

    # Dates -----------------------------------------------------------------------------------------

    def _at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def _due(self, day: datetime.date) -> datetime.date:
        """The due date the council's clock gives something received on ``day`` in working hours."""
        due = self.due_of_day.get(day)
        if due is None:
            due = deadlines.clock_for(self.council, self._at(day, datetime.time(10))).due
            self.due_of_day[day] = due
        return due

    def received_for(self, story: Story) -> datetime.datetime:
        """A received time before today whose due date is ``due_in`` working days from today (or as
        near as the clock allows: something received yesterday is due in nine working days).

        A few arrive at the weekend or after the receipt cut-off: their clock starts on the next
        working day, which is the day planned, so the due date is the same."""
        cal, draws = self.calendar, story.draws
        target = cal.add_working_days(self.today, story.due_in)
        day = cal.on_or_before(self.today - datetime.timedelta(days=1))
        while self._due(day) > target:
            day = cal.add_working_days(day, -1)
        if self._due(day) < self.today <= target:
            # A clock in calendar days (Haringey 12.19) jumps over weekends: the day after is the
            # nearest that is not yet overdue, as the story needs.
            day = cal.add_working_days(day, 1)
        time = datetime.time(draws["hour"], draws["minute"])
        previous = cal.add_working_days(day, -1)
        closed_days = (day - previous).days - 1  # the weekend or bank holidays just before ``day``
        if draws["arrival"] < 0.08 and closed_days:
            day = previous + datetime.timedelta(days=1 + int(draws["which_day"] * closed_days))
        elif draws["arrival"] < 0.16:
            day, time = previous, datetime.time(draws["late_hour"], draws["minute"])
        return min(self._at(day, time), self.now - datetime.timedelta(hours=1))

    # The plan --------------------------------------------------------------------------------------

    def deal(self, key: str, asks) -> Ask:
        """The next of ``asks`` from a shuffled deck, so texts are not repeated until all are used."""
        deck = self.decks.get(key)
        if not deck:
            deck = list(asks)
            self.rng.shuffle(deck)
            self.decks[key] = deck
        return deck.pop()

    def plan(self) -> list[Story]:
        rng = self.rng
        councillor, leader = self.people[p.COUNCILLOR], self.people[p.OPPOSITION_LEADER]
        printed = {councillor.pk, leader.pk}
        others = sorted(
            (m for members in self.members_of.values() for m in members if m.pk not in printed),
            key=lambda m: m.pk,
        )
        # A few Members raise most enquiries (Pareto-like, as every council's figures show).
        weights = [rng.paretovariate(1.3) for _ in others]
        officer = self.people[p.OFFICER]
        patch_wards = [w for w in self.wards if self.patch[w.pk].pk == officer.pk]
        stories: list[Story] = []

        def story(kind: str, due_in: int | None = None, **values) -> Story:
            low, high = KINDS.get(kind, ((1, 8), 0))[0]
            made = Story(kind, rng.randint(low, high) if due_in is None else due_in, **values)
            stories.append(made)
            return made

        # The printed councillor: a handful in different states.
        for kind, category in (
            ("awaiting_triage", "Waste and recycling"),
            ("green", "Housing repairs"),
            ("amber", "Highways"),
            ("overdue", "Housing repairs"),
            ("holding_reply", "Planning"),
            ("responded", "Housing repairs"),
            ("reopened", "Housing repairs"),
            ("closed", "Anti-social behaviour"),
            ("closed", "Housing repairs"),
            ("service_request", "Highways"),
        ):
            story(kind, member=councillor, category=category, feedback=kind == "closed")
        # The opposition group leader.
        for kind, category in (
            ("green", "Council tax and benefits"),
            ("overdue", "Parking"),
            ("responded", "Waste and recycling"),
            ("closed", "Planning"),
            ("complaint", "Housing repairs"),
        ):
            story(kind, member=leader, category=category, feedback=kind == "closed")
        # The printed officer's worklist: housing repairs from their patch.
        for kind in ("green", "green", "amber", "amber", "overdue", "overdue", "holding_reply", "closed"):
            ward = rng.choice(patch_wards)
            members = [m for m in self.members_of[ward.pk] if m.pk not in printed] or self.members_of[ward.pk]
            story(kind, category="Housing repairs", ward=ward, member=rng.choice(members))
        # The Director's own: urgent matters, policy and legal proceedings, several of them overdue.
        story("urgent", -6, category="Housing repairs")
        story("urgent", -3, category="Housing repairs")
        story("urgent", 6, category="Housing repairs", answered=True)
        story("policy", -8, category="Housing repairs")
        story("policy", -2, category="Housing repairs")
        story("policy", 5, category="Housing repairs")
        story("legal", 1, category="Housing repairs")
        # The other routes, once each: the Monitoring Officer, consent, a declared relationship, a
        # declared interest, an MP (where the council takes MPs' enquiries) and a chaser.
        story("access_in_doubt", 4, category="Housing repairs")
        story("consent_needed", 8, category="Other")
        story("relationship", 6, category="Waste and recycling")
        story("interest", 7, category="Planning")
        if rules.elected_representatives(self.council).value:
            story("mp", -20, category="Other", answered=True)
            story("mp", -2, category="Council tax and benefits", answered=True)
            story("mp", 5, category="Highways")
        chased = story("service_request", -25, category="Highways")
        story("chaser", 7, category="Highways", follows=chased)
        # The rest, in every state, from Members across the wards and groups.
        categories, category_weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
        for kind, (_, count) in KINDS.items():
            for _ in range(count):
                category = rng.choices(categories, weights=category_weights)[0]
                if kind == "service_request":
                    category = rng.choice(sorted(SERVICE_REQUESTS))
                story(kind, category=category, feedback=kind == "closed" and rng.random() < 0.5)

        for s in stories:
            self.cast(s, others, weights)
        for s in stories:
            s.received_at = self.received_for(s)
        order = {id(s): i for i, s in enumerate(stories)}
        return sorted(stories, key=lambda s: (s.received_at, order[id(s)]))

    def cast(self, story: Story, members: list[d.Member], weights: list[float]) -> None:
        """Who raises it, about what and whom, and every later choice made for it."""
        rng = self.rng
        if story.kind == "mp":
            story.ward = rng.choice(self.wards)
        elif story.follows is not None:
            story.member, story.ward = story.follows.member, story.follows.ward
        else:
            if story.member is None:
                story.member = rng.choices(members, weights=weights)[0]
            if story.ward is None:
                story.ward = self.ward_of[story.member.pk]
        kind = story.kind
        if kind == "complaint":
            story.ask = COMPLAINT
        elif kind == "service_request":
            story.ask = SERVICE_REQUESTS[story.category]
        elif kind == "chaser":
            story.ask = CHASER
        elif kind == "information":
            story.ask = self.deal(kind, INFORMATION)
        elif kind == "policy":
            story.ask = self.deal(kind, POLICY)
        elif kind == "legal":
            story.ask = LEGAL
        elif kind == "urgent":
            story.ask, story.draws["urgency_reason"] = (
                URGENT[2] if story.answered else self.deal(kind, URGENT[:2])
            )
        elif kind == "access_in_doubt":
            story.ask = ACCESS_IN_DOUBT
        elif kind == "consent_needed":
            story.ask = PERSONAL
        elif kind == "mp":
            story.ask = {"Other": MP_ASKS[0], "Council tax and benefits": MP_ASKS[1]}.get(
                story.category, MP_ASKS[2]
            )
        else:
            story.ask = self.deal(story.category, ASKS[story.category])
        streets, blocks = self.streets[story.ward.pk]
        number = rng.randint(2, 140)
        story.values = {
            "resident": self.resident_name(),
            "street": rng.choice(streets),
            "block": rng.choice(blocks),
            "number": number,
            "number2": number + 2 * rng.randint(2, 8),
            "ward": story.ward.name,
            "phone": f"07700 900{rng.randint(500, 999)}",
            "external_reference": "",
        }
        if story.follows is not None:
            for key in ("resident", "street", "number", "external_reference"):
                story.values[key] = story.follows.values[key]
        story.draws.update(
            hour=rng.randint(8, 16),
            minute=rng.choice((0, 5, 10, 20, 25, 30, 40, 45, 50, 55)),
            late_hour=rng.randint(17, 21),
            arrival=rng.random(),
            which_day=rng.random(),
            by_member=rng.random() < 0.75,
            holding_days=rng.randint(5, 10),
            holding_reason=rng.choice(HOLDING_REASONS),
            reopen_reason=rng.choice(REOPEN_REASONS),
            close_reason=rng.choice(CLOSE_REASONS),
            closed_by_member=rng.random() < 0.5,
            feedback=rng.choice(FEEDBACK),
        )
        if kind == "complaint":
            story.values["external_reference"] = f"CMP-{rng.randint(10000, 99999)}"
        elif kind == "service_request":
            story.values["external_reference"] = f"SR-{rng.randint(100000, 999999)}"

    def resident_name(self) -> str:
        """An invented resident, never named like a Member or officer of the council."""
        while True:
            pool = self.rng.choices(NAME_POOLS, weights=[x.weight for x in NAME_POOLS])[0]
            name = f"{self.rng.choice(pool.first_names)} {self.rng.choice(pool.surnames)}"
            if name not in self.council_names:
                return name

    # Telling each story ------------------------------------------------------------------------------

    def resident(self, story: Story) -> dict | None:
        if story.kind in ("policy", "information") or (
            story.kind == "mp" and "{resident}" not in story.ask.body
        ):
            return None
        values = story.values
        where = "{block}" in story.ask.subject + story.ask.body
        address = (
            f"Flat {values['number']}, {values['block']}"
            if where
            else f"{values['number']} {values['street']}"
        )
        return {
            "name": values["resident"],
            "address": f"{address}, {values['ward']}, Ashworth",
            "contact": values["phone"],
            "asked_member_to_act": True,
            "special_category_data": story.kind == "consent_needed",
        }

    def raise_(self, story: Story) -> Enquiry:
        subject, body = (part.format(**story.values) for part in story.ask[:2])
        common = {
            "subject": subject,
            "body": body,
            "category": self.categories[story.category],
            "ward": story.ward,
            "resident": self.resident(story),
            "received_at": story.received_at,
        }
        if story.kind == "mp":
            name, email = MP
            return services.raise_enquiry(
                actor=self.member_services,
                originator_type=OriginatorType.ELECTED_REPRESENTATIVE,
                originator_name=name,
                originator_email=email,
                **common,
            )
        if story.kind == "urgent":
            common.update(urgent=True, urgency_reason=story.draws["urgency_reason"])
        if story.kind == "interest":
            common.update(
                interest=Interest.PERSONAL,
                interest_details="My own home is next to the site.",
            )
        if story.follows is not None:
            common["follows_up"] = story.follows.enquiry
        by_member = story.draws["by_member"]
        return services.raise_enquiry(
            actor=self.member_users[story.member.pk] if by_member else self.member_services,
            member=None if by_member else story.member,
            **common,
        )

    def tell(self, story: Story) -> Enquiry:
        """Raise the enquiry and take it as far as its story goes, each step by whoever would take it."""
        kind, values = story.kind, story.values
        enquiry = story.enquiry = self.raise_(story)
        if kind == "awaiting_triage":
            return enquiry
        if kind == "urgent":  # routed on receipt, straight to the service's Director
            enquiry.refresh_from_db()
            if story.answered:
                self.answer(enquiry, story)
            return enquiry
        if kind == "consent_needed":
            self.triage(
                enquiry,
                Classification.PERSONAL_INFORMATION,
                note="The information is about the resident's brother's health; he has not consented.",
            )
        elif kind == "complaint":
            self.triage(
                enquiry,
                Classification.COMPLAINT,
                note=COMPLAINT_NOTE,
                external_reference=values["external_reference"],
            )
        elif kind == "service_request":
            self.triage(
                enquiry,
                Classification.SERVICE_REQUEST,
                note=SERVICE_REQUEST_NOTE,
                external_reference=values["external_reference"],
            )
        elif kind == "policy":
            self.triage(
                enquiry, Classification.POLICY, note="A question of policy for the Corporate Director."
            )
        elif kind == "legal":
            self.triage(
                enquiry,
                Classification.LEGAL_PROCEEDINGS,
                note="The tenant's solicitors have issued a housing disrepair claim.",
            )
        elif kind == "access_in_doubt":
            self.triage(
                enquiry,
                Classification.INFORMATION_REQUEST,
                access_in_doubt=True,
                note="Whether a Member may be told about another tenant's tenancy is in doubt.",
            )
        elif kind == "information":
            self.triage(enquiry, Classification.INFORMATION_REQUEST)
        else:
            self.triage(enquiry, Classification.MEMBER_ENQUIRY)
        enquiry.refresh_from_db()
        if kind == "holding_reply":
            self.holding_reply(enquiry, story)
        elif kind in ANSWERED or story.answered:
            self.answer(enquiry, story)
            if kind == "reopened":
                services.reopen(
                    actor=self.raiser(enquiry, by_member=True),
                    enquiry=enquiry,
                    reason=story.draws["reopen_reason"],
                )
            elif kind == "closed":
                self.close(enquiry, story)
        elif kind == "withdrawn":
            services.close(
                actor=self.raiser(enquiry, by_member=True),
                enquiry=enquiry,
                reason="Withdrawn: the resident's problem was put right before an answer was needed.",
            )
        return enquiry

    def raiser(self, enquiry: Enquiry, *, by_member: bool) -> User:
        """The raising Member's account, or the Member Enquiries team acting on what they said."""
        member = self.member_users.get(enquiry.raised_by_member_id)
        return member if by_member and member is not None else self.team

    def triage(self, enquiry: Enquiry, classification: str, **values) -> None:
        services.triage(actor=self.team, enquiry=enquiry, classification=classification, **values)

    def holding_reply(self, enquiry: Enquiry, story: Story) -> None:
        new_due = self.calendar.add_working_days(enquiry.due_date, story.draws["holding_days"])
        reason = story.draws["holding_reason"]
        services.send_holding_reply(
            actor=self.officer_user(enquiry.assigned_officer_id),
            enquiry=enquiry,
            text=f"Thank you for your enquiry. I am not yet able to give you a full answer. {reason} "
            f"I expect to reply in full by {new_due:%A} {new_due.day} {new_due:%B %Y}.",
            reason=reason,
            new_due=new_due,
        )

    def answer(self, enquiry: Enquiry, story: Story) -> None:
        actor = self.officer_user(enquiry.assigned_officer_id)
        text = story.ask.answer.format(**story.values) if story.ask.answer else GENERAL_ANSWER
        services.draft_response(
            actor=actor,
            enquiry=enquiry,
            text=text,
            contains_statistics=enquiry.classification == Classification.INFORMATION_REQUEST,
        )
        services.send_response(actor=actor, enquiry=enquiry)
        enquiry.refresh_from_db()

    def close(self, enquiry: Enquiry, story: Story) -> None:
        services.close(
            actor=self.raiser(enquiry, by_member=story.draws["closed_by_member"]),
            enquiry=enquiry,
            reason=story.draws["close_reason"],
        )
        if story.feedback:
            met_need, comment = story.draws["feedback"]
            services.record_feedback(
                actor=self.raiser(enquiry, by_member=True),
                enquiry=enquiry,
                met_need=met_need,
                comment=comment,
            )

    def relationships(self, stories: list[Story]) -> None:
        """A Member's declared close relationship with the waste team's usual handling officer: their
        waste enquiry is routed to someone else, and the triage says why."""
        for story in stories:
            if story.kind == "relationship":
                register.relationship_declare(
                    actor=self.team,
                    member=story.member,
                    officer=self.officers_by[("Waste and Street Cleansing", "Waste Services Officer")][0],
                    nature="family",
                    details="The officer is the Member's brother.",
                    declared_on=self.today - datetime.timedelta(days=200),
                )

    def build(self) -> dict[str, int]:
        self.accounts()
        self.lists()
        stories = self.plan()
        self.relationships(stories)
        for story in stories:
            self.tell(story)
        return {"enquiries": len(stories)}


def build_enquiries(
    *, council: d.Council, people: dict[p.Persona, d.Member | d.Officer], seed: int
) -> dict[str, int]:
    """Raise and handle the demo council's Member Enquiries (see the module's docstring). ``people``
    maps each persona to their Member or officer, with their account. Returns counts for the build's
    summary."""
    return _Builder(council=council, people=people, seed=seed).build()
