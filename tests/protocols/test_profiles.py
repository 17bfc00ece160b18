"""The five councils' profiles: what each protocol says, cited to its paragraph, and the checks that
keep a profile honest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nolan.core.citations import Citation
from nolan.directory.models import Council
from nolan.enquiries import rules
from nolan.protocols.parameters import PARAMETERS
from nolan.protocols.profiles import SHIPPED_DIR, ProfileError, load_profile, shipped, validate_all
from nolan.protocols.texts import COUNCILS, load_text

SLUGS = list(COUNCILS)


def test_nolan_ships_one_profile_per_council():
    assert shipped() == sorted(SLUGS)
    for slug in SLUGS:
        assert load_profile(slug).council == COUNCILS[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_parameter_is_cited_or_marked_not_specified_with_why(slug):
    profile = load_profile(slug)
    assert set(profile.settings) == set(PARAMETERS)
    for key, setting in profile.settings.items():
        assert setting.why, (slug, key)
        if setting.specified:
            assert setting.citations, (slug, key)
            for citation in setting.citations:
                assert citation.council == COUNCILS[slug]
                assert load_text(slug).find(citation.paragraph, citation.heading) is not None
        else:
            assert setting.citations == (), (slug, key)


# What the protocols say, as the issue lists it: (council, parameter, value, unit, paragraphs cited).
GOLDEN = [
    ("tower-hamlets", "enquiries.response_time", 10, "working days", ["7.1"]),
    ("islington", "enquiries.response_time", 10, "working days", ["4.1(b)"]),
    ("haringey", "enquiries.response_time", 10, "days", ["12.19"]),
    ("islington", "enquiries.holding_reply", True, "", ["4.1(b)"]),
    ("haringey", "enquiries.holding_reply", True, "", ["12.19"]),
    ("tower-hamlets", "enquiries.chasing", True, "", ["7.1"]),
    ("tower-hamlets", "enquiries.urgent_route", True, "", ["7.2(a)"]),
    ("tower-hamlets", "enquiries.access_in_doubt", True, "", ["7.2(b)"]),
    ("tower-hamlets", "enquiries.non_routine_recipient", "director", "", ["7.1"]),
    ("haringey", "enquiries.copy_director", True, "", ["12.01", "12.28"]),
    ("haringey", "enquiries.name_copies", True, "", ["12.29"]),
    ("islington", "enquiries.executive_member_copy", True, "", ["4.1(c)"]),
    ("tower-hamlets", "enquiries.executive_member_copy", False, "", ["7.19"]),
    ("haringey", "enquiries.executive_member_copy", False, "", ["12.01"]),
    ("islington", "complaints.about_officer.chief_executive", "leader", "", ["5.5"]),
    ("haringey", "complaints.about_officer.chief_executive", "leader", "", ["9.02"]),
    ("tower-hamlets", "complaints.about_officer.chief_executive", "monitoring_officer", "", ["14.2"]),
    ("tower-hamlets", "complaints.about_officer.corporate_director", "chief_executive", "", ["14.2"]),
    ("haringey", "complaints.about_officer.director", "chief_executive", "", ["9.02"]),
    ("islington", "complaints.about_officer.time_limit", 6, "months", ["5.5"]),
    ("haringey", "complaints.about_officer.acknowledgement_time", 5, "days", ["9.08"]),
    ("haringey", "complaints.about_member.acknowledgement_time", 5, "working days", ["9.14"]),
    ("haringey", "complaints.about_member.director", "chief_executive", "", ["9.14"]),
    ("haringey", "complaints.about_member.investigation_time", 6, "months", ["9.16(b)"]),
    ("tower-hamlets", "complaints.about_member.formal", "monitoring_officer", "", ["14.1"]),
    ("islington", "groups.joint_briefing_notice", 1, "weeks", ["4.2(b)"]),
    ("islington", "groups.other_groups", "offered", "", ["4.5(b)"]),
    ("islington", "wards.consultation_timing", "at_outset", "", ["4.4(a)"]),
    ("tower-hamlets", "contact.out_of_hours", True, "", ["4(a)"]),
    ("haringey", "contact.out_of_hours", True, "", ["5.01(u)", "6.01(q)"]),
    ("islington", "relationships.declaration", True, "", ["3.3.2"]),
    ("tower-hamlets", "relationships.declared_to", "monitoring_officer", "", ["10.4"]),
    ("leeds", "relationships.declared_to", "monitoring_officer", "", ["4.5"]),
    ("islington", "relationships.familial_declared_to", "human_resources", "", ["3.3.2"]),
    ("islington", "elections.guidance_from", "monitoring_officer", "", ["10.1"]),
    ("haringey", "standards.complaint_outcomes_reported", True, "", ["9.20"]),
    ("hackney", "enquiries.non_routine_route", True, "", ["5.2", "5.3", "5.4"]),
    ("hackney", "standards.complaint_outcomes_reported", True, "", ["1.1", "5.17"]),
]


@pytest.mark.parametrize("slug, key, value, unit, paragraphs", GOLDEN)
def test_the_profile_says_what_the_protocol_says(slug, key, value, unit, paragraphs):
    setting = load_profile(slug).setting(key)
    assert setting.specified
    assert setting.value == value
    assert setting.unit == unit
    assert [c.paragraph for c in setting.citations] == paragraphs


# The words of the cited paragraph that the value rests on (read from the shipped texts).
WORDS = [
    ("tower-hamlets", "7.1", "10 working days"),
    ("tower-hamlets", "7.1", "officers will chase outstanding enquiries"),
    ("tower-hamlets", "7.2(a)", "extremely urgent"),
    (
        "tower-hamlets",
        "14.2",
        "concern about the Chief Executive should be raised privately with the Monitoring",
    ),
    ("tower-hamlets", "4(a)", "non-working time"),
    ("tower-hamlets", "10.4", "inform the Monitoring Officer"),
    ("islington", "4.1(b)", "within 10 working days"),
    ("islington", "4.1(c)", "copied to the relevant Executive member"),
    ("islington", "5.5", "within six months"),
    ("islington", "5.5", "Chief Executive should be raised with the Leader"),
    ("islington", "4.2(b)", "at least one week"),
    ("islington", "4.5(b)", "offered to any other party groups"),
    ("haringey", "12.19", "10-day timescale"),
    ("haringey", "9.02", "Chief Executive should be raised with the Leader"),
    ("haringey", "9.08", "Within 5 days"),
    ("haringey", "9.14", "five working days"),
    ("haringey", "9.16(b)", "within 6 months"),
    ("haringey", "5.01(u)", "inconvenient times"),
    ("haringey", "12.29", "blind"),
    ("leeds", "4.5", "inform the Monitoring Officer of any relationship"),
]


@pytest.mark.parametrize("slug, paragraph, words", WORDS)
def test_the_cited_paragraph_holds_the_words_the_value_rests_on(slug, paragraph, words):
    protocol = load_text(slug)
    cited = protocol.find(paragraph)
    # The paragraph with its sub-items ("12.29" with its (a) to (c)).
    parts = [cited.text, *(p.text for p in protocol.paragraphs if p.parent == cited.id)]
    assert words in " ".join(" ".join(parts).split())


def test_a_repeated_islington_number_is_cited_with_its_heading():
    setting = load_profile("islington").setting("relationships.declaration")
    assert setting.citations == (Citation("Islington", "3.3.2", "Personal familiarity"),)
    assert str(setting.citations[0]) == "Islington 3.3.2, Personal familiarity"
    assert "openly declared" in load_text("islington").find("3.3.2", "Personal familiarity").text
    # An unrepeated number carries no heading.
    assert load_profile("tower-hamlets").setting("enquiries.response_time").citations == (
        Citation("Tower Hamlets", "7.1"),
    )


def test_a_silent_protocol_gives_nolan_s_default_and_why():
    setting = load_profile("leeds").setting("enquiries.response_time")
    assert not setting.specified
    assert setting.value == 10 and setting.unit == "working days"
    assert "sets no response time" in setting.why


def test_the_paragraphs_a_profile_implements():
    implemented = load_profile("haringey").implemented_paragraphs()
    assert {s.key for s in implemented["12.19"]} == {"enquiries.response_time", "enquiries.holding_reply"}
    assert "complaints.about_officer.chief_executive" in {s.key for s in implemented["9.02"]}


def test_an_unknown_parameter_is_a_clear_key_error():
    with pytest.raises(KeyError, match="nolan protocol compare"):
        load_profile("islington").setting("enquiries.reponse_time")


@pytest.mark.parametrize("slug", SLUGS)
def test_member_enquiries_reads_its_rules_from_the_profile(slug):
    rules.clear_cache()
    council = Council(name="x", protocol_profile=slug)
    rule = rules.response_time(council)
    setting = load_profile(slug).setting("enquiries.response_time")
    assert (rule.value, rule.unit, rule.citations, rule.specified) == (
        setting.value,
        setting.unit,
        setting.citations,
        setting.specified,
    )
    assert rules.retention(council).value == 2 and rules.retention(council).unit == "years"


# A council's own profile, and the checks ------------------------------------------------------------


@pytest.fixture
def own_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    monkeypatch.setenv("NOLAN_PROFILES_DIR", str(folder))
    # Councils' loaded protocol texts: none, unless a test loads one.
    monkeypatch.setenv("NOLAN_PROTOCOLS_DIR", str(tmp_path / "protocols"))
    return folder


def write(folder: Path, slug: str, old: str = "", new: str = "", source: str = "") -> Path:
    text = (SHIPPED_DIR / f"{source or slug}.toml").read_text()
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / f"{slug}.toml"
    path.write_text(text)
    return path


def problems(slug: str) -> list[str]:
    with pytest.raises(ProfileError) as error:
        load_profile(slug)
    return error.value.problems


def test_a_council_s_own_profile_wins_over_the_shipped_one(own_dir):
    path = write(own_dir, "islington", 'value = 1\nunit = "weeks"', 'value = 2\nunit = "weeks"')
    profile = load_profile("islington")
    assert profile.path == path
    assert profile.setting("groups.joint_briefing_notice").describe() == "2 weeks"
    # Edited again, it is read again.
    path.write_text(path.read_text().replace('value = 2\nunit = "weeks"', 'value = 3\nunit = "weeks"'))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_profile("islington").setting("groups.joint_briefing_notice").value == 3


def test_a_citation_of_a_paragraph_the_text_lacks_names_file_key_and_paragraph(own_dir):
    path = write(own_dir, "haringey", 'cite = ["9.16(b)"]', 'cite = ["9.16(z)"]')
    assert problems("haringey") == [
        f"{path}: [complaints.about_member.investigation_time] cites paragraph 9.16(z), which Haringey's "
        "protocol text does not have"
    ]


def test_a_missing_parameter_is_named(own_dir):
    path = write(
        own_dir,
        "tower-hamlets",
        '[enquiries.response_time]\nvalue = 10\nunit = "working days"\ncite = ["7.1"]\ngloss = "The maximum '
        'turn round time expected for routine Member enquiries is 10 working days."\n',
        "",
    )
    found = problems("tower-hamlets")
    assert len(found) == 1
    assert found[0].startswith(f"{path}: [enquiries.response_time] is missing.")
    assert "specified = false with Nolan's default (10 working days)" in found[0]


def test_an_unknown_key_and_a_wrong_kind_are_refused(own_dir):
    path = write(own_dir, "leeds", "[enquiries.holding_reply]", "[enquiries.holding_replies]")
    found = problems("leeds")
    assert (
        f"{path}: [enquiries.holding_replies] is not a protocol parameter (see 'nolan protocol compare')"
        in found
    )
    assert any(p.startswith(f"{path}: [enquiries.holding_reply] is missing") for p in found)

    write(own_dir, "leeds", 'value = "on_amendment"', 'value = "sometimes"')
    assert problems("leeds") == [
        f"{path}: [standards.protocol_review] value must be one of annual, on_amendment; not 'sometimes' "
        "(review of the protocol)"
    ]


def test_a_repeated_number_without_its_heading_is_refused(own_dir):
    path = write(own_dir, "islington", 'cite = ["3.3.2 Personal familiarity"]', 'cite = ["3.3.2"]')
    (found,) = problems("islington")
    assert found.startswith(f"{path}: [relationships.declaration] cites paragraph 3.3.2, which Islington's")
    assert "2 times" in found and "add the heading" in found


def test_a_heading_the_text_does_not_have_is_refused(own_dir):
    write(own_dir, "islington", 'cite = ["3.3.2 Personal familiarity"]', 'cite = ["3.3.2 Personal finances"]')
    (found,) = problems("islington")
    assert "cites paragraph 3.3.2 under the heading 'Personal finances'" in found
    assert "Personal familiarity" in found


def test_specified_needs_a_citation_and_silent_needs_a_reason(own_dir):
    path = write(own_dir, "hackney", 'cite = ["5.15"]\n', "")
    assert problems("hackney") == [
        f"{path}: [complaints.about_officer.officer] cites no paragraph: give cite = [...] or, if the "
        "protocol is silent, specified = false"
    ]
    text = path.read_text().replace(
        "[complaints.about_officer.officer]\n", '[complaints.about_officer.officer]\ncite = ["5.15"]\n'
    )
    text = text.replace(
        'why = "The report sets no time limit, so Nolan refuses no concern for its age '
        '(0 means no limit)."\n',
        "",
    )
    path.write_text(text)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert problems("hackney") == [
        f"{path}: [complaints.about_officer.time_limit] is marked specified = false but does not say why "
        "(Nolan's reason)"
    ]


def test_a_unit_the_parameter_does_not_take_is_refused(own_dir):
    path = write(own_dir, "haringey", 'value = 10\nunit = "days"', 'value = 10\nunit = "fortnights"')
    (found,) = problems("haringey")
    assert found.startswith(f"{path}: [enquiries.response_time] unit must be one of 'working days', 'days'")


def test_a_file_that_is_not_toml_is_named(own_dir):
    path = own_dir / "leeds.toml"
    path.write_text("[profile]\ncouncil = Leeds\n")
    (found,) = problems("leeds")
    assert found.startswith(f"{path}: is not valid TOML:")


def test_the_council_named_must_be_the_one_its_text_is_cited_as(own_dir):
    path = write(own_dir, "leeds", 'council = "Leeds"', 'council = "Leeds City Council"')
    (found,) = problems("leeds")
    assert found == (
        f"{path}: [profile] council is 'Leeds City Council', but the leeds protocol is cited as 'Leeds'"
    )


def test_a_profile_for_a_council_without_a_text_cannot_check_its_citations(own_dir):
    path = write(own_dir, "ashdown", 'council = "Leeds"', 'council = "Ashdown"', source="leeds")
    found = problems("ashdown")
    assert found[0].startswith(f"{path}: there is no protocol text for 'ashdown'")


def test_validate_all_lists_every_problem_in_every_file(own_dir):
    write(own_dir, "haringey", 'cite = ["9.16(b)"]', 'cite = ["9.16(z)"]')
    write(own_dir, "leeds", 'cite = ["4.5"]', 'cite = ["4.55"]')
    with pytest.raises(ProfileError) as error:
        validate_all()
    message = str(error.value)
    assert "haringey.toml: [complaints.about_member.investigation_time] cites paragraph 9.16(z)" in message
    assert "leeds.toml: [relationships.declared_to] cites paragraph 4.55" in message


def test_an_unknown_profile_lists_those_there_are():
    with pytest.raises(ProfileError, match="There is no protocol profile 'ashdown'.*islington"):
        load_profile("ashdown")


def test_a_council_with_its_own_protocol_and_profile(own_dir, tmp_path):
    texts_dir = tmp_path / "protocols"
    texts_dir.mkdir()
    (texts_dir / "ashdown.txt").write_text(
        (SHIPPED_DIR.parent / "texts" / "leeds.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    write(own_dir, "ashdown", 'council = "Leeds"', 'council = "Ashdown"', source="leeds")
    profile = load_profile("ashdown")
    assert profile.setting("relationships.declared_to").citations == (Citation("Ashdown", "4.5"),)
    validate_all()
