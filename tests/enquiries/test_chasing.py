"""Chasing outstanding enquiries (Tower Hamlets 7.1): the ladder from the profile, each rung once.

The world's enquiry is raised on Tue 9 Mar 2027 and due on Tue 23 Mar 2027. Good Friday (26 Mar) and
Easter Monday (29 Mar) 2027 are not working days, so the ladder reads: reminder Fri 19 Mar (two
working days before), chase 1 Wed 24 Mar (breach), chase 2 Tue 30 Mar (two working days later),
escalation to the Director Thu 1 Apr.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nolan.audit.models import AuditEvent
from nolan.core.citations import Citation
from nolan.directory.selectors import the_council
from nolan.enquiries import chasing, policies, rules, services
from nolan.enquiries.models import (
    Chase,
    Enquiry,
    EnquiryEvent,
    EventKind,
    Status,
)
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import LONDON, triaged

TH_7_1 = Citation("Tower Hamlets", "7.1")
LADDER_KEYS = ("chasing", "reminder_before_due", "chase_interval", "escalate_after", "escalation_to")
#: The profile loader itself, so the golden table reads the shipped profile's ladder.
PROFILE_RULE = rules._rule


def at(day: int, month: int = 3, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2027, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def ladder(world):
    """The world: Ashdown uses the Tower Hamlets profile, whose ladder these tests read as shipped."""
    return world


def th_ladder(**values) -> policies.ChasingLadder:
    """Tower Hamlets' ladder, with some values changed."""
    parts = {name: PROFILE_RULE("tower-hamlets", name) for name in LADDER_KEYS}
    for name, value in values.items():
        parts[name] = policies.Rule(parts[name].key, value, parts[name].unit, parts[name].citations)
    return policies.ChasingLadder(**parts)


# The decision: a golden table ---------------------------------------------------------------------

R, C1, C2, E = policies.REMINDER, "chase_1", "chase_2", policies.ESCALATION

GOLDEN = [
    # (working days past due, rungs reached, working days since last chase) -> rung reached now
    (-5, (), None, "none"),  # too early for the reminder
    (-3, (), None, "none"),
    (-2, (), None, R),  # two working days before the due date
    (-1, (), None, R),  # assigned late: still reminded before the due date
    (0, (), None, R),  # on the due date itself
    (-1, (R,), None, "none"),  # reminded already
    (0, (R,), None, "none"),
    (1, (R,), None, C1),  # the first working day after the due date: chase on breach
    (1, (), None, C1),  # the reminder missed its days: the chase takes its place
    (2, (R, C1), 1, "none"),  # the next chase comes two working days after the first
    (3, (R, C1), 2, C2),
    (4, (R, C1, C2), 1, "none"),
    (5, (R, C1, C2), 2, E),  # after two chases: escalation
    (9, (C1,), 8, C2),  # one rung at a time, even after a long gap: no rung is skipped
    (30, (R, C1, C2, E), 25, "none"),  # escalated: nothing more by e-mail
]


@pytest.mark.parametrize(("past_due", "reached", "since", "outcome"), GOLDEN)
def test_which_rung_is_due_golden_table(past_due, reached, since, outcome):
    decision = policies.chasing_rung(
        days_past_due=past_due, reached=reached, days_since_last_chase=since, ladder=th_ladder()
    )
    assert decision.outcome == outcome
    assert decision.reasons
    if outcome != "none":
        # Every rung reached says why, with the paragraph that has officers chase: Tower Hamlets 7.1.
        assert decision.reasons[0].citation == TH_7_1
        assert "chase outstanding enquiries" in decision.reasons[0].text


def test_a_rung_the_protocol_does_not_set_says_it_is_nolans_default():
    decision = policies.chasing_rung(
        days_past_due=5, reached=(R, C1, C2), days_since_last_chase=2, ladder=th_ladder()
    )
    text = decision.explain()
    assert "After 2 chases without an answer it is escalated" in text
    assert "the council's protocol does not say; Nolan's default" in text


def test_a_missed_reminder_is_explained():
    decision = policies.chasing_rung(
        days_past_due=1, reached=(), days_since_last_chase=None, ladder=th_ladder()
    )
    assert decision.outcome == C1
    assert "The reminder before the due date was not sent in time" in decision.explain()


