from django.core.management.base import BaseCommand, CommandError

from nolan.audit.verify import verify_chain


class Command(BaseCommand):
    help = (
        "Work with the audit trail. 'nolan audit verify' checks every event's MAC and link, the chain-head "
        "row, and the head file kept outside the database, and says what was done if any do not agree."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify: check the keyed chain and its head")
        parser.add_argument(
            "--head-file",
            help="The head file to check against (default: NOLAN_AUDIT_HEAD_FILE), e.g. a copy kept "
            "elsewhere.",
        )

    def handle(self, *args, **options):
        result = verify_chain(head_file_path=options.get("head_file"))
        if not result.ok:
            raise CommandError(result.problem)
        self.stdout.write(self.style.SUCCESS(f"The audit trail is intact: {result.checked} events checked."))
        for note in result.notes:
            self.stdout.write(note)
