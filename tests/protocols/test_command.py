"""``nolan protocol`` run for real: call_command with captured output, and the installed command."""

import os
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nolan.protocols.texts import load_text

DATA = Path(__file__).parent / "data"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(*args: str) -> str:
    out = StringIO()
    call_command("protocol", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def protocols_dir(tmp_path, monkeypatch):
    folder = tmp_path / "protocols"
    monkeypatch.setenv("NOLAN_PROTOCOLS_DIR", str(folder))
    return folder


# show


def test_show_prints_id_heading_and_text():
    out = run("show", "tower-hamlets", "7.19")
    assert out.startswith("Tower Hamlets 7.19\n")
    assert "Use of Council Information and Confidentiality" in out
    assert "Any request from a Member for information will be treated in confidence" in out


def test_show_prints_sub_items_and_footnotes():
    out = run("show", "haringey", "9.16")
    assert "(b) Through an internal investigation" in out
    out = run("show", "leeds", "1.1")
    assert "Footnotes:\n  ¹ Unless the context indicates otherwise" in out


def test_show_a_repeated_number_shows_both_or_the_one_named():
    out = run("show", "islington", "3.3.2")
    assert "appears 2 times" in out
    assert "Islington 3.3.2, Members of the Executive, Chairs and Vice-Chairs" in out
    assert "Islington 3.3.2, Personal familiarity" in out
    out = run("show", "islington", "3.3.2", "--heading", "Personal familiarity")
    assert "appears" not in out and "It is acknowledged that some close relationships" in out


def test_show_unknown_paragraph_suggests_near_ids():
    with pytest.raises(CommandError, match=r"Haringey has no paragraph 9\.99\. Nearest: 9\.19"):
        run("show", "haringey", "9.99")


def test_show_unknown_profile_names_the_known_ones():
    with pytest.raises(CommandError, match="no protocol text for 'barchester'. Known: tower-hamlets"):
        run("show", "barchester", "1.1")


# search


def test_search_lists_ranked_hits_with_marked_words():
    out = run("search", "haringey", "need to know", "--limit", "3")
    assert out.startswith('Haringey: 3 paragraphs for "need to know"')
    assert out.count("[need] to [know]") >= 3
    assert " 1. 12.25(a)" in out


def test_search_tower_hamlets_out_of_hours_finds_4a():
    out = run("search", "tower-hamlets", "out", "of", "hours")
    assert " 1. 4(a)" in out
    assert "[non]-[working] [time]" in out


def test_search_with_nothing_to_find():
    assert "No paragraph of the Leeds protocol matches" in run("search", "leeds", "xylophone")


# compare


def test_compare_lists_parameters_and_one_parameter():
    pytest.importorskip("nolan.protocols.comparison", reason="the council profiles are not installed")
    listing = run("compare")
    assert "enquiries.response_time" in listing
    out = run("compare", "enquiries.response_time")
    assert "Tower Hamlets" in out and "Haringey" in out


def test_compare_unknown_parameter():
    pytest.importorskip("nolan.protocols.comparison", reason="the council profiles are not installed")
    with pytest.raises(CommandError, match="no protocol parameter 'enquiries.nothing'"):
        run("compare", "enquiries.nothing")


# load


def test_load_markdown(protocols_dir):
    out = run("load", str(DATA / "ashdown-protocol.md"), "--council", "Ashdown")
    assert "Loaded the Ashdown protocol: 6 numbered paragraphs and 2 sub-items" in out
    assert "1, 1.1, 1.2, 1.2(a), 1.2(b), 2, 2.1, 2.2" in out
    assert "Could not number 1 block(s)" in out
    assert "This protocol was adopted by the Council in 2024." in out
    assert (protocols_dir / "ashdown.txt").is_file()
    text = load_text("ashdown")
    assert (
        text.find("2.1").text
        == "A Member with a concern about an officer raises it with the officer's Director."
    )
    assert text.find("2.2").footnotes == ("¹ See the Constitution, Part 5.",)
    assert "  (b) saying when the full answer will come." in run("show", "ashdown", "1.2")


def _docx(path: Path) -> Path:
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Barset Protocol</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>Member Enquiries</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t xml:space="preserve">Officers reply within </w:t></w:r>
  <w:del><w:r><w:delText>fifteen</w:delText></w:r></w:del><w:ins><w:r><w:t>ten</w:t></w:r></w:ins>
  <w:r><w:t xml:space="preserve"> working days.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>A holding reply says:</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>why the answer is late; and</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>when it will come.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>Concerns</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>
  <w:r><w:t>A concern about the Chief Executive goes to the Monitoring Officer.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Adopted</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>May 2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""
    numbering = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles {W}><w:style w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>"""
    footnotes = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>-</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Days the Council's offices are open.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
        archive.writestr("word/styles.xml", styles)
        archive.writestr("word/footnotes.xml", footnotes)
    return path


def test_load_docx_with_numbering_tracked_changes_and_footnotes(protocols_dir, tmp_path):
    out = run("load", str(_docx(tmp_path / "barset.docx")), "--council", "Barset")
    assert "1, 1.1, 1.2, 1.2(a), 1.2(b), 2, 2.1" in out
    assert "Adopted | May 2024" in out  # the table could not be numbered
    text = load_text("barset")
    assert text.find("1.1").text == "Officers reply within ten working days.¹"
    assert text.find("1.1").footnotes == ("¹ Days the Council's offices are open.",)
    assert text.find("1.2(b)").text == "when it will come."
    assert text.find("2.1").heading == "Concerns"
    assert "fifteen" not in (protocols_dir / "barset.txt").read_text()


def test_loading_a_shipped_council_replaces_its_text(protocols_dir):
    out = run("load", str(DATA / "ashdown-protocol.md"), "--council", "Leeds")
    assert "It replaces the Leeds text shipped with Nolan." in out
    assert [p.id for p in load_text("leeds")][:3] == ["1", "1.1", "1.2"]
    assert "4.5" not in load_text("leeds")


def test_load_refuses_an_unknown_file_type_and_writes_nothing(protocols_dir, tmp_path):
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(CommandError, match=r"protocol\.pdf: Nolan reads plain text, Markdown or Word"):
        run("load", str(pdf), "--council", "Barset")
    assert not protocols_dir.exists()


def test_load_refuses_a_damaged_docx_and_writes_nothing(protocols_dir, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    with pytest.raises(
        CommandError, match=r"broken\.docx cannot be read: it is not a readable Word document"
    ):
        run("load", str(broken), "--council", "Barset")
    assert not protocols_dir.exists()


def test_load_refuses_text_with_nothing_numbered(protocols_dir, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Our protocol\n\nMembers and officers respect each other.\n")
    with pytest.raises(CommandError, match="no numbered paragraphs"):
        run("load", str(notes), "--council", "Barset")
    assert not (protocols_dir / "barset.txt").exists()


def test_load_refuses_a_missing_file(protocols_dir, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("load", str(tmp_path / "missing.txt"), "--council", "Barset")


def test_the_installed_command_exits_non_zero_with_a_clear_message(tmp_path):
    nolan = Path(sys.executable).parent / "nolan"
    env = {**os.environ, "NOLAN_MODE": "test", "NOLAN_PROTOCOLS_DIR": str(tmp_path)}
    shown = subprocess.run(
        [nolan, "protocol", "show", "tower-hamlets", "14.2"], capture_output=True, text=True, env=env
    )
    assert shown.returncode == 0
    assert "should be raised privately with the Monitoring Officer." in shown.stdout
    missing = subprocess.run(
        [nolan, "protocol", "show", "tower-hamlets", "7.99"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 1
    assert "Tower Hamlets has no paragraph 7.99" in missing.stderr
    assert "Traceback" not in missing.stderr
