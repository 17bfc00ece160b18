"""The ``nolan`` command for a council's administrators.

Nolan's own commands are listed by ``nolan --help``; every Django management command is also
available under the same name (``nolan shell``, ``nolan showmigrations``...).
"""

from __future__ import annotations

import os
import sys

HELP = """\
usage: nolan COMMAND [options]

Nolan runs a council's Protocol on Member/Officer Relations. Commands for administrators:

  demo [--profile NAME]    build the demo council (Members, wards, groups, committees, officers)
                           in an empty database and print one sign-in per persona
  migrate                  create or update the database tables
  createadmin              create a system administrator account (asks for e-mail and password)
  check [--deploy]         check the configuration; --deploy also checks production safety
  import members FILE      import Members from CSV (nothing is imported if any row is wrong)
  import officers FILE     import officers from CSV (nothing is imported if any row is wrong)
  audit verify             check the audit trail's hash chain and name the first broken link
  serve                    run the web server on http://127.0.0.1:8000
  worker                   run the background worker (e-mail, chasing, digests)

Settings come from the environment: NOLAN_MODE (demo, production), DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS, EMAIL_HOST, EMAIL_PORT, NOLAN_PROTOCOL_PROFILE, NOLAN_OIDC_* (single sign-on).
Run "nolan COMMAND --help" for a command's options, or "nolan help --all" for every command.
"""

ALIASES = {"worker": ["run_huey"]}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nolan.config.settings")
    if not argv or argv[0] in {"-h", "--help"} or argv == ["help"]:
        sys.stdout.write(HELP)
        return
    if argv[:2] == ["help", "--all"]:
        argv = ["help"]
    if argv[0] in ALIASES:
        argv = ALIASES[argv[0]] + argv[1:]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nolan", *argv])


if __name__ == "__main__":
    main()
