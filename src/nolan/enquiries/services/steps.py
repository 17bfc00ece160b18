"""What every step of Member Enquiries shares: who is acting and in what capacity, the checks on the
values given (collected in ``Errors`` and raised together, so nothing is written), and waking the
dispatcher once the step has committed. A step's timeline entry, audit event and e-mail are written
together by ``nolan.casework.timeline.record_step``; who may take a step at all is
``nolan.enquiries.permissions``'s to say.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from nolan.accounts.models import AccessRole
from nolan.core.decisions import Decision
from nolan.core.plain_text import plain_text
from nolan.directory.capacities import capacities_of
from nolan.enquiries import notifications
from nolan.enquiries.models import Enquiry

SYSTEM = "Nolan (system)"
TEAM = AccessRole.MEMBER_ENQUIRIES.label


def capacity_of(actor) -> str:
    """The capacity the actor acts in, for the timeline and the audit trail."""
    if actor is None:
        return SYSTEM
    return capacities_of(actor).acting_as


def lock(enquiry: Enquiry) -> Enquiry:
    """The enquiry, re-read and locked for the rest of the transaction."""
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


class Errors:
    """The problems with a step's values, by argument name, raised together as one ``ValidationError``
    before anything is written."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def merge(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add(field, message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def checked_text(errors: Errors, field: str, value, label: str, **checks) -> str:
    """The text as stored, each problem with it added to ``errors`` under ``field`` (``checks``: as
    ``nolan.core.plain_text``'s)."""
    text, problems = plain_text(value, label, **checks)
    for problem in problems:
        errors.add(field, problem)
    return text


def instance_of(model, value, errors: Errors, field: str, label: str, *, required: bool = True):
    """The ``model`` row ``value`` names (a row or its key), or None with the problem added to ``errors``."""
    if value in (None, ""):
        if required:
            errors.add(field, f"Choose {label}.")
        return None
    if isinstance(value, model):
        return value
    try:
        return model.objects.get(pk=int(value))
    except (ValueError, TypeError, model.DoesNotExist):
        errors.add(field, f"Choose {label} from the list.")
        return None


def reasons_of(decision: Decision) -> list[dict]:
    """The decision's reasons as stored on the timeline and the audit trail."""
    return [r.as_dict() for r in decision.reasons]


def wake_dispatcher_on_commit() -> None:
    """Wake the outbox's dispatcher once the step has committed (its e-mails are in the outbox)."""
    transaction.on_commit(notifications.wake_dispatcher)


def reason_text(errors: Errors, reason: str, label: str = "the reason") -> str:
    """The reason given for a step, checked as ``checked_text`` checks text."""
    return checked_text(errors, "reason", reason, label)
