"""The page of a list that ``?page=`` asks for, read the same way by the pages and the API.

Pages are numbered from 1; leaving ``page`` out asks for the first. Anything else that is not a whole
number from 1 (``?page=`` with no value, a word, zero, a negative number) is ``NoSuchPage``, with a
message that says so: the API answers it with a 400 and the pages show the first page with the
message. A number past the last page is a number: the list says it has fewer pages.
"""

from __future__ import annotations

SHOWN = 20  # of a page "number" quoted back in a message, at most this many characters
LARGEST = 10**18  # a longer number is past the end of any list (and int() would refuse 4,301 digits)


class NoSuchPage(ValueError):
    """``?page=`` is not a page number; ``str()`` of it is the message."""


def page_number(value: str | None) -> int:
    """The page asked for by ``value`` (the query's ``page``; None when it is not there at all)."""
    if value is None:
        return 1
    text = value.strip()
    if not text:
        raise NoSuchPage("Give a page number, a whole number from 1, or leave page out for the first page.")
    if text.isdecimal() and text.isascii():
        number = int(text) if len(text) < 19 else LARGEST
        if number >= 1:
            return number
    shown = text if len(text) <= SHOWN else f"{text[:SHOWN]}…"
    raise NoSuchPage(f"There is no page “{shown}”: pages are numbered from 1.")
