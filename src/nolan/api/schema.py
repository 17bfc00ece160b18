"""What the OpenAPI schema says beyond what drf-spectacular reads from the views.

- ``ServiceInput``: input that one service checks. Its fields are optional to DRF, so that a missing
  one gets the service's own message ("Enter a subject."), together with every other problem with
  the input; the fields the service requires are named in ``required_by_service``, and the schema
  documents them as required (``ServiceInputSchema``).
- ``document_errors`` (a postprocessing hook): every operation lists the errors it can answer with,
  each in the one shape of ``nolan.api.errors.ErrorOutput`` (the ``Error`` component).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers


class ServiceInput(serializers.Serializer):
    """Input for one service: ``required_by_service`` names the fields it cannot do without."""

    required_by_service: tuple[str, ...] = ()


class ServiceInputSchema(OpenApiSerializerExtension):
    """A ``ServiceInput``'s request body, with the fields its service requires documented as required
    (with no default and not null: leaving one out, or sending null, is refused)."""

    target_class = ServiceInput
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        needed = self.target.required_by_service
        if direction == "request" and needed:
            for name in needed:
                schema["properties"][name].pop("default", None)
                schema["properties"][name].pop("nullable", None)
            required = {*schema.get("required", ()), *needed}
            schema["required"] = [name for name in schema["properties"] if name in required]
        return schema


ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

BAD_INPUT = "The input cannot be used: `errors` says why, by field. Nothing was changed."
NOT_SIGNED_IN = (
    "Not signed in: no session and no valid token, or a session that did not use the second factor its "
    "account needs. Nothing was changed."
)
NOT_ALLOWED = "Not allowed to do this. Nothing was changed."
NOT_FOUND = "No such record (for a list, no such page), or not one you may see: the answer is the same."
MEDIA_TYPE = "The body is in a format this operation does not take: send one of its request body's types."
THROTTLED = "Too many requests: `detail` says how many seconds to wait before trying again."


def document_errors(result: dict, generator, **kwargs) -> dict:
    """Add to each operation the error answers it can give that its view did not describe itself,
    and the ``Error`` body to any error answer described without one."""
    for operation in _operations(result):
        parameters = operation.get("parameters", [])
        errors = {"401": NOT_SIGNED_IN, "403": NOT_ALLOWED, "429": THROTTLED}
        if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
            errors["400"] = BAD_INPUT
        if "requestBody" in operation:
            errors["415"] = MEDIA_TYPE
        if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
            errors["404"] = NOT_FOUND
        responses = operation.setdefault("responses", {})
        for status, description in errors.items():
            responses.setdefault(status, {"description": description})
        for status, response in responses.items():
            if status.startswith("4"):
                response.setdefault("content", ERROR)
        operation["responses"] = dict(sorted(responses.items()))
    return result


def _operations(result: dict):
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method in ("get", "put", "post", "patch", "delete"):
                yield operation
