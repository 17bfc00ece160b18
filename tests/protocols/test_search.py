"""Protocol search ranks the paragraph a reader is looking for at or near the top."""

import pytest

from nolan.protocols.search import search, stem
from nolan.protocols.texts import load_text


def top(slug: str, query: str, n: int = 3) -> list[str]:
    return [hit.paragraph.id for hit in search(load_text(slug), query, limit=n)]


@pytest.mark.parametrize(
    ("slug", "query", "expected", "within"),
    [
        ("tower-hamlets", "out of hours", "4(a)", 1),
        ("tower-hamlets", "complaint about the Chief Executive", "14.2", 1),
        ("tower-hamlets", "how long to answer a member enquiry", "7.1", 1),
        ("tower-hamlets", "close personal relationship", "10.4", 2),
        ("tower-hamlets", "legal proceedings", "13.5", 2),
        ("haringey", "complaint about the Chief Executive", "9.02", 1),
        ("haringey", "out of hours", "6.01(q)", 1),
        ("haringey", "out of hours", "5.01(u)", 2),
        ("haringey", "how long to answer a member enquiry", "12.19", 1),
        ("haringey", "need to know", "12.04", 3),
        ("islington", "complaint about an officer", "5.5", 1),
        ("islington", "complaint about the Chief Executive", "5.5", 1),
        ("islington", "close personal relationships", "3.3.2", 1),
        ("islington", "officers at group meetings", "4.5(a)", 3),
        ("islington", "ward members", "4.4(a)", 2),
        ("leeds", "monitoring officer relationship", "4.5", 1),
        ("leeds", "concern about an officer", "4.8", 1),
        ("hackney", "formal complaints case work log", "5.17", 1),
        ("hackney", "lobbying members", "5.5", 1),
        ("hackney", "line manager", "5.15", 3),
    ],
)
def test_ranking(slug, query, expected, within):
    assert expected in top(slug, query, within), top(slug, query, 5)


def test_synonyms_widen_but_do_not_outrank_the_words_asked_for():
    # "out of hours" is written as "non-working time" in Tower Hamlets; nothing says "hours" there
    hits = search(load_text("tower-hamlets"), "out of hours")
    assert hits[0].paragraph.id == "4(a)"
    assert "<mark>non</mark>-<mark>working</mark> <mark>time</mark>" in hits[0].snippet_html
    # a paragraph with the words asked for outranks one with only a synonym
    haringey = search(load_text("haringey"), "out of hours")
    assert haringey[0].paragraph.id == "6.01(q)"  # "out of hours" and "private life"
    assert haringey[0].score > haringey[1].score


def test_snippet_marks_the_matched_words_and_escapes_the_rest():
    hit = search(load_text("haringey"), "need to know", limit=1)[0]
    assert "<mark>need</mark> to <mark>know</mark>" in hit.snippet_html
    quoted = next(h for h in search(load_text("haringey"), "need to know") if h.paragraph.id == "12.04")
    assert "the &quot;<mark>need</mark> to <mark>know</mark>&quot; test" in quoted.snippet_html
    escaped = search(load_text("hackney"), "case work log", limit=1)[0]
    assert "HR &amp; OD" in escaped.snippet_html
    assert "<mark>case</mark> <mark>work</mark> <mark>log</mark>" in escaped.snippet_html


def test_long_paragraph_snippet_is_cut_around_the_matches():
    hit = search(load_text("haringey"), "complaint about the Chief Executive", limit=1)[0]
    assert hit.paragraph.id == "9.02"
    assert len(hit.snippet_html) < len(hit.paragraph.text) + 200
    assert "<mark>complaint</mark> about the <mark>Chief</mark> <mark>Executive</mark>" in hit.snippet_html


def test_empty_or_common_words_find_nothing():
    text = load_text("leeds")
    assert search(text, "") == []
    assert search(text, "the of and") == []
    assert search(text, "xylophone") == []


def test_limit_and_order():
    hits = search(load_text("haringey"), "Member", limit=5)
    assert len(hits) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_footnotes_are_searched():
    assert "1.1" in top("leeds", "coopted members", 1)


def test_stemmer_joins_forms_of_a_word():
    assert stem("enquiries") == stem("enquiry")
    assert stem("complaints") == stem("complaint")
    assert stem("raised") == stem("raise") == stem("raising")
    assert stem("evening") != stem("even")
