"""The demo's sign-ins: one account per persona, one password, one authenticator secret for staff.

These are for trying Nolan on a laptop. The password and the secret are printed and documented on
purpose; the demo refuses to run when NOLAN_MODE=production.

Staff personas (officers, and anyone holding a permission role) must give a code from an authenticator
app, as on a real installation. Every demo staff account has an authenticator set up with
``DEMO_TOTP_SECRET``: add that secret to any authenticator app, or run ``nolan demo code`` for the
current code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import NamedTuple

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from nolan.accounts.models import User
from nolan.audit.models import AuditEvent

DEMO_PASSWORD = "try-the-nolan-demo"  # noqa: S105 (printed for anyone trying the demo)
DEMO_TOTP_SECRET = "NOLANDEMOASHWORTHCOUNCILTRYIT234"  # noqa: S105 (documented; base32 as apps expect)
BUILT_ACTION = "demo.built"


class Persona(NamedTuple):
    key: str
    label: str


COUNCILLOR = Persona("councillor", "Councillor")
OPPOSITION_LEADER = Persona("opposition_leader", "Opposition group leader")
MEMBER_ENQUIRIES = Persona("member_enquiries", "Member Enquiries team")
OFFICER = Persona("officer", "Officer")
DIRECTOR = Persona("director", "Director")
MONITORING_OFFICER = Persona("monitoring_officer", "Monitoring Officer")
CHIEF_EXECUTIVE = Persona("chief_executive", "Chief Executive")
MEMBER_SERVICES = Persona("member_services", "Member Services")

PERSONAS: tuple[Persona, ...] = (
    COUNCILLOR,
    OPPOSITION_LEADER,
    MEMBER_ENQUIRIES,
    OFFICER,
    DIRECTOR,
    MONITORING_OFFICER,
    CHIEF_EXECUTIVE,
    MEMBER_SERVICES,
)


@dataclass(frozen=True)
class SignIn:
    persona: str
    name: str  # the person and what they are, e.g. "Cllr Amina Rahman, Bellfield ward"
    email: str
    needs_code: bool


def current_code(now: float | None = None) -> tuple[str, int]:
    """The authenticator code for the demo secret now, and for how many more seconds it is valid."""
    now = time.time() if now is None else now
    period = mfa_settings.TOTP_PERIOD
    counter = int(now) // period
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)), period - int(now) % period


def code_message(now: float | None = None) -> str:
    """``123456 (valid for 17 more seconds)``, and the next code too when this one is about to go."""
    now = time.time() if now is None else now
    code, seconds = current_code(now)
    message = f"{code} (valid for {seconds} more second{'s' if seconds != 1 else ''})"
    if seconds <= 5:
        message += f"; then {current_code(now + seconds)[0]}"
    return message


def sign_ins() -> list[SignIn]:
    """The personas of the demo council in this database, as the last ``demo.built`` event lists them."""
    event = AuditEvent.objects.filter(action=BUILT_ACTION).order_by("-id").first()
    if event is None:
        return []
    listed = event.extra.get("sign_ins", [])
    users = {u.email: u for u in User.objects.filter(email__in=[row["email"] for row in listed])}
    with_code = set(
        Authenticator.objects.filter(user__in=users.values(), type=Authenticator.Type.TOTP).values_list(
            "user__email", flat=True
        )
    )
    return [
        SignIn(row["persona"], row["name"], row["email"], row["email"] in with_code)
        for row in listed
        if row["email"] in users
    ]


def sign_in_table(rows: list[SignIn]) -> str:
    """The sign-in table, as ``nolan demo`` prints it."""
    heading = ("Persona", "Name", "E-mail", "Password", "Code")
    lines = [
        (row.persona, row.name, row.email, DEMO_PASSWORD, "yes" if row.needs_code else "no") for row in rows
    ]
    widths = [max(len(line[i]) for line in [heading, *lines]) for i in range(len(heading))]

    def fmt(line):
        return "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()

    out = [fmt(heading), fmt(tuple("-" * w for w in widths)), *(fmt(line) for line in lines)]
    out += [
        "",
        f'Every persona\'s password is "{DEMO_PASSWORD}".',
        'Staff ("Code: yes") also give a code from an authenticator app: run "nolan demo code" for the',
        f"current one, or add the demo secret {DEMO_TOTP_SECRET} to your authenticator app.",
    ]
    return "\n".join(out)
