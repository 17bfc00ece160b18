"""Golden tests: the Leeds protocol, with its footnotes attached to their paragraphs."""

import pytest

from nolan.protocols.texts import load_text

IDS = (
    [f"1.{n}" for n in range(1, 8)]
    + [f"2.{n}" for n in range(1, 17)]
    + [f"3.{n}" for n in range(1, 9)]
    + [f"4.{n}" for n in range(1, 12)]
    + ["5.1", "5.2", "6.1", "6.2", "1.0", "4.0", "6.0"]
)


@pytest.fixture(scope="module")
def text():
    return load_text("leeds")


@pytest.mark.parametrize("paragraph_id", IDS)
def test_finds_paragraph(text, paragraph_id):
    assert paragraph_id in text


def test_no_paragraph_is_invented(text):
    assert len([p for p in text if p.id not in IDS and p.id not in ("2.0", "3.0", "5.0")]) == 0


def test_footnotes_are_attached_to_the_paragraph_carrying_the_marker(text):
    assert text.find("1.1").footnotes == (
        "¹ Unless the context indicates otherwise, the terms Member and Members include non-elected i.e. "
        "coopted Members as well as elected councillors.",
        "² Unless the context indicates otherwise, references to the term Council include the executive, "
        "overview and scrutiny committees, and other committees and sub-committees",
    )
    assert text.find("2.12").footnotes == ("⁴ See paragraph 5 of this Protocol.",)
    assert text.find("4.11").footnotes == (
        '⁵ "Director" is defined by footnote 1 to Article 12 of the Constitution.',
    )
    with_notes = {p.id for p in text if p.footnotes}
    assert with_notes == {"1.1", "2.12", "4.11"}


def test_footnote_lines_are_not_paragraph_text(text):
    assert "Unless the context" not in text.find("2.1").text
    assert not text.unnumbered


def test_section_heads(text):
    assert text.find("4.5").section == "4.0 THE RELATIONSHIP"
    assert text.find("4").id == "4.0"


def test_exact_text(text):
    assert text.find("4.5").text == (
        "Members and officers should inform the Monitoring Officer of any relationship "
        "which might be seen as "
        "unduly influencing their work in their respective roles."
    )
    assert text.find("2.12").text == (
        "Members are not authorised to instruct officers other than:\n"
        "- through the formal decision-making process;\n"
        "- to request the provision of consumable resources provided by the Council for Members' use⁴."
    )
    assert text.find("4.8").text.endswith(
        "- never make a criticism in public, and\n- take up the concern with the officer privately."
    )
