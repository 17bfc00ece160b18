"""Key the audit chain with NOLAN_AUDIT_KEY, and take enquiries' subjects out of the events' labels.

Until now each event's hash was plain SHA-256 of its contents and the hash before it, which anyone
with the database could recompute after editing a row. The events already stored are re-chained
under the key, in order, so that one rule (``nolan.audit.chain.event_mac``) checks the whole trail.
Re-chaining must not launder a break made before it: the old chain is checked first, and what the
check found ("intact", or the first broken link) is kept in the ``audit.rechained`` event this
migration appends, with the old head's hash.

In the same pass, the labels of events about enquiries, which were "REFERENCE: subject" (the
enquiry's ``str``), become the reference alone, as ``Enquiry.audit_label`` now gives: the subject
is confidential and the system administrators' audit list searched it. The event still names the
enquiry by type and id, so nothing the trail proves is lost.

The MAC is imported from ``nolan.audit.chain`` rather than copied: it must be exactly the one
``nolan audit verify`` checks. The old SHA-256 rule is copied here, as it was, to check the old chain
and to undo this migration.
"""

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations

GENESIS = "0" * 64
BATCH = 1000
SYSTEM = "Nolan (system)"
FIELDS = (
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


def _fields(event) -> dict:
    return {name: getattr(event, name) for name in FIELDS}


def _sha256(fields: dict, prev_hash: str) -> str:
    """The chain's rule before this migration."""
    body = dict(fields)
    body["occurred_at"] = fields["occurred_at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def _in_order(Event):
    last = 0
    while True:
        batch = list(Event.objects.filter(id__gt=last).order_by("id")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].id


def _check_old_chain(Event, Head) -> str:
    previous, checked = GENESIS, 0
    for batch in _in_order(Event):
        for event in batch:
            if event.prev_hash != previous:
                return f"broken at event #{event.id} ({event.action}): it did not follow the event before it"
            if _sha256(_fields(event), previous) != event.hash:
                return f"broken at event #{event.id} ({event.action}): its contents did not match its hash"
            previous, checked = event.hash, checked + 1
    head = Head.objects.filter(pk=1).first()
    if head is None:
        return "the chain-head row was missing"
    if (head.count, head.last_hash) != (checked, previous):
        return f"the chain-head row said {head.count} events, the chain had {checked}"
    return "intact"


def _relabel(event) -> bool:
    if event.target_type == "enquiries.enquiry" and ": " in event.target_label:
        event.target_label = event.target_label.split(": ", 1)[0]
        return True
    return False


def _rechain(Event, mac, *, relabel: bool) -> tuple[str, int, int]:
    previous, count, relabelled = GENESIS, 0, 0
    for batch in _in_order(Event):
        for event in batch:
            if relabel and _relabel(event):
                relabelled += 1
            event.prev_hash = previous
            event.hash = mac(_fields(event), previous)
            previous, count = event.hash, count + 1
        Event.objects.bulk_update(batch, ["target_label", "prev_hash", "hash"])
    return previous, count, relabelled


def key_the_chain(apps, schema_editor):
    from nolan.audit import head as head_file
    from nolan.audit.chain import audit_key, event_mac, plain

    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    if not Event.objects.exists():
        return
    key = audit_key()
    old_chain = _check_old_chain(Event, Head)
    old_head = Head.objects.filter(pk=1).first()
    previous, count, relabelled = _rechain(Event, lambda f, p: event_mac(f, p, key), relabel=True)
    fields = {
        "occurred_at": datetime.datetime.now(datetime.UTC),
        "actor_id": None,
        "actor_label": SYSTEM,
        "capacity": SYSTEM,
        "action": "audit.rechained",
        "target_type": "",
        "target_id": "",
        "target_label": "",
        "before": {"rule": "SHA-256", "events": count, "head": old_head.last_hash if old_head else None},
        "after": {"rule": "HMAC-SHA256 with NOLAN_AUDIT_KEY", "events": count},
        "reason": "The audit trail is keyed so that an edited or rewritten chain can be told from Nolan's.",
        "extra": plain({"previous_chain": old_chain, "labels_without_subjects": relabelled}),
    }
    digest = event_mac(fields, previous, key)
    Event.objects.create(prev_hash=previous, hash=digest, **fields)
    Head.objects.update_or_create(pk=1, defaults={"last_hash": digest, "count": count + 1})
    head_file.after_commit(count + 1, digest)


def back_to_sha256(apps, schema_editor):
    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    if not Event.objects.exists():
        return
    previous, count, _ = _rechain(Event, _sha256, relabel=False)
    Head.objects.update_or_create(pk=1, defaults={"last_hash": previous, "count": count})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(key_the_chain, back_to_sha256, elidable=False)]
