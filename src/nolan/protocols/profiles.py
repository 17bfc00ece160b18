"""Council protocol profiles: every parameter Nolan's workflows read, with the paragraph it comes from.

A profile is a TOML file, one per council (``data/profiles/<slug>.toml``), with one table per
parameter of the catalogue (``parameters.PARAMETERS``)::

    [enquiries.response_time]
    value = 10
    unit = "working days"
    cite = ["7.1"]
    gloss = "Officers respond to Members' enquiries within ten working days."

and, where the council's protocol is silent::

    [enquiries.acknowledgement_time]
    specified = false
    value = 2
    why = "None of the protocols sets one; ..."

A council's own profile may be placed in the directory named by the ``NOLAN_PROFILES_DIR``
environment variable (read each time a profile is loaded); a file there wins over the shipped one of
the same name. A profile is checked as it loads: every catalogue parameter present, no unknown key,
each value of its parameter's kind, and every cited paragraph present in the council's protocol text
(``texts.load_text(slug).find(paragraph, heading)``). Any problem raises ``ProfileError`` naming the
file, the key and the paragraph.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nolan.core.citations import Citation
from nolan.protocols import texts
from nolan.protocols.parameters import PARAMETERS, Parameter, UnknownParameter
from nolan.protocols.texts import COUNCILS

SHIPPED_DIR = Path(__file__).parent / "data" / "profiles"
PROFILES_DIR_ENV = "NOLAN_PROFILES_DIR"

#: Fields a parameter's table may hold.
FIELDS = frozenset({"value", "unit", "cite", "gloss", "specified", "why", "note"})


@dataclass(frozen=True)
class Setting:
    """One parameter as a council's profile sets it."""

    key: str
    value: object
    unit: str
    citations: tuple[Citation, ...]  # empty when the protocol does not specify it
    specified: bool  # False: the protocol is silent, Nolan's default applies
    why: str  # for an unspecified one: why this default; otherwise a short gloss of the paragraph
    note: str = ""

    @property
    def parameter(self) -> Parameter:
        return PARAMETERS[self.key]

    def describe(self) -> str:
        """The value as a reader would say it: "10 working days", "the Leader", "yes"."""
        return self.parameter.describe(self.value, self.unit)

    def cited(self) -> str:
        return ", ".join(str(c) for c in self.citations)


class ProfileError(Exception):
    """A profile that cannot be used, with every problem found (each names the file and the key)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        return "\n".join(f"- {p}" for p in self.problems)


class Profile:
    """A council's protocol profile, checked against the catalogue and the council's text."""

    def __init__(self, *, slug: str, council: str, title: str, path: Path, settings: dict[str, Setting]):
        self.slug = slug
        self.council = council
        self.title = title
        self.path = path
        self.settings = settings

    def __repr__(self) -> str:
        return f"<Profile {self.slug} ({self.path})>"

    def setting(self, key: str) -> Setting:
        if key not in PARAMETERS:
            raise UnknownParameter(key)
        return self.settings[key]

    def implemented_paragraphs(self) -> dict[str, list[Setting]]:
        """Paragraph id → the settings citing it, in document order of first citation."""
        out: dict[str, list[Setting]] = {}
        for setting in self.settings.values():
            for citation in setting.citations:
                bucket = out.setdefault(citation.paragraph, [])
                if setting not in bucket:
                    bucket.append(setting)
        return out


# Finding profiles ----------------------------------------------------------------------------------


def _override_dir() -> Path | None:
    value = os.environ.get(PROFILES_DIR_ENV, "").strip()
    return Path(value) if value else None


def shipped() -> list[str]:
    """Slugs of the profiles shipped with Nolan."""
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.toml"))


def available() -> list[str]:
    """Slugs of every profile that can be loaded: the shipped ones and a council's own."""
    slugs = set(shipped())
    override = _override_dir()
    if override and override.is_dir():
        slugs.update(p.stem for p in override.glob("*.toml"))
    return sorted(slugs)


def profile_path(slug: str) -> Path:
    """The file ``load_profile(slug)`` reads: a council's own (``NOLAN_PROFILES_DIR``) first."""
    override = _override_dir()
    for directory in (override, SHIPPED_DIR):
        if directory is not None and (directory / f"{slug}.toml").is_file():
            return directory / f"{slug}.toml"
    where = f"{override} or {SHIPPED_DIR}" if override else str(SHIPPED_DIR)
    raise ProfileError(
        [
            f"There is no protocol profile {slug!r} (looked for {slug}.toml in {where}); profiles: "
            + ", ".join(available())
        ]
    )


