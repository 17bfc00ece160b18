"""Query-parameter fields the API's filters share, with messages that say what to send instead."""

from __future__ import annotations

from rest_framework import serializers

# The largest id a database integer column holds; a larger number can match nothing.
MAX_ID = 2**63 - 1


def id_filter(thing: str) -> serializers.IntegerField:
    """An optional filter on the id of a ``thing`` (a ward, a directorate...)."""
    message = f"Give the {thing}'s id, a whole number such as 3."
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=f"Only those in this {thing} (its id).",
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


def text_filter(help_text: str) -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=help_text,
        error_messages={"max_length": "Search for at most 100 characters."},
    )
