"""``nolan enquiries retention [--apply]``: the council's retention rule for Member Enquiries.

Without ``--apply`` it only reports what it would change. With ``--apply`` it anonymises the resident
details and deletes the files of every enquiry that ended more than the profile's retention period
ago, and records each on the audit trail. The enquiry itself, its timeline and its figures stay.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from nolan.enquiries import services


class Command(BaseCommand):
    help = (
        "Member Enquiries housekeeping. 'retention' reports the retention rule's changes; --apply makes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["retention"], help="retention: anonymise old resident details")
        parser.add_argument(
            "--apply",
            action="store_true",
            help="make the changes (without it, only report what would change)",
        )

    def handle(self, *args, **options):
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
        if not options["apply"]:
            self.stdout.write(f"{len(rows)} enquiries would be anonymised. Run again with --apply to do it.")
            return
        done = services.apply_retention()
        self.stdout.write(
            self.style.SUCCESS(f"Anonymised {done} enquiries; each is recorded on the audit trail.")
        )
