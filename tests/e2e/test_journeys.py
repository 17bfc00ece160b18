"""Signing in and finding your way around, in a real browser, checked with axe-core for WCAG 2.2 AA."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from nolan.directory import models as d
from tests.e2e.conftest import check_accessibility, screenshot
from tests.personas import PASSWORD, TOTP_SECRET, build_council, make_user, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture
def ashdown(transactional_db):
    return build_council()


_codes_given: dict[str, str] = {}


def code_from_the_app(secret: str = TOTP_SECRET) -> str:
    """The app's current code, taken early enough in its 30-second period to reach the server
    while it still holds (allauth accepts no code from the period before). Nolan refuses a code
    used once already, so a person signing in twice within one period waits for the app's next
    code, as they would with their phone."""
    remaining = 30 - time.time() % 30
    if remaining < 8 or totp_code(secret) == _codes_given.get(secret):
        time.sleep(remaining + 0.5)
    code = totp_code(secret)
    _codes_given[secret] = code
    return code


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/account/login/")
    check_accessibility(page, "the sign-in page")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def give_authenticator_code(page) -> None:
    expect(page).to_have_url(re.compile(r"/account/2fa/authenticate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    check_accessibility(page, "the authenticator code page")
    screenshot(page, "authenticator-code")
    page.get_by_label("Code").fill(code_from_the_app())
    page.get_by_role("button", name="Continue").click()


def assert_styled(page) -> None:
    """The stylesheet really loaded: the header is GOV.UK black, the text Arial (not GDS Transport)."""
    header = page.locator(".govuk-generic-header")
    background = header.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in (TRANSPARENT, "transparent"), background
    font = page.locator("h1").first.evaluate("el => getComputedStyle(el).fontFamily").lower()
    assert font.startswith("arial"), font
    assert page.locator("svg.govuk-header__logotype, .govuk-header__crown, .govuk-footer__crown").count() == 0


def visit_what_the_navigation_offers(page, persona: str) -> list[str]:
    """Every page the service navigation and the footer lead to, each checked with axe."""
    nav = page.locator(".govuk-service-navigation__list a")
    links = {nav.nth(i).inner_text().strip(): nav.nth(i).get_attribute("href") for i in range(nav.count())}
    links["Accessibility statement"] = page.locator(
        ".govuk-footer a", has_text="Accessibility statement"
    ).get_attribute("href")
    # The API documentation is drf-spectacular's Swagger UI page, not part of Nolan's page frame.
    links.pop("API documentation", None)
    for text, href in links.items():
        page.goto(href)
        expect(page.locator("h1")).to_be_visible()
        assert_styled(page)
        check_accessibility(page, f"{text} as the {persona}")
    return sorted(links)


@pytest.mark.parametrize(
    ("persona", "heading", "capacity", "needs_code"),
    [
        ("councillor", "Cllr Aisha Rahman", "Elected councillor", False),
        ("opposition_leader", "Cllr Tom Whitfield", "Elected councillor", False),
        ("director", "Daniel Price", "Director of Place", True),
    ],
)
def test_a_persona_signs_in_and_every_page_they_can_reach_is_accessible(
    browser_page, ashdown, persona, heading, capacity, needs_code
):
    page = browser_page
    user = getattr(ashdown, persona)
    sign_in(page, user.email)
    if needs_code:
        give_authenticator_code(page)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".nolan-header__account")).to_contain_text(f"{heading}, {capacity}")
    expect(page.locator(".govuk-generic-header")).to_contain_text("London Borough of Ashdown")
    expect(page.get_by_role("heading", name="What needs your attention")).to_be_visible()
    assert_styled(page)
    check_accessibility(page, f"the home page of the {persona}")
    screenshot(page, f"home-{persona}")

    visited = visit_what_the_navigation_offers(page, persona)
    assert {"Home", "Directory", "Accessibility statement"} <= set(visited)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/"))


def test_a_wrong_password_shows_an_error_summary_and_does_not_sign_in(browser_page, ashdown):
    page = browser_page
    sign_in(page, ashdown.councillor.email, "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to it, so screen readers hear it
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    check_accessibility(page, "the sign-in page with an error")
    screenshot(page, "sign-in-error")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Email")).to_be_focused()

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/"))


def test_the_sign_in_page_works_without_javascript(no_script_page, ashdown):
    page = no_script_page
    page.goto("/account/login/")
    page.get_by_label("Email").fill(ashdown.councillor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cllr Aisha Rahman")
    expect(page.get_by_role("link", name="Directory", exact=True)).to_be_visible()  # no menu toggle needed
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))


def test_staff_without_an_authenticator_must_set_one_up_before_any_page(browser_page, ashdown, live_server):
    page = browser_page
    newcomer = make_user("jo.new@ashdown.test", "Jo", "Newman", second_factor=False)
    officer = d.Officer.objects.create(
        user=newcomer,
        first_name="Jo",
        last_name="Newman",
        email=newcomer.email,
        start=datetime.date(2025, 1, 6),
    )
    d.Post.objects.create(
        officer=officer,
        title="Waste Officer",
        directorate=ashdown.place,
        service=ashdown.waste,
        start=datetime.date(2025, 1, 6),
    )

    sign_in(page, newcomer.email)
    # Straight to setting up the app (allauth first asks for the password again to confirm it is them).
    expect(page).to_have_url(re.compile(r"/account/(reauthenticate|2fa/totp/activate)/"))
    for path in ("/", "/directory/"):
        page.goto(path)
        expect(page).to_have_url(re.compile(r"/account/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
        check_accessibility(page, "the confirm-it-is-you page")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    # Nothing else is offered until it is done: the navigation holds only "Sign out".
    expect(page.locator(".govuk-service-navigation__list a")).to_have_count(0)
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_styled(page)
    check_accessibility(page, "the authenticator set-up page")
    screenshot(page, "set-up-authenticator")
    key = page.locator("#authenticator-key").inner_text().replace("Key:", "").replace(" ", "").strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", key), key

    page.get_by_label("Code").fill(code_from_the_app(key))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    check_accessibility(page, "the recovery codes page")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jo Newman")
    expect(page.locator(".nolan-header__account")).to_contain_text("Jo Newman, Waste Officer")


def test_pages_reflow_to_a_narrow_screen(browser_page, ashdown):
    """WCAG 1.4.10: at 320 CSS pixels wide nothing needs scrolling sideways; the menu folds away."""
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, ashdown.councillor.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cllr Aisha Rahman")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Directory", exact=True)).to_be_hidden()
    menu.click()
    expect(page.get_by_role("link", name="Directory", exact=True)).to_be_visible()
    check_accessibility(page, "the home page on a narrow screen")
    screenshot(page, "home-councillor-narrow")
