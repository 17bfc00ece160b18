"""Turn a council's protocol, as plain text, into numbered paragraphs.

The texts are real documents exported from Word, and the parser survives what that leaves behind:

* numbers written ``1.1``, ``1.01.``, ``4``, ``1.0`` (a section head), after a bullet dash (``- 7.19``);
  sub-items ``(a)``, ``a)``, ``a.``, ``(e.)``, roman ``(i)`` and capital ``(A)``, nested where the
  style changes (``5.01(i)(A)``, ``13.06(a)(ii)``), a list restarting at ``a)`` under a lead-in such as
  "As a Member:" (kept as a second ``5(a)`` whose heading is the lead-in);
* tracked changes: ``~~deleted~~`` text is dropped and ``**inserted**`` text kept, so a number
  renumbered inside the markup (``~~1.1.~~1.2.``) is 1.2; an old number run into the new one is
  dropped (``3.3. 2.3 Members of the Executive``) or, where it cannot be split, kept as written with
  the running number as an alias (Islington ``5.8.7.`` is also found as 5.8); a section number run into
  a paragraph number (``75.1`` in section 7) is read as 7.1;
* running page headers (any line repeated three or more times, such as Haringey's
  ``PART FIVE – CODES AND PROTOCOLS``) are dropped, and a paragraph they split is joined again, as is
  one split by a page break;
* footnote lines (``¹ Unless the context...``, ``*NB ...``) are attached to the paragraph carrying
  the marker;
* a contents table (tab-separated rows), links, bold and italic markers.

Anything the parser cannot attach to a number is returned in ``ProtocolText.unnumbered`` so that a
council loading its own document can see it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from nolan.protocols.paragraphs import Paragraph, ProtocolText

__all__ = ["parse"]

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ROMAN_ONE = "i"
TERMINAL = ".;:!?"
# words a heading does not end on, and verbs a heading does not contain: "The Protocol applies to" and
# "These principles are particularly important..." are the start of a sentence, not a title
_TRAILING = (
    "a an the of to and or for with that which who whom whose are is be by in on as at from into than "
    "include includes including such their its his her they we our this these those"
)
TRAILING_WORDS = frozenset(_TRAILING.split(" "))
VERBS = frozenset(("is", "are", "was", "were", "will", "shall", "should", "must", "may", "can", "could"))

_DELETION = re.compile(r"~~(.*?)~~")
_SENTINEL = "\x00"
_GAP = re.compile(r"(\s*)\x00[\x00\s]*?(\s*)(?=[^\x00\s]|$)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|mailto:)[^)\s]*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_ESCAPE = re.compile(r"\\([()\[\]*_#.\-])")
_BULLET = re.compile(r"^(?:[-–•·▪●◦]\s*)+(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$)\s*(.*)$")
_OLD_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?(?:\s+|$)")
_ITEM_PAREN = re.compile(r"^\(\s*([a-zA-Z]{1,5})\s*\.?\s*\)\s*(.*)$")
_ITEM_BARE = re.compile(r"^([a-z]|[ivx]{1,5})[.)]\s+(.*)$")
_PART = re.compile(r"^([A-Z])\s*[.\-–—]\s*(\S.*)$")
_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(\S.*)$")
_STAR_NOTE = re.compile(r"^\*(?=\S)([^*]+)$")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


@dataclass
class _Line:
    kind: str  # numbered, item, part, heading, text, footnote, table
    text: str
    raw_length: int = 0
    bulleted: bool = False
    after_header: bool = False
    number: str = ""
    alias: str = ""
    token: str = ""
    marker: str = ""


@dataclass
class _Builder:
    id: str
    heading: str
    section: str
    parent: str | None
    chunks: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    tail_length: int = 0
    open: bool = False  # a sub-item whose text ends with ":" takes the blocks that follow it

    @property
    def text(self) -> str:
        return "\n".join(self.chunks)

    def add_block(self, text: str, raw_length: int) -> None:
        if text:
            self.chunks.append(text)
            self.tail_length = raw_length

    def continue_with(self, text: str, raw_length: int) -> None:
        if not self.chunks:
            self.add_block(text, raw_length)
            return
        joiner = "" if text[:1] in ",.;:)" else " "
        self.chunks[-1] = self.chunks[-1] + joiner + text
        self.tail_length = raw_length


# --- cleaning one line -------------------------------------------------------------------------------


def _drop_deletions(line: str) -> str:
    """Tracked deletions go; the words either side keep one space between them (none inside a word:
    ``m~~M~~embers`` is "members")."""
    if "~~" not in line:
        return line
    marked = _DELETION.sub(_SENTINEL, line).replace("~~", "")

    def join(match: re.Match) -> str:
        at_edge = match.start() == 0 or match.end() == len(marked)
        spaced = bool(match.group(1) or match.group(2))
        following = marked[match.end() : match.end() + 1]
        preceding = marked[match.start() - 1 : match.start()] if match.start() else ""
        if not spaced or at_edge or following in ",.;:)'’" or preceding in "([“‘/":
            return ""
        return " "

    return _GAP.sub(join, marked)


def _clean(line: str) -> str:
    line = _drop_deletions(line)
    line = _MD_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _ESCAPE.sub(r"\1", line)
    line = _BOLD.sub(r"\1", line)
    line = line.replace("**", "")
    line = _ITALIC.sub(r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def _title_like(text: str) -> bool:
    """Short, no closing punctuation, starting with a capital, not ending on "to"/"the"/"are", and
    without a verb: "Member Enquiries", "Personal familiarity", "ROLES OF MEMBERS AND OFFICERS"."""
    text = text.rstrip(SUPERSCRIPTS + "*")
    if not text or text[-1] in TERMINAL + ",-–":
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    words = re.findall(r"[\w'’/-]+", text)
    capitals = text.split("(")[0]
    shouting = sum(c.isupper() for c in capitals) >= 0.8 * max(1, sum(c.isalpha() for c in capitals))
    if len(words) > (16 if shouting else 10) or len(text) > 100:
        return False
    lowered = [w.casefold() for w in words]
    if lowered and lowered[-1] in TRAILING_WORDS:
        return False
    return not (VERBS & set(lowered)) or shouting


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    token = token.lower()
    for index, char in enumerate(token):
        value = values[char]
        if index + 1 < len(token) and values[token[index + 1]] > value:
            total -= value
        else:
            total += value
    return total


def _styles(token: str) -> list[str]:
    """The list styles a sub-item token can belong to, likelier first."""
    styles = []
    if len(token) == 1 and token.islower():
        styles.append("lower")
    if len(token) == 1 and token.isupper():
        styles.append("upper")
    if _ROMAN.match(token):
        styles.append("roman")
    if token.isupper() and _ROMAN.match(token.lower()):
        styles.append("ROMAN")
    return styles


def _ordinal(token: str, style: str) -> int:
    if style in ("roman", "ROMAN"):
        return _roman_value(token)
    return ord(token.lower()) - ord("a") + 1


# --- reading the lines -------------------------------------------------------------------------------


def _running_headers(lines: list[str]) -> set[str]:
    counts = Counter(line.strip() for line in lines if line.strip())
    headers = set()
    for line, count in counts.items():
        if count < 3 or len(line) > 100 or "\t" in line:
            continue
        plain = _BULLET.sub("", _clean(line))
        if _NUMBERED.match(plain) or _ITEM_PAREN.match(plain) or _ITEM_BARE.match(plain):
            continue
        headers.add(line)
    return headers


def _read_lines(text: str) -> list[_Line]:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers = _running_headers(raw_lines)
    lines: list[_Line] = []
    max_major = 0
    after_header = False
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped in headers:
            after_header = True
            continue
        if "\t" in raw.strip(" ").rstrip("\t"):
            cells = [_clean(cell) for cell in stripped.split("\t")]
            row = " | ".join(cell for cell in cells if cell)
            if row:
                lines.append(_Line("table", row, len(row)))
            continue
        cleaned = _clean(stripped)
        if not cleaned:
            continue
        line = _Line("text", cleaned, len(cleaned), after_header=after_header)
        after_header = False
        if _MD_HEADING.match(cleaned):
            cleaned = _MD_HEADING.sub("", cleaned).rstrip("#").strip()
            line.text = cleaned
            line.kind = "heading"
        footnote = _FOOTNOTE.match(cleaned)
        starred = stripped.startswith("*") and not stripped.startswith("**")
        star = _STAR_NOTE.match(cleaned) if starred else None
        if footnote:
            line.kind, line.marker, line.text = "footnote", footnote.group(1), footnote.group(2)
            lines.append(line)
            continue
        if star:
            line.kind, line.marker, line.text = "footnote", "*", star.group(1).strip()
            lines.append(line)
            continue
        body = _BULLET.sub("", cleaned)
        line.bulleted = body != cleaned
        line.text = body
        numbered = _NUMBERED.match(body)
        if numbered:
            number, rest = numbered.groups()
            parts = number.split(".")
            major = int(parts[0])
            limit = 3 if max_major == 0 else max_major + 2
            accepted = 1 <= major <= limit
            if not accepted and len(parts) > 1 and max_major and str(major).startswith(str(max_major)):
                line.alias = number
                number = ".".join([str(max_major), *parts[1:]])
                major, accepted = max_major, True
            if accepted:
                line.kind, line.number = "numbered", number
                if len(parts) > 1:
                    rest = _OLD_NUMBER.sub("", rest, count=1)
                line.text = rest.lstrip(" .").strip()
                max_major = max(max_major, major)
                lines.append(line)
                continue
        item = _ITEM_PAREN.match(body) or _ITEM_BARE.match(body)
        if item and _styles(item.group(1)):
            line.kind, line.token, line.text = "item", item.group(1), item.group(2).strip()
            lines.append(line)
            continue
        part = _PART.match(body)
        if part and not line.bulleted and _title_like(part.group(2)):
            line.kind, line.token, line.text = "part", part.group(1), part.group(2).strip()
        lines.append(line)
    _mark_headings(lines)
    return lines


def _mark_headings(lines: list[_Line]) -> None:
    """A short title-like line is a heading when what follows it is numbered (or another heading),
    when it is in capitals, or when nothing numbered follows it at all (a report's signature block)."""
    numbered_after = False
    next_kind = ""
    for line in reversed(lines):
        titled = line.kind == "text" and not line.bulleted and _title_like(line.text)
        placed = next_kind in ("numbered", "part", "heading") or not numbered_after
        if titled and (placed or _is_shouting(line.text)):
            line.kind = "heading"
        if line.kind == "numbered":
            numbered_after = True
        if line.kind not in ("footnote",):
            next_kind = line.kind


# --- building paragraphs -----------------------------------------------------------------------------


@dataclass
class _Level:
    style: str
    last: str
    builder: _Builder


class _Parser:
    def __init__(self) -> None:
        self.builders: list[_Builder] = []
        self.unnumbered: list[str] = []
        self.loose_open = False
        self.section = ""
        self.heading = ""
        self.in_parts = False
        self.current: _Builder | None = None  # the numbered paragraph being read
        self.target: _Builder | None = None  # where following text goes
        self.levels: list[_Level] = []
        self.list_heading = ""
        self.lead = ""
        self.minors: dict[str, int] = {}  # last two-part number seen under each major, for aliases
        self.seen: set[str] = set()

    # sub-item levels

    def _place(self, token: str, upcoming: str) -> tuple[int, str, bool]:
        """Where a sub-item goes: (level index, style, whether it restarts a list at that level)."""
        styles = _styles(token)
        # the next item of a list already open, innermost first
        for index in range(len(self.levels) - 1, -1, -1):
            level = self.levels[index]
            following = _ordinal(level.last, level.style) + 1
            if level.style in styles and _ordinal(token, level.style) == following:
                if level.style == "lower" and "roman" in styles and upcoming == "ii":
                    continue
                return index, level.style, False
        first = [s for s in styles if _ordinal(token, s) == 1]
        if token == ROMAN_ONE and upcoming != "ii" and any(level.style == "lower" for level in self.levels):
            first = ["lower"]
        for index in range(len(self.levels) - 1, -1, -1):
            if self.levels[index].style in first:
                return index, self.levels[index].style, True
        if first:
            style = "roman" if token == ROMAN_ONE and upcoming == "ii" else first[0]
            return len(self.levels), style, False
        # a letter skipped in a draft ("(i)" after "(g)"): same list, if one of that style is open
        for index in range(len(self.levels) - 1, -1, -1):
            level = self.levels[index]
            if level.style in styles and _ordinal(token, level.style) > _ordinal(level.last, level.style):
                return index, level.style, False
        return len(self.levels), styles[0], False

    def _upcoming(self, lines: list[_Line], index: int) -> str:
        for later in lines[index + 1 :]:
            if later.kind == "footnote":
                continue
            return later.token if later.kind == "item" else ""
        return ""

    # handlers

    def numbered(self, line: _Line) -> None:
        number = line.number
        parts = number.split(".")
        top = len(parts) == 1 or (len(parts) == 2 and parts[1] == "0")
        title = line.text if _title_like(line.text) else ""
        aliases = [line.alias] if line.alias else []
        if top and len(parts) == 2:
            aliases.append(parts[0])
        previous = self.minors.get(parts[0]) if len(parts) == 3 else None
        if previous is not None:
            # an old number run into the new one ("5.8.7." after 5.7; "5.9.10." after 5.9)
            middle, last = int(parts[1]), int(parts[2])
            parent_seen = ".".join(parts[:2]) in self.seen
            sibling = f"{number[: -len(parts[2])]}{last - 1}"
            if not parent_seen and middle == previous + 1:
                aliases.append(f"{parts[0]}.{middle}")
            elif middle == previous and last == previous + 1 and sibling not in self.seen:
                aliases.append(f"{parts[0]}.{last}")
        if len(parts) == 2 and not top:
            self.minors[parts[0]] = int(parts[1])
        if title:
            self.heading = title
            if top and not self.in_parts:
                self.section = f"{number}{'' if '.' in number else '.'} {title}"
        builder = _Builder(number, self.heading, self.section, None, aliases=aliases)
        if not title:
            builder.add_block(line.text, line.raw_length)
        self.builders.append(builder)
        self.seen.add(number)
        self.current = self.target = builder
        self.levels = []
        self.list_heading = ""

    def item(self, line: _Line, upcoming: str) -> None:
        if self.current is None:
            self.text(line)
            return
        index, style, _restart = self._place(line.token, upcoming)
        del self.levels[index:]
        parent = self.levels[-1].builder.id if self.levels else self.current.id
        heading = self.list_heading or self.current.heading
        builder = _Builder(f"{parent}({line.token})", heading, self.current.section, parent)
        if self.lead:
            builder.add_block(self.lead, len(self.lead))
            self.lead = ""
        builder.add_block(line.text, line.raw_length)
        builder.open = line.text.endswith((":", ":-"))
        self.levels.append(_Level(style, line.token, builder))
        self.builders.append(builder)
        self.target = builder

    def part(self, line: _Line) -> None:
        self.in_parts = True
        self.section = self.heading = f"{line.token}. {line.text}"
        self._close()

    def heading_line(self, line: _Line) -> None:
        self.heading = line.text.rstrip(":- ").strip()
        self._close()

    def _close(self) -> None:
        self.current = self.target = None
        self.levels = []
        self.list_heading = ""
        self.loose_open = False

    def lead_in(self, line: _Line, upcoming: str) -> bool:
        """ "As a Member:" before a list that starts again at a): the lead-in becomes that list's heading."""
        if self.current is None or not upcoming or not line.text.endswith((":", ":-")):
            return False
        if len(line.text.split()) > 12:
            return False
        _index, _style, restart = self._place(upcoming, "")
        if restart:
            self.list_heading = line.text.rstrip(":- ").strip()
        else:
            self.lead = line.text  # "At senior level that role may include:" goes with the item after it
        self.target = self.current
        return True

    def text(self, line: _Line) -> None:
        target = self.target
        display = f"- {line.text}" if line.bulleted else line.text
        if target is None:
            if self.unnumbered and self.loose_open and self._continues(self.unnumbered[-1], line, 100):
                self.unnumbered[-1] += " " + line.text
            else:
                self.unnumbered.append(display)
            self.loose_open = True
            return
        if target.chunks and self._continues(target.chunks[-1], line, target.tail_length):
            target.continue_with(line.text, line.raw_length)
            return
        if target.parent is not None and not target.open and self.current is not None:
            target = self.current
            self.target = target
        elif target.parent is not None:
            target.open = True
        target.add_block(display, line.raw_length)

    @staticmethod
    def _continues(previous: str, line: _Line, tail_length: int) -> bool:
        """Whether a line carries on the sentence before it, split by a page break or running header."""
        if line.bulleted or not previous:
            return False
        first = line.text[:1]
        if first.islower() or first in ",.;:)":
            return True
        if previous[-1] in TERMINAL:
            return False
        if line.after_header:
            return True
        last_word = re.findall(r"[\w']+", previous.casefold())[-1:] or [""]
        return last_word[0] in TRAILING_WORDS and tail_length >= 50

    def footnote(self, line: _Line) -> None:
        note = f"{line.marker} {line.text}"
        for builder in reversed(self.builders):
            if line.marker != "*" and line.marker in builder.text:
                builder.footnotes.append(note)
                return
        holder = self.target or (self.builders[-1] if self.builders else None)
        if holder is None:
            self.unnumbered.append(note)
        else:
            holder.footnotes.append(note)

    def run(self, lines: list[_Line]) -> None:
        for index, line in enumerate(lines):
            if line.kind == "numbered":
                self.numbered(line)
            elif line.kind == "item":
                self.item(line, self._upcoming(lines, index))
            elif line.kind == "part":
                self.part(line)
            elif line.kind == "heading":
                self.heading_line(line)
            elif line.kind == "footnote":
                self.footnote(line)
            elif line.kind == "table":
                previous = lines[index - 1] if index else None
                if previous is not None and previous.kind == "table" and self.unnumbered:
                    self.unnumbered[-1] += "\n" + line.text
                else:
                    self.unnumbered.append(line.text)
                self.loose_open = False
            elif not self.lead_in(line, self._upcoming(lines, index)):
                self.text(line)


def parse(text: str, *, slug: str, council: str, title: str = "") -> ProtocolText:
    """Parse a protocol's plain text (as shipped, or as ``nolan protocol load`` normalised it)."""
    lines = _read_lines(text)
    parser = _Parser()
    parser.run(lines)
    if not title:
        title = next((line.text for line in lines if line.kind in ("heading", "text")), council)
    paragraphs = tuple(
        Paragraph(
            id=builder.id,
            text=builder.text,
            heading=builder.heading,
            section=builder.section,
            parent=builder.parent,
            footnotes=tuple(builder.footnotes),
            position=position,
            aliases=tuple(builder.aliases),
        )
        for position, builder in enumerate(parser.builders)
    )
    return ProtocolText(
        slug=slug,
        council=council,
        title=title,
        paragraphs=paragraphs,
        unnumbered=tuple(block for block in parser.unnumbered if block.strip()),
    )
