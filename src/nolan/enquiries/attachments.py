"""The files a Member attaches to an enquiry: casework's checks (``nolan.casework.attachments``),
stored in the ``enquiries`` folder, at most ``MAX_FILES`` to one enquiry."""

from __future__ import annotations

from nolan.casework import attachments as casework_files
from nolan.casework.attachments import ALLOWED_LIST, MAX_FILES, CheckedFile, check, delete, max_bytes

__all__ = ["ALLOWED_LIST", "FOLDER", "MAX_FILES", "check", "check_all", "delete", "max_bytes", "store"]

FOLDER = "enquiries"


def check_all(uploads, *, field: str = "attachments") -> list[CheckedFile]:
    return casework_files.check_all(uploads, field=field, case="enquiry")


def store(checked: CheckedFile) -> str:
    """Save a checked file under a random name; returns the storage name."""
    return casework_files.store(checked, folder=FOLDER)
