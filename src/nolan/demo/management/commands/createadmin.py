"""``nolan createadmin``: create a system administrator's account.

Interactively it asks for the e-mail address and the password (twice). Without a terminal, or in a
script, give ``--email`` and put the password in the environment variable NOLAN_ADMIN_PASSWORD, so it
never appears in the shell history or the process list. The password must pass the same checks as
any Nolan password (at least 12 characters, not common, not all digits, not like the e-mail address).

The account is a superuser with the System administrator role. Like all staff, the administrator sets
up an authenticator app the first time they sign in.
"""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from nolan.accounts.models import AccessRole, RoleGrant, User
from nolan.audit.services import record

PASSWORD_ENV = "NOLAN_ADMIN_PASSWORD"  # noqa: S105 (the variable's name, not a password)
COMMAND_LINE = "command line"


class Command(BaseCommand):
    help = (
        "Create a system administrator (asks for the e-mail address and password). In a script, give "
        f"--email and set {PASSWORD_ENV}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="the administrator's e-mail address")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help=f"never ask: take the e-mail from --email and the password from {PASSWORD_ENV}",
        )

    def handle(self, *args, email=None, no_input=False, **options):
        interactive = not no_input and sys.stdin.isatty()
        email = self._email(email, interactive)
        password = self._password(email, interactive)
        user = create_administrator(email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the system administrator {user.email}. They set up an authenticator app the first "
                "time they sign in."
            )
        )

    def _email(self, given: str | None, interactive: bool) -> str:
        while True:
            if given is None:
                if not interactive:
                    raise CommandError("Give the administrator's e-mail address with --email.")
                given = input("E-mail address: ")
            try:
                return clean_email(given)
            except ValidationError as error:
                if not interactive:
                    raise CommandError(" ".join(error.messages)) from None
                self.stderr.write(" ".join(error.messages))
                given = None

    def _password(self, email: str, interactive: bool) -> str:
        from_env = os.environ.get(PASSWORD_ENV)
        if from_env is not None:
            try:
                return check_password(from_env, email)
            except ValidationError as error:
                raise CommandError(f"The password in {PASSWORD_ENV} " + _lower_first(error)) from None
        if not interactive:
            raise CommandError(f"Set the password in the environment variable {PASSWORD_ENV}.")
        while True:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                self.stderr.write("The two passwords differ. Try again.")
                continue
            try:
                return check_password(password, email)
            except ValidationError as error:
                self.stderr.write("That password " + _lower_first(error))


def _lower_first(error: ValidationError) -> str:
    """Django's messages as the end of a sentence: 'is too short. It must ...'."""
    messages = " ".join(error.messages)
    return "is not allowed: " + messages[:1].lower() + messages[1:]


def clean_email(value: str) -> str:
    email = value.strip().lower()
    if not email:
        raise ValidationError("An e-mail address is required.")
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(f"There is already an account with the e-mail address {email}.")
    return email


def check_password(password: str, email: str) -> str:
    validate_password(password, user=User(email=email))
    return password


@transaction.atomic
def create_administrator(*, email: str, password: str) -> User:
    """A superuser holding the System administrator role, recorded on the audit trail."""
    user = User.objects.create_superuser(email, password)
    RoleGrant.objects.create(
        user=user,
        role=AccessRole.ADMINISTRATOR,
        reason="Created with nolan createadmin",
        start=timezone.localdate(),
    )
    record(
        actor=None,
        action="accounts.administrator.created",
        target=user,
        capacity=COMMAND_LINE,
        after={"email": user.email, "is_superuser": True, "role": AccessRole.ADMINISTRATOR.value},
    )
    return user
