"""``nolan due-date DATE --working-days N [--region REGION] [--explain]``: the date N working days after
DATE (DATE being day 0), with the council's bank holidays and closure days."""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from nolan.calendar import REGIONS, WorkingCalendar, add_working_days, explain_working_days, services


def _date(text: str) -> datetime.date:
    for parse in (datetime.date.fromisoformat, lambda t: datetime.datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"“{text}” is not a date: use the form 2026-12-24.")


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number of working days.") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"{days} is negative: give the number of working days, 0 or more.")
    return days


class Command(BaseCommand):
    help = "The date a number of working days after a date (the date itself is day 0)."

    def add_arguments(self, parser):
        parser.add_argument("date", type=_date, metavar="DATE", help="day 0, e.g. 2026-12-24")
        parser.add_argument(
            "--working-days", type=_days, required=True, metavar="N", help="how many working days after DATE"
        )
        parser.add_argument(
            "--region",
            choices=list(REGIONS),
            help="whose bank holidays (default: the council's region, else england-and-wales)",
        )
        parser.add_argument("--explain", action="store_true", help="say which days were skipped")

    def handle(self, *args, **options):
        calendar = self._calendar(options["region"])
        try:
            due = add_working_days(options["date"], options["working_days"], calendar)
        except OverflowError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(due.isoformat())
        if options["explain"]:
            self.stdout.write(explain_working_days(options["date"], options["working_days"], calendar))

    def _calendar(self, region: str | None) -> WorkingCalendar:
        """The council's calendar (its overrides included), or the region's bank holidays alone if the
        database is not set up yet."""
        try:
            if region is None:
                return services.current_calendar()
            return services.calendar_for_region(region)
        except DatabaseError:
            self.stderr.write(
                "The database is not set up (run “nolan migrate”): using the bank holidays alone, "
                "without the council's closure days."
            )
            return WorkingCalendar(region or services.default_region())