def load_profile(slug: str) -> Profile:
    """The council's profile, checked (cached until the file changes)."""
    path = profile_path(slug)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise ProfileError([f"{path}: cannot be read ({error.strerror})"]) from None
    return _load(str(path), slug, stamp)


@lru_cache(maxsize=32)
def _load(path: str, slug: str, stamp: int) -> Profile:
    return read_profile(Path(path), slug)


def clear_cache() -> None:
    _load.cache_clear()


def validate_all() -> None:
    """Load every available profile; raise one ``ProfileError`` listing every problem found."""
    problems: list[str] = []
    for slug in available():
        try:
            load_profile(slug)
        except ProfileError as error:
            problems.extend(error.problems)
    if problems:
        raise ProfileError(problems)


# Reading and checking one file ---------------------------------------------------------------------


def read_profile(path: Path, slug: str | None = None) -> Profile:
    """Parse and check one profile file (``slug`` defaults to the file's name)."""
    slug = slug or path.stem
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ProfileError([f"{path}: cannot be read ({error.strerror})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ProfileError([f"{path}: is not valid TOML: {error}"]) from None

    problems: list[str] = []
    council, title = _header(path, slug, data, problems)
    text = _text(path, slug, problems)

    entries: dict[str, dict] = {}
    for key, table in _entries(data, problems, path):
        if key not in PARAMETERS:
            problems.append(f"{path}: [{key}] is not a protocol parameter (see 'nolan protocol compare')")
        else:
            entries[key] = table

    settings: dict[str, Setting] = {}
    for key, param in PARAMETERS.items():
        if key not in entries:
            problems.append(
                f"{path}: [{key}] is missing. Every profile sets every parameter; if the protocol is "
                f"silent, write specified = false with Nolan's default ({param.describe(param.default)}) "
                "and why"
            )
            continue
        setting = _setting(path, council, text, param, entries[key], problems)
        if setting is not None:
            settings[key] = setting

    if problems:
        raise ProfileError(problems)
    return Profile(slug=slug, council=council, title=title, path=path, settings=settings)


def _header(path: Path, slug: str, data: dict, problems: list[str]) -> tuple[str, str]:
    header = data.get("profile")
    if not isinstance(header, dict):
        problems.append(f'{path}: [profile] is missing: it names the council, e.g. council = "Islington"')
        return COUNCILS.get(slug, slug), ""
    unknown = sorted(set(header) - {"council", "title"})
    if unknown:
        problems.append(
            f"{path}: [profile] has unknown fields {', '.join(unknown)} (it holds council, title)"
        )
    council = header.get("council")
    if not isinstance(council, str) or not council.strip():
        problems.append(f'{path}: [profile] council must name the council as cited, e.g. "Islington"')
        council = COUNCILS.get(slug, slug)
    elif slug in COUNCILS and council != COUNCILS[slug]:
        problems.append(
            f"{path}: [profile] council is {council!r}, but the {slug} protocol is cited as "
            f"{COUNCILS[slug]!r}"
        )
    title = header.get("title", "")
    if not isinstance(title, str):
        problems.append(f"{path}: [profile] title must be text")
        title = ""
    return council, title


def _text(path: Path, slug: str, problems: list[str]):
    try:
        return texts.load_text(slug)
    except (LookupError, OSError, ValueError) as error:
        problems.append(f"{path}: there is no protocol text for {slug!r} to check the citations ({error})")
        return None


def _is_entry(table: dict) -> bool:
    return any(field in table for field in FIELDS)


def _entries(data: dict, problems: list[str], path: Path, prefix: str = "") -> Iterator[tuple[str, dict]]:
    """(dotted key, table) for each parameter table in the file."""
    for name, item in data.items():
        if not prefix and name == "profile":
            continue
        key = f"{prefix}{name}"
        if isinstance(item, dict):
            if _is_entry(item):
                yield key, item
            else:
                yield from _entries(item, problems, path, prefix=f"{key}.")
        else:
            problems.append(
                f"{path}: {key} = {item!r} is not inside a parameter's table (write [{prefix.rstrip('.')}] "
                "tables with value, cite and gloss)"
                if prefix
                else f"{path}: {key} is not a protocol parameter table"
            )


def _setting(path: Path, council: str, text, param: Parameter, table: dict, problems: list[str]):
    key = param.key
    where = f"{path}: [{key}]"
    before = len(problems)
    unknown = sorted(set(table) - FIELDS)
    if unknown:
        allowed = ", ".join(sorted(FIELDS))
        problems.append(f"{where} has unknown fields {', '.join(unknown)} (allowed: {allowed})")

    specified = table.get("specified", True)
    if not isinstance(specified, bool):
        problems.append(f"{where} specified must be true or false, not {specified!r}")
        specified = True

    if "value" in table:
        value = table["value"]
    elif not specified:
        value = param.default
    else:
        problems.append(f"{where} has no value")
        value = None
    if value is not None:
        wrong = param.check(value)
        if wrong:
            problems.append(f"{where} value {wrong} ({param.label.lower()})")

    unit = table.get("unit", param.unit)
    allowed = param.allowed_units()
    if not isinstance(unit, str) or (unit and unit not in allowed) or (allowed and not unit):
        if allowed:
            problems.append(f"{where} unit must be one of {', '.join(map(repr, allowed))}, not {unit!r}")
        else:
            problems.append(f"{where} takes no unit, but has unit = {unit!r}")
        unit = param.unit

    note = table.get("note", "")
    if not isinstance(note, str):
        problems.append(f"{where} note must be text")
        note = ""

    raw_cites = table.get("cite", [])
    if isinstance(raw_cites, str | dict):
        raw_cites = [raw_cites]
    if not isinstance(raw_cites, list):
        problems.append(f'{where} cite must be a list of paragraph numbers, e.g. cite = ["7.1"]')
        raw_cites = []

    if specified:
        why = table.get("gloss", "")
        if "why" in table:
            problems.append(f"{where} is specified by the protocol: say what it says in gloss, not why")
        if not raw_cites:
            problems.append(
                f"{where} cites no paragraph: give cite = [...] or, if the protocol is silent, "
                "specified = false"
            )
    else:
        why = table.get("why", param.default_why if "value" not in table else "")
        if raw_cites:
            problems.append(f"{where} is marked specified = false but cites {raw_cites!r}: drop one")
            raw_cites = []
        if "gloss" in table:
            problems.append(f"{where} is marked specified = false: give why (Nolan's reason), not gloss")
        if not isinstance(why, str) or not why.strip():
            problems.append(f"{where} is marked specified = false but does not say why (Nolan's reason)")
    if not isinstance(why, str):
        problems.append(f"{where} gloss and why must be text")
        why = ""

    citations: list[Citation] = []
    for raw in raw_cites:
        citation = _citation(where, council, raw, problems)
        if citation is not None:
            _check_paragraph(where, council, text, citation, problems)
            citations.append(citation)

    if len(problems) > before:
        return None
    if isinstance(value, list):
        value = tuple(value)
    return Setting(key, value, unit, tuple(citations), specified, why.strip(), note.strip())


def _citation(where: str, council: str, raw: object, problems: list[str]) -> Citation | None:
    if isinstance(raw, str):
        paragraph, _, heading = raw.strip().partition(" ")
        heading = heading.strip()
    elif isinstance(raw, dict) and isinstance(raw.get("paragraph"), str):
        extra = sorted(set(raw) - {"paragraph", "heading"})
        if extra:
            problems.append(f"{where} a citation has unknown fields {', '.join(extra)} (paragraph, heading)")
            return None
        paragraph, heading = raw["paragraph"].strip(), str(raw.get("heading", "")).strip()
    else:
        problems.append(
            f'{where} citation {raw!r} is not a paragraph number ("7.1", "3.3.2 Personal familiarity" or '
            '{paragraph = "3.3.2", heading = "Personal familiarity"})'
        )
        return None
    if not paragraph:
        problems.append(f"{where} has an empty citation")
        return None
    return Citation(council, paragraph, heading)


def _check_paragraph(where: str, council: str, text, citation: Citation, problems: list[str]) -> None:
    if text is None:
        return
    paragraph, heading = citation.paragraph, citation.heading
    candidates = text.all(paragraph)
    if not candidates:
        problems.append(f"{where} cites paragraph {paragraph}, which {council}'s protocol text does not have")
        return
    if heading:
        if text.find(paragraph, heading) is None:
            under = "; ".join(sorted({p.heading for p in candidates if p.heading})) or "no heading"
            problems.append(
                f"{where} cites paragraph {paragraph} under the heading {heading!r}, but {council}'s "
                f"protocol text has {paragraph} only under: {under}"
            )
    elif len(candidates) > 1:
        under = "; ".join(repr(p.heading) for p in candidates)
        problems.append(
            f"{where} cites paragraph {paragraph}, which {council}'s protocol text has {len(candidates)} "
            f'times (under {under}): add the heading, e.g. "{paragraph} {candidates[-1].heading}"'
        )
