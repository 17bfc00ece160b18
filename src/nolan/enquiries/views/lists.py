"""The lists of enquiries: a Member's own, everything the viewer may see, the team's triage queue, an
officer's worklist, a Director's overdue-by-service view, and the CSV export of a list.

Every row comes from ``selectors`` (so from the one visibility rule), with what a row shows joined
in: a page costs the same few queries whatever the number of rows. Each page of a list, and each
export, is on the audit trail with its filters and search words, how many matched and (for a page)
the references shown (``services.record_enquiry_list``): one event per request. The overdue view
shows only counts per service, with no filter, and is not recorded.
"""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from nolan.enquiries import forms, selectors, services
from nolan.enquiries.bands import Bands
from nolan.enquiries.models import Classification, OriginatorType, Status
from nolan.enquiries.views.frame import Viewer, paginate, section


def _filtered(request, viewer: Viewer):
    form = forms.EnquiryFilterForm(
        request.GET or None, user=request.user, show_service=not viewer.member_only
    )
    return form, form.filters(), form.band()


def _list_page(
    request,
    *,
    here: str,
    title: str,
    qs,
    form,
    filters: dict,
    rag: str,
    bands: Bands,
    intro: str = "",
    **extra,
):
    shown = paginate(request, bands.narrow(qs, rag), bands)
    page = shown["page"]
    services.record_enquiry_list(
        user=request.user,
        listing=here,
        filters={**filters, "rag": rag, "line": extra.get("include_line", False)},
        count=page.paginator.count,
        page=page.number,
        shown=[enquiry.reference for enquiry, _band in shown["rows"]],
    )
    context = {
        **section(request, here),
        "title": title,
        "intro": intro,
        "filter_form": form,
        "export_query": request.GET.urlencode(),
        **shown,
        **extra,
    }
    return render(request, "enquiries/list.html", context)


@login_required
def index(request):
    """A Member's own enquiries; for the team every enquiry; for an officer those they handle or manage."""
    viewer = Viewer.of(request.user)
    form, filters, rag = _filtered(request, viewer)
    bands = Bands.for_today()
    qs = selectors.enquiry_list(user=request.user, mine=viewer.member_only, **filters)
    return _list_page(
        request,
        here="index",
        title=viewer.list_title,
        qs=qs,
        form=form,
        filters=filters,
        rag=rag,
        bands=bands,
        show_export=True,
        show_originator=not viewer.member_only,
    )


def _within(request, qs, filters: dict):
    """A selector's list narrowed by the page's filters and search (the same visibility rule twice)."""
    if not any(v for v in filters.values()):
        return qs
    return qs.filter(pk__in=selectors.enquiry_list(user=request.user, **filters).values("pk"))


@login_required
def triage(request):
    """The Member Enquiries team's queue: urgent first, then oldest first."""
    viewer = Viewer.of(request.user)
    form, filters, rag = _filtered(request, viewer)
    return _list_page(
        request,
        here="triage",
        title="Triage queue",
        intro=(
            "Enquiries waiting to be classified and routed, those to assign again because their officer "
            "left the service, and those waiting for the consent of the person they are about. Urgent "
            "enquiries first, then the oldest."
        ),
        qs=_within(request, selectors.triage_queue(user=request.user), filters),
        form=form,
        filters=filters,
        rag=rag,
        bands=Bands.for_today(),
        show_originator=True,
        empty="No enquiries are waiting for triage."
        if viewer.team
        else "Only the Member Enquiries team triages enquiries.",
    )


@login_required
def worklist(request):
    """What the officer must answer, urgent first and then by due date; a manager can include their line."""
    viewer = Viewer.of(request.user)
    form, filters, rag = _filtered(request, viewer)
    include_line = request.GET.get("line") == "yes"
    return _list_page(
        request,
        here="worklist",
        title="My worklist",
        intro="Enquiries waiting for an answer, urgent ones first, then by due date.",
        qs=_within(
            request, selectors.officer_worklist(user=request.user, include_line=include_line), filters
        ),
        form=form,
        filters=filters,
        rag=rag,
        bands=Bands.for_today(),
        include_line=include_line,
        offer_line=viewer.manages and bool(viewer.officer_id),
        show_originator=True,
        empty="Nothing is waiting for your answer."
        if viewer.officer_id
        else "You do not hold an officer post.",
    )


@login_required
def overdue(request):
    """For each service, how many of the enquiries the viewer may see are overdue, and since when."""
    today = timezone.localdate()
    rows = selectors.director_overdue_by_service(user=request.user, today=today)
    return render(
        request,
        "enquiries/overdue.html",
        {
            **section(request, "overdue"),
            "rows": rows,
            "total": sum(r["overdue"] for r in rows),
            "today": today,
        },
    )


# Export ---------------------------------------------------------------------------------------------

HEADINGS = {
    "reference": "Reference",
    "originator_type": "From (type)",
    "raised_by": "From",
    "received_at": "Received",
    "category": "Category",
    "ward": "Ward",
    "urgent": "Urgent",
    "classification": "Classification",
    "status": "Status",
    "service": "Service",
    "handling_officer": "Handling officer",
    "original_due": "Original due date",
    "due_date": "Due date",
    "responded_at": "Responded",
    "responded_in_time": "Responded in time",
    "closed_at": "Closed",
    "met_need": "Met the need",
}
LABELS = {
    "originator_type": dict(OriginatorType.choices),
    "classification": dict(Classification.choices),
    "status": dict(Status.choices),
}


class _Echo:
    def write(self, value):
        return value


def _cell(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name in LABELS:
        return LABELS[name].get(value, value)
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()
    text = str(value)
    # A spreadsheet must not take a name for a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def export(request):
    """The list, as filtered, as a CSV file: only what the viewer may see, and no resident details
    or text of the enquiries (``selectors.export_rows``)."""
    viewer = Viewer.of(request.user)
    _form, filters, rag = _filtered(request, viewer)
    bands = Bands.for_today()
    # Recorded before the first row goes out, with how many rows the file holds (one count query).
    matching = bands.narrow(
        selectors.enquiry_list(user=request.user, mine=viewer.member_only, **filters), rag
    )
    services.record_enquiry_list(
        user=request.user,
        listing="export",
        filters={**filters, "rag": rag},
        count=matching.count(),
        exported=True,
    )
    rows = selectors.export_rows(user=request.user, mine=viewer.member_only, **filters)
    columns = list(selectors.EXPORT_COLUMNS)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([HEADINGS.get(c, c) for c in columns] + ["Red, amber or green"])
        for row in rows:
            band = bands.of_row(row)
            if rag and band != rag:
                continue
            yield writer.writerow([_cell(c, row[c]) for c in columns] + [band.capitalize()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enquiries-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
