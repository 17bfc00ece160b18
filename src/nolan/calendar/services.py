"""The calendar's Django side: the council's current ``WorkingCalendar``, and every change to it.

``current_calendar(council)`` is the calendar every clock in Nolan uses: the bank holidays of the
council's region plus the overrides in force there. It is built once per version and kept in the
process; each call makes one cheap query (the newest version row) so a change made in another
process is seen at once.

Versions. A region's calendar is identified by the content hash of its holidays and overrides
(``WorkingCalendar.content_hash``), and each distinct state is recorded as a ``CalendarVersion``:
the first time the calendar is used, whenever an override is added or removed, and when the bank
holiday data itself changes (a newer ``holidays`` package with a newly proclaimed day). When the
council's own region gets a new version, every function registered with
``nolan.calendar.recompute`` is called with the new calendar, inside the same transaction, to work
out the open deadlines again (each writes its own audit events).

Changes (``add_override``, ``remove_override``): ``@transaction.atomic``, keyword-only, first argument
``actor``; only Member Services and system administrators (``selectors.can_edit_calendar``), anyone
else gets ``PermissionDenied``; a bad value is a ``ValidationError`` keyed by the argument's name
and nothing is written; each change records one audit event with the reason given.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from nolan.accounts.models import AccessRole
from nolan.audit.services import SYSTEM, record, snapshot
from nolan.calendar import recompute, selectors
from nolan.calendar.explain import day_label
from nolan.calendar.models import CalendarOverride, CalendarVersion, OverrideKind
from nolan.calendar.working_days import (
    FIRST_YEAR,
    LAST_YEAR,
    REGION_NAMES,
    REGIONS,
    WorkingCalendar,
    bank_holidays,
    holidays_package_version,
)
from nolan.directory.capacities import capacities_for
from nolan.directory.selectors import the_council

COMMAND_LINE = "command line"
OVERRIDE_FIELDS = ["date", "kind", "description", "region", "reason", "removed_at", "removal_reason"]

_lock = threading.Lock()
# region -> ((newest version row's pk, its hash), calendar): what current_calendar last returned.
_current: dict[str, tuple[tuple[int, str], WorkingCalendar]] = {}
# (region, overrides) -> calendar: every calendar built, so going back to an earlier state is free.
_built: OrderedDict[tuple, WorkingCalendar] = OrderedDict()
_BUILT_KEPT = 12


# The council's calendar -------------------------------------------------------------------------------


def default_region() -> str:
    return settings.NOLAN_BANK_HOLIDAY_REGION


def council_region(council=None) -> str:
    """The council's bank holiday region (the single Council row if ``council`` is None)."""
    if council is None:
        council = the_council()
    region = getattr(council, "bank_holiday_region", "")
    return region if region in REGIONS else default_region()


def current_calendar(council=None) -> WorkingCalendar:
    """The working-day calendar of ``council`` (None: the single Council row; with no council, the
    default region): its region's bank holidays with the overrides in force there."""
    return calendar_for_region(council_region(council))


def calendar_for_region(region: str) -> WorkingCalendar:
    """The calendar of ``region`` with the overrides that apply there."""
    if region not in REGIONS:
        WorkingCalendar(region)  # raises UnknownRegion, naming the regions
    stamp = _stamp()
    hit = _current.get(region)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    calendar = build_calendar(region, _overrides_of(region))
    _note_version(calendar)
    with _lock:
        _current[region] = (_stamp(), calendar)
    return calendar


def build_calendar(region: str, overrides: tuple[tuple[datetime.date, str, str], ...]) -> WorkingCalendar:
    """The calendar of ``region`` with ``overrides`` ((date, kind, description), ...), built once."""
    key = (region, overrides)
    with _lock:
        found = _built.get(key)
        if found is not None:
            _built.move_to_end(key)
            return found
    closures = {day: text for day, kind, text in overrides if kind != OverrideKind.OPENING}
    openings = {day: text for day, kind, text in overrides if kind == OverrideKind.OPENING}
    calendar = WorkingCalendar(region, closures=closures, openings=openings)
    with _lock:
        _built[key] = calendar
        while len(_built) > _BUILT_KEPT:
            _built.popitem(last=False)
    return calendar


def forget_calendars() -> None:
    """Drop the calendars kept in this process (the next call builds them again)."""
    with _lock:
        _current.clear()
        _built.clear()


