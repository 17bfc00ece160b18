"""A protocol decision as the API shows it: the outcome, and each reason with the paragraph behind it
(``nolan.core.decisions``). Refusals, triage and the timeline all show decisions this way."""

from __future__ import annotations

from rest_framework import serializers


class CitationOutput(serializers.Serializer):
    council = serializers.CharField()
    paragraph = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField(help_text="As cited, e.g. 'Tower Hamlets 7.2(a)'.")

    class Meta:
        ref_name = "Citation"


class ReasonOutput(serializers.Serializer):
    text = serializers.CharField()
    citation = CitationOutput(allow_null=True, help_text="The protocol paragraph behind the reason.")

    class Meta:
        ref_name = "Reason"


class DecisionOutput(serializers.Serializer):
    outcome = serializers.CharField()
    reasons = ReasonOutput(many=True)

    class Meta:
        ref_name = "Decision"
