"""Checking and storing the files attached to a case, for every workflow.

A file is accepted only if its name ends in an allowed extension AND its first bytes are what that
kind of file starts with (so ``setup.exe`` renamed ``letter.pdf`` is refused), it is not empty and it
is no larger than the setting ``NOLAN_ENQUIRY_ATTACHMENT_MAX_BYTES`` (10 MB by default). Programs,
scripts, web pages and SVG images (which can carry scripts) are refused whatever they are called. So
is a name holding hidden characters that change the direction of text
(``nolan.core.hidden_characters``), which make it read differently in a list:
``letter<U+202E>fdp.txt`` is shown as ``lettertxt.pdf``.

``check`` reads and verifies a file without storing anything, so a service can check every file
before it writes any row; ``storing`` then saves checked files under MEDIA_ROOT with random names in
the workflow's folder (the original name is kept only as data, never used as a path), all or none:
if the step fails after some were written, they are deleted again.

A file too large is refused before any of it is written to disk: ``UploadHandler`` (first in
``FILE_UPLOAD_HANDLERS``) keeps an attachment field's file in memory up to the limit and, past it,
only counts the bytes still coming, so the page and the API refuse it with the same message as a
file checked here, naming its size, and nothing of it reaches the temporary directory or the storage.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

from nolan.core.hidden_characters import hidden_characters

MAX_FILES = 10
#: The form and API field that carries a case's attachments, in every workflow.
FIELD = "attachments"

PDF = "application/pdf"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .msg
ZIP = b"PK\x03\x04"

#: extension → (content type, what it is, the check)
ALLOWED: dict[str, tuple[str, str]] = {
    ".pdf": (PDF, "PDF document"),
    ".doc": ("application/msword", "Word document"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
    ".xls": ("application/vnd.ms-excel", "Excel spreadsheet"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint presentation",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
    ".msg": ("application/vnd.ms-outlook", "Outlook e-mail"),
    ".rtf": ("application/rtf", "Rich Text document"),
    ".txt": ("text/plain", "text file"),
    ".csv": ("text/csv", "CSV file"),
    ".jpg": ("image/jpeg", "JPEG image"),
    ".jpeg": ("image/jpeg", "JPEG image"),
    ".png": ("image/png", "PNG image"),
    ".gif": ("image/gif", "GIF image"),
}

ALLOWED_LIST = "PDF, Word, Excel, PowerPoint, OpenDocument, Outlook e-mail, RTF, text, CSV, JPEG, PNG or GIF"

#: What refused files start with, named for the message.
DANGEROUS_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"\xcf\xfa\xed\xfe", "a program"),
    (b"\xfe\xed\xfa", "a program"),
    (b"#!", "a script"),
)
MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|script|svg|iframe|object|embed|body)\b", re.IGNORECASE)
ZIP_MEMBERS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def max_bytes() -> int:
    return settings.NOLAN_ENQUIRY_ATTACHMENT_MAX_BYTES


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def clean_name(name: str) -> str:
    """The file's own name (no folders), without control characters, at most 200 characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = base.strip().strip(".") or "attachment"
    stem, ext = os.path.splitext(base)
    return stem[: 200 - len(ext)] + ext


def _refuse(name: str, message: str, field: str) -> ValidationError:
    return ValidationError({field: f"{name}: {message}"})


def check(upload, *, field: str = "attachments") -> CheckedFile:
    """Check one uploaded file (a Django ``UploadedFile`` or any file object with a ``name``).

    Raises ``ValidationError`` keyed by ``field`` with a message naming the file and what is wrong.
    """
    given = getattr(upload, "name", "") or ""
    name = clean_name(given)
    if hidden := hidden_characters(given):
        # Django's upload parser already drops them from a page's or the API's upload; this refuses
        # them from any other caller. The message names the file without them, as it really is.
        raise _refuse(name, f"the file's name {hidden}; rename the file and attach it again", field)
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _refuse(
            name, f"the file is {_megabytes(size)}; files must be no larger than {_megabytes(limit)}", field
        )
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED:
        raise _refuse(name, f"this type of file cannot be attached; attach a {ALLOWED_LIST} file", field)

    if hasattr(upload, "seek"):
        upload.seek(0)
    digest = hashlib.sha256()
    buffer = io.BytesIO()
    read = 0
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(64 * 1024), b"")
    for chunk in chunks:
        read += len(chunk)
        if read > limit:
            raise _refuse(name, f"files must be no larger than {_megabytes(limit)}", field)
        digest.update(chunk)
        buffer.write(chunk)
    content = buffer.getvalue()
    if not content:
        raise _refuse(name, "the file is empty", field)

    content_type, label = ALLOWED[ext]
    problem = _sniff(ext, content)
    if problem:
        raise _refuse(name, f"{problem}; attach a {ALLOWED_LIST} file", field)
    return CheckedFile(name, ext, content_type, len(content), digest.hexdigest(), content)


