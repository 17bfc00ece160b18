"""Reading enquiries is on the audit trail: each view of an enquiry, and each list, search, export
or filtered count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nolan.audit.services import record, record_view
from nolan.enquiries.models import Enquiry
from nolan.enquiries.services.steps import capacity_of


def record_enquiry_view(*, user, enquiry: Enquiry) -> None:
    """Each view of an enquiry is an audit event (not a timeline entry). Views call this after
    ``selectors.enquiry_get`` returned the enquiry."""
    record_view(actor=user, target=enquiry, capacity=capacity_of(user))


def record_enquiry_list(
    *,
    user,
    listing: str,
    filters: dict[str, Any],
    count: int,
    exported: bool = False,
    counted: bool = False,
    page: int | None = None,
    shown: Sequence[str] = (),
) -> None:
    """A list, a search, an export or filtered counts of enquiries is an audit event too, as a view is:
    who, which list (``listing``), with which filters and search words, how many matched and, for a
    page, its number and the references it showed. One event per request, from what the page already
    fetched (no query per row). The action is ``listed``, ``searched`` (a list with search words),
    ``exported`` or ``counted``."""
    applied = {name: value for name, value in filters.items() if value not in (None, "", False)}
    if exported:
        action = "exported"
    elif counted:
        action = "counted"
    else:
        action = "searched" if applied.get("search") else "listed"
    extra: dict[str, Any] = {"list": listing, "filters": applied, "count": count}
    if page is not None:
        extra.update(page=page, shown=list(shown))
    record(actor=user, action=action, about=Enquiry, capacity=capacity_of(user), extra=extra)
