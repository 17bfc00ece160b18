"""The protocol's pages, as the council's Members and officers read them: the protocol with each rule
Nolan applies beside its paragraph, one paragraph's page, search and the comparison across councils."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from nolan.core.citations import Citation
from nolan.protocols.views import paragraph_url
from tests.personas import make_user

INDEX = "/protocol/"


def main(response) -> str:
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def block(page: str, anchor: str) -> str:
    """The HTML of one paragraph's row, from its anchor to the next paragraph's."""
    start = page.index(f'id="{anchor}"')
    following = re.search(r'<div class="[^"]*nolan-paragraph[ "]', page[start + 10 :])
    return page[start : start + 10 + following.start()] if following else page[start:]


def words(html: str) -> str:
    """The page's text as a reader meets it: block elements separate words, inline ones do not."""
    html = re.sub(r"</?(?:p|li|ul|ol|div|dt|dd|dl|h\d|br|td|th|tr|table|caption|nav)\b[^>]*>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.fixture
def reader(client, ashdown):
    client.force_login(ashdown.councillor)
    return client


def test_the_index_url_is_the_navigations():
    assert reverse("protocols:index") == INDEX


def test_the_navigation_offers_the_protocol_to_a_directory_reader(reader):
    nav = reader.get("/").content.decode().split('id="navigation"')[1].split("</ul>")[0]
    assert re.search(rf'href="{INDEX}"[^>]*>\s*Protocol\s*</a>', nav)


# The council's own protocol ------------------------------------------------------------------------


def test_the_council_reads_its_own_protocol_with_contents_and_anchors(reader):
    response = reader.get(INDEX)
    assert response.status_code == 200
    page = main(response)
    assert "The protocol Nolan applies" in page
    assert "Tower Hamlets" in page
    assert "Another council's protocol" not in page
    # The contents list leads to each section.
    assert '<a class="govuk-link" href="#section-1">1. Introduction and Purpose of the Protocol</a>' in page
    assert 'id="section-1"' in page
    # Every paragraph has its id as its anchor, sub-items included.
    for anchor in ("p-7.1", "p-7.19", "p-4(a)", "p-14.2"):
        assert f'id="{anchor}"' in page, anchor


def test_a_cited_paragraph_shows_the_rule_beside_it_with_its_value(reader):
    page = main(reader.get(INDEX))
    row = words(block(page, "p-7.1"))
    assert "Nolan applies" in row
    assert "Response time for a Member enquiry" in row
    assert "10 working days" in row
    assert "Guidance" not in row
    # The Chief Executive route: Tower Hamlets 14.2 sends it to the Monitoring Officer.
    row = words(block(page, "p-14.2"))
    assert "A Member's complaint about the Chief Executive" in row
    assert "The Monitoring Officer" in row


def test_an_uncited_paragraph_is_marked_guidance(reader):
    page = main(reader.get(INDEX))
    row = words(block(page, "p-1.2"))
    assert "Guidance" in row
    assert "Nolan applies" not in row


def test_the_rule_links_to_the_comparison_of_its_parameter(reader):
    page = main(reader.get(INDEX))
    assert reverse("protocols:compare", args=["enquiries.response_time"]) in block(page, "p-7.1")


def test_leeds_footnotes_are_shown_under_their_paragraph(reader):
    page = main(reader.get("/protocol/leeds/"))
    row = words(block(page, "p-1.1"))
    assert "Footnotes" in row
    assert "coopted Members as well as elected councillors" in row


def test_sub_items_are_indented_and_linkable(reader):
    page = main(reader.get("/protocol/haringey/"))
    row = block(page, "p-9.16(b)")
    assert "nolan-paragraph__body--depth-1" in row
    assert 'href="/protocol/haringey/9.16(b)/"' in row


def test_sub_items_of_a_cited_paragraph_are_part_of_its_rule(reader):
    page = main(reader.get("/protocol/haringey/"))
    row = words(block(page, "p-12.29(a)"))
    assert "Part of 12.29" in row and "which Nolan applies" in row
    assert "Guidance" not in row


def test_a_number_that_heads_its_sub_items_is_shown_with_its_heading(reader):
    page = main(reader.get("/protocol/islington/"))
    assert re.search(r'<h3 [^>]*id="p-4\.1">4\.1 Requests for written information</h3>', page)
    page = words(main(reader.get("/protocol/islington/4.1/")))
    assert "Requests for written information" in page
    assert "Members are free to approach the appropriate service" in page  # 4.1(a), under it


def test_another_councils_protocol_is_labelled_as_such(reader):
    page = main(reader.get("/protocol/islington/"))
    assert "Another council's protocol" in page
    assert "This is Islington's protocol, not the one Nolan applies here." in words(page)
    assert "Nolan applies for Islington" in words(block(page, "p-5.5"))


def test_a_repeated_number_gets_distinct_anchors(reader):
    page = main(reader.get("/protocol/islington/"))
    ids = re.findall(r'id="(p-[^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert "p-3.3.2" in ids and "p-3.3.2-2" in ids


# One paragraph ---------------------------------------------------------------------------------


def test_a_paragraph_page_shows_the_text_and_the_rule(reader):
    response = reader.get("/protocol/tower-hamlets/7.1/")
    assert response.status_code == 200
    page = words(main(response))
    assert "Tower Hamlets 7.1" in page
    assert "Member's Enquiries system" in page
    assert "Response time for a Member enquiry" in page and "10 working days" in page


def test_a_paragraph_page_works_for_every_council(reader):
    for slug, number in (
        ("islington", "4.1(b)"),
        ("leeds", "4.5"),
        ("haringey", "9.16(b)"),
        ("hackney", "5.1"),
    ):
        response = reader.get(f"/protocol/{slug}/{number}/")
        assert response.status_code == 200, (slug, number)
        assert "Another council's protocol" in main(response)


def test_a_sub_item_page_shows_its_parent_and_a_parent_its_sub_items(reader):
    page = words(main(reader.get("/protocol/haringey/9.16(b)/")))
    assert "From Haringey 9.16: Complaints will be handled under one of the following procedures" in page
    page = main(reader.get("/protocol/haringey/9.16/"))
    for anchor in ("p-9.16", "p-9.16(a)", "p-9.16(b)", "p-9.16(c)"):
        assert f'id="{anchor}"' in page


def test_a_citation_links_to_its_paragraph(reader):
    assert paragraph_url(Citation("Tower Hamlets", "7.19")) == "/protocol/tower-hamlets/7.19/"
    assert paragraph_url(Citation("Haringey", "9.16 (b)")) == "/protocol/haringey/9.16(b)/"
    second = paragraph_url(Citation("Islington", "3.3.2", "Personal familiarity"))
    assert second.startswith("/protocol/islington/3.3.2/#p-3.3.2")
    assert reader.get(second.split("#")[0]).status_code == 200


def test_an_unknown_paragraph_is_a_404_with_near_numbers(reader):
    response = reader.get("/protocol/tower-hamlets/7.99/")
    assert response.status_code == 404
    page = words(main(response))
    assert "Paragraph not found" in page
    assert "has no paragraph numbered “7.99”" in page


def test_an_unknown_council_is_a_404(reader):
    assert reader.get("/protocol/atlantis/").status_code == 404
    response = reader.get("/protocol/atlantis/7.1/")
    assert response.status_code == 404
    assert "Page not found" in main(response)


# Search ---------------------------------------------------------------------------------------------


def test_search_ranks_haringey_9_02_first_for_a_complaint_about_the_chief_executive(reader):
    response = reader.get(
        reverse("protocols:search"), {"q": "complaint about the Chief Executive", "council": "haringey"}
    )
    assert response.status_code == 200
    page = main(response)
    results = re.findall(r'<li class="nolan-results__item">(.*?)</li>', page, re.S)
    assert results
    assert "Haringey 9.02" in results[0]
    assert 'href="/protocol/haringey/9.02/"' in results[0]
    assert "<mark>Chief</mark>" in results[0] and "<mark>Executive</mark>" in results[0]
    assert re.search(r"\d+ paragraphs of Haringey's protocol match", words(page))


def test_search_defaults_to_the_councils_own_protocol(reader):
    page = main(reader.get(reverse("protocols:search"), {"q": "out of hours"}))
    assert re.search(r"\d+ paragraphs? of Tower Hamlets' protocol match(es)? “out of hours”", words(page))
    results = re.findall(r'<li class="nolan-results__item">(.*?)</li>', page, re.S)
    assert "Tower Hamlets 4(a)" in results[0]
    assert "<mark>non-working</mark>" in results[0] or "<mark>non</mark>-<mark>working</mark>" in results[0]


def test_search_with_no_match_says_so_and_helps(reader):
    page = words(main(reader.get(reverse("protocols:search"), {"q": "zeppelin"})))
    assert "No paragraphs of Tower Hamlets' protocol match “zeppelin”" in page
    assert "check the spelling" in page


def test_search_escapes_what_was_asked(reader):
    page = main(reader.get(reverse("protocols:search"), {"q": "<script>alert(1)</script> officer"}))
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_markup_in_a_councils_loaded_protocol_is_shown_as_text(reader, tmp_path, monkeypatch):
    """The protocol's body and the search snippets are built as HTML and marked safe: the text a
    council loads goes through the template's escaping and search's, never straight into the page."""
    monkeypatch.setenv("NOLAN_PROTOCOLS_DIR", str(tmp_path))
    (tmp_path / "barset.txt").write_text(
        "1. Enquiries <script>alert(1)</script>\n\n"
        '1.1 Officers answer "><img src=x onerror=alert(2)> within five working days & no more.\n'
    )
    pages = {
        "the protocol": reader.get(reverse("protocols:protocol", args=["barset"])),
        "the paragraph": reader.get(reverse("protocols:paragraph", args=["barset", "1.1"])),
        "the search": reader.get(reverse("protocols:search"), {"q": "officers onerror", "council": "barset"}),
    }
    for where, response in pages.items():
        assert response.status_code == 200, where
        page = main(response)
        assert "<img src=x" not in page and "<script>alert" not in page, where
        assert "&quot;&gt;&lt;img src=x" in page or "&lt;img src=x" in page, where
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main(pages["the protocol"])
    snippet = main(pages["the search"])
    assert "<mark>Officers</mark>" in snippet and "<mark>onerror</mark>" in snippet
    assert "&amp; no more" in snippet


def test_search_refuses_an_unknown_council_with_a_message(reader):
    response = reader.get(reverse("protocols:search"), {"q": "officer", "council": "atlantis"})
    assert response.status_code == 200
    page = main(response)
    assert "govuk-error-summary" in page and "Choose a council from the list" in page


def test_search_refuses_a_very_long_question_with_a_message(reader):
    response = reader.get(reverse("protocols:search"), {"q": "officer " * 40})
    assert "Search for 200 characters or fewer" in main(response)


def test_search_results_are_paged(reader):
    first = main(reader.get(reverse("protocols:search"), {"q": "officer", "council": "haringey"}))
    assert len(re.findall(r'<li class="nolan-results__item">', first)) == 20
    assert "Showing 1 to 20" in first
    second = main(reader.get(reverse("protocols:search"), {"q": "officer", "council": "haringey", "page": 2}))
    assert "Showing 21 to" in second


@pytest.mark.parametrize("asked", ["", "abc", "-1"])
def test_a_page_of_results_that_is_not_a_page_number_shows_the_first_and_says_why(reader, asked):
    query = {"q": "officer", "council": "haringey", "page": asked}
    page = main(reader.get(reverse("protocols:search"), query))
    assert "Showing 1 to 20" in page
    assert "This is the first page." in page


# Comparison -----------------------------------------------------------------------------------------


def test_the_parameters_are_listed_by_area(reader):
    page = words(main(reader.get(reverse("protocols:compare_list"))))
    for area in (
        "Member Enquiries",
        "Concerns and complaints between Members and officers",
        "Political groups",
    ):
        assert area in page
    assert "A Member's complaint about the Chief Executive" in page


def test_the_chief_executive_route_differs_between_councils(reader):
    response = reader.get(reverse("protocols:compare", args=["complaints.about_officer.chief_executive"]))
    assert response.status_code == 200
    page = main(response)
    rows = {
        words(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)).split(" the protocol")[0]: row
        for row in re.findall(r'<tr class="govuk-table__row[^"]*">(.*?)</tr>', page, re.S)[1:]
    }
    assert set(rows) == {"Tower Hamlets", "Islington", "Leeds", "Haringey", "Hackney"}
    assert "The Leader" in words(rows["Islington"])
    assert 'href="/protocol/islington/5.5/"' in rows["Islington"]
    assert "The Leader" in words(rows["Haringey"])
    assert 'href="/protocol/haringey/9.02/"' in rows["Haringey"]
    assert "The Monitoring Officer" in words(rows["Tower Hamlets"])
    assert 'href="/protocol/tower-hamlets/14.2/"' in rows["Tower Hamlets"]
    assert "the protocol Nolan applies" in words(rows["Tower Hamlets"])
    assert "Specified by the protocol" in words(rows["Tower Hamlets"])
    assert "Not specified — Nolan's default, because" in words(rows["Leeds"])


def test_an_unknown_parameter_is_a_404(reader):
    assert reader.get("/protocol/compare/enquiries.no_such_thing/").status_code == 404


# Who may see -----------------------------------------------------------------------------------------

PAGES = [
    INDEX,
    "/protocol/haringey/",
    "/protocol/haringey/9.02/",
    "/protocol/search/?q=officer",
    "/protocol/compare/",
    "/protocol/compare/enquiries.response_time/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_signed_out_visitor_is_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


@pytest.mark.parametrize("url", PAGES)
def test_someone_with_no_place_in_the_council_is_refused(client, ashdown, url):
    client.force_login(make_user("visitor@ashdown.test", "Vic", "Visitor", second_factor=False))
    response = client.get(url)
    assert response.status_code == 403
    assert f'href="{INDEX}"' not in response.content.decode()  # nor does the navigation offer it


@pytest.mark.parametrize("persona", ["officer", "member_services", "monitoring_officer"])
def test_officers_read_the_protocol_too(client, ashdown, persona):
    client.force_login(getattr(ashdown, persona))
    assert client.get(INDEX).status_code == 200


def test_the_protocol_follows_the_councils_profile(reader, ashdown):
    ashdown.council.protocol_profile = "haringey"
    ashdown.council.save()
    page = main(reader.get(INDEX))
    assert "The protocol Nolan applies" in page
    assert "Haringey" in page and 'id="p-9.02"' in page
