"""Golden tests: Haringey's constitution text, with page headers and tracked changes."""

import pytest

from nolan.protocols.texts import load_text

_IDS = """
1.01 1.06 1.08(c) 1.11 1.12 2.01(b) 3.01(h) 3.03 4.01(d) 4.01(l) 4.03 5.01 5.01(i) 5.01(i)(A) 5.01(i)(B)
5.01(u) 5.01(v) 6.01(i)(B) 6.01(q) 7.01(c)(iv) 7.02 7.03 8.11(e) 9.01 9.02 9.08 9.08(c) 9.14 9.16 9.16(a)
9.16(b) 9.16(c) 9.20 10.02(b) 11.03 11.03(b) 12.01 12.17 12.17(a) 12.18 12.19 12.20 12.21 12.21(a)
12.21(b) 12.22 12.23 12.24 12.29 12.29(c) 13.06(a)(ii) 13.06(b)(i) 13.30(e) 14.03(b)(ii) 14.15
"""
IDS = _IDS.split()


@pytest.fixture(scope="module")
def text():
    return load_text("haringey")


@pytest.mark.parametrize("paragraph_id", IDS)
def test_finds_paragraph(text, paragraph_id):
    assert paragraph_id in text


def test_spaced_reference_9_16_b(text):
    assert text.find("9.16 (b)") is text.find("9.16(b)")
    assert text.find("9.16(b)").parent == "9.16"


def test_page_headers_are_dropped(text):
    everything = "\n".join([p.text for p in text] + list(text.unnumbered))
    assert "PART FIVE" not in everything
    assert "Section B– Protocol" not in everything


def test_a_paragraph_split_by_a_page_header_is_joined(text):
    assert "to facilitate general performance monitoring of Services" in text.find("3.03").text
    assert (
        "consult the Head Assistant Director of Human Resources and the Monitoring Officer"
        in text.find("9.16(b)").text
    )
    assert "If the Director's report is not regarded as appropriate" in text.find("7.02").text
    assert "a concern about the manner in which a Council Department has acted" in text.find("9.02").text
    assert text.find("12.23").text.endswith("unless there is a signed authorisation by the data subject.")


def test_tracked_changes_give_the_current_text(text):
    assert "~~" not in "".join(p.text for p in text)
    assert "Chief Officer" not in text.find("7.02").text
    assert text.find("12.17").text.startswith(
        "Each Director is responsible for ensuring that Member enquiries are dealt with promptly"
    )


def test_exact_text(text):
    assert text.find("7.03").text == "By law, Members cannot be employed by the Council."
    assert text.find("9.08").text == "Within 5 days, they will:"
    assert text.find("5.01(u)").text == (
        "avoid contacting Members at potentially inconvenient times unless in an "
        "emergency or otherwise agreed,"
    )
    assert text.find("6.01(q)").text == (
        "respect the private life of the employee. Members needing to deal with an "
        "urgent matter out of hours "
        "will normally contact the Council's call-centres. They have access to relevant "
        "staff who are on duty "
        "or on-call"
    )
    assert (
        text.find("12.17(a)").text == "at senior level (usually an appropriate line or service manager), or"
    )


def test_headings(text):
    assert text.find("12.19").heading == "Member Enquiries"
    assert text.find("9.14").heading == "Formal complaints about Members"
    assert text.find("9.02").section == "9. Complaints and constructive criticism"


def test_footnotes(text):
    assert text.find("1.11").footnotes == (
        "¹ The Council's Monitoring Officer is the Assistant Director of Corporate Governance",
    )
    assert text.find("4.03").footnotes[0] == "² The Head of Paid Service is the Chief Executive"
    assert text.find("5.01(i)(B)").footnotes == ("⁴ Section 9 the Local Government and Housing Act 1989",)
