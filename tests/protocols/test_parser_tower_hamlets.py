"""Golden tests: the Tower Hamlets protocol as the parser reads it."""

import pytest

from nolan.protocols.texts import load_text

_IDS = """
1 1.1 1.2 1.3 1.4 1.4(a) 1.4(b) 1.4(c) 1.7 2.1 2.1(a) 2.1(g) 2.2(e) 3.3 4 4(a) 4(b) 4(c) 4(d) 5(c) 5.2
6(a) 6.1 6.9 7 7(d) 7.1 7.2 7.2(a) 7.2(b) 7.6(i) 7.6(iv) 7.19 7.21(a) 7.21(b) 7.25(vii) 8(a) 9(c) 10 10.4
11(d) 11.9 12.2 13 13.4 13.5 13.6 14(a) 14.1 14.2
"""
IDS = _IDS.split()


@pytest.fixture(scope="module")
def text():
    return load_text("tower-hamlets")


@pytest.mark.parametrize("paragraph_id", IDS)
def test_finds_paragraph(text, paragraph_id):
    assert paragraph_id in text


def test_cited_forms_are_accepted(text):
    assert text.find("7.2 a)") is text.find("7.2(a)")
    assert text.find("4 (a)") is text.find("4(a)")


def test_contents_table_and_section_number_are_not_paragraphs(text):
    # "32 Member / Officer Relations' Protocol" is the constitution's section number, not paragraph 32
    assert "32" not in text
    assert text.paragraphs[0].id == "1"
    assert any("Impartiality and accountability" in block for block in text.unnumbered)


def test_out_of_hours_rule_4a(text):
    paragraph = text.find("4(a)")
    assert paragraph.text == (
        "respect each other's non-working time and not make contact during non-working time, "
        "except in emergencies."
    )
    assert paragraph.parent == "4"
    assert paragraph.section == "A. Respect"


def test_7_19_text_heading_and_section(text):
    paragraph = text.find("7.19")
    assert paragraph.text.startswith(
        "Any request from a Member for information will be treated in confidence"
    )
    assert paragraph.text.endswith(
        "to another Member, Officer or person not already privy to that information."
    )
    assert paragraph.heading == "Use of Council Information and Confidentiality"
    assert paragraph.section == "D. Confidentiality and access to information (including Member Enquiries)"


def test_urgent_enquiries_7_2(text):
    assert text.find("7.2").heading == "Urgent Member Enquiries"
    assert text.find("7.2(b)").text == (
        "If access is denied or the Chief Officer / Director is in doubt about the right to access the "
        "information requested, the matter must be referred to the Monitoring Officer for determination."
    )


def test_14_2_complaint_about_the_chief_executive(text):
    paragraph = text.find("14.2")
    assert paragraph.heading == "Procedure for Members"
    assert paragraph.text.endswith(
        "Any concern about the Chief Executive should be raised privately with the Monitoring Officer."
    )


def test_13_5_exact(text):
    assert text.find("13.5").text == (
        "In respect of any ongoing or contemplated proceedings, all enquiries must be "
        "addressed to either the "
        "appropriate Director or Corporate Director. On no account is the Member to contact any officers "
        "involved in the proceedings to discuss or make any enquiries regarding the proceedings."
    )


def test_page_break_splits_are_joined(text):
    assert "If in doubt, members and officers are advised" in text.find("1.2").text
    assert "that Member may find themselves the subject of a complaint" in text.find("7.17").text
    assert "matters of Council business in advance" in text.find("7.23").text


def test_bold_and_link_markup_is_removed(text):
    assert "**" not in "".join(p.text for p in text)
    assert "Member Enquiries Policy and Process (towerhamlets.gov.uk)" in text.find("7.1").text
    assert "10 working days" in text.find("7.1").text


def test_a_list_restarted_under_as_a_member_keeps_both_and_its_heading(text):
    first, second = text.all("5(a)")
    assert first.text == "do not bully any person"
    assert second.heading == "As a Member"
    assert second.text.startswith("I should not criticise specific named officers in public.")
    assert text.find("5(b)", heading="As a Member").text.startswith("If I have a concern about an officer")


def test_bullets_stay_with_their_paragraph(text):
    assert "- not make personal attacks on officers; and" in text.find("6.6").text
    assert "- Local Government Transparency Code 2015" in text.find("7.4").text
