"""How the API says no, in one place, and in one shape (``ErrorOutput``, the schema's ``Error``).

Every error answer, whatever its status (400, 401, 403, 404, 405, 415, 429), is a JSON object with
``detail``, a sentence saying what is wrong, and ``errors``, the messages by field (empty when the
problem is not with one field's value):

- ``ProtocolError`` becomes a 400 that also carries the decision's reasons and citations, and the
  field it is about.
- A Django ``ValidationError`` (a service refusing a value) becomes a 400 like DRF's own.
- Every other error DRF raises (a body that is not JSON, not signed in, not allowed, not found, a
  method or media type the endpoint does not take, too many requests) keeps its status and message.
- A request Django will not read (too many fields or files, too large) is a 400 saying which, rather
  than the site's HTML error page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from nolan.api.decisions import DecisionOutput
from nolan.core.decisions import ProtocolError


class ErrorOutput(serializers.Serializer):
    """What every error answer holds, whatever its status (400, 401, 403, 404, 405, 415, 429). A step
    the protocol refuses also gives the decision, each reason with its citation. Nothing was changed."""

    detail = serializers.CharField(help_text="What is wrong, in a sentence naming each field concerned.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The messages by field (the input's name); empty if the problem is not with one field.",
    )
    field = serializers.CharField(
        required=False, allow_null=True, help_text="A protocol refusal only: the input it is about, if one."
    )
    decision = DecisionOutput(
        required=False, help_text="A protocol refusal only: the outcome, each reason with its citation."
    )

    class Meta:
        ref_name = "Error"


def error_response(description: str) -> OpenApiResponse:
    """An error answer for an operation's documented responses."""
    return OpenApiResponse(ErrorOutput, description=description)


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    """The body of an error answer not raised through DRF (an address that is no endpoint)."""
    return {"detail": detail, "errors": errors or {}}


def exception_handler(exc, context):
    if isinstance(exc, ProtocolError):
        body = error_body(exc.message, {exc.field: [exc.message]} if exc.field else {})
        return Response({**body, "field": exc.field, "decision": exc.decision.as_dict()}, status=400)
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return Response(error_body(_too_much(exc)), status=400)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(as_serializer_error(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = error_body(_summary(response.data), _by_field(response.data))
    else:
        data = response.data
        detail = data["detail"] if isinstance(data, dict) and "detail" in data else _summary(data)
        response.data = error_body(str(detail))
    return response


def _too_much(exc) -> str:
    """Django refuses to read a request larger than its limits; say which, in words."""
    if isinstance(exc, TooManyFilesSent):
        return f"The request holds more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,} files."
    if isinstance(exc, TooManyFieldsSent):
        return f"The request holds more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields."
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return f"The request's fields are larger than {limit:.1f} MB together: send files as attachments."


def _by_field(errors) -> dict[str, list[str]]:
    """DRF's errors as a list of sentences for each field; a list's or a nested input's messages say
    which item they are about ('0: The submitted data was not a file.')."""
    if not isinstance(errors, dict):
        errors = {api_settings.NON_FIELD_ERRORS_KEY: errors}
    return {str(name): _messages(value) for name, value in errors.items()}


def _messages(value, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        return [message for key, inner in value.items() for message in _messages(inner, f"{prefix}{key}: ")]
    if isinstance(value, list):
        return [message for inner in value for message in _messages(inner, prefix)]
    return [f"{prefix}{value}"]


def _summary(errors) -> str:
    """One sentence from DRF's errors: 'ward: Give the ward's id, a whole number such as 3.'"""
    if isinstance(errors, dict):
        parts = []
        for name, messages in errors.items():
            text = _summary(messages)
            parts.append(text if name in ("non_field_errors", "__all__") else f"{name}: {text}")
        return " ".join(parts)
    if isinstance(errors, list):
        return " ".join(_summary(e) for e in errors)
    return str(errors)


def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 that says where the endpoints are listed.

    Every address under /api/ ends here rather than at the site's HTML 404 page, so the missing
    final slash Django's CommonMiddleware would add is added here: GET and HEAD are redirected,
    other methods are told.
    """
    path = request.path
    if not path.endswith("/") and _is_endpoint(path + "/"):
        if request.method in ("GET", "HEAD"):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(path + "/" + (f"?{query}" if query else ""))
        detail = f"There is no API endpoint at {path}. Did you mean {path}/ (ending in a slash)?"
    else:
        detail = f"There is no API endpoint at {path}. The endpoints are listed at /api/docs/."
    return JsonResponse(error_body(detail), status=404)


def _is_endpoint(path: str) -> bool:
    try:
        return resolve(path).func is not not_found
    except Resolver404:
        return False
