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

  migrate                  create or update the database tables
  check [--deploy]         check the configuration; --deploy also checks production safety
  createadmin              create a system administrator account; asks for the e-mail and password,
                           or takes --email and the password from NOLAN_ADMIN_PASSWORD with --no-input
  import members FILE      import Members from CSV (nothing is imported if any row is wrong)
  import officers FILE     import officers from CSV (nothing is imported if any row is wrong)
  audit verify [--head-file FILE]
                           check the audit trail's keyed chain against its head file and say what
                           was removed, altered or replaced
  worker                   run the background worker (e-mail, chasing, digests)
  enquiries chase [--dry-run [--date YYYY-MM-DD]]
                           chase outstanding Member enquiries now (the worker does this every
                           quarter of an hour on working days); --dry-run only lists who would be
                           reminded, chased or escalated
  enquiries retention [--apply]
                           report which resident details the retention rule would anonymise;
                           --apply anonymises them
  retention [--apply]      every workflow's retention rule in one run (Member Enquiries' too): report
                           what each would remove from ended cases; --apply removes it

The council's protocol and its working days:

  protocol show PROFILE PARAGRAPH
                           print one paragraph, e.g. "nolan protocol show tower-hamlets 7.19"
  protocol search PROFILE "WORDS"
                           the paragraphs that best answer a question, best first
  protocol compare PARAMETER
                           one profile parameter across every council, with its citations
                           ("nolan protocol compare" alone lists the parameters)
  protocol load FILE --council NAME
                           load a council's own protocol (plain text, Markdown or DOCX) and list
                           what was numbered and what could not be
  due-date DATE --working-days N [--region REGION] [--explain]
                           the date N working days after DATE (regions: england-and-wales,
                           scotland, northern-ireland)

For trying Nolan out (refused when NOLAN_MODE=production):

  demo [--profile NAME] [--seed N] [--without-enquiries] [--if-empty]
                           build the demo council in an empty database, with about 150 Member
                           enquiries in every state, and print one sign-in per persona
  demo sign-ins            print the demo sign-ins again
  demo code                print the current authenticator code for the demo's staff personas

Settings come from the environment: NOLAN_MODE (demo, production), DATABASE_URL, SECRET_KEY,
NOLAN_AUDIT_KEY, NOLAN_AUDIT_HEAD_FILE, ALLOWED_HOSTS, EMAIL_HOST, EMAIL_PORT,
NOLAN_PROTOCOL_PROFILE, NOLAN_OIDC_* (single sign-on).
The web server is any WSGI server given nolan.config.wsgi ("make run" uses gunicorn).
Run "nolan COMMAND --help" for a command's options, or "nolan help --all" for every command.
"""

ALIASES = {"worker": ["run_huey"], "due-date": ["due_date"]}


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
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["nolan", *argv])
    except ImproperlyConfigured as problem:
        # A configuration Nolan refuses to start with (a broken protocol profile, a missing setting):
        # the message names what to fix, so a traceback would only hide it.
        sys.stderr.write(f"nolan: {problem}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
