"""Text people write into Nolan is plain text, checked the same way by every workflow's services.

Text containing HTML markup (tags such as ``<script>`` or ``<b>``) is refused with a message rather
than stored, so nothing a Member or officer writes can become markup on a page or in an e-mail (pages
escape everything anyway). A subject or a name holding hidden characters that change the direction
of text (``nolan.core.hidden_characters``) is refused too, so it reads in lists and e-mail as it was
written.
"""

from __future__ import annotations

import re

from nolan.core.hidden_characters import hidden_characters_message

TEXT_MAX = 20_000
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<![A-Za-z]")


def plain_text(
    value,
    label: str,
    *,
    required: bool = True,
    max_length: int = TEXT_MAX,
    one_line: bool = False,
    is_name: bool = False,
) -> tuple[str, list[str]]:
    """The text as it is stored (line endings as ``\\n``, no space around it) and what is wrong with
    it, each a sentence naming it by ``label`` ("the details"), for the form or the API to show.

    ``one_line``: the text goes into an e-mail header (a subject, a name), which cannot hold a line
    break: a message carrying one could never be sent. ``is_name``: a subject or a name, shown on its
    own in lists and e-mail, so it must not hide what it says."""
    text = (value or "").replace("\r\n", "\n").strip()
    problems: list[str] = []
    if not text:
        if required:
            problems.append(f"Enter {label}.")
        return "", problems
    named = f"{label[0].upper()}{label[1:]}"
    if len(text) > max_length:
        problems.append(f"{named} must be {max_length:,} characters or fewer.")
    if one_line and len(text.splitlines()) > 1:
        problems.append(f"{named} must be on one line.")
    if is_name and (hidden := hidden_characters_message(text, label)):
        problems.append(hidden)
    if MARKUP.search(text):
        problems.append(f"Write {label} as plain text: HTML tags such as <script> or <b> cannot be used.")
    if "\x00" in text:
        problems.append(f"{named} contains a character that cannot be stored.")
    return text, problems
