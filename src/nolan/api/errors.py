"""How the API says no, in one place.

- ``ProtocolError`` becomes a 400 with the decision's reasons and citations.
- A Django ``ValidationError`` (a service refusing a value) becomes a 400 like DRF's own.
- Every 400 for invalid input has a ``detail`` sentence naming the fields, and ``errors`` by field.
- Everything else is DRF's (401/403/404/405/429 with a ``detail``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from nolan.core.decisions import ProtocolError


def exception_handler(exc, context):
    if isinstance(exc, ProtocolError):
        return Response(
            {"detail": exc.message, "field": exc.field, "decision": exc.decision.as_dict()}, status=400
        )
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(as_serializer_error(exc))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = {"detail": _summary(response.data), "errors": response.data}
    return response


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
    return JsonResponse({"detail": detail}, status=404)


def _is_endpoint(path: str) -> bool:
    try:
        return resolve(path).func is not not_found
    except Resolver404:
        return False
