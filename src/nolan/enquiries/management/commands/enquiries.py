"""``nolan enquiries retention [--apply]`` and ``nolan enquiries chase [--dry-run] [--date DATE]``.

retention: the council's retention rule for Member Enquiries. Without ``--apply`` it only reports what
it would change. With ``--apply`` it anonymises the resident details and deletes the files of every
enquiry that ended more than the profile's retention period ago, and records each on the audit trail.
The enquiry itself, its timeline and its figures stay.

chase: the chasing ladder's run now (the worker also runs it every quarter of an hour): chases and
escalations queued for the worker to send, reminders in the officers' daily digests. ``--dry-run``
lists what it would do, and changes nothing; with ``--date`` it shows what the run at the start of that
working day would do, as things stand now.
"""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nolan.directory.selectors import the_council
from nolan.enquiries import chasing, digest_section, policies, services


class Command(BaseCommand):
    help = (
        "Member Enquiries housekeeping. 'retention' reports the retention rule's changes; --apply makes "
        "them. 'chase' runs the chasing ladder; --dry-run only lists what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["retention", "chase"],
            help="retention: anonymise old resident details; chase: remind, chase and escalate",
        )
        parser.add_argument(
            "--apply",
            action="store_true",
            help="retention: make the changes (without it, only report what would change)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chase: list what the run would do, and change nothing"
        )
        parser.add_argument(
            "--date",
            type=_date,
            help="chase --dry-run: show the run at the start of this working day (YYYY-MM-DD)",
        )

    def handle(self, *args, **options):
        if options["action"] == "chase":
            return self.chase(dry_run=options["dry_run"], day=options["date"])
        return self.retention(apply=options["apply"])

    # chase ---------------------------------------------------------------------------------------

    def chase(self, *, dry_run: bool, day: datetime.date | None) -> None:
        if day and not dry_run:
            raise CommandError("--date only previews a run: add --dry-run (a real run is always as at now).")
        now = timezone.now()
        if day:
            starts = chasing.day_starts(the_council())
            now = datetime.datetime.combine(day, starts, tzinfo=timezone.get_current_timezone())
        the_plan = chasing.plan(now=now)
        local = timezone.localtime(now)
        self.stdout.write(f"Chasing as at {policies.day(local.date())} {local:%H:%M}.")
        if the_plan.ladder is not None:
            self.stdout.write(f"Ladder: {_describe(the_plan.ladder)}")
        if the_plan.not_running:
            self.stdout.write(f"Nothing to do: {the_plan.not_running}.")
            return
        if not dry_run:
            report = chasing.run(now=now)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Chased {report.chased}, escalated {report.escalated}, reminded {report.reminders} "
                    f"in {report.digests} daily digest{'' if report.digests == 1 else 's'}; each is on its "
                    "enquiry's timeline and the audit trail. The worker sends the e-mail."
                )
            )
            if report.already:
                self.stdout.write(f"{report.already} had been done already or had changed since the plan.")
            return
        for step in the_plan.steps:
            to = the_plan.officers[step.addressed_to_id].full_name
            how = f"in {to}'s daily digest" if step.by_digest else f"e-mail to {to}"
            self.stdout.write(f"  {step.reference}  {step.label}, {how}: {chasing.explain(step)}")
        if not the_plan.steps:
            self.stdout.write("No enquiry has come to a rung of the ladder.")
        officers = [
            o
            for o in digest_section.recipients(horizon=the_plan.horizon)
            if not digest_section.contents(o, day=the_plan.today, horizon=the_plan.horizon).empty
        ]
        names = ", ".join(o.full_name for o in officers) or "none"
        self.stdout.write(
            f"Daily digests for {len(officers)} officer{'' if len(officers) == 1 else 's'}: {names}."
        )
        self.stdout.write("Dry run: nothing was changed. Run again without --dry-run to do it.")

    # retention -----------------------------------------------------------------------------------

    def retention(self, *, apply: bool) -> None:
        rule, rows = services.retention_plan()
        years = int(rule.value)
        why = "; ".join(
            str(r) for r in rule.reasons(f"resident details are kept {years} years after an enquiry ends")
        )
        self.stdout.write(f"Retention rule: {why}.")
        if not rows:
            self.stdout.write("Nothing to anonymise.")
            return
        for row in rows:
            what = []
            if row["resident"]:
                what.append("resident details")
            if row["files"]:
                what.append(f"{row['files']} file{'s' if row['files'] != 1 else ''}")
            self.stdout.write(
                f"  {row['reference']}  ended {row['closed_on']:%d %b %Y}: {' and '.join(what)}"
            )
        if not apply:
            self.stdout.write(f"{len(rows)} enquiries would be anonymised. Run again with --apply to do it.")
            return
        done = services.apply_retention()
        self.stdout.write(
            self.style.SUCCESS(f"Anonymised {done} enquiries; each is recorded on the audit trail.")
        )


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"give the date as YYYY-MM-DD, for example 2027-03-24, not {value!r}"
        ) from None


def _describe(ladder: policies.ChasingLadder) -> str:
    if not ladder.enabled:
        return str(ladder.chasing.reasons("outstanding enquiries are not chased")[0])
    parts = []
    if ladder.reminder_days:
        parts.append(f"a reminder {ladder.reminder_days} working days before the due date")
    parts.append(f"{ladder.chases} chases, every {ladder.interval} working days after it")
    parts.append(f"then escalation to {policies.escalation_role_name(str(ladder.escalation_to.value))}")
    cited = ladder.chasing.cited()
    return "; ".join(parts) + (f" ({cited})." if cited else ".")
