"""A council's own protocol document: read it (plain text, Markdown or Word), check that it parses,
and keep it as the plain text ``load_text`` reads in place of the shipped one."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nolan.protocols.docx import DocxError, docx_to_text
from nolan.protocols.paragraphs import ProtocolText
from nolan.protocols.parser import parse
from nolan.protocols.texts import COUNCILS, council_name, load_text, loaded_path, slugify

__all__ = ["DocumentError", "Loaded", "READABLE", "load_document", "read_document"]

READABLE = {".txt": "plain text", ".text": "plain text", ".md": "Markdown", ".markdown": "Markdown"}
READABLE[".docx"] = "Word"
MAX_BYTES = 20 * 1024 * 1024


class DocumentError(ValueError):
    """The document cannot be used; nothing has been written."""


@dataclass(frozen=True)
class Loaded:
    slug: str
    council: str
    path: Path
    text: ProtocolText
    replaces_shipped: bool


def _markdown_to_text(source: str) -> str:
    """Markdown as plain text: the parser reads ``#`` headings and links itself; footnotes ``[^1]``
    become ``¹``; ``~~deleted~~`` and ``**inserted**`` stay, as they carry a draft's tracked changes."""
    source = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", source)  # images
    superscript = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

    def marker(match: re.Match) -> str:
        return match.group(1).translate(superscript) + (" " if match.group(0).endswith(" ") else "")

    source = re.sub(r"^\[\^(\d+)\]:\s*", marker, source, flags=re.MULTILINE)
    source = re.sub(r"\[\^(\d+)\]", marker, source)
    source = re.sub(r"^\s*```.*$", "", source, flags=re.MULTILINE)
    return source


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name} is not a text file (it contains binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{name} is not UTF-8 or Windows text, so it cannot be read.")


def read_document(path: Path | str) -> str:
    """The document's text, normalised to plain text with Unix line ends. Raises DocumentError."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in READABLE:
        kinds = ", ".join(sorted(READABLE))
        raise DocumentError(
            f"{path.name}: Nolan reads plain text, Markdown or Word documents ({kinds}); "
            f"'{suffix or 'no extension'}' is not one of them. Save the protocol in one of those formats."
        )
    if not path.is_file():
        raise DocumentError(f"{path} does not exist or is not a file.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            megabytes = size // (1024 * 1024)
            raise DocumentError(f"{path.name} is {megabytes} MB; a protocol should be far smaller.")
        text = docx_to_text(path) if suffix == ".docx" else _decode(path.read_bytes(), path.name)
    except DocxError as error:
        raise DocumentError(f"{path.name} cannot be read: {error}.") from error
    except OSError as error:
        raise DocumentError(f"{path.name} cannot be read: {error.strerror or error}.") from error
    if suffix in (".md", ".markdown"):
        text = _markdown_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return text if text.endswith("\n") else text + "\n"


def load_document(path: Path | str, council: str) -> Loaded:
    """Read, parse and keep a council's own protocol. Nothing is written unless it parses into at least
    one numbered paragraph. Raises DocumentError with the reason."""
    slug = slugify(council)
    if not slug:
        raise DocumentError("The council's name must contain letters or digits (for example 'Camden').")
    text = read_document(path)
    name = COUNCILS.get(slug) or council.strip()
    parsed = parse(text, slug=slug, council=name)
    if not parsed.paragraphs:
        raise DocumentError(
            f"{Path(path).name} has no numbered paragraphs (such as '1.1' or '7.19'), so nothing in it "
            "could be cited. Nothing was loaded."
        )
    target = loaded_path(slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{slug}.", suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    shipped = slug in COUNCILS
    return Loaded(slug, council_name(slug) if shipped else name, target, load_text(slug), shipped)
