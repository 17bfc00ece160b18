"""How the API says no: every error, whatever its status, in the one shape the schema documents (its
``Error`` component): ``detail``, ``errors`` by field, and for a protocol refusal the decision with its
reasons and citations."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import jsonschema
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.authentication import TokenAuthentication
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from nolan.accounts.models import AccessRole, RoleGrant
from nolan.core.citations import Citation
from nolan.core.decisions import Decision, ProtocolError, Reason
from nolan.enquiries.models import Enquiry
from tests.enquiries import conftest as enquiry_fixtures
from tests.enquiries.conftest import raise_one
from tests.personas import make_user

# The Member Enquiries fixtures: the ashdown council at 10:00 on Tuesday 9 March 2027.
frozen = enquiry_fixtures.frozen
world = enquiry_fixtures.world

HARINGEY_7_03 = Citation("Haringey", "7.03", "Members and officers")


def _raising(exc: Exception, user):
    class Refusing(APIView):
        def post(self, request):
            raise exc

    request = APIRequestFactory().post("/api/v1/example/")
    force_authenticate(request, user=user)
    return Refusing.as_view()(request)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The documented shape ------------------------------------------------------------------------------


def _json_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: ``nullable`` allows null, and an object documented with
    its properties may hold no others (an undocumented key is a mismatch too)."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture
def documented_error(world):
    """A check of a body against the schema's ``Error`` component, as the API serves the schema."""
    schema = yaml.safe_load(signed_in(world.councillor).get("/api/schema/").content)
    document = {
        "$ref": "#/components/schemas/Error",
        "components": _json_schema(schema["components"]),
    }

    def check(response, status: int) -> dict:
        assert response.status_code == status, response.content
        assert response["Content-Type"].startswith("application/json")
        body = json.loads(response.content)
        jsonschema.validate(body, document)  # raises, naming what does not match
        return body

    return check


def test_the_schema_documents_one_error_shape_for_every_operation(api, ashdown):
    schema = yaml.safe_load(api(ashdown.councillor).get("/api/schema/").content)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail", "errors"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            statuses = {s for s in operation["responses"] if s.startswith("4")}
            assert {"401", "403", "429"} <= statuses, (path, method)
            if "requestBody" in operation:
                assert {"400", "415"} <= statuses, (path, method)
            for status in statuses:
                content = operation["responses"][status]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/Error"}, (path, method, status)


def test_a_body_that_is_not_json_is_a_400_in_the_documented_shape(world, documented_error):
    response = signed_in(world.councillor).post(
        "/api/v1/enquiries/", "{subject: damp", content_type="application/json"
    )
    body = documented_error(response, 400)
    assert body["detail"].startswith("JSON parse error")
    assert body["errors"] == {}


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({f"field{i}": "x" for i in range(1001)}, "The request holds more than 1,000 fields."),
        (
            {"subject": "x" * (3 * 1024 * 1024)},
            "The request's fields are larger than 2.5 MB together: send files as attachments.",
        ),
    ],
    ids=["too many fields", "too large"],
)
def test_a_request_too_large_to_read_is_a_400_in_the_documented_shape(world, documented_error, data, detail):
    # These used to be the site's HTML error page: Django refuses to read the request at all.
    response = signed_in(world.councillor).post(
        "/api/v1/enquiries/", urlencode(data), content_type="application/x-www-form-urlencoded"
    )
    assert documented_error(response, 400) == {"detail": detail, "errors": {}}
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("page", ["", "abc", "0", "-1"])
@pytest.mark.parametrize("path", ["/api/v1/enquiries/", "/api/v1/members/"])
def test_a_page_that_is_not_a_page_number_is_a_400_in_the_documented_shape(
    world, documented_error, path, page
):
    # ?page= with no value used to give the first page, and the others a 404.
    body = documented_error(signed_in(world.councillor).get(path, {"page": page}), 400)
    assert list(body["errors"]) == ["page"]
    assert body["detail"] == f"page: {body['errors']['page'][0]}"


def test_a_value_that_cannot_be_used_is_a_400_by_field_in_the_documented_shape(world, documented_error):
    response = signed_in(world.councillor).get("/api/v1/members/", {"ward": "Eastgate"})
    body = documented_error(response, 400)
    assert body == {
        "detail": "ward: Give the ward's id, a whole number such as 3.",
        "errors": {"ward": ["Give the ward's id, a whole number such as 3."]},
    }


def test_a_protocol_refusal_is_a_400_in_the_documented_shape(world, documented_error):
    enquiry = raise_one(world)
    response = signed_in(world.councillor).post(
        f"/api/v1/enquiries/{enquiry.reference}/reopen/", {"reason": "More"}, content_type="application/json"
    )
    body = documented_error(response, 400)
    assert "so you cannot re-open it" in body["detail"]
    assert body["errors"] == {}
    assert body["decision"]["outcome"] == "refused"


