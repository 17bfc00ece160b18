"""Characters that hide what a subject or a name says, refused wherever Nolan takes one.

A subject or a name is shown on its own: in lists, on headings, in e-mail subjects and in the name
of a file. Unicode's direction controls change the order in which what follows them is displayed, so
a file called ``report<U+202E>fdp.txt`` is listed as ``reporttxt.pdf`` and a subject can be made to
read differently in a list from what was written. They are refused with a message: each way a
subject or name comes in (a page, the API, a CSV import, the administration pages) goes through a
service, and each service asks ``hidden_characters`` before it writes anything.

Zero-width characters: a zero-width space, word joiner or zero-width no-break space shows nothing at
all, so it makes two names that look the same different ("Housing", and "Housing" with a zero-width
space inside, would be two services in the triage list, and a search for one misses the other). They
are refused too. The zero-width joiner and non-joiner are kept: they decide how letters join in
Persian, Arabic, Urdu and the Indian scripts (and build emoji), so names correctly written in those
scripts need them, and they neither move nor hide text. Right-to-left writing itself (Arabic, Hebrew)
is of course accepted: the direction of ordinary letters comes from the letters, not from controls.
"""

from __future__ import annotations

#: Unicode's explicit directional formatting characters (its Bidi_Control property): embeddings,
#: overrides, isolates and their ends, and the left-to-right, right-to-left and Arabic letter marks.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
)

#: Characters that take no space and join nothing: zero-width space, word joiner, zero-width
#: no-break space (the byte-order mark).
INVISIBLE = frozenset("\u200b\u2060\ufeff")

CHANGES_DIRECTION = "must not contain hidden characters that change the direction of text"
INVISIBLE_SPACE = "must not contain hidden characters such as a zero-width space"


def hidden_characters(text: str) -> str | None:
    """What is wrong with ``text`` as a subject or a name, as the words that follow its label
    ("must not contain hidden characters that change the direction of text"); None if it shows
    everything it holds."""
    characters = set(text or "")
    if characters & DIRECTION_CONTROLS:
        return CHANGES_DIRECTION
    if characters & INVISIBLE:
        return INVISIBLE_SPACE
    return None


def hidden_characters_message(text: str, label: str) -> str | None:
    """The whole message for ``text`` (say, "Subject must not contain hidden characters that change
    the direction of text."), beginning with ``label``; None if ``text`` is fine."""
    problem = hidden_characters(text)
    if problem is None:
        return None
    return f"{label[:1].upper()}{label[1:]} {problem}."
