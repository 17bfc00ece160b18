from django.core.management.base import BaseCommand, CommandError

from nolan.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Work with the audit trail. 'nolan audit verify' checks every event's hash and link."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify: check the hash chain")

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"{result.problem} ({result.checked} events before it are intact.)")
        self.stdout.write(self.style.SUCCESS(f"The audit trail is intact: {result.checked} events checked."))
