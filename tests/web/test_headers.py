"""What every response tells the browser: a Content-Security-Policy under which no inline script or
style runs (so a missed escape cannot run either), and that nothing confidential may be stored."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import pdf, triaged, upload

frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


class _Inline(HTMLParser):
    """Every inline script, style element, style attribute and event handler attribute on a page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [
            f"{name} attribute on <{tag}>" for name in attrs if name == "style" or name.startswith("on")
        ]


def inline_code(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.found


# Content-Security-Policy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        (None, "/account/login/"),
        (None, "/accessibility/"),
        ("councillor", "/"),
        ("member_services", "/directory/"),
        ("councillor", "/api/v1/me/"),
        ("councillor", "/no-such-page/"),
    ],
)
def test_every_response_has_a_policy_that_runs_only_nolans_own_files(client, ashdown, persona, path):
    if persona:
        client.force_login(getattr(ashdown, persona))
    directives = policy(client.get(path))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]  # the authenticator's QR code is a data: image
    assert directives["object-src"] == directives["base-uri"] == directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)


@pytest.mark.parametrize(
    ("persona", "path"),
    [(None, "/account/login/"), ("councillor", "/"), ("member_services", "/directory/")],
)
def test_the_page_frame_has_no_inline_script_or_style_for_the_policy_to_refuse(
    client, ashdown, persona, path
):
    if persona:
        client.force_login(getattr(ashdown, persona))
    response = client.get(path)
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


# Cache-Control ------------------------------------------------------------------------------------


def test_confidential_responses_are_never_stored(client, world):
    enquiry = triaged(world, attachments=[upload("letter.pdf", pdf())])
    client.force_login(world.member_enquiries)
    responses = {
        "the enquiry page": client.get(reverse("enquiries:detail", args=[enquiry.reference])),
        "the API's enquiry": client.get(f"/api/v1/enquiries/{enquiry.reference}/"),
        "the CSV export": client.get(reverse("enquiries:export")),
        "an attachment": client.get(
            reverse("enquiries:attachment", args=[enquiry.reference, enquiry.attachments.get().pk])
        ),
        "a Member's directory page": client.get(
            reverse("directory:member_detail", args=[world.member_of(world.councillor).pk])
        ),
        "the API docs' start-up script": client.get("/api/docs/?script="),
    }
    for what, response in responses.items():
        assert response.status_code == 200, what
        assert "no-store" in response.get("Cache-Control", ""), f"{what} may be stored"
        assert "public" not in response.get("Cache-Control", "")


def test_a_static_file_may_be_cached(client, ashdown):
    response = client.get("/static/nolan/js-enabled.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
