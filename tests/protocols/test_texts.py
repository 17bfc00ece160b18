"""The shipped texts, how paragraphs are looked up, and a council's loaded text winning."""

from importlib import resources
from pathlib import Path

import pytest

from nolan.protocols.paragraphs import normalise_id
from nolan.protocols.texts import COUNCILS, UnknownProtocol, available, load_text

SHARED = Path("/work/shared/protocols")
SOURCES = {
    "tower-hamlets": "tower-hamlets.txt",
    "islington": "islington-draft.txt",
    "leeds": "leeds.txt",
    "haringey": "haringey.txt",
    "hackney": "hackney-standards-report-2013.txt",
}


@pytest.mark.parametrize("slug", COUNCILS)
def test_each_council_ships_a_text(slug):
    shipped = resources.files("nolan.protocols").joinpath(f"data/texts/{slug}.txt").read_bytes()
    if (SHARED / SOURCES[slug]).exists():
        assert shipped == (SHARED / SOURCES[slug]).read_bytes()  # byte-for-byte, never edited
    text = load_text(slug)
    assert text.council == COUNCILS[slug]
    assert len(text.paragraphs) >= 25
    assert [p.position for p in text.paragraphs] == list(range(len(text.paragraphs)))


def test_available_lists_the_five_first():
    assert available()[:5] == list(COUNCILS)


def test_load_text_is_cached():
    assert load_text("leeds") is load_text("leeds")


def test_unknown_council():
    with pytest.raises(UnknownProtocol, match="no protocol text for 'camden'"):
        load_text("camden")


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("9.16 (b)", "9.16(b)"),
        ("7.2 a)", "7.2(a)"),
        ("1.01.", "1.01"),
        ("4 (a)", "4(a)"),
        ("paragraph 7.19", "7.19"),
        ("5.01(i)(A)", "5.01(i)(A)"),
    ],
)
def test_normalise_id(written, normalised):
    assert normalise_id(written) == normalised


def test_sub_items_and_suggestions():
    text = load_text("haringey")
    assert [p.id for p in text.sub_items(text.find("5.01"))][8:11] == ["5.01(i)", "5.01(i)(A)", "5.01(i)(B)"]
    assert "9.16(b)" in text.suggest("9.16(x)")
    assert text.find("99.99") is None
    assert "99.99" not in text


def test_citation_of_a_shipped_paragraph():
    text = load_text("tower-hamlets")
    assert str(text.citation(text.find("7.19"))) == "Tower Hamlets 7.19"


def test_a_loaded_text_wins_over_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.setenv("NOLAN_PROTOCOLS_DIR", str(tmp_path))
    (tmp_path / "leeds.txt").write_text("1. Enquiries\n\n1.1 Officers answer within five working days.\n")
    text = load_text("leeds")
    assert [p.id for p in text] == ["1", "1.1"]
    assert text.find("1.1").text == "Officers answer within five working days."
    assert text.council == "Leeds"
    (tmp_path / "camden.txt").write_text("1.1 A Camden paragraph.\n")
    assert "camden" in available()
    assert load_text("camden").council == "Camden"
    monkeypatch.delenv("NOLAN_PROTOCOLS_DIR")
    assert len(load_text("leeds").paragraphs) > 40  # the shipped text again
