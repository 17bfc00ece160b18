"""A Member Enquiry from start to finish in a real browser, with the real worker delivering each
step's e-mail to a real SMTP server, and every enquiries page checked with axe-core (WCAG 2.2 AA).

The test process's clock is set to 10:00 on the latest working day that has passed, so the journey
happens in working hours whenever the suite runs: e-mail outside working hours rightly waits for
the next working morning (Tower Hamlets 4(a)), and the worker, reading the real clock, then finds
every message due. The live server shares the test's clock and database; the worker shares the
database.
"""

from __future__ import annotations

import datetime
import re
import time
from importlib import import_module
from zoneinfo import ZoneInfo

import holidays
import pytest
import time_machine
from playwright.sync_api import expect

from nolan.enquiries import rules
from nolan.enquiries.models import Category, Enquiry, PortfolioLink, RoutingRule, Status
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_journeys import give_authenticator_code, sign_in
from tests.personas import PASSWORD, build_council

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
SEEDED_CATEGORIES = import_module("nolan.enquiries.migrations.0002_seed_categories").CATEGORIES
QUEUED = "nolan.mail.backends.OutboxEmailBackend"


def last_working_morning(now: datetime.datetime) -> datetime.datetime:
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(now.year - 1, now.year + 1))
    day = now.date() if now.time() >= datetime.time(10, 5) else now.date() - datetime.timedelta(days=1)
    while day.weekday() >= 5 or day in bank_holidays:
        day -= datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=LONDON)


@pytest.fixture
def working_hours():
    with time_machine.travel(last_working_morning(datetime.datetime.now(LONDON)), tick=True):
        yield


@pytest.fixture
def council(transactional_db, working_hours, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EMAIL_BACKEND = QUEUED
    settings.DEFAULT_FROM_EMAIL = "nolan@ashdown.test"
    rules.clear_cache()
    ashdown = build_council()
    # The categories the migrations seed (a browser test's database is emptied after each test).
    for position, name in enumerate(SEEDED_CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"position": position * 10})
    RoutingRule.objects.create(category=Category.objects.get(name="Housing repairs"), service=ashdown.housing)
    PortfolioLink.objects.create(service=ashdown.housing, portfolio="Housing")
    return ashdown


