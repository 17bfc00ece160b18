"""The hash chain: how an event's hash is computed from its contents and its predecessor."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64
HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "capacity",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "reason",
    "extra",
)


def plain(value: Any) -> Any:
    """The JSON-plain form of a value: what the database stores and gives back unchanged."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    body = {name: fields[name] for name in HASHED_FIELDS}
    body["occurred_at"] = fields["occurred_at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()
