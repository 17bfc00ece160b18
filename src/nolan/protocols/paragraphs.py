"""A council's protocol as numbered paragraphs: what the parser produces and everything else reads.

A paragraph's id is written the way the protocols cite it: ``7.19``, ``12.01``, ``9.16(b)``,
``7.2(a)``, ``4(a)``, ``5.01(i)(A)``. Sub-items carry their parent's id in ``parent``; numbered
paragraphs have ``parent`` None. A draft may repeat a number (Islington's 3.2, 3.3.1 and 3.3.2 appear
under two headings): both are kept, in document order, and the heading tells them apart.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from nolan.core.citations import Citation


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph or sub-item, with its current text."""

    id: str
    text: str  # current text: tracked deletions dropped, insertions kept, no markup
    heading: str  # nearest heading above it ("Member Enquiries", "Personal familiarity")
    section: str  # top-level section title ("D. Confidentiality and access to information ...")
    parent: str | None  # "9.16" for "9.16(b)"; None for a numbered paragraph
    footnotes: tuple[str, ...]  # footnote texts attached to the paragraph, each with its marker
    position: int  # order in the document, from 0
    aliases: tuple[str, ...] = ()  # other numbers the text gives it ("75.1", the typo of Islington 7.1)

    @property
    def is_sub_item(self) -> bool:
        return self.parent is not None


_PREFIX = re.compile(r"^\s*(?:paragraph|para\.?|§)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s*(.*)$")
_ITEM = re.compile(r"^\(?\s*([A-Za-z]{1,5})\s*\.?\s*\)?\s*")


def normalise_id(value: str) -> str:
    """A paragraph reference as the parser writes ids: ``"9.16 (b)"`` -> ``"9.16(b)"``,
    ``"7.2 a)"`` -> ``"7.2(a)"``, ``"1.01."`` -> ``"1.01"``. Unrecognised input is returned stripped."""
    value = _PREFIX.sub("", value.strip())
    match = _NUMBER.match(value)
    if not match:
        return value
    number, rest = match.groups()
    items = []
    while rest:
        item = _ITEM.match(rest)
        if not item or not item.group(0).strip():
            return value
        items.append(item.group(1))
        rest = rest[item.end() :]
    return number + "".join(f"({item})" for item in items)


def _heading_key(value: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", value.casefold()))


@dataclass(eq=False)
class ProtocolText:
    """A council's protocol parsed into paragraphs (see :func:`nolan.protocols.parser.parse`).

    Compared and hashed by identity: ``load_text`` returns the same object until the text changes."""

    slug: str
    council: str
    title: str
    paragraphs: tuple[Paragraph, ...]  # document order, sub-items included
    unnumbered: tuple[str, ...]  # blocks of text the parser could not attach to a number
    _by_id: dict[str, list[Paragraph]] = field(init=False, repr=False)
    _by_alias: dict[str, list[Paragraph]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {}
        self._by_alias = {}
        for paragraph in self.paragraphs:
            self._by_id.setdefault(paragraph.id, []).append(paragraph)
            for alias in paragraph.aliases:
                self._by_alias.setdefault(alias, []).append(paragraph)

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self.find(id) is not None

    def all(self, id: str) -> list[Paragraph]:
        """Every paragraph numbered ``id`` (more than one only where a draft repeats a number)."""
        key = normalise_id(id)
        found = self._by_id.get(key) or self._by_alias.get(key)
        if not found:
            folded = key.casefold()
            found = [p for p in self.paragraphs if p.id.casefold() == folded]
        return list(found)

    def find(self, id: str, heading: str = "") -> Paragraph | None:
        """The paragraph numbered ``id``. Where the number is repeated, ``heading`` chooses (it must
        match the paragraph's heading or section, ignoring case and punctuation); without it, the first.
        With a heading that matches none of them, None."""
        found = self.all(id)
        if not heading:
            return found[0] if found else None
        wanted = _heading_key(heading)
        for paragraph in found:
            for have in (_heading_key(paragraph.heading), _heading_key(paragraph.section)):
                if have and (have == wanted or wanted in have or have in wanted):
                    return paragraph
        return None

    def ids(self) -> list[str]:
        """Every distinct id, in document order."""
        return list(dict.fromkeys(p.id for p in self.paragraphs))

    def is_repeated(self, id: str) -> bool:
        return len(self._by_id.get(normalise_id(id), ())) > 1

    def sub_items(self, paragraph: Paragraph) -> list[Paragraph]:
        """The sub-items under ``paragraph`` (``9.16(a)``, ``9.16(b)``... for ``9.16``), nested ones
        included, in document order."""
        items = []
        prefix = paragraph.id + "("
        for later in self.paragraphs[paragraph.position + 1 :]:
            if not later.id.startswith(prefix) or later.parent is None:
                break
            items.append(later)
        return items

    def citation(self, paragraph: Paragraph) -> Citation:
        """How to cite the paragraph: council and number, with the heading only where the number is
        repeated ("Islington 3.3.2, Personal familiarity")."""
        heading = paragraph.heading if self.is_repeated(paragraph.id) else ""
        return Citation(self.council, paragraph.id, heading)

    def suggest(self, id: str, limit: int = 5) -> list[str]:
        """Ids close to an unknown ``id``, for "did you mean" messages."""
        key = normalise_id(id)
        ids = self.ids()
        near = difflib.get_close_matches(key, ids, n=limit, cutoff=0.5)
        stem = key.split("(")[0]
        for candidate in ids:
            if len(near) >= limit:
                break
            if candidate not in near and candidate.startswith((stem + "(", stem + ".")):
                near.append(candidate)
        return near
