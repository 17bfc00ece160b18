"""The OpenAPI 3 schema and the docs page: for signed-in people, and working with no internet."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from drf_spectacular.validation import validate_schema

from nolan.enquiries import services
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import raise_one, triaged

# The Member Enquiries fixtures: the ashdown council at 10:00 on Tuesday 9 March 2027.
frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

ENDPOINTS = {
    "/api/v1/me/": {"get"},
    "/api/v1/token/": {"get", "post", "delete"},
    "/api/v1/wards/": {"get"},
    "/api/v1/groups/": {"get"},
    "/api/v1/members/": {"get"},
    "/api/v1/members/{id}/": {"get"},
    "/api/v1/committees/": {"get"},
    "/api/v1/committees/{id}/": {"get"},
    "/api/v1/directorates/": {"get"},
    "/api/v1/services/": {"get"},
    "/api/v1/officers/": {"get"},
    "/api/v1/officers/{id}/": {"get"},
    "/api/v1/enquiries/": {"get", "post"},
    "/api/v1/enquiries/counts/": {"get"},
    "/api/v1/enquiries/{reference}/": {"get"},
    **{
        f"/api/v1/enquiries/{{reference}}/{step}/": {"post"}
        for step in (
            "triage",
            "assign",
            "transfer",
            "holding-reply",
            "discussion",
            "draft-response",
            "submit-for-sign-off",
            "sign-off",
            "send-response",
            "reopen",
            "close",
            "feedback",
        )
    },
}


def test_the_schema_is_valid_openapi_3_listing_every_endpoint(api, ashdown):
    response = api(ashdown.councillor).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises if it is not a valid OpenAPI 3 document
    assert schema["openapi"].startswith("3.")
    assert {path: set(ops) - {"parameters"} for path, ops in schema["paths"].items()} == ENDPOINTS
    members = schema["paths"]["/api/v1/members/"]["get"]
    assert {p["name"] for p in members["parameters"]} == {"ward", "group", "q", "page"}
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    officer = schema["components"]["schemas"]["Officer"]["properties"]
    assert officer["personnel"]["nullable"] is True


def test_the_schema_describes_the_enquiry_bodies_and_refusals(api, ashdown):
    schema = yaml.safe_load(api(ashdown.councillor).get("/api/schema/").content)
    raising = schema["paths"]["/api/v1/enquiries/"]["post"]
    assert set(raising["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    with_files = raising["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].split("/")[-1]
    attachments = schema["components"]["schemas"][with_files]["properties"]["attachments"]
    assert attachments["items"] == {"type": "string", "format": "binary"}
    listing = schema["paths"]["/api/v1/enquiries/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "status",
        "category",
        "ward",
        "service",
        "rag",
        "q",
        "page",
    }
    triage = schema["paths"]["/api/v1/enquiries/{reference}/triage/"]["post"]
    assert set(triage["responses"]) == {"200", "400", "401", "403", "404", "415", "429"}
    refusal = triage["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert refusal == "Error"
    error = schema["components"]["schemas"]["Error"]["properties"]
    assert set(error) == {"detail", "errors", "field", "decision"}
    assert error["decision"]["allOf"] == [{"$ref": "#/components/schemas/Decision"}]
    reason = schema["components"]["schemas"]["Reason"]["properties"]
    assert set(reason) == {"text", "citation"}
    enquiry = schema["components"]["schemas"]["Enquiry"]["properties"]
    for name in (
        "original_due",
        "revised_due",
        "due_date",
        "due_explanation",
        "timeline",
        "classification_reasons",
    ):
        assert name in enquiry


def test_the_schema_and_docs_are_for_signed_in_people_only(client, ashdown):
    assert client.get("/api/schema/").status_code in (401, 403)
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/api/docs/")


class _Sources(HTMLParser):
    """Every address the page loads (script sources, stylesheets and icons), and every inline script
    or style, which the Content-Security-Policy would refuse to run."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag in ("script", "style"):
            self.inline.append(tag)
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline.append(f"{tag} attribute")


def _docs_page(client) -> tuple[str, _Sources]:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Sources()
    parser.feed(html)
    return html, parser


def test_the_docs_page_renders_for_a_signed_in_officer(api, ashdown):
    client = api(ashdown.officer)
    html, page = _docs_page(client)
    assert "<title>Nolan API</title>" in html
    # Swagger UI starts from a script at the page's own address, which points it at the schema.
    start = [url for url in page.urls if not url.startswith(settings.STATIC_URL)]
    assert start == ["/api/docs/?script="]
    script = client.get(start[0])
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert 'url: "/api/schema/"' in script.content.decode()


