"""One parameter across the five councils' protocols, with citations.

For a Monitoring Officer reviewing their own protocol (Islington 1.5 has it reviewed annually): what
the other councils decided on the same point, and the paragraph each decision comes from.
"""

from __future__ import annotations

import textwrap

from nolan.protocols.parameters import PARAMETERS, SECTIONS, parameter
from nolan.protocols.profiles import Setting, load_profile
from nolan.protocols.texts import COUNCILS


def _shipped_slugs() -> list[str]:
    return list(COUNCILS)


def compare(key: str) -> list[tuple[str, Setting]]:
    """(council name, setting) for each shipped profile, in the usual order of the councils.

    Raises ``parameters.UnknownParameter`` (a ``KeyError``) for a key not in the catalogue."""
    parameter(key)
    out = []
    for slug in _shipped_slugs():
        profile = load_profile(slug)
        out.append((profile.council, profile.setting(key)))
    return out


def source(council: str, setting: Setting) -> str:
    """Where a council's value comes from: its citations, or that its protocol does not say."""
    if setting.specified and setting.citations:
        return ", ".join(str(c) for c in setting.citations)
    return f"not specified by the {council} protocol; Nolan's default"


def format_comparison(key: str) -> str:
    """The text ``nolan protocol compare KEY`` prints."""
    param = parameter(key)
    rows = compare(key)
    lines = [f"{param.label} ({key})", *_wrap(param.description, "  "), ""]
    for council, setting in rows:
        lines.append(f"{council}: {setting.describe()} ({source(council, setting)})")
        lines.extend(_wrap(setting.why, "    "))
        if setting.note:
            lines.extend(_wrap(f"Note: {setting.note}", "    "))
    values = {_comparable(s.value, s.unit) for _, s in rows}
    specified = [c for c, s in rows if s.specified]
    lines.append("")
    if len(values) == 1:
        lines.append(f"All {len(rows)} councils have the same value.")
    else:
        lines.append(f"The councils differ: {len(values)} different values.")
    lines.append(
        f"Set by the protocol in {len(specified)} of {len(rows)}"
        + (f" ({', '.join(specified)})." if specified else ".")
    )
    return "\n".join(lines) + "\n"


def format_parameter_list() -> str:
    """What ``nolan protocol compare`` alone prints: every parameter, by section."""
    lines = ["Protocol parameters (compare one with: nolan protocol compare PARAMETER)", ""]
    width = max(len(k) for k in PARAMETERS)
    section = None
    for key, param in PARAMETERS.items():
        if param.section != section:
            section = param.section
            if lines[-1]:
                lines.append("")
            lines.append(SECTIONS.get(section, section))
        lines.append(f"  {key.ljust(width)}  {param.label}")
    return "\n".join(lines) + "\n"


def _comparable(value: object, unit: str) -> tuple:
    if isinstance(value, list | tuple):
        return (tuple(sorted(value)), unit)
    return (value, unit)


def _wrap(text: str, indent: str) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent)
