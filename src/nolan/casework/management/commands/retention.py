"""``nolan retention [--apply]``: every workflow's retention rule in one run.

Without ``--apply`` it only reports, for each workflow, its rule (with the paragraph it comes from, or
the note that the council's protocol is silent) and the ended cases whose personal details or files
it would remove today. With ``--apply`` it removes them and records each on the audit trail. The
cases themselves, their timelines and their figures stay.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from nolan.casework import retention


class Command(BaseCommand):
    help = (
        "Every workflow's retention rule: reports what it would remove from ended cases; --apply removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="make the changes (without it, only report what would change)",
        )

    def handle(self, *args, **options):
        plans = retention.plans()
        due = sum(len(plan.due) for plan in plans)
        for plan in plans:
            kept = f"kept {plan.rule.value} {plan.rule.unit} after a case ends".replace("  ", " ")
            self.stdout.write(f"{plan.workflow}: {plan.why(kept)}.")
            if not plan.due:
                self.stdout.write("  Nothing to remove.")
            for row in plan.due:
                self.stdout.write(
                    f"  {row.reference}  ended {row.ended_on:%d %b %Y}: {' and '.join(row.holds)}"
                )
        if not options["apply"]:
            if due:
                self.stdout.write(f"{due} cases would be changed. Run again with --apply to do it.")
            return
        done = retention.run()
        for name, count in done.items():
            self.stdout.write(
                self.style.SUCCESS(f"{name}: changed {count} cases; each is recorded on the audit trail.")
            )