def test_a_token_that_is_not_valid_is_a_401_in_the_documented_shape(world, documented_error):
    class TokenOnly(APIView):
        authentication_classes = [TokenAuthentication]

        def get(self, request):  # pragma: no cover - never reached
            raise AssertionError

    request = APIRequestFactory().get("/api/v1/example/", HTTP_AUTHORIZATION="Token not-a-token")
    response = TokenOnly.as_view()(request)
    response.render()
    body = documented_error(response, 401)
    assert body == {"detail": "Invalid token.", "errors": {}}


@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/enquiries/"])
def test_not_signed_in_is_a_401_in_the_documented_shape(world, documented_error, path):
    body = documented_error(Client().get(path), 401)
    assert body == {"detail": "Authentication credentials were not provided.", "errors": {}}


def test_a_step_that_is_not_theirs_is_a_403_in_the_documented_shape(world, documented_error):
    enquiry = raise_one(world)
    response = signed_in(world.councillor).post(
        f"/api/v1/enquiries/{enquiry.reference}/triage/",
        {"classification": "member_enquiry"},
        content_type="application/json",
    )
    body = documented_error(response, 403)
    assert body["detail"].startswith("Only the Member Enquiries team")


def test_staff_without_an_authenticator_get_a_403_in_the_documented_shape(world, documented_error):
    officer = make_user("new.officer@ashdown.test", "New", "Officer", second_factor=False)
    RoleGrant.objects.create(user=officer, role=AccessRole.MEMBER_ENQUIRIES)
    body = documented_error(signed_in(officer).get("/api/v1/me/"), 403)
    assert body["detail"] == "Set up your authenticator app in Nolan before using the API."


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/v1/enquiries/ME-2027-999999/", "There is no enquiry with reference ME-2027-999999."),
        ("/api/v1/members/999999/", "There is no Member with id 999999."),
        ("/api/v1/nowhere/", "There is no API endpoint at /api/v1/nowhere/."),
    ],
)
def test_not_found_is_a_404_in_the_documented_shape(world, documented_error, path, detail):
    body = documented_error(signed_in(world.councillor).get(path), 404)
    assert body["detail"].startswith(detail)
    assert body["errors"] == {}


def test_a_method_an_endpoint_does_not_take_is_a_405_in_the_documented_shape(world, documented_error):
    response = signed_in(world.councillor).put("/api/v1/enquiries/", "{}", content_type="application/json")
    body = documented_error(response, 405)
    assert body == {"detail": 'Method "PUT" not allowed.', "errors": {}}


def test_a_body_in_a_format_the_endpoint_does_not_take_is_a_415_in_the_documented_shape(
    world, documented_error
):
    response = signed_in(world.councillor).post("/api/v1/enquiries/", "<subject/>", content_type="text/xml")
    body = documented_error(response, 415)
    assert body == {"detail": 'Unsupported media type "text/xml" in request.', "errors": {}}


def test_too_many_requests_is_a_429_in_the_documented_shape(world, documented_error, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    client = signed_in(world.same_ward_councillor)  # whose requests have not been counted yet
    assert [client.get("/api/v1/me/").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/me/")
    body = documented_error(response, 429)
    assert body["detail"].startswith("Request was throttled.")
    assert body["errors"] == {}
    assert int(response["Retry-After"]) > 0


# What each refusal says ------------------------------------------------------------------------------


def test_a_protocol_refusal_is_a_400_with_its_reasons_and_citations(ashdown):
    refusal = Decision.refuse(Reason("A Member cannot also be an officer of the council.", HARINGEY_7_03))
    response = _raising(ProtocolError(refusal, field="email"), ashdown.member_services)
    assert response.status_code == 400
    detail = "A Member cannot also be an officer of the council. (Haringey 7.03, Members and officers)"
    assert response.data == {
        "detail": detail,
        "errors": {"email": [detail]},
        "field": "email",
        "decision": {
            "outcome": "refused",
            "reasons": [
                {
                    "text": "A Member cannot also be an officer of the council.",
                    "citation": {
                        "council": "Haringey",
                        "paragraph": "7.03",
                        "heading": "Members and officers",
                        "text": "Haringey 7.03, Members and officers",
                    },
                }
            ],
        },
    }


def test_a_value_a_service_refuses_is_a_400_naming_the_field(ashdown):
    refused = ValidationError({"working_day_ends": "The working day must end after it starts."})
    response = _raising(refused, ashdown.member_services)
    assert response.status_code == 400
    assert response.data == {
        "detail": "working_day_ends: The working day must end after it starts.",
        "errors": {"working_day_ends": ["The working day must end after it starts."]},
    }


def test_a_refusal_not_about_one_field_is_said_plainly(ashdown):
    response = _raising(ValidationError("Nothing to change."), ashdown.member_services)
    assert response.status_code == 400
    assert response.data["detail"] == "Nothing to change."
    assert response.data["errors"] == {"non_field_errors": ["Nothing to change."]}
