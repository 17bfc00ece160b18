"""The working-day calendar in a real browser: Member Services work out a due date, add a closure
day and take it out again; every page, answer and error is checked with axe-core for WCAG 2.2 AA."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nolan.calendar import services
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_journeys import give_authenticator_code, sign_in
from tests.personas import build_council

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ashdown(transactional_db):
    services.forget_calendars()
    yield build_council()
    services.forget_calendars()


def ask_for_a_due_date(page, day: str, month: str, year: str, days: str) -> None:
    form = page.locator("form[method=get]")
    form.get_by_label("Day", exact=True).fill(day)
    form.get_by_label("Month", exact=True).fill(month)
    form.get_by_label("Year", exact=True).fill(year)
    form.get_by_label("Number of working days").fill(days)
    form.get_by_role("button", name="Work out the date").click()


def test_member_services_use_and_change_the_calendar(browser_page, ashdown):
    page = browser_page
    sign_in(page, ashdown.member_services.email)
    give_authenticator_code(page)
    expect(page).to_have_url(re.compile(r"/$"))

    page.get_by_role("link", name="Working days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Working days")
    expect(page.get_by_role("table").first).to_be_visible()
    check_accessibility(page, "the working days page")
    screenshot(page, "calendar-index")

    # The example, answered on the page.
    ask_for_a_due_date(page, "24", "12", "2026", "10")
    expect(page.locator("#answer")).to_contain_text("Due Tue 12 Jan 2027")
    expect(page.locator("#explanation")).to_have_text(
        "10 working days from Thu 24 Dec 2026: skipped Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day "
        "(substitute day), Fri 1 Jan New Year's Day; due Tue 12 Jan 2027."
    )
    check_accessibility(page, "a due-date answer")
    screenshot(page, "calendar-due-date")

    # A date that does not exist: the GOV.UK error summary, linked to the field.
    ask_for_a_due_date(page, "31", "2", "2026", "10")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Day 0 must be a real date")
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_accessibility(page, "a due-date error")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_start_0")).to_be_focused()

    # Adding a closure day: first without a reason, then properly.
    page.goto("/calendar/")
    page.get_by_role("button", name="Add a closure day or bank holiday").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a day to the working-day calendar")
    check_accessibility(page, "the add-a-day page")
    page.get_by_label("Day", exact=True).fill("24")
    page.get_by_label("Month", exact=True).fill("12")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("Office closure day").check()
    page.get_by_label("Description").fill("Council offices closed (Christmas Eve)")
    page.get_by_role("button", name="Add the day").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason for the change")
    check_accessibility(page, "the add-a-day page with an error")
    page.get_by_label("Reason for the change").fill("Agreed by the Chief Executive")
    page.get_by_role("button", name="Add the day").click()

    expect(page).to_have_url(re.compile(r"/calendar/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Office closure day added")
    expect(
        page.get_by_role("cell", name="Council offices closed (Christmas Eve)", exact=True)
    ).to_be_visible()
    check_accessibility(page, "the working days page after a change")
    ask_for_a_due_date(page, "23", "12", "2026", "10")
    expect(page.locator("#explanation")).to_contain_text("Thu 24 Dec Council offices closed (Christmas Eve)")

    # Taking it out again.
    page.get_by_role("link", name=re.compile("Remove")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove a day from the working-day calendar")
    check_accessibility(page, "the remove-a-day page")
    page.get_by_label("Reason for the change").fill("The offices will open after all")
    page.get_by_role("button", name="Remove the day").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Removed: Thu 24 Dec 2026")
    expect(page.get_by_role("cell", name="Council offices closed (Christmas Eve)", exact=True)).to_have_count(
        0
    )