class Mail:
    """What the SMTP sink has received, step by step."""

    def __init__(self, sink):
        self.sink = sink
        self.seen = 0

    def expect(self, subject_part: str, *, to: str, timeout: float = 20):
        """Wait for a new message whose subject contains ``subject_part``, sent to ``to``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.sink.messages[self.seen :]:
                if subject_part in message["Subject"] and to in message["X-RcptTo"]:
                    return message
            time.sleep(0.1)
        subjects = [f"{m['Subject']} → {m['X-RcptTo']}" for m in self.sink.messages]
        pytest.fail(f"no e-mail with {subject_part!r} to {to} in {timeout}s; received: {subjects}")

    def step_done(self):
        self.seen = len(self.sink.messages)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))


def staff_sign_in(page, email):
    sign_in(page, email)
    give_authenticator_code(page)
    expect(page.get_by_role("heading", name="What needs your attention")).to_be_visible()


def checked(page, label: str, shot: str = ""):
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page, label)
    if shot:
        screenshot(page, shot)


def open_enquiry(page, reference: str, via: str):
    page.get_by_role("link", name=via, exact=True).first.click()
    checked(page, via, "enquiries-" + via.lower().replace(" ", "-"))
    page.get_by_role("link", name=reference).click()
    expect(page.locator(".govuk-caption-l")).to_have_text(reference)
    checked(page, f"the enquiry page via {via}")


def take_step(page, name: str):
    """Follow one of the steps the enquiry page offers ("What you can do")."""
    page.get_by_role("complementary").get_by_text(name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def fill_date(page, legend: str, day: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_enquiry_raised_triaged_held_answered_reopened_answered_and_closed(
    browser_page, council, smtp_sink, worker
):
    page = browser_page
    mail = Mail(smtp_sink)
    member = council.councillor.email
    officer = council.officer.email

    # The Member raises it; a mistake first, to see the error summary.
    sign_in(page, member)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cllr Aisha Rahman")
    page.get_by_role("link", name="Enquiries", exact=True).click()
    checked(page, "My enquiries, empty")
    page.get_by_role("link", name="Raise an enquiry").click()
    checked(page, "the raise form")
    page.get_by_label("What are you asking?").fill("Black mould in the bedroom of 12 Eastgate House.")
    page.get_by_role("button", name="Raise enquiry").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a subject")
    expect(summary).to_contain_text("Choose a category")
    expect(summary).to_be_focused()
    checked(page, "the raise form with errors", "enquiries-raise-errors")
    assert Enquiry.objects.count() == 0

    page.get_by_label("Subject").fill("Damp in a council flat")
    page.get_by_label("Category").select_option(label="Housing repairs")
    page.get_by_label("Ward (optional)").select_option(label="Eastgate")
    page.get_by_label("Resident's name (optional)").fill("Mary Jones")
    page.get_by_role("group", name="Did the resident ask you to act on their behalf?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Raise enquiry").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("raised")
    enquiry = Enquiry.objects.get()
    reference = enquiry.reference
    expect(page.locator("#due-explanation")).to_have_text(enquiry.due_explanation)
    checked(page, "the new enquiry's page", "enquiries-page-new")
    mail.expect(f"[{reference}] Received", to=member)
    mail.expect("New enquiry to triage", to=council.member_enquiries.email)
    mail.step_done()
    page.get_by_role("link", name="My enquiries").click()
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    checked(page, "My enquiries", "enquiries-my-enquiries")
    sign_out(page)

    # The Member Enquiries team triages it from the queue.
    staff_sign_in(page, council.member_enquiries.email)
    expect(page.locator("#attention")).to_contain_text("1 enquiry waiting for triage")
    page.get_by_role("link", name="Enquiries", exact=True).click()
    open_enquiry(page, reference, "Triage queue")
    take_step(page, "Triage the enquiry")
    expect(page.get_by_text("The Monitoring Officer then decides (Tower Hamlets 7.2(b)).")).to_be_visible()
    checked(page, "the triage form", "enquiries-triage")
    page.get_by_label("Member enquiry", exact=True).check()
    page.get_by_role("button", name="Classify and route").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Sam Lee")
    checked(page, "the enquiry after triage")
    mail.expect("Being dealt with", to=member)
    mail.expect(reference, to=officer)
    mail.step_done()
    sign_out(page)

    # The handling officer sends a holding reply, then the response.
    staff_sign_in(page, officer)
    page.get_by_role("link", name="Enquiries", exact=True).click()
    open_enquiry(page, reference, "My worklist")
    screenshot(page, "enquiries-worklist-enquiry")
    take_step(page, "Send a holding reply")
    expect(page.locator("#copied-to")).to_contain_text("Daniel Price")
    checked(page, "the holding reply form", "enquiries-holding-reply")
    enquiry.refresh_from_db()
    new_due = enquiry.due_date + datetime.timedelta(days=7)
    page.get_by_label("Holding reply").fill("A surveyor is visiting the flat.")
    page.get_by_label("Why a full response is not possible yet").fill("We need the surveyor's report.")
    fill_date(page, "When can the Member expect a full response?", new_due)
    page.get_by_role("button", name="Send holding reply").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Holding reply sent")
    expect(page.get_by_text("(revised)")).to_be_visible()
    expect(page.get_by_text("Originally due").first).to_be_visible()
    checked(page, "the enquiry after the holding reply", "enquiries-page-holding")
    held = mail.expect("Holding reply", to=member)
    assert "director.place@ashdown.test" in held["Cc"]  # named, never a blind copy
    mail.step_done()

    take_step(page, "Write the response")
    checked(page, "the response form")
    page.get_by_label("Response", exact=True).fill("The mould treatment is booked for Monday.")
    page.get_by_role("button", name="Save draft").click()
    take_step(page, "Send the response")
    expect(page.locator("#copied-to")).to_contain_text("Daniel Price")
    checked(page, "the send page, naming who is copied", "enquiries-send")
    page.get_by_role("button", name="Send response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response sent")
    mail.expect("Response", to=member)
    mail.step_done()
    page.goto("/enquiries/worklist/")
    checked(page, "the worklist, empty again", "enquiries-worklist")
    sign_out(page)

    # The Member comes back on the answer within the follow-up window.
    sign_in(page, member)
    page.goto(f"/enquiries/{reference}/")
    checked(page, "the answered enquiry, as the Member", "enquiries-page-member")
    expect(page.get_by_text("The mould treatment is booked for Monday.")).to_be_visible()
    take_step(page, "Come back on the answer")
    checked(page, "the re-open form")
    page.get_by_label("What do you still need?").fill("The contractor did not come on Monday.")
    page.get_by_role("button", name="Re-open enquiry").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("re-opened")
    mail.expect("Re-opened", to=officer)
    mail.step_done()
    sign_out(page)

    # It is answered again...
    staff_sign_in(page, officer)
    page.goto(f"/enquiries/{reference}/")
    take_step(page, "Write the response")
    page.get_by_label("Response", exact=True).fill("The contractor will come on Wednesday at 9am.")
    page.get_by_role("button", name="Save draft").click()
    take_step(page, "Send the response")
    page.get_by_role("button", name="Send response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response sent")
    mail.expect("Response", to=member)
    mail.step_done()
    sign_out(page)

    # ...the Member says it met the need, and the Member Enquiries team closes it.
    sign_in(page, member)
    page.goto(f"/enquiries/{reference}/")
    take_step(page, "Did the answer meet your need?")
    checked(page, "the feedback form")
    page.get_by_role("group", name="Did the answer meet your need?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("feedback has been recorded")
    mail.expect("feedback", to=officer)
    mail.step_done()
    sign_out(page)

    staff_sign_in(page, council.member_enquiries.email)
    page.goto(f"/enquiries/{reference}/")
    take_step(page, "Close the enquiry")
    checked(page, "the close form")
    page.get_by_label("Why is it being closed?").fill("Answered, and the Member says it met the need.")
    page.get_by_role("button", name="Close enquiry").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Enquiry closed")
    checked(page, "the closed enquiry", "enquiries-page-closed")
    mail.expect("Closed", to=member)
    mail.step_done()
    sign_out(page)

    sign_in(page, member)
    page.goto(f"/enquiries/{reference}/")
    checked(page, "the closed enquiry, as the Member")
    timeline = page.locator(".moj-timeline")
    for step in ("Raised", "Holding reply sent", "Response sent", "Re-opened", "Member's feedback", "Closed"):
        expect(timeline).to_contain_text(step)
    expect(timeline).not_to_contain_text("Response drafted")  # internal steps are not the Member's

    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED and enquiry.met_need is True
    worker.wait_until_drained()


def test_a_member_raises_an_enquiry_with_files_without_javascript(no_script_page, council, tmp_path):
    page = no_script_page
    page.goto("/account/login/")
    page.get_by_label("Email").fill(council.councillor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto("/enquiries/new/")
    page.get_by_label("Subject").fill("Overgrown hedge on Mill Lane")
    page.get_by_label("What are you asking?").fill("The hedge blocks the pavement for wheelchair users.")
    page.get_by_label("Category").select_option(label="Highways")
    letter, photo = tmp_path / "letter.pdf", tmp_path / "hedge.png"
    letter.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    page.get_by_label("Attachments (optional)").set_input_files([letter, photo])
    page.get_by_role("button", name="Raise enquiry").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("raised")
    expect(page.get_by_role("link", name="letter.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="hedge.png")).to_be_visible()
    assert Enquiry.objects.get().attachments.count() == 2
