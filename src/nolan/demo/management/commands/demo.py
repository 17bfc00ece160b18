"""``nolan demo``: build the demo council and print one sign-in per persona.

    nolan demo [--profile NAME] [--seed N] [--if-empty] [--without-enquiries]
                                                          build it (only in a database with no council)
    nolan demo sign-ins                                   print the sign-in table again
    nolan demo code                                       print the authenticator code for staff personas

Never on a production installation (NOLAN_MODE=production).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nolan.demo import council as demo
from nolan.demo import personas
from nolan.directory.selectors import the_council


class Command(BaseCommand):
    help = (
        "Build the demo council (Members, wards, groups, committees, officers and their Member "
        "Enquiries) in an empty database and "
        "print one sign-in per persona. 'nolan demo sign-ins' prints the sign-ins again; 'nolan demo "
        "code' prints the current authenticator code for the staff personas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            nargs="?",
            choices=["build", "sign-ins", "code"],
            default="build",
            help="build (the default), sign-ins or code",
        )
        parser.add_argument(
            "--profile",
            choices=demo.PROFILES,
            default=demo.DEFAULT_PROFILE,
            help=f"the protocol profile the demo council applies (default {demo.DEFAULT_PROFILE})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.DEFAULT_SEED,
            help="the same seed builds the same council, name for name",
        )
        parser.add_argument(
            "--without-enquiries",
            action="store_true",
            help="build the council without its Member Enquiries (to try the enquiry pages from empty)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="if the database already holds a council, do nothing (and say so) rather than fail",
        )

    def handle(self, *args, action, profile, seed, if_empty, without_enquiries, **options):
        if settings.MODE == "production":
            raise CommandError(demo.refusal(production=True))
        if action == "code":
            self.stdout.write(personas.code_message())
        elif action == "sign-ins":
            self._sign_ins()
        else:
            self._build(profile=profile, seed=seed, if_empty=if_empty, enquiries=not without_enquiries)

    def _build(self, *, profile: str, seed: int, if_empty: bool, enquiries: bool) -> None:
        existing = the_council()
        if existing is not None and if_empty:
            self.stdout.write(f"The database already holds a council ({existing}): the demo was not built.")
            self._sign_ins()
            return
        started = time.perf_counter()
        try:
            built = demo.build_demo(profile=profile, seed=seed, enquiries=enquiries)
        except demo.DemoRefused as refused:
            raise CommandError(f"{refused} Use --if-empty to carry on without building.") from None
        seconds = time.perf_counter() - started
        counts = built.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo council, {built.council} ({profile} protocol, seed {seed}), "
                f"in {seconds:.1f}s: {counts['councillors']} councillors in {counts['wards']} wards, "
                f"{counts['political_groups']} political groups and {counts['independents']} independents, "
                f"{counts['committees']} committees, {counts['officers']} officers in "
                f"{counts['directorates']} directorates"
                + (f", and {counts['enquiries']} Member Enquiries." if "enquiries" in counts else ".")
            )
        )
        self.stdout.write("")
        self.stdout.write(personas.sign_in_table(built.sign_ins))

    def _sign_ins(self) -> None:
        rows = personas.sign_ins()
        if not rows:
            self.stdout.write(
                "There are no demo sign-ins in this database (it was not built by 'nolan demo')."
            )
            return
        self.stdout.write(personas.sign_in_table(rows))
