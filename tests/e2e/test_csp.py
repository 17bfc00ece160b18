"""The pages work under the Content-Security-Policy in a real browser, with no violation reported:
the home page, an enquiry page, the API docs (Swagger UI), the browsable API and the system
administration. (``browser_page`` fails any journey on a violation; this one visits the pages that
are not Nolan's own templates.)"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from nolan.accounts.models import User
from nolan.enquiries import services
from nolan.enquiries.models import Category, RoutingRule
from tests.e2e.test_journeys import assert_styled, give_authenticator_code, sign_in
from tests.personas import PASSWORD, TOTP_SECRET, build_council

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_violations(page, what: str) -> None:
    page.wait_for_load_state("networkidle")
    assert not page.problems, f"{what}: " + "\n".join(page.problems)


@pytest.fixture
def council(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ashdown = build_council()
    repairs, _ = Category.objects.get_or_create(name="Housing repairs")
    RoutingRule.objects.create(category=repairs, service=ashdown.housing)
    return ashdown


def test_nolans_pages_and_the_api_docs_work_under_the_policy(browser_page, council):
    page = browser_page
    enquiry = services.raise_enquiry(
        actor=council.councillor,
        subject="Damp in a council flat",
        body="Black mould in the bedroom of 12 Eastgate House.",
        category=Category.objects.get(name="Housing repairs"),
        ward=council.east_ward,
    )
    sign_in(page, council.member_enquiries.email)
    give_authenticator_code(page)
    expect(page.get_by_role("heading", name="What needs your attention")).to_be_visible()
    # js-enabled.js ran: GOV.UK Frontend's components are started.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    assert_styled(page)
    no_violations(page, "the home page")

    page.goto(f"/enquiries/{enquiry.reference}/")
    expect(page.locator(".govuk-caption-l")).to_have_text(enquiry.reference)
    no_violations(page, "the enquiry page")

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Nolan API")
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/enquiries/{reference}/").first
    ).to_be_visible()
    no_violations(page, "the API docs")

    page.goto("/api/v1/me/")
    expect(page.locator(".response-info")).to_contain_text("Ola")
    no_violations(page, "the browsable API")


def test_the_system_administration_works_under_the_policy(browser_page, council):
    page = browser_page
    admin = User.objects.create_superuser("admin@ashdown.test", PASSWORD)
    TOTP.activate(admin, TOTP_SECRET)
    sign_in(page, admin.email)
    give_authenticator_code(page)
    page.goto("/system-admin/")
    expect(page.locator("#site-name")).to_contain_text("Nolan administration")
    no_violations(page, "the admin's index")

    page.goto("/system-admin/directory/ward/")
    expect(page.get_by_role("link", name="Eastgate")).to_be_visible()
    no_violations(page, "a list in the admin")

    page.get_by_role("link", name="Eastgate").click()
    expect(page.locator("#content")).to_contain_text("Eastgate")
    expect(page.locator("#content")).to_contain_text("E05000001")
    no_violations(page, "a record in the admin")
