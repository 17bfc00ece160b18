"""The protocol pages in a real browser: a councillor reads the council's protocol, follows a
paragraph's anchor, opens one paragraph's page, searches (with and without results) and compares a
rule across the councils; every page is checked with axe-core for WCAG 2.2 AA."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_journeys import sign_in
from tests.personas import build_council

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ashdown(transactional_db):
    return build_council()


def paragraph(page, anchor: str):
    return page.locator(f'[id="{anchor}"]')


def test_a_councillor_reads_searches_and_compares_the_protocol(browser_page, ashdown):
    page = browser_page
    sign_in(page, ashdown.councillor.email)
    expect(page).to_have_url(re.compile(r"/$"))

    # The council's own protocol, from the navigation.
    page.get_by_role("link", name="Protocol", exact=True).click()
    expect(page).to_have_url(re.compile(r"/protocol/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tower Hamlets")
    expect(page.locator(".govuk-caption-l")).to_have_text("The protocol Nolan applies")
    check_accessibility(page, "the council's protocol")
    screenshot(page, "protocol-index")

    # The contents list leads to a section; the section heading comes into view.
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name=re.compile(r"^D\. Confidentiality")).click()
    expect(page).to_have_url(re.compile(r"#section-\d+$"))
    expect(page.get_by_role("heading", name=re.compile(r"^D\. Confidentiality"), level=2)).to_be_in_viewport()

    # A paragraph's anchor: 7.1 is in view, picked out, with the rule Nolan applies beside it.
    page.goto("/protocol/#p-7.1")
    rule = paragraph(page, "p-7.1")
    expect(rule).to_be_in_viewport()
    assert rule.evaluate("el => el.matches(':target')")
    expect(rule.locator(".nolan-applies")).to_contain_text("Nolan applies")
    expect(rule.locator(".nolan-applies")).to_contain_text("Response time for a Member enquiry")
    expect(rule.locator(".nolan-applies")).to_contain_text("10 working days")
    expect(paragraph(page, "p-1.2")).to_contain_text("Guidance")
    screenshot(page, "protocol-anchor-7.1")

    # The paragraph's own page, from its number.
    rule.get_by_role("link", name="Paragraph 7.1").click()
    expect(page).to_have_url(re.compile(r"/protocol/tower-hamlets/7\.1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tower Hamlets 7.1")
    expect(page.locator(".nolan-applies")).to_contain_text("10 working days")
    check_accessibility(page, "a paragraph's page")
    screenshot(page, "protocol-paragraph")
    page.get_by_role("link", name=re.compile(r"^Next paragraph")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Tower Hamlets 7\.1\(a\)|7\.2"))

    # Another council's sub-item, labelled as another council's.
    page.goto("/protocol/haringey/9.16(b)/")
    expect(page.locator(".govuk-caption-l")).to_have_text("Another council's protocol")
    expect(page.locator(".nolan-other-council")).to_contain_text("not the one Nolan applies here")
    check_accessibility(page, "another council's paragraph")
    screenshot(page, "protocol-other-council-paragraph")
    page.get_by_role("link", name=re.compile(r"^Read 9\.16\(b\) in the whole")).click()
    expect(paragraph(page, "p-9.16(b)")).to_be_in_viewport()
    check_accessibility(page, "another council's protocol")

    # Search: results ranked, words marked, each leading to its paragraph.
    page.goto("/protocol/search/")
    check_accessibility(page, "the search page")
    page.get_by_label("Words to search for").fill("complaint about the Chief Executive")
    page.get_by_label("Whose protocol").select_option(label="Haringey")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile(r"^Search results for “complaint about the Chief Executive”"))
    expect(page.locator("#results")).to_contain_text("of Haringey's protocol match")
    first = page.locator(".nolan-results__item").first
    expect(first.get_by_role("heading")).to_have_text("Haringey 9.02")
    expect(first.locator("mark").first).to_be_visible()
    check_accessibility(page, "search results")
    screenshot(page, "protocol-search-results")
    first.get_by_role("link", name="Haringey 9.02").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haringey 9.02")

    # A search that finds nothing says so and suggests what to try.
    page.goto("/protocol/search/?q=zeppelin")
    expect(page.locator("#results")).to_have_text("No paragraphs of Tower Hamlets' protocol match “zeppelin”")
    expect(page.get_by_text("check the spelling")).to_be_visible()
    check_accessibility(page, "a search with no results")
    screenshot(page, "protocol-search-none")

    # Comparison: the Chief Executive route across the five councils, with citations.
    page.goto("/protocol/compare/")
    check_accessibility(page, "the list of parameters")
    screenshot(page, "protocol-compare-list")
    page.get_by_role("link", name="A Member's complaint about the Chief Executive").click()
    table = page.get_by_role("table")

    def row(council: str):
        return table.get_by_role("row", name=re.compile(rf"^{council}"))

    expect(row("Islington")).to_contain_text("The Leader")
    expect(row("Haringey")).to_contain_text("The Leader")
    expect(row("Tower Hamlets")).to_contain_text("The Monitoring Officer")
    check_accessibility(page, "a comparison")
    screenshot(page, "protocol-compare")
    table.get_by_role("link", name="Islington 5.5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Islington 5.5")
    expect(page.locator(".nolan-applies")).to_contain_text("The Leader")


def test_an_unknown_paragraph_page_is_accessible_and_helps(browser_page, ashdown):
    page = browser_page
    sign_in(page, ashdown.councillor.email)
    response = page.goto("/protocol/tower-hamlets/7.99/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Paragraph not found")
    check_accessibility(page, "an unknown paragraph")
