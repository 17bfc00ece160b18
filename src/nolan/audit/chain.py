"""The keyed chain: how an event's MAC is computed from its contents, its predecessor's MAC and the key.

Each event stores HMAC-SHA256 of its contents and its predecessor's MAC (in ``hash``, with the
predecessor's in ``prev_hash``), keyed with NOLAN_AUDIT_KEY. The key is not in the database, so
whoever can write to the database can still delete or edit rows, but cannot compute the MAC an
edited row needs, nor rewrite the chain after it: ``verify`` names the first row that does not match.

One thing no chain can show by itself is a tail cut off together with the head row: what is left is
a shorter chain that is still valid. For that the head is also kept outside the database (``head``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
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


def audit_key() -> bytes:
    return settings.NOLAN_AUDIT_KEY.encode()


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def event_mac(fields: dict[str, Any], prev_hash: str, key: bytes | None = None) -> str:
    body = {name: fields[name] for name in HASHED_FIELDS}
    body["occurred_at"] = fields["occurred_at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return _mac(key or audit_key(), text)


def head_mac(at: str, count: int, mac: str, key: bytes | None = None) -> str:
    """The MAC of one line of the head file: binds the count to the newest event's MAC."""
    return _mac(key or audit_key(), f"nolan-audit-head {at} {count} {mac}")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
