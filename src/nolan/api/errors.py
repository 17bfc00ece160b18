"""ProtocolError becomes a 400 with the decision's reasons and citations; everything else is DRF's."""

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from nolan.core.decisions import ProtocolError


def exception_handler(exc, context):
    if isinstance(exc, ProtocolError):
        return Response({"detail": exc.message, "decision": exc.decision.as_dict()}, status=400)
    return drf_exception_handler(exc, context)