def test_the_docs_page_has_no_inline_script_or_style_for_the_csp_to_refuse(api, ashdown):
    client = api(ashdown.officer)
    _, page = _docs_page(client)
    assert page.inline == []
    assert "script-src 'self'" in client.get("/api/docs/")["Content-Security-Policy"]


def test_the_docs_page_loads_only_this_site_s_own_static_files(api, ashdown):
    """Councils' networks may block CDNs: nothing on the page comes from another site."""
    client = api(ashdown.councillor)
    html, page = _docs_page(client)
    static = [url for url in page.urls if url.startswith(settings.STATIC_URL)]
    assert len(static) >= 5  # stylesheets, icon, Swagger UI bundle and preset
    for url in static:
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is not a static file here"
        assert client.get(url).status_code == 200, url
    assert all(url.startswith("/") and not url.startswith("//") for url in page.urls), page.urls
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


# Required fields: what the schema says is what the API does ------------------------------------------


def _responded(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="The survey is booked.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    return enquiry


def _operations_taking_input(world) -> dict:
    """For each operation with a request body: who posts it, to which enquiry (in the state the step
    needs), and a good value for each field its schema documents as required."""
    director = world.officer_of(world.director).pk

    def drafted(world):
        enquiry = triaged(world)
        services.draft_response(actor=world.officer, enquiry=enquiry, text="The survey is booked.")
        return enquiry

    return {
        "/api/v1/enquiries/": (
            "councillor",
            None,
            {"subject": "Damp", "body": "Black mould.", "category": world.repairs_category.pk},
        ),
        "/api/v1/enquiries/{reference}/triage/": (
            "member_enquiries",
            raise_one,
            {"classification": "member_enquiry"},
        ),
        "/api/v1/enquiries/{reference}/assign/": (
            "member_enquiries",
            triaged,
            {"officer": director, "reason": "Sensitive"},
        ),
        "/api/v1/enquiries/{reference}/transfer/": (
            "member_enquiries",
            triaged,
            {"service": world.legal.pk, "reason": "A possession order"},
        ),
        "/api/v1/enquiries/{reference}/holding-reply/": (
            "officer",
            triaged,
            {"text": "A survey first.", "reason": "A surveyor must visit", "new_due": "2027-04-06"},
        ),
        "/api/v1/enquiries/{reference}/discussion/": (
            "officer",
            triaged,
            {"with_whom": "Cllr Rahman", "note": "Survey first"},
        ),
        "/api/v1/enquiries/{reference}/draft-response/": ("officer", triaged, {"text": "Survey booked."}),
        "/api/v1/enquiries/{reference}/submit-for-sign-off/": ("officer", drafted, {"manager": director}),
        "/api/v1/enquiries/{reference}/reopen/": ("councillor", _responded, {"reason": "Nobody came"}),
        "/api/v1/enquiries/{reference}/close/": ("councillor", triaged, {"reason": "Sorted"}),
        "/api/v1/enquiries/{reference}/feedback/": ("councillor", _responded, {"met_need": True}),
    }


def test_the_fields_documented_as_required_are_the_ones_the_api_requires(world):
    client = Client()
    client.force_login(world.councillor)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    table = _operations_taking_input(world)
    walked = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters" or "requestBody" not in operation:
                continue
            assert path in table, f"{method.upper()} {path} takes input: add it to _operations_taking_input"
            walked.add(path)
            body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            required = components[body.split("/")[-1]].get("required", [])
            assert operation["requestBody"]["required"] is bool(required)
            who, state, good = table[path]
            assert set(good) == set(required), f"{path} documents {required} as required"
            enquiry = state(world) if state else None
            url = path.replace("{reference}", enquiry.reference if enquiry else "")
            poster = Client()
            poster.force_login(getattr(world, who))
            for name in required:
                without = {k: v for k, v in good.items() if k != name}
                response = poster.post(url, without, content_type="application/json")
                assert response.status_code == 400, (path, name, response.json())
                assert name in response.json()["errors"], (path, name, response.json())
            response = poster.post(url, good, content_type="application/json")
            assert response.status_code in (200, 201), (path, response.json())
    assert walked == set(table)


def test_a_field_the_help_calls_required_is_documented_as_required(api, ashdown):
    schema = yaml.safe_load(api(ashdown.councillor).get("/api/schema/").content)
    for name, component in schema["components"]["schemas"].items():
        for field, property in component.get("properties", {}).items():
            says = property.get("description", "")
            if says.startswith(("Required:", "Required;")) or says == "Required.":
                assert field in component.get("required", []), f"{name}.{field}: {says}"
