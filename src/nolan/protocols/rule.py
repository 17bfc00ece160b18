"""One parameter of a council's protocol profile as the rules of a workflow (or of mail) use it: the
value, its unit, the citations of the paragraphs it comes from and, where the protocol is silent, the
default Nolan uses and why.

It lives here, under every room that reads a profile, so that Member Enquiries' policies and the
contact hours of every e-mail (``nolan.mail.hours``) give their reasons the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from nolan.core.citations import Citation
from nolan.core.decisions import Reason
from nolan.protocols.profiles import load_profile


@dataclass(frozen=True)
class Rule:
    """One parameter of the council's protocol profile, with where it comes from."""

    key: str
    value: Any
    unit: str = ""
    citations: tuple[Citation, ...] = ()
    specified: bool = True
    why: str = ""

    def reasons(self, text: str) -> tuple[Reason, ...]:
        """``text`` with the rule's citation; a rule the protocol does not specify says so."""
        if not self.specified or not self.citations:
            note = "the council's protocol does not say; Nolan's default"
            why = f": {self.why}" if self.why else ""
            return (Reason(f"{text} ({note}{why})"),)
        first, *rest = self.citations
        return (Reason(text, first), *(Reason("see also", c) for c in rest))

    def cited(self) -> str:
        return ", ".join(str(c) for c in self.citations)


def profile_slug(council=None) -> str:
    """The council's profile: the Council row's, else the NOLAN_PROTOCOL_PROFILE setting."""
    slug = getattr(council, "protocol_profile", "") if council is not None else ""
    return slug or settings.NOLAN_PROTOCOL_PROFILE


def read_rule(slug: str, key: str) -> Rule:
    """The parameter ``key`` of the profile ``slug`` (profiles are cached until their file changes)."""
    setting = load_profile(slug).setting(key)
    return Rule(
        key=key,
        value=setting.value,
        unit=getattr(setting, "unit", "") or "",
        citations=tuple(getattr(setting, "citations", ()) or ()),
        specified=bool(getattr(setting, "specified", True)),
        why=getattr(setting, "why", "") or "",
    )