def _sniff(ext: str, content: bytes) -> str | None:
    """None if the content is what the extension says; otherwise what is wrong, in words."""
    for start, what in DANGEROUS_STARTS:
        if content.startswith(start):
            return f"the file is {what}, not a {ALLOWED[ext][1]}"
    head = content[:1024]
    label = ALLOWED[ext][1]
    if ext == ".pdf":
        ok = b"%PDF-" in content[:1024]
    elif ext in {".doc", ".xls", ".msg"}:
        ok = content.startswith(OLE2)
    elif ext in ZIP_MEMBERS or ext in OPENDOCUMENT_TYPES:
        ok = content.startswith(ZIP) and _zip_is(ext, content)
    elif ext == ".rtf":
        ok = content.startswith(b"{\\rtf")
    elif ext in {".jpg", ".jpeg"}:
        ok = content.startswith(b"\xff\xd8\xff")
    elif ext == ".png":
        ok = content.startswith(b"\x89PNG\r\n\x1a\n")
    elif ext == ".gif":
        ok = content[:6] in {b"GIF87a", b"GIF89a"}
    elif ext in {".txt", ".csv"}:
        if MARKUP.search(content[:65536]):
            return "the file contains web page markup or a script"
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            try:
                content.decode("cp1252")
            except UnicodeDecodeError:
                return f"the file is not a {label}"
        ok = b"\x00" not in content
    else:  # pragma: no cover - every allowed extension is handled above
        ok = False
    if not ok:
        if MARKUP.search(head):
            return "the file is a web page, not a " + label
        return f"the file's contents are not a {label}"
    return None


def _zip_is(ext: str, content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if ext in ZIP_MEMBERS:
                return "[Content_Types].xml" in names and ZIP_MEMBERS[ext] in names
            return "mimetype" in names and archive.read("mimetype").strip() == OPENDOCUMENT_TYPES[ext]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def check_all(uploads, *, field: str = FIELD, case: str = "case") -> list[CheckedFile]:
    """Check every file before any is stored; ``case``: what they are attached to, for the message."""
    uploads = list(uploads or [])
    if len(uploads) > MAX_FILES:
        raise ValidationError({field: f"Attach no more than {MAX_FILES} files to one {case}."})
    return [check(upload, field=field) for upload in uploads]


@contextmanager
def storing(*, folder: str) -> Iterator[Callable[[CheckedFile], str]]:
    """Store checked files in ``folder`` under random names, all or none.

    Yields ``store(checked) -> storage name``. If the block raises (a row that cannot be written, the
    disk, any later part of the step), every file it stored is deleted again before the error goes on,
    so a refused step leaves no file behind::

        with attachments.storing(folder="enquiries") as store:
            for item in checked:
                Attachment.objects.create(case=case, file=store(item), ...)
    """
    stored: list[str] = []

    def keep(checked: CheckedFile) -> str:
        name = store(checked, folder=folder)
        stored.append(name)
        return name

    try:
        yield keep
    except BaseException:
        for name in stored:
            delete(name)
        raise


def store(checked: CheckedFile, *, folder: str) -> str:
    """Save one checked file in ``folder`` under a random name; returns the storage name. A step
    storing files with its rows uses ``storing``, which deletes them again if the step fails."""
    return default_storage.save(
        f"{folder}/{secrets.token_hex(16)}{checked.extension}", ContentFile(checked.content)
    )


def delete(name: str) -> None:
    if name:
        default_storage.delete(name)


# Refusing a file too large before it is written to disk ---------------------------------------------


class RefusedUpload(UploadedFile):
    """A file of an attachment field that went past the limit: its name and the bytes it came to,
    none of its content. ``check`` refuses it by its size, as it would the whole file."""

    def __init__(self, name: str, content_type: str, size: int, charset: str | None):
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class UploadHandler(FileUploadHandler):
    """Keeps each file of an attachment field (``FIELD``) in memory up to the limit (``max_bytes``),
    so none of it is written to the temporary directory; a file that goes past the limit is dropped
    and only counted to its end, and reaches the form or the API as a ``RefusedUpload``. Files of other
    fields (a directory import's CSV) go on to Django's own handlers. Only the first ``MAX_FILES`` + 1
    files are kept: past that the request is refused for their number anyway, and the rest are only
    counted as refused ones.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.mine = False
        self.files = 0

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.mine = field_name == FIELD
        if not self.mine:
            return
        self.files += 1
        self.limit = max_bytes() if self.files <= MAX_FILES + 1 else 0
        self.received = 0
        self.buffer: io.BytesIO | None = io.BytesIO()
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if not self.mine:
            return raw_data
        self.received += len(raw_data)
        if self.buffer is not None:
            if self.received > self.limit:
                self.buffer = None  # past the limit: the file is refused, only its size is kept
            else:
                self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if not self.mine:
            return None
        self.mine = False
        if self.buffer is None:
            return RefusedUpload(self.file_name, self.content_type, self.received, self.charset)
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )
