"""The working-day calendar's pages. Thin: parse the request, call a selector or service, render.

Everyone who can read the council directory sees the calendar and can work out a due date; Member
Services and system administrators add and remove the council's own days, giving a reason each time.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from nolan.calendar import forms, selectors, services
from nolan.calendar.explain import day_label, explain_working_days
from nolan.calendar.models import OverrideKind
from nolan.calendar.working_days import REGION_NAMES


def readers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_view_calendar(request.user):
            raise PermissionDenied(
                "Only people with a place in the council can see the working-day calendar."
            )
        return view(request, *args, **kwargs)

    return wrapped


def editors_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_edit_calendar(request.user):
            raise PermissionDenied(
                "Only Member Services or a system administrator may change the working-day calendar."
            )
        return view(request, *args, **kwargs)

    return wrapped


def _kind(day: datetime.date, name: str, override) -> str:
    if override is not None:
        return override.get_kind_display()
    if "(substitute day)" in name:
        return "Substitute day"
    return "Bank holiday (a weekend day)" if day.weekday() >= 5 else "Bank holiday"


def _year_rows(calendar, overrides, year: int) -> list[dict]:
    by_date = {o.date: o for o in overrides}
    rows = []
    named = dict(calendar.named_days(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    for day, name in sorted(named.items()):
        override = by_date.get(day)
        if override is not None and override.kind == OverrideKind.OPENING:
            name = f"{name}: {override.description}"
        rows.append(
            {
                "day": day,
                "label": day_label(day),
                "name": name,
                "kind": _kind(day, name, override),
                "override": override,
            }
        )
    return rows


@readers_only
def index(request):
    council_region = services.council_region()
    form = forms.DueDateForm(request.GET or None, region=council_region)
    answer = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        asked = services.calendar_for_region(data["region"])
        try:
            answer = {
                "due": day_label(asked.add_working_days(data["start"], data["working_days"])),
                "explanation": explain_working_days(data["start"], data["working_days"], asked),
                "region": REGION_NAMES[data["region"]],
                "version": asked.version,
            }
        except OverflowError:
            form.add_error("start", "Choose a date nearer to today")
    calendar = services.current_calendar()
    this_year = timezone.localdate().year
    overrides = list(
        selectors.overrides(
            user=request.user,
            region=council_region,
            start=datetime.date(this_year, 1, 1),
            end=datetime.date(this_year + 1, 12, 31),
        )
    )
    return render(
        request,
        "calendar/index.html",
        {
            "form": form,
            "answer": answer,
            "region_name": REGION_NAMES[council_region],
            "years": [(year, _year_rows(calendar, overrides, year)) for year in (this_year, this_year + 1)],
            "version": selectors.latest_version(user=request.user, region=council_region),
            "calendar_version": calendar.version,
            "can_edit": selectors.can_edit_calendar(request.user),
        },
    )


def _invalid(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(
    request, *, form, title: str, submit: str, intro: str = "", summary=None, warning: bool = False
):
    return render(
        request,
        "calendar/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "summary": summary or [],
        },
    )


@editors_only
def override_add(request):
    form = forms.OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            override = services.add_override(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _invalid(form, error)
        else:
            messages.success(
                request,
                f"{override.get_kind_display()} added: {day_label(override.date)}, {override.description}. "
                "Open deadlines have been worked out again.",
            )
            return redirect(reverse("calendar:index"))
    return _form_page(
        request,
        form=form,
        title="Add a day to the working-day calendar",
        submit="Add the day",
        intro=(
            "An extra bank holiday or an office closure day stops the clock that day; on a bank holiday "
            "the offices open, it counts as a working day. Open deadlines are worked out again."
        ),
    )


@editors_only
def override_remove(request, pk: int):
    override = selectors.override_get(user=request.user, pk=pk)
    if override is None:
        raise Http404("Not found")
    form = forms.RemoveOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_override(
                actor=request.user, override=override, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _invalid(form, error)
        else:
            messages.success(
                request,
                f"Removed: {day_label(override.date)}, {override.description}. "
                "Open deadlines have been worked out again.",
            )
            return redirect(reverse("calendar:index"))
    return _form_page(
        request,
        form=form,
        title="Remove a day from the working-day calendar",
        submit="Remove the day",
        intro="Open deadlines are worked out again without it.",
        summary=[
            ("Date", day_label(override.date)),
            ("What kind of day", override.get_kind_display()),
            ("Description", override.description),
            ("Where", override.region_label),
            ("Added", f"{override.created_by or 'Nolan'}, {override.created_at:%d %B %Y}: {override.reason}"),
        ],
    )