def _stamp() -> tuple[int, str]:
    newest = CalendarVersion.objects.order_by("-pk").values_list("pk", "content_hash").first()
    return tuple(newest) if newest else (0, "")


def _overrides_of(region: str) -> tuple[tuple[datetime.date, str, str], ...]:
    rows = CalendarOverride.objects.active().for_region(region).order_by("date", "pk")
    return tuple(rows.values_list("date", "kind", "description"))


# Versions ---------------------------------------------------------------------------------------------


def _latest(region: str) -> CalendarVersion | None:
    return CalendarVersion.objects.filter(region=region).order_by("-number").first()


def _note_version(calendar: WorkingCalendar) -> CalendarVersion:
    """Make sure the calendar's state is the region's newest recorded version. The first use records
    version 1; a different hash with no override changed means the bank holiday data changed."""
    latest = _latest(calendar.region)
    if latest is not None and latest.content_hash == calendar.content_hash():
        return latest
    if latest is None:
        return _record_version(calendar, cause="First use of the calendar", previous=None)
    return _record_version(
        calendar,
        cause=f"The bank holiday data changed (holidays {holidays_package_version()})",
        previous=latest,
        audit=True,
    )


@transaction.atomic
def _record_version(
    calendar: WorkingCalendar, *, cause: str, previous: CalendarVersion | None, audit: bool = False
) -> CalendarVersion:
    """Record ``calendar`` as the region's next version and, if it is the council's region, have the
    open deadlines worked out again. Another process recording the same number first wins."""
    region = calendar.region
    try:
        with transaction.atomic():
            row = CalendarVersion.objects.create(
                region=region,
                number=(previous.number if previous else 0) + 1,
                content_hash=calendar.content_hash(),
                cause=cause[:300],
                holidays_package=holidays_package_version()[:20],
                content=calendar.content(),
            )
    except IntegrityError:
        return _latest(region) or previous
    if audit:
        removed, added = _holiday_changes(previous, row)
        record(
            actor=None,
            action="calendar.holidays_changed",
            target=row,
            capacity=SYSTEM,
            before={"version": previous.version if previous else "", "holidays": removed},
            after={"version": row.version, "holidays": added},
            reason=cause,
        )
    if previous is not None and region == council_region():
        row.recomputed = recompute.run(calendar)
        row.save(update_fields=["recomputed"])
    return row


def _holiday_changes(previous: CalendarVersion | None, row: CalendarVersion) -> tuple[list, list]:
    before = {tuple(pair) for pair in (previous.content.get("holidays", []) if previous else [])}
    after = {tuple(pair) for pair in row.content.get("holidays", [])}
    return [list(p) for p in sorted(before - after)], [list(p) for p in sorted(after - before)]


# Who may change the calendar --------------------------------------------------------------------------


def _capacity(actor, capacity: str | None) -> str:
    if actor is None:
        if capacity == COMMAND_LINE:
            return COMMAND_LINE
        raise PermissionDenied("Only the command line may act without a signed-in person.")
    if not selectors.can_edit_calendar(actor):
        raise PermissionDenied(
            "Only Member Services or a system administrator may change the working-day calendar."
        )
    if capacity:
        return capacity
    caps = capacities_for(actor)
    for role in (AccessRole.MEMBER_SERVICES, AccessRole.ADMINISTRATOR):
        if role in caps.access_roles:
            return AccessRole(role).label
    return AccessRole.ADMINISTRATOR.label if caps.is_superuser else caps.primary


# Changing the calendar --------------------------------------------------------------------------------


def _regions(region: str) -> list[str]:
    return [region] if region else list(REGIONS)


