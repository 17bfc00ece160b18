"""Golden tests: Hackney's 2013 report to the Standards Committee (numbered 1.1 to 5.17)."""

import pytest

from nolan.protocols.texts import load_text

# the report numbers only these 25; every one of them must be found, and nothing else
IDS = ["1", "1.1", "2", "2.1", "3", "3.1", "4", "5"] + [f"5.{n}" for n in range(1, 18)]


@pytest.fixture(scope="module")
def text():
    return load_text("hackney")


@pytest.mark.parametrize("paragraph_id", IDS)
def test_finds_paragraph(text, paragraph_id):
    assert paragraph_id in text


def test_exactly_the_report_s_numbers(text):
    assert [p.id for p in text] == IDS


def test_the_date_and_contact_table_are_not_numbered(text):
    assert "21" not in text
    assert any("21 st January 2013" in block for block in text.unnumbered)
    assert any("Caroline Anderson" in block for block in text.unnumbered)
    assert "Gifty Edila" not in text.find("5.17").text


def test_exact_text(text):
    assert text.find("5.4").text == (
        "It is expected that in the first instance such requests would be made through the Head of "
        "Service/Corporate Director."
    )
    assert text.find("5.17").text == (
        "As requested by the Committee, the AD for HR & OD has reviewed the case work log and found that no "
        "formal complaints have been raised in relation to Officer/Members working arrangements. Given the "
        "level of interaction between Officers and Members this is considered a positive indication of the "
        "strength of the current working arrangements."
    )
    assert text.find("5.2").text.startswith("Members have a legitimate expectation of being able to engage")
    assert text.find("5.3").section == "5. BACKGROUND/REPORT"


def test_unnumbered_body_stays_with_its_paragraph(text):
    assert text.find("4").text.startswith(
        "The protocol for Member/Officer relations governs the relationship"
    )
    principles = text.find("5.12").text
    assert "Political neutrality\nSupport the work of the Council regardless" in principles
    assert "- Management and leadership" in principles