@pytest.mark.parametrize(
    ("values", "past_due", "reached", "since", "outcome"),
    [
        ({"chasing": False}, 3, (), None, "none"),  # a council that does not chase
        ({"escalate_after": 0}, 1, (), None, E),  # no chases: escalated on breach
        ({"escalate_after": 1}, 3, (C1,), 2, E),
        ({"reminder_before_due": 0}, 0, (), None, "none"),  # no reminder
        ({"reminder_before_due": 5}, -5, (), None, R),
        ({"chase_interval": 0}, 2, (C1,), 1, C2),  # an interval of 0 is one working day
    ],
)
def test_the_ladder_follows_the_profile(values, past_due, reached, since, outcome):
    decision = policies.chasing_rung(
        days_past_due=past_due, reached=reached, days_since_last_chase=since, ladder=th_ladder(**values)
    )
    assert decision.outcome == outcome


def test_the_ladder_is_read_from_the_councils_profile(ladder):
    the_ladder = rules.chasing_ladder(ladder.council)
    assert the_ladder.enabled
    assert the_ladder.chasing.citations == (TH_7_1,)
    assert the_ladder.rungs() == (R, C1, C2, E)
    assert (the_ladder.reminder_days, the_ladder.interval, the_ladder.chases) == (2, 2, 2)
    assert the_ladder.escalation_to.value == "director"


# The run ------------------------------------------------------------------------------------------


def chases_of(enquiry):
    return list(Chase.objects.filter(enquiry=enquiry).order_by("at", "pk").values_list("rung", flat=True))


def test_the_ladder_end_to_end_each_rung_once(ladder):
    enquiry = triaged(ladder)
    assert enquiry.due_date == datetime.date(2027, 3, 23)
    sam, daniel = ladder.officer_of(ladder.officer), ladder.officer_of(ladder.director)

    chasing.run(now=at(18))  # Thursday: three working days before
    assert chases_of(enquiry) == []

    report = chasing.run(now=at(19))  # Friday: the reminder, in Sam's digest
    assert (report.reminders, report.digests, report.chased) == (1, 1, 0)
    [reminder] = Chase.objects.filter(enquiry=enquiry)
    assert reminder.delivery == "digest" and reminder.addressed_to == sam
    assert reminder.message.dedupe_key == f"digest:{sam.pk}:2027-03-19"
    assert not OutboxMessage.objects.filter(kind="chase").exists()

    for day in (22, 23):  # Monday, and Tuesday the due date: nothing more
        chasing.run(now=at(day))
    assert chases_of(enquiry) == [R]

    report = chasing.run(now=at(24))  # Wednesday: breached, chase 1 by e-mail
    assert report.chased == 1
    chase = OutboxMessage.objects.get(dedupe_key=f"chase:{enquiry.pk}:2027-03-23:chase_1")
    assert chase.to == [{"name": "Sam Lee", "email": "sam.lee@ashdown.test"}] and chase.cc == []
    assert chase.subject.startswith(f"[{enquiry.reference}] Overdue, chase 1:")
    assert "due to be answered by Tue 23 Mar 2027 and is 1 working day past its due date" in chase.body
    assert "(Tower Hamlets 7.1)" in chase.body
    assert "Mary Jones" not in chase.body and "Eastgate House" not in chase.body

    for moment in (at(24, hour=15), at(25)):  # again the same day, and the next: nothing
        assert chasing.run(now=moment).chased == 0
    chasing.run(now=at(26))  # Good Friday: no run
    assert chasing.run(now=at(26)).not_running.startswith("Fri 26 Mar 2027 is not a working day")

    assert chasing.run(now=at(30)).chased == 1  # Tuesday after Easter: two working days on
    assert chases_of(enquiry) == [R, C1, C2]
    chasing.run(now=at(31))
    assert chases_of(enquiry) == [R, C1, C2]

    report = chasing.run(now=at(1, month=4))  # Thursday: escalated to the Director
    assert report.escalated == 1
    escalation = OutboxMessage.objects.get(dedupe_key=f"chase:{enquiry.pk}:2027-03-23:escalation")
    assert escalation.kind == "escalation"
    assert escalation.to == [{"name": "Daniel Price", "email": "director.place@ashdown.test"}]
    assert escalation.cc == [{"name": "Sam Lee", "email": "sam.lee@ashdown.test", "why": "handling officer"}]
    assert "copied to Sam Lee, the handling officer. No one else has been sent it." in escalation.body
    assert "escalated to you after 2 chases of Sam Lee" in escalation.body
    assert Chase.objects.get(enquiry=enquiry, rung=E).addressed_to == daniel == services.director_of(enquiry)

    for day in (2, 5, 6, 20):
        chasing.run(now=at(day, month=4))
    assert chases_of(enquiry) == [R, C1, C2, E]
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind__in=("chase", "escalation")).count() == 3