def _region_words(regions: list[str]) -> str:
    names = [REGION_NAMES[r] for r in regions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _text(value, field: str, missing: str, errors: dict, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        errors.setdefault(field, []).append(missing)
    elif len(text) > limit:
        errors.setdefault(field, []).append(f"Use {limit} characters or fewer.")
    return text


def _check_day(day: datetime.date, kind: str, regions: list[str], errors: dict) -> None:
    label = day_label(day)
    holidays = {region: bank_holidays(region, day.year, day.year).get(day) for region in regions}
    if kind == OverrideKind.OPENING:
        if day.weekday() >= 5:
            errors.setdefault("date", []).append(f"{label} is a weekend day: choose a bank holiday.")
        elif not any(holidays.values()):
            errors.setdefault("date", []).append(
                f"{label} is not a bank holiday in {_region_words(regions)}: there is nothing to open."
            )
        return
    if day.weekday() >= 5:
        errors.setdefault("date", []).append(f"{label} is a weekend day: it is not a working day anyway.")
    elif all(holidays.values()):
        name = next(iter(holidays.values()))
        errors.setdefault("date", []).append(
            f"{label} is already a bank holiday ({name}) in {_region_words(regions)}."
        )


def _clashes(day: datetime.date, region: str):
    qs = CalendarOverride.objects.active().filter(date=day)
    return qs if not region else qs.filter(region__in=[region, ""])


@transaction.atomic
def add_override(
    *,
    actor,
    date: datetime.date | None,
    kind: str,
    description: str,
    region: str = "",
    reason: str,
    capacity: str | None = None,
) -> CalendarOverride:
    """Add a one-off bank holiday, an office closure day, or a bank holiday on which the offices open,
    for one region or (``region=""``) every region. Open deadlines are worked out again."""
    capacity = _capacity(actor, capacity)
    errors: dict[str, list[str]] = {}
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        errors["date"] = ["Enter the date, with a day, month and year."]
    elif not FIRST_YEAR <= date.year <= LAST_YEAR:
        errors["date"] = [f"Choose a date from {FIRST_YEAR} to {LAST_YEAR}."]
    if kind not in OverrideKind.values:
        errors["kind"] = ["Choose what kind of day this is."]
    region = region or ""
    if region and region not in REGIONS:
        errors["region"] = ["Choose a region, or every region."]
    missing = "Enter a description: it names the day in due-date explanations."
    description = _text(description, "description", missing, errors, 100)
    reason = _text(reason, "reason", "Give a reason: it is kept on the audit trail.", errors, 500)
    if "date" not in errors and "kind" not in errors and "region" not in errors:
        _check_day(date, kind, _regions(region), errors)
        clash = _clashes(date, region).first()
        if clash is not None:
            errors.setdefault("date", []).append(
                f"{day_label(date)} already has a change ({clash.get_kind_display()}: {clash.description}, "
                f"{clash.region_label}). Remove it first."
            )
    if errors:
        raise ValidationError(errors)
    override = CalendarOverride.objects.create(
        date=date,
        kind=kind,
        description=description,
        region=region,
        reason=reason,
        created_by=actor,
    )
    _changed(
        actor=actor,
        capacity=capacity,
        override=override,
        action="calendar.override_added",
        before=None,
        reason=reason,
        cause=f"{override.get_kind_display()} added: {day_label(date)} {description}",
    )
    return override


@transaction.atomic
def remove_override(*, actor, override: CalendarOverride, reason: str, capacity: str | None = None):
    """Take a change out of the calendar (the row is kept, with who removed it and why)."""
    capacity = _capacity(actor, capacity)
    errors: dict[str, list[str]] = {}
    reason = _text(reason, "reason", "Give a reason: it is kept on the audit trail.", errors, 500)
    override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    if override.removed_at is not None:
        errors.setdefault("override", []).append("This change has already been removed.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(override, OVERRIDE_FIELDS)
    override.removed_at = timezone.now()
    override.removed_by = actor
    override.removal_reason = reason
    override.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    _changed(
        actor=actor,
        capacity=capacity,
        override=override,
        action="calendar.override_removed",
        before=before,
        reason=reason,
        cause=f"{override.get_kind_display()} removed: {day_label(override.date)} {override.description}",
    )
    return override


def _changed(*, actor, capacity, override, action, before, reason, cause) -> None:
    """The audit event for a change, then the new version of each region it touches."""
    regions = _regions(override.region)
    calendars = {region: build_calendar(region, _overrides_of(region)) for region in regions}
    record(
        actor=actor,
        action=action,
        target=override,
        capacity=capacity,
        before=before,
        after=snapshot(override, OVERRIDE_FIELDS),
        reason=reason,
        extra={"versions": {region: calendar.version for region, calendar in calendars.items()}},
    )
    for calendar in calendars.values():
        previous = _latest(calendar.region)
        if previous is None or previous.content_hash != calendar.content_hash():
            _record_version(calendar, cause=cause, previous=previous or _baseline(calendar.region))


def _baseline(region: str) -> CalendarVersion:
    """The region's calendar before any change, recorded as version 1 if it never was."""
    calendar = build_calendar(region, ())
    return _record_version(calendar, cause="First use of the calendar", previous=None)
