"""The retention rule, run by ``nolan enquiries retention``: resident details and files of enquiries
ended long enough ago are removed, the enquiry, its timeline and its figures stay.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nolan.audit.services import record
from nolan.casework import attachments as files
from nolan.directory.selectors import the_council
from nolan.enquiries import policies, rules
from nolan.enquiries.models import Enquiry, ResidentDetails
from nolan.enquiries.services.steps import SYSTEM


@transaction.atomic
def anonymise_resident(*, enquiry: Enquiry, rule_text: str, at: datetime.datetime | None = None) -> bool:
    """Blank the resident's details and delete the enquiry's files under the retention rule. The
    enquiry, its timeline and its figures stay. Returns False if there was nothing to do."""
    at = at or timezone.now()
    resident = ResidentDetails.objects.select_for_update().filter(enquiry=enquiry).first()
    files_left = list(enquiry.attachments.filter(removed_at__isnull=True))
    if (resident is None or resident.anonymised_at) and not files_left:
        return False
    if resident is not None and resident.anonymised_at is None:
        resident.name = ""
        resident.address = ""
        resident.contact = ""
        resident.asked_member_to_act = None
        resident.special_category_data = False
        resident.anonymised_at = at
        resident.save()
    names = []
    for attachment in files_left:
        names.append(attachment.file.name)
        attachment.file = ""
        attachment.removed_at = at
        attachment.save(update_fields=["file", "removed_at"])
    record(
        actor=None,
        action="enquiry.resident_anonymised",
        target=enquiry,
        capacity=SYSTEM,
        reason=rule_text,
        extra={"files_removed": len(names)},
        at=at,
    )
    for name in names:
        transaction.on_commit(lambda name=name: files.delete(name))
    return True


def retention_plan(*, today: datetime.date | None = None) -> tuple[policies.Rule, list[dict]]:
    """What the retention rule would change today: each ended enquiry past the period whose resident
    details or files are still held. Returns (the rule, one row per enquiry, oldest first)."""
    today = today or timezone.localdate()
    rule = rules.retention(the_council())
    years = int(rule.value)
    roughly = today - datetime.timedelta(days=365 * years - 2)  # exact check per row below
    holding = Q(resident__isnull=False, resident__anonymised_at__isnull=True) | Q(
        attachments__isnull=False, attachments__removed_at__isnull=True
    )
    qs = (
        Enquiry.objects.filter(closed_at__isnull=False, closed_at__date__lte=roughly)
        .filter(holding)
        .distinct()
        .order_by("closed_at", "pk")
    )
    rows = []
    for enquiry in qs:
        closed_on = timezone.localtime(enquiry.closed_at).date()
        if not policies.retention_due(closed_on=closed_on, today=today, years=years):
            continue
        rows.append(
            {
                "enquiry": enquiry,
                "reference": enquiry.reference,
                "closed_on": closed_on,
                "resident": ResidentDetails.objects.filter(
                    enquiry=enquiry, anonymised_at__isnull=True
                ).exists(),
                "files": enquiry.attachments.filter(removed_at__isnull=True).count(),
            }
        )
    return rule, rows


def apply_retention(*, today: datetime.date | None = None) -> int:
    """Anonymise what ``retention_plan`` lists, each enquiry in its own transaction. Returns how many."""
    rule, rows = retention_plan(today=today)
    text = "; ".join(
        str(r)
        for r in rule.reasons(
            f"Resident details are anonymised {int(rule.value)} years after the enquiry ends"
        )
    )
    done = 0
    for row in rows:
        if anonymise_resident(enquiry=row["enquiry"], rule_text=text):
            done += 1
    return done