def test_each_rung_is_on_the_timeline_for_staff_and_on_the_audit_trail(ladder):
    enquiry = triaged(ladder)
    for moment in (at(19), at(24), at(30), at(1, month=4)):
        chasing.run(now=moment)
    events = list(
        EnquiryEvent.objects.filter(enquiry=enquiry, kind__in=(EventKind.CHASED, EventKind.ESCALATED))
        .order_by("at", "pk")
        .values_list("kind", "text", "visible_to_member", "data")
    )
    assert [(kind, data["rung"]) for kind, _, _, data in events] == [
        (EventKind.CHASED, R),
        (EventKind.CHASED, C1),
        (EventKind.CHASED, C2),
        (EventKind.ESCALATED, E),
    ]
    assert not any(visible for _, _, visible, _ in events)  # internal steps: not on the Member's timeline
    assert events[0][1] == (
        "Reminder before the due date (Tue 23 Mar 2027) given to Sam Lee in the daily digest of "
        "Fri 19 Mar 2027."
    )
    assert events[1][1] == "Chase 1 sent to Sam Lee: 1 working day past its due date (Tue 23 Mar 2027)."
    assert events[3][1].startswith("Escalated to Daniel Price: 5 working days past its due date")
    trail = list(
        AuditEvent.objects.filter(
            target_id=str(enquiry.pk), action__in=("enquiry.chased", "enquiry.escalated")
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert trail == ["enquiry.chased"] * 3 + ["enquiry.escalated"]


def test_nothing_is_chased_once_answered(ladder):
    enquiry = triaged(ladder)
    chasing.run(now=at(24))
    Enquiry.objects.filter(pk=enquiry.pk).update(status=Status.RESPONDED)
    for moment in (at(30), at(1, month=4)):
        chasing.run(now=moment)
    assert chases_of(enquiry) == [C1]


def test_a_holding_reply_starts_the_ladder_again_for_the_new_date(ladder, frozen):
    enquiry = triaged(ladder)
    chasing.run(now=at(19))  # reminded for 23 March
    frozen.move_to(at(19, hour=11))
    services.send_holding_reply(
        actor=ladder.officer,
        enquiry=enquiry,
        text="We are waiting for the surveyor's report.",
        reason="The surveyor visits on 1 April.",
        new_due=datetime.date(2027, 4, 6),
    )
    for moment in (at(24), at(30)):
        assert chasing.run(now=moment).chased == 0  # the old date no longer counts
    chasing.run(now=at(2, month=4))  # two working days before Tue 6 April
    rows = list(Chase.objects.filter(enquiry=enquiry).order_by("pk").values_list("due_date", "rung"))
    assert rows == [(datetime.date(2027, 3, 23), R), (datetime.date(2027, 4, 6), R)]


def test_out_of_hours_the_chase_waits_for_the_working_morning_unless_urgent(ladder):
    calm = triaged(ladder)
    urgent = triaged(ladder, urgent=True, urgency_reason="A child with asthma lives in the flat.")
    # An urgent enquiry goes to the Director; give both to Sam so they are chased alike.
    services.assign(
        actor=ladder.member_enquiries,
        enquiry=urgent,
        officer=ladder.officer_of(ladder.officer),
        reason="Sam knows the block",
    )
    assert chasing.run(now=at(24, hour=7, minute=30)).chased == 0  # before the working day starts: no run
    chasing.run(now=at(24, hour=17, minute=30))  # after it ends (a worker that was down all day)
    calm_chase = OutboxMessage.objects.get(dedupe_key=f"chase:{calm.pk}:2027-03-23:chase_1")
    urgent_chase = OutboxMessage.objects.get(dedupe_key=f"chase:{urgent.pk}:2027-03-23:chase_1")
    assert calm_chase.not_before == at(25, hour=9)
    assert "Tower Hamlets 4(a)" in calm_chase.not_before_reason
    assert urgent_chase.not_before == at(24, hour=17, minute=30)
    assert urgent_chase.urgent and "urgent" in urgent_chase.not_before_reason
    assert not OutboxMessage.objects.filter(kind="digest").exists()  # no digest once the day has ended


def test_two_runs_reach_each_rung_once(ladder):
    enquiry = triaged(ladder)
    the_plan = chasing.plan(now=at(24))
    [step] = the_plan.emailed
    kwargs = {
        "now": at(24),
        "ladder": the_plan.ladder,
        "officers": the_plan.officers,
        "council_row": the_council(),
    }
    assert chasing.reach(step, **kwargs) is not None
    assert chasing.reach(step, **kwargs) is None  # a second run with the same plan finds the rung reached
    assert chasing.run(now=at(24)).chased == 0
    assert chases_of(enquiry) == [C1]
    assert OutboxMessage.objects.filter(enquiry=enquiry, kind="chase").count() == 1
    assert EnquiryEvent.objects.filter(enquiry=enquiry, kind=EventKind.CHASED).count() == 1


def test_a_plan_made_before_a_transfer_is_not_sent_to_the_old_service(ladder):
    enquiry = triaged(ladder)
    the_plan = chasing.plan(now=at(24))
    services.transfer(
        actor=ladder.member_enquiries,
        enquiry=enquiry,
        service=ladder.waste,
        officer=ladder.officer_of(ladder.director),
        reason="It is about the bin store, not the flat",
    )
    kwargs = {
        "now": at(24),
        "ladder": the_plan.ladder,
        "officers": the_plan.officers,
        "council_row": the_council(),
    }
    assert chasing.reach(the_plan.emailed[0], **kwargs) is None
    assert not OutboxMessage.objects.filter(kind="chase").exists()


def test_working_out_who_to_chase_takes_the_same_queries_for_3_or_30_enquiries(ladder):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            the_plan = chasing.plan(now=at(1, month=4))
        return len(captured), the_plan

    for _ in range(3):
        triaged(ladder)
    Chase.objects.bulk_create(
        Chase(
            enquiry=e,
            due_date=e.due_date,
            rung=rung,
            at=at(day),
            addressed_to_id=e.assigned_officer_id,
            delivery="email",
        )
        for e in Enquiry.objects.all()
        for rung, day in ((C1, 24), (C2, 30))
    )
    few, few_plan = queries()
    assert [s.rung for s in few_plan.steps] == [E] * 3  # escalations: the costliest plan (whose line?)
    for _ in range(27):
        triaged(ladder)
    many, many_plan = queries()
    assert len(many_plan.steps) == 30 and {s.rung for s in many_plan.steps} == {C1, E}
    assert many == few


# nolan enquiries chase -------------------------------------------------------------------------------


def chase_command(*args) -> str:
    out = io.StringIO()
    call_command("enquiries", "chase", *args, stdout=out)
    return out.getvalue()


def test_the_command_previews_a_day_and_changes_nothing(ladder):
    enquiry = triaged(ladder)
    output = chase_command("--dry-run", "--date", "2027-03-24")
    assert "Chasing as at Wed 24 Mar 2027 09:00." in output
    assert (
        "Ladder: a reminder 2 working days before the due date; 2 chases, every 2 working days after it; "
        "then escalation to the Director (Tower Hamlets 7.1)." in output
    )
    assert f"  {enquiry.reference}  Chase 1, e-mail to Sam Lee: " in output
    assert "Officers chase outstanding enquiries that exceed the response time (Tower Hamlets 7.1)" in output
    assert "Daily digests for 1 officer: Sam Lee." in output
    assert "Dry run: nothing was changed." in output
    assert not Chase.objects.exists()
    assert not OutboxMessage.objects.filter(kind__in=("chase", "digest")).exists()
    assert "Nothing to do: Sat 27 Mar 2027 is not a working day" in chase_command(
        "--dry-run", "--date", "2027-03-27"
    )


def test_the_command_runs_the_ladder_now(ladder, frozen):
    enquiry = triaged(ladder)
    frozen.move_to(at(24, hour=11))
    output = chase_command()
    assert "Chased 1, escalated 0, reminded 0 in 1 daily digest;" in output
    assert chases_of(enquiry) == [C1]
    assert "Chased 0, escalated 0, reminded 0 in 0 daily digests;" in chase_command()  # again: nothing twice


def test_the_command_refuses_to_back_date_a_real_run_and_a_bad_date(ladder):
    with pytest.raises(CommandError, match="--date only previews a run: add --dry-run"):
        chase_command("--date", "2027-03-24")
    with pytest.raises(CommandError, match="give the date as YYYY-MM-DD"):
        chase_command("--dry-run", "--date", "24/03/2027")
    assert not Chase.objects.exists()
