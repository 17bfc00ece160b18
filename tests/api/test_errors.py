"""How the API says no: a protocol refusal with its reasons and citations, a refused value by field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from nolan.core.decisions import Decision, ProtocolError, Reason
from nolan.protocols.citations import Citation

HARINGEY_7_03 = Citation("Haringey", "7.03", "Members and officers")


def _raising(exc: Exception, user):
    class Refusing(APIView):
        def post(self, request):
            raise exc

    request = APIRequestFactory().post("/api/v1/example/")
    force_authenticate(request, user=user)
    return Refusing.as_view()(request)


def test_a_protocol_refusal_is_a_400_with_its_reasons_and_citations(ashdown):
    refusal = Decision.refuse(Reason("A Member cannot also be an officer of the council.", HARINGEY_7_03))
    response = _raising(ProtocolError(refusal, field="email"), ashdown.member_services)
    assert response.status_code == 400
    assert response.data == {
        "detail": "A Member cannot also be an officer of the council. (Haringey 7.03, Members and officers)",
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
