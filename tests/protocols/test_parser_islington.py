"""Golden tests: Islington's draft, whose tracked changes must resolve to the current text."""

import re
from importlib import resources

import pytest

from nolan.protocols.texts import load_text

_IDS = """
1.1 1.2 1.3 1.4 1.5 2.2(a) 2.2(e) 2.2(g) 2.3 2.3.1 3.1.1 3.1.2 3.2(a) 3.2(d) 3.3 3.3.1 3.3.2 3.4 3.5
3 3.1 3.1(a) 3.1(g) 3.1(i) 3.1(k) 3.1(l) 3.2(j) 3.2(k) 3.3.1(a) 3.3.1(c) 4.1 4.1(a) 4.1(b) 4.1(c) 4.1(d)
4.1(e) 4.2(a) 4.2(b) 4.2(c) 4.3(c) 4.4 4.4(a) 4.4(b) 4.5 4.5(a) 4.5(d) 5.1 5.2 5.3.2 5.4 5.5 5.6 5.7 5.8.7
5.9 5.9.10 6.1 6.7 7.1 7.2 8.1 8.3 9.1 10.1 11
"""
IDS = _IDS.split()


@pytest.fixture(scope="module")
def text():
    return load_text("islington")


@pytest.mark.parametrize("paragraph_id", IDS)
def test_finds_paragraph(text, paragraph_id):
    assert paragraph_id in text


def test_deleted_text_never_appears():
    source = resources.files("nolan.protocols").joinpath("data/texts/islington.txt").read_text("utf-8")
    kept = re.sub(r"~~.*?~~", " ", source)
    deleted = [d.strip() for d in re.findall(r"~~(.*?)~~", source)]
    only_deleted = [d for d in deleted if len(d) >= 15 and d not in kept]
    assert len(only_deleted) > 20  # the draft deletes a lot; the check below is not empty
    everything = "\n".join(p.text + p.heading for p in load_text("islington"))
    assert "~~" not in everything
    for phrase in only_deleted:
        assert phrase not in everything, phrase


def test_renumbered_inside_the_markup(text):
    # "~~1.3.~~1.5. The Standards Committee..." is 1.5; "~~1.1.~~1.2." is 1.2
    assert text.find("1.5").text == (
        "The Standards Committee and the Monitoring Officer will keep the Protocol under review annually and "
        "make recommendations for changes as appropriate."
    )
    assert text.find("1.2").text.startswith("The purpose of this Protocol is rather to help and officers")


def test_typo_75_1_is_7_1(text):
    paragraph = text.find("7.1")
    assert paragraph.heading == "Procedure for officers"
    assert paragraph.text.startswith("From time to time the relationship between members and officers")
    assert text.find("75.1") is paragraph
    assert text.find("7.2").heading == "Procedure for members"


def test_old_numbers_run_together(text):
    assert text.find("3.3", heading="Members of the Executive").heading.startswith("Members of the Executive")
    assert text.find("5.8") is text.find("5.8.7")
    assert text.find("5.10") is text.find("5.9.10")
    assert text.find("5.3") is text.find("5.3.2")


def test_repeated_numbers_are_told_apart_by_heading(text):
    roles, expectations = text.all("3.3.2")
    assert roles.heading == "Members of the Executive, Chairs and Vice-Chairs"
    assert expectations.heading == "Personal familiarity"
    assert text.find("3.3.2", heading="Personal familiarity") is expectations
    assert expectations.text.startswith(
        "It is acknowledged that some close relationships may inevitably develop"
    )
    assert "may will" not in expectations.text
    assert text.find("3.3.2") is roles  # without a heading, the first
    assert text.find("3.3.2", heading="Scrutiny") is None
    assert str(text.citation(expectations)) == "Islington 3.3.2, Personal familiarity"
    assert str(text.citation(text.find("5.5"))) == "Islington 5.5"


def test_inserted_text_is_kept(text):
    assert text.find("2.3").heading == "ROLES OF MEMBERS COUNCILLORS AND OFFICERS"
    assert (
        text.find("2.3.1").text
        == "The respective roles of members Councillors and officers can be summarised as follows:"
    )


def test_exact_current_text(text):
    assert text.find("4.1(c)").text == (
        "Written information supplied to a member regarding the implications of current Council policies or "
        "containing statistical information about Council services shall also be copied to the relevant "
        "Executive member."
    )
    assert text.find("5.5").text == (
        "If a member has a complaint about an officer, it should be raised within six months with the "
        "appropriate Corporate Director or Director. If the complaint concerns a Director or Corporate "
        "Director, it should be raised with the relevant Corporate Director or Chief "
        "Executive as the Head of "
        "Paid Service. A complaint about the Chief Executive should be raised with the Leader, who will "
        "consider how it should be dealt with."
    )
    assert "within 10 working days of the date of receipt of the request" in text.find("4.1(b)").text
    assert text.find("4.1(b)").parent == "4.1"
    assert text.find("4.1(b)").heading == "Requests for written information"


def test_a_split_deletion_joins_its_paragraph(text):
    assert (
        "the request will be referred to the Corporate Director for determination" in text.find("4.1(d)").text
    )


def test_letter_skipped_by_the_draft_stays_in_its_list(text):
    assert text.find("3.1(i)").parent == "3.1"
    assert text.find("3.1(i)").text.startswith("Not to use their relationship")
