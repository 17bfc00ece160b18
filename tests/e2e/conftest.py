"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server serves /static/ through Django's staticfiles finders, so the pages get the real
stylesheet built by scripts/build-assets.sh (``make assets``). axe-core comes from node_modules.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]
BUILT_CSS = ROOT / "src/nolan/web/static/nolan/build/nolan.css"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_URL = "/__tests__/axe.min.js"
RESULTS = ROOT / "test-results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def playwright_sync():
    for needed, how in ((BUILT_CSS, "make assets"), (AXE, "npm ci")):
        if not needed.exists():
            pytest.fail(f"{needed.relative_to(ROOT)} is missing: run `{how}` first")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls (making
    # personas) are still plain synchronous code, so Django's async guard is lifted while the test
    # runs, and only then: processes other tests start must not inherit it.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def browser_page(playwright_sync, live_server, tmp_path):
    """A page in a fresh Chromium with its own new profile, so no test inherits another's cookies."""
    cache.clear()  # sign-in throttling and used authenticator codes
    context = playwright_sync.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "chromium-profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
    )
    context.set_default_timeout(15_000)
    page = context.pages[0] if context.pages else context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.url}")
            if response.status >= 400 and "/static/" in response.url
            else None
        ),
    )
    # A Content-Security-Policy violation is reported in the console: what it blocked does not work.
    page.on(
        "console",
        lambda message: (
            problems.append(f"On {page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.problems = problems
    yield page
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def no_script_page(playwright_sync, live_server, tmp_path):
    """A page in a fresh Chromium with JavaScript turned off: the core flows must work without it."""
    cache.clear()
    context = playwright_sync.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "chromium-no-script-profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        base_url=live_server.url,
        java_script_enabled=False,
    )
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def check_accessibility(page, label: str = "") -> None:
    """Run axe-core's WCAG 2.2 A and AA rules on the page; fail listing every violation found.

    axe-core is loaded as a script from the page's own site (the browser routes that address to the
    file in node_modules): the Content-Security-Policy refuses an inline script, as it should."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not getattr(page, "serves_axe", False):
            page.route(
                f"**{AXE_URL}", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript")
            )
            page.serves_axe = True
        page.add_script_tag(url=AXE_URL)
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    violations = results["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {label or page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"][:5]:
                lines.append(
                    f"    at {json.dumps(node['target'])}: {node['failureSummary']}".replace("\n", " ")
                )
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
