"""Subjects and names must read as they were written: the characters that hide text are refused,
the scripts that need joiners and right-to-left letters are not."""

from __future__ import annotations

import pytest

from nolan.core.hidden_characters import hidden_characters, hidden_characters_message

DIRECTION = "must not contain hidden characters that change the direction of text"
INVISIBLE = "must not contain hidden characters such as a zero-width space"

# Each of Unicode's direction controls, named as the standard names them.
CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
}


@pytest.mark.parametrize("control", CONTROLS, ids=CONTROLS.values())
def test_every_direction_control_is_refused(control):
    assert hidden_characters(f"Damp in {control}Flat 4") == DIRECTION


def test_the_message_begins_with_what_it_is_about():
    assert hidden_characters_message("Invoice \u202efdp.txt", "a subject") == (
        "A subject must not contain hidden characters that change the direction of text."
    )


@pytest.mark.parametrize(
    "space",
    ["\u200b", "\u2060", "\ufeff"],
    ids=["zero-width space", "word joiner", "zero-width no-break space"],
)
def test_characters_that_show_nothing_at_all_are_refused(space):
    # "Housing" and "Hous<zero-width space>ing" look the same in the triage list.
    assert hidden_characters(f"Hous{space}ing") == INVISIBLE


@pytest.mark.parametrize(
    "name",
    [
        "Damp in a council flat",
        "Cllr Siân O’Brien-Ŵyn",
        "محمد عبد الله",  # Arabic: right to left by its letters, with no control
        "יעל כהן",  # Hebrew
        "می\u200cخواهم",  # Persian needs the zero-width non-joiner to be spelt correctly
        "क्\u200dष",  # Devanagari: the zero-width joiner chooses the letter's form
        "👩\u200d👩\u200d👧",  # a family emoji is built with joiners
        "",
    ],
)
def test_names_written_in_any_script_are_accepted(name):
    assert hidden_characters(name) is None
    assert hidden_characters_message(name, "the name") is None
