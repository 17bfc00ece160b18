"""Read a Word (.docx) protocol as the plain text the parser reads, with the standard library only.

* Tracked changes give the current text: deleted runs (``w:del``) are dropped, inserted ones kept.
* Word's automatic numbering is written out (``7.19``, ``(b)``) from ``numbering.xml`` for the usual
  formats (decimal, letters, roman) with each level's own pattern (``%1.%2``, ``(%3)``).
* Headings (paragraph styles ``Heading 1``...) become Markdown headings, which the parser reads.
* Footnote references become superscript markers (``¹``) and each footnote's text follows its paragraph
  as a footnote line (``¹ Unless the context...``).
* Table rows become tab-separated lines.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET  # noqa: S405  (a council's own document, not fetched input)

__all__ = ["DocxError", "docx_to_text"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ROMANS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"))
ROMANS += ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


class DocxError(ValueError):
    """The file is not a readable Word document."""


def _roman(value: int) -> str:
    out = ""
    for number, letters in ROMANS:
        while value >= number:
            out += letters
            value -= number
    return out


def _letters(value: int) -> str:
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _format(value: int, kind: str) -> str:
    if kind == "lowerLetter":
        return _letters(value)
    if kind == "upperLetter":
        return _letters(value).upper()
    if kind == "lowerRoman":
        return _roman(value)
    if kind == "upperRoman":
        return _roman(value).upper()
    if kind in ("bullet", "none"):
        return ""
    return str(value)


class _Numbering:
    """Word's list numbering: numId -> abstract levels, with running counters."""

    def __init__(self, root: ET.Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{W}lvl"):
                index = int(lvl.get(f"{W}ilvl", "0"))
                kind = _value(lvl.find(f"{W}numFmt"), "decimal")
                pattern = _value(lvl.find(f"{W}lvlText"), "")
                start = int(_value(lvl.find(f"{W}start"), "1"))
                levels[index] = (kind, pattern, start)
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            reference = _value(num.find(f"{W}abstractNumId"), "")
            self.levels[num.get(f"{W}numId", "")] = abstract.get(reference, {})

    def label(self, num_id: str, level: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        kind, pattern, start = levels[level]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        if kind == "bullet":
            return "-"

        def fill(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            value = counters[index] or (levels.get(index, ("decimal", "", 1))[2])
            return _format(value, levels.get(index, ("decimal", "", 1))[0])

        return re.sub(r"%(\d)", fill, pattern).strip()


def _value(node: ET.Element | None, default: str) -> str:
    return node.get(f"{W}val", default) if node is not None else default


def _read(archive: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        data = archive.read(name)
    except KeyError:
        return None
    return ET.fromstring(data)  # noqa: S314


def _run_text(run: ET.Element, footnotes: dict[str, str], notes: list[str]) -> str:
    out = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}footnoteReference":
            number = child.get(f"{W}id", "")
            marker = number.translate(SUPERSCRIPT)
            out.append(marker)
            notes.append(f"{marker} {footnotes.get(number, '').strip()}")
    return "".join(out)


def _paragraph_text(paragraph: ET.Element, footnotes: dict[str, str], notes: list[str]) -> str:
    """The current text of one paragraph: runs, inserted runs and hyperlinks; deletions left out."""
    out = []
    for child in paragraph:
        if child.tag == f"{W}r":
            out.append(_run_text(child, footnotes, notes))
        elif child.tag in (f"{W}ins", f"{W}hyperlink", f"{W}smartTag", f"{W}sdt", f"{W}fldSimple"):
            for run in child.iter(f"{W}r"):
                out.append(_run_text(run, footnotes, notes))
    return "".join(out)


def _footnotes(archive: zipfile.ZipFile) -> dict[str, str]:
    root = _read(archive, "word/footnotes.xml")
    if root is None:
        return {}
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        text = " ".join(_paragraph_text(p, {}, []) for p in note.iter(f"{W}p"))
        notes[note.get(f"{W}id", "")] = re.sub(r"\s+", " ", text).strip()
    return notes


def _heading_styles(archive: zipfile.ZipFile) -> set[str]:
    root = _read(archive, "word/styles.xml")
    styles = set()
    if root is None:
        return styles
    for style in root.iter(f"{W}style"):
        name = _value(style.find(f"{W}name"), "").casefold()
        if name == "title" or re.fullmatch(r"heading [1-6]", name):
            styles.add(style.get(f"{W}styleId", ""))
    return styles


def docx_to_text(path: Path | str) -> str:
    """The document's current text, one paragraph a line. Raises DocxError if it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            body = _read(archive, "word/document.xml")
            if body is None:
                raise DocxError("it has no word/document.xml, so it is not a Word document")
            numbering = _Numbering(_read(archive, "word/numbering.xml"))
            footnotes = _footnotes(archive)
            headings = _heading_styles(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise DocxError(f"it is not a readable Word document ({error})") from error
    except ET.ParseError as error:
        raise DocxError(f"its XML is damaged ({error})") from error
    lines: list[str] = []
    notes: list[str] = []
    container = body.find(f"{W}body")
    for block in container if container is not None else []:
        if block.tag == f"{W}p":
            pending: list[str] = []
            text = _paragraph_text(block, footnotes, pending)
            properties = block.find(f"{W}pPr")
            label = ""
            style = ""
            if properties is not None:
                style = _value(properties.find(f"{W}pStyle"), "")
                num = properties.find(f"{W}numPr")
                if num is not None:
                    num_id = _value(num.find(f"{W}numId"), "")
                    level = int(_value(num.find(f"{W}ilvl"), "0"))
                    label = numbering.label(num_id, level)
            text = text.strip()
            if not text:
                continue
            if label:
                text = f"{label} {text}"
            if style in headings and not label:
                text = f"## {text}"
            lines.append(text)
            for note in pending:
                notes.append(note)
                lines.append(note)
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = []
                for cell in row.iter(f"{W}tc"):
                    cells.append(" ".join(_paragraph_text(p, footnotes, notes) for p in cell.iter(f"{W}p")))
                lines.append("\t".join(cell.strip() for cell in cells))
    return "\n\n".join(lines) + "\n"
