"""Member Enquiries' series of references: ``ME-2026-000123`` (``nolan.casework.references``)."""

from __future__ import annotations

from nolan.casework import references
from nolan.casework.references import subject_line

__all__ = ["SERIES", "find_reference", "format_reference", "next_reference", "subject_line"]

SERIES = "ME"


def format_reference(year: int, number: int) -> str:
    return references.format_reference(SERIES, year, number)


def next_reference(year: int) -> str:
    """The next enquiry reference, inside the transaction that saves the enquiry."""
    return references.next_reference(SERIES, year)


def find_reference(text: str) -> str | None:
    """The first enquiry reference quoted in ``text`` (an e-mail subject, say), if any."""
    return references.find_reference(SERIES, text)
