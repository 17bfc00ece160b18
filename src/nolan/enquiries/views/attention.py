"""What needs a person's attention in Member Enquiries, for their home page: a Member's open
enquiries, the team's triage queue, an officer's overdue and soon-due answers, and, for a Director
or anyone managing a line, what is overdue by service. All counts through ``selectors``."""

from __future__ import annotations

from django.urls import reverse

from nolan.enquiries import selectors
from nolan.enquiries.bands import AMBER, AMBER_WORKING_DAYS, BY_NAME, RED, Bands
from nolan.enquiries.views.frame import Viewer


def _tag(name: str) -> tuple[str, str]:
    """A band's tag: its words and the GOV.UK colour that repeats them."""
    return BY_NAME[name].label, BY_NAME[name].colour


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def attention(user) -> list[dict]:
    """Items with ``text``, ``href`` and, where it helps, ``tag`` (text and GOV.UK colour class)."""
    viewer = Viewer.of(user)
    items: list[dict] = []
    index = reverse("enquiries:index")
    if viewer.member_id:
        counts = selectors.counts_by_status(user=user, mine=True, open_only=True)
        open_count = sum(counts.values())
        if open_count:
            items.append(
                {"text": _plural(open_count, "open enquiry", "open enquiries") + " you raised", "href": index}
            )
        responded = selectors.enquiry_list(user=user, mine=True, status="responded").count()
        if responded:
            items.append(
                {
                    "text": _plural(responded, "answered enquiry", "answered enquiries")
                    + " you can come back on or close",
                    "href": f"{index}?status=responded",
                }
            )
    if viewer.team:
        waiting = selectors.triage_queue(user=user).count()
        if waiting:
            items.append(
                {
                    "text": _plural(waiting, "enquiry", "enquiries") + " waiting for triage",
                    "href": reverse("enquiries:triage"),
                }
            )
    mine = selectors.officer_worklist(user=user)
    if viewer.officer_id and mine.exists():
        bands = Bands.for_today()
        overdue = bands.narrow(mine, RED).count()
        soon = bands.narrow(mine, AMBER).count()
        worklist = reverse("enquiries:worklist")
        if overdue:
            items.append(
                {
                    "text": _plural(overdue, "enquiry", "enquiries") + " to answer overdue",
                    "href": f"{worklist}?rag={RED}",
                    "tag": _tag(RED),
                }
            )
        if soon:
            items.append(
                {
                    "text": _plural(soon, "enquiry", "enquiries")
                    + f" to answer within {AMBER_WORKING_DAYS} working days",
                    "href": f"{worklist}?rag={AMBER}",
                    "tag": _tag(AMBER),
                }
            )
    if viewer.manages:
        for row in selectors.director_overdue_by_service(user=user):
            query = f"?rag=red&service={row['service_id']}" if row["service_id"] else "?rag=red"
            items.append(
                {
                    "text": f"{row['service']}: "
                    + _plural(row["overdue"], "enquiry", "enquiries")
                    + " overdue",
                    "href": f"{index}{query}",
                    "tag": _tag(RED),
                }
            )
    return items
