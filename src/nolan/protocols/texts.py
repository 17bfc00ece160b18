"""The councils' protocol texts, parsed into numbered paragraphs.

Nolan ships five texts as package data (``nolan/protocols/data/texts/<slug>.txt``, byte-for-byte
copies of the councils' documents). A council can load its own with ``nolan protocol load FILE
--council NAME``; that text is kept as plain text in ``<protocols dir>/<slug>.txt`` and wins over the
shipped one. The protocols dir is ``$NOLAN_PROTOCOLS_DIR`` if set, else ``settings.VAR_DIR/protocols``.

Typical use::

    text = load_text("tower-hamlets")
    paragraph = text.find("7.19")
    paragraph.text, paragraph.heading, text.citation(paragraph)   # ..., "Tower Hamlets 7.19"
    text.find("3.3.2", heading="Personal familiarity")            # Islington repeats 3.3.2
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from django.conf import settings

from nolan.protocols.paragraphs import Paragraph, ProtocolText, normalise_id
from nolan.protocols.parser import parse

__all__ = [
    "COUNCILS",
    "TITLES",
    "Paragraph",
    "ProtocolText",
    "UnknownProtocol",
    "available",
    "council_name",
    "load_text",
    "loaded_path",
    "normalise_id",
    "parse",
    "protocols_dir",
    "slugify",
]

COUNCILS: dict[str, str] = {
    "tower-hamlets": "Tower Hamlets",
    "islington": "Islington",
    "leeds": "Leeds",
    "haringey": "Haringey",
    "hackney": "Hackney",
}

TITLES: dict[str, str] = {
    "tower-hamlets": "Member / Officer Relations' Protocol (Constitution section 32)",
    "islington": "Draft Protocol on Member/Officer Relations",
    "leeds": "A Protocol for Member/Officer Relations",
    "haringey": "Protocol on Member/Officer Relations (Constitution Part Five, Section B)",
    "hackney": "Protocol for Member/Officer Relations: overview of current arrangements "
    "(report to the Standards Committee, 21 January 2013)",
}


class UnknownProtocol(LookupError):
    """No text, shipped or loaded, for the slug asked for."""

    def __init__(self, slug: str):
        self.slug = slug
        known = ", ".join(available())
        super().__init__(f"There is no protocol text for '{slug}'. Known: {known}.")


def slugify(name: str) -> str:
    """ "Tower Hamlets" -> "tower-hamlets"."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def council_name(slug: str) -> str:
    """The name a council is cited by ("Tower Hamlets"); for a council Nolan does not ship, the slug
    in title case."""
    return COUNCILS.get(slug) or slug.replace("-", " ").title()


def protocols_dir() -> Path:
    """Where loaded protocols are kept."""
    override = os.environ.get("NOLAN_PROTOCOLS_DIR")
    if override:
        return Path(override)
    return Path(settings.VAR_DIR) / "protocols"


def loaded_path(slug: str) -> Path:
    return protocols_dir() / f"{slug}.txt"


def _shipped(slug: str) -> str | None:
    resource = resources.files("nolan.protocols").joinpath("data", "texts", f"{slug}.txt")
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


def _loaded_slugs() -> list[str]:
    try:
        folder = protocols_dir()
    except Exception:  # settings not configured: only the shipped texts
        return []
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.txt") if path.stem == slugify(path.stem))


def available() -> list[str]:
    """Slugs with a text (shipped or loaded), shipped councils first."""
    shipped = [slug for slug in COUNCILS if _shipped(slug) is not None]
    return shipped + [slug for slug in _loaded_slugs() if slug not in shipped]


def load_text(slug: str) -> ProtocolText:
    """The council's protocol, parsed (cached until the loaded file changes). Raises UnknownProtocol."""
    slug = slugify(slug)
    try:
        path = loaded_path(slug)
        stat = path.stat() if path.is_file() else None
    except Exception:  # settings not configured: only the shipped texts
        path, stat = None, None
    if stat is not None:
        return _parse_loaded(slug, str(path), stat.st_mtime_ns, stat.st_size)
    return _parse_shipped(slug)


@lru_cache(maxsize=16)
def _parse_shipped(slug: str) -> ProtocolText:
    source = _shipped(slug)
    if source is None:
        raise UnknownProtocol(slug)
    return parse(source, slug=slug, council=council_name(slug), title=TITLES.get(slug, ""))


@lru_cache(maxsize=16)
def _parse_loaded(slug: str, path: str, mtime_ns: int, size: int) -> ProtocolText:
    source = Path(path).read_text(encoding="utf-8")
    return parse(source, slug=slug, council=council_name(slug))
