"""``nolan import members FILE`` / ``nolan import officers FILE``: import the directory from CSV.

Nothing is imported if any row is wrong: every bad row is printed and the command exits non-zero.
Without ``--as`` the import is recorded on the audit trail as the system, acting from the command
line; with ``--as EMAIL`` it is recorded as that person, who must maintain the directory.
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from nolan.accounts.models import User
from nolan.directory import imports, services


class Command(BaseCommand):
    help = (
        "Import Members or officers from a CSV file (UTF-8, comma-separated, one heading row). "
        "Nothing is imported if any row is wrong; every bad row is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["members", "officers"], help="what the file holds")
        parser.add_argument("file", help="the CSV file")
        parser.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="record the import as done by this person (Member Services or an administrator)",
        )

    def handle(self, *args, kind, file, as_email=None, **options):
        actor, capacity = None, services.COMMAND_LINE
        if as_email:
            actor = User.objects.filter(email__iexact=as_email.strip()).first()
            if actor is None:
                raise CommandError(f"There is no account with the e-mail address {as_email}.")
            try:
                capacity = f"{services.maintaining_capacity(actor)}, {services.COMMAND_LINE}"
            except PermissionDenied as error:
                raise CommandError(f"{actor.email}: {error}") from None
        result = imports.import_file(kind=kind, actor=actor, file=file, capacity=capacity)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
