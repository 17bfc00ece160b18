"""Working days: which days count, and the arithmetic on them. Plain Python, no Django.

A ``WorkingCalendar`` is the bank holidays of one region (from the ``holidays`` package) plus the
council's own changes: extra non-working days (a one-off bank holiday, an office closure day) and
days the office opens although they would otherwise be a bank holiday. Saturdays and Sundays are
never working days unless the council opens on one.

The calendar is built once per version and answers each question in constant time: it keeps, for
every day in its range, whether it is a working day and how many working days come before it, and
the list of working days in order. Adding working days is then two list look-ups, not a walk through
the days. The range covers ``FIRST_YEAR`` to ``LAST_YEAR`` and grows (once) when asked about a date
outside it.

Conventions, used throughout Nolan:

- The day of receipt is day 0: ``add_working_days(start, 10)`` is the tenth working day *after*
  ``start``. If ``start`` is not a working day, the first working day after it is day 1.
- ``add_working_days(start, 0)`` is ``start`` if it is a working day, otherwise the next working day,
  so a date worked out here is always a working day.
- ``working_days_between(start, end)`` counts the working days after ``start`` up to and including
  ``end`` (negative when ``end`` is before ``start``), so
  ``working_days_between(start, add_working_days(start, n)) == n`` for ``n > 0``.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Mapping

ENGLAND_AND_WALES = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"

#: Nolan's region names (as ``nolan.directory.models.BankHolidayRegion``) → the ``holidays`` package's
#: subdivision of the United Kingdom. Wales has the same bank holidays as England.
REGIONS: dict[str, str] = {ENGLAND_AND_WALES: "ENG", SCOTLAND: "SCT", NORTHERN_IRELAND: "NIR"}
REGION_NAMES: dict[str, str] = {
    ENGLAND_AND_WALES: "England and Wales",
    SCOTLAND: "Scotland",
    NORTHERN_IRELAND: "Northern Ireland",
}
DEFAULT_REGION = ENGLAND_AND_WALES

#: The years a calendar covers when built; a question about a date outside them extends the range.
#: The version (content hash) is worked out over these years only, so it does not depend on which
#: dates a process happened to be asked about.
FIRST_YEAR = 2000
LAST_YEAR = 2060

SUBSTITUTE = "(substitute day)"

HolidaySource = Callable[[int, int], Mapping[datetime.date, str]]


class UnknownRegion(ValueError):
    def __init__(self, region: str):
        known = ", ".join(REGIONS)
        super().__init__(f"“{region}” is not a bank holiday region: use one of {known}.")
        self.region = region


def region_subdivision(region: str) -> str:
    try:
        return REGIONS[region]
    except KeyError:
        raise UnknownRegion(region) from None


#: The ``holidays`` package's names → the names GOV.UK's list of bank holidays uses.
GOVUK_NAMES = {
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
    "Summer Bank Holiday": "Summer bank holiday",
    "New Year Holiday": "2nd January",
    "Saint Andrew's Day": "St Andrew's Day",
    "Saint Patrick's Day": "St Patrick's Day",
    "Battle of the Boyne": "Battle of the Boyne (Orangemen's Day)",
}


def _plain_name(name: str) -> str:
    """The ``holidays`` package's name in the words GOV.UK uses: an "observed" day is a substitute day.
    A day that is two holidays at once ("New Year Holiday; New Year's Day (observed)") names both."""
    out = []
    for part in (p.strip() for p in name.split(";")):
        if not part:
            continue
        observed = part.endswith("(observed)")
        base = part.removesuffix("(observed)").strip()
        base = GOVUK_NAMES.get(base, base)
        out.append(f"{base} {SUBSTITUTE}" if observed else base)
    return " and ".join(out)


def bank_holidays(region: str, first_year: int, last_year: int) -> dict[datetime.date, str]:
    """The region's bank holidays from ``first_year`` to ``last_year`` inclusive, from the ``holidays``
    package (rules for every year, substitute days, and the one-off days proclaimed so far)."""
    return dict(_bank_holidays(region_subdivision(region), first_year, last_year))


@functools.lru_cache(maxsize=16)
def _bank_holidays(subdivision: str, first: int, last: int) -> tuple[tuple[datetime.date, str], ...]:
    import holidays

    found = holidays.country_holidays("GB", subdiv=subdivision, years=range(first, last + 1))
    return tuple((day, _plain_name(name)) for day, name in sorted(found.items()))


def holidays_package_version() -> str:
    import holidays

    return getattr(holidays, "__version__", "")


class _Table:
    """The precomputed days of one range: ``working[i]`` is 1 if day ``lo + i`` is a working day,
    ``before[i]`` the number of working days before day ``lo + i`` (``before`` has one more entry
    than there are days), ``dates`` the working days in order."""

    __slots__ = ("lo", "hi", "size", "working", "before", "dates", "count")

    def __init__(self, lo: int, hi: int, is_working: Callable[[int], bool]):
        self.lo = lo
        self.hi = hi
        self.size = hi - lo + 1
        working = bytearray(self.size)
        before = [0] * (self.size + 1)
        dates: list[datetime.date] = []
        fromordinal = datetime.date.fromordinal
        count = 0
        for i in range(self.size):
            before[i] = count
            if is_working(lo + i):
                working[i] = 1
                dates.append(fromordinal(lo + i))
                count += 1
        before[self.size] = count
        self.working = bytes(working)
        self.before = before
        self.dates = dates
        self.count = count


class WorkingCalendar:
    """The working days of one region with the council's changes, for one version. Immutable: a
    change to the holidays or the overrides makes a new calendar (with a new ``version``).

    ``holidays``: the bank holidays to use instead of the ``holidays`` package's (then only those
    dates, plus weekends, are non-working, whatever the year). ``closures``: extra non-working days
    with their description (a one-off bank holiday, an office closure day). ``openings``: days the
    office opens although they would otherwise not be working days, with a description.
    """

    def __init__(
        self,
        region: str = DEFAULT_REGION,
        *,
        holidays: Mapping[datetime.date, str] | None = None,
        closures: Mapping[datetime.date, str] | None = None,
        openings: Mapping[datetime.date, str] | Iterable[datetime.date] | None = None,
        version: str | None = None,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ):
        region_subdivision(region)  # refuse an unknown region at once
        self.region = region
        self._fixed_holidays = dict(holidays) if holidays is not None else None
        self._closures = dict(closures or {})
        if openings is None:
            openings = {}
        self._openings = (
            dict(openings) if isinstance(openings, Mapping) else dict.fromkeys(openings, "Working day")
        )
        self._lock = threading.Lock()
        self._years = (first_year, last_year)
        self._holidays: dict[datetime.date, str] = {}
        self._named: dict[datetime.date, str] = {}
        self._table: _Table
        self._build(first_year, last_year)
        self._content_hash = ""
        self.version = version or self.content_hash()[:16]

    # Building ---------------------------------------------------------------------------------------

    def _source(self, first_year: int, last_year: int) -> dict[datetime.date, str]:
        if self._fixed_holidays is not None:
            return {d: n for d, n in self._fixed_holidays.items() if first_year <= d.year <= last_year}
        return bank_holidays(self.region, first_year, last_year)

    def _build(self, first_year: int, last_year: int) -> None:
        holidays = self._source(first_year, last_year)
        closures = self._closures
        openings = self._openings
        named = {**closures, **holidays}  # a bank holiday keeps its own name if also closed

        def is_working(ordinal: int) -> bool:
            day = datetime.date.fromordinal(ordinal)
            if day in openings:
                return True
            return day.weekday() < 5 and day not in named

        lo = datetime.date(first_year, 1, 1).toordinal()
        hi = datetime.date(last_year, 12, 31).toordinal()
        table = _Table(lo, hi, is_working)
        # The arithmetic reads only ``_table``, swapped in one assignment, so a reader in another thread
        # sees the old range or the new one; the old range's answers stay true in the new one.
        self._holidays = holidays
        self._named = named
        self._years = (first_year, last_year)
        self._table = table

    def _cover(self, *days: datetime.date) -> None:
        """Extend the range (with ten years to spare) to cover ``days``."""
        with self._lock:
            first, last = self._years
            want_first = min([first] + [d.year - 10 for d in days if d.year < first])
            want_last = max([last] + [d.year + 10 for d in days if d.year > last])
            want_first = max(want_first, datetime.MINYEAR + 1)
            want_last = min(want_last, datetime.MAXYEAR - 1)
            if (want_first, want_last) != (first, last):
                self._build(want_first, want_last)

    # Questions about one day ----------------------------------------------------------------------

    def is_working_day(self, day: datetime.date) -> bool:
        t = self._table
        i = day.toordinal() - t.lo
        if 0 <= i < t.size:
            return t.working[i] == 1
        self._cover(day)
        return self.is_working_day(day)

    def holiday_name(self, day: datetime.date) -> str | None:
        """The bank holiday's name or the council's description of a closure; None for an ordinary
        day, a weekend, or a day the council opens."""
        if day in self._openings:
            return None
        first, last = self._years
        if not first <= day.year <= last:
            self._cover(day)
        return self._named.get(day)

    def opening(self, day: datetime.date) -> str | None:
        """The council's description if it opens on ``day`` although it would otherwise be closed."""
        return self._openings.get(day)

    def named_days(self, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
        """Bank holidays and closure days from ``start`` to ``end`` inclusive, in order (weekend bank
        holidays included, with their substitute days). A bank holiday on which the council opens is
        listed too: ``opening(day)`` tells it apart."""
        self._cover(start, end)
        return [(day, name) for day, name in sorted(self._named.items()) if start <= day <= end]

    @property
    def closures(self) -> dict[datetime.date, str]:
        return dict(self._closures)

    @property
    def openings(self) -> dict[datetime.date, str]:
        return dict(self._openings)

    # Arithmetic -------------------------------------------------------------------------------------

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        t = self._table
        i = start.toordinal() - t.lo
        if 0 <= i < t.size:
            if days > 0:
                j = t.before[i + 1] + days - 1
            elif days == 0:
                if t.working[i]:
                    return start
                j = t.before[i + 1]
            else:
                j = t.before[i] + days
            if 0 <= j < t.count:
                return t.dates[j]
        return self._add_outside(start, days)

    def _add_outside(self, start: datetime.date, days: int) -> datetime.date:
        # At most about 261 working days a year: extending by days / 200 years (and ten more) is enough.
        years = abs(days) // 200 + 1
        try:
            reach = start.replace(year=start.year + (years if days >= 0 else -years))
        except ValueError:  # 29 February
            reach = start.replace(day=28, year=start.year + (years if days >= 0 else -years))
        self._cover(start, reach)
        t = self._table
        i = start.toordinal() - t.lo
        if not 0 <= i < t.size:
            raise OverflowError(f"{start} is outside the dates Nolan can work with.")
        if days > 0:
            j = t.before[i + 1] + days - 1
        elif days == 0:
            j = t.before[i + 1]
        else:
            j = t.before[i] + days
        if not 0 <= j < t.count:
            raise OverflowError(f"{days} working days from {start} is outside the dates Nolan can work with.")
        return t.dates[j]

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        t = self._table
        a = start.toordinal() - t.lo
        b = end.toordinal() - t.lo
        if 0 <= a < t.size and 0 <= b < t.size:
            return t.before[b + 1] - t.before[a + 1]
        self._cover(start, end)
        return self.working_days_between(start, end)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day after ``day``."""
        return self.add_working_days(day, 1)

    def on_or_after(self, day: datetime.date) -> datetime.date:
        """``day`` if it is a working day, otherwise the next working day."""
        return self.add_working_days(day, 0)

    def on_or_before(self, day: datetime.date) -> datetime.date:
        """``day`` if it is a working day, otherwise the last working day before it."""
        if self.is_working_day(day):
            return day
        return self.add_working_days(day, -1)

    def non_working_weekdays(self, after: datetime.date, before: datetime.date) -> list[datetime.date]:
        """Monday-to-Friday days strictly between ``after`` and ``before`` that are not working days
        (the bank holidays and closures a count passes over), in order."""
        if before < after:
            after, before = before, after
        self._cover(after, before)
        days = sorted(d for d in self._named if after < d < before and d.weekday() < 5)
        return [d for d in days if not self.is_working_day(d)]

    # Version ----------------------------------------------------------------------------------------

    def content(self) -> dict:
        """Everything that decides the calendar's answers from ``FIRST_YEAR`` to ``LAST_YEAR``."""

        def inside(day: datetime.date) -> bool:
            return FIRST_YEAR <= day.year <= LAST_YEAR

        source = self._source(FIRST_YEAR, LAST_YEAR)
        return {
            "region": self.region,
            "holidays": [[d.isoformat(), n] for d, n in sorted(source.items()) if inside(d)],
            "closures": [[d.isoformat(), n] for d, n in sorted(self._closures.items()) if inside(d)],
            "openings": [[d.isoformat(), n] for d, n in sorted(self._openings.items()) if inside(d)],
        }

    def content_hash(self) -> str:
        """The SHA-256 of ``content()``: the same for two calendars with the same days and names."""
        if not self._content_hash:
            text = json.dumps(self.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            self._content_hash = hashlib.sha256(text.encode()).hexdigest()
        return self._content_hash

    def __repr__(self) -> str:
        return f"<WorkingCalendar {self.region} {self.version}>"


# The functions the rest of Nolan calls ------------------------------------------------------------


def add_working_days(start: datetime.date, days: int, calendar: WorkingCalendar) -> datetime.date:
    """The ``days``-th working day after ``start`` (before it if ``days`` is negative); ``days == 0``
    gives ``start`` rolled forward to a working day."""
    return calendar.add_working_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date, calendar: WorkingCalendar) -> int:
    """The working days after ``start`` up to and including ``end``; negative if ``end`` is earlier."""
    return calendar.working_days_between(start, end)


def calendar_days_rolled_forward(start: datetime.date, days: int, calendar: WorkingCalendar) -> datetime.date:
    """``days`` calendar days after ``start``, moved on to the next working day if that day is not one
    (for periods set in days rather than working days, such as 28 days to register an interest)."""
    return calendar.on_or_after(start + datetime.timedelta(days=days))


def clear_days_between(
    first: datetime.date, second: datetime.date, calendar: WorkingCalendar, *, working_days_only: bool = True
) -> int:
    """How many clear days lie between two dates: neither the first day nor the second counts. With
    ``working_days_only`` (as councils count agenda notice) only working days count; otherwise every day."""
    if second < first:
        first, second = second, first
    if second - first <= datetime.timedelta(days=1):
        return 0
    if not working_days_only:
        return (second - first).days - 1
    return calendar.working_days_between(first, second - datetime.timedelta(days=1))


def clear_days_before(
    event: datetime.date, days: int, calendar: WorkingCalendar, *, working_days_only: bool = True
) -> datetime.date:
    """The last working day on which something can be done so that ``days`` clear days lie between it
    and ``event`` (a meeting, say: "at least 5 clear days before the meeting"). Neither that day nor
    the event's day counts. With ``working_days_only`` only working days count as clear days;
    otherwise every day does, and the answer moves back to a working day if it falls on another."""
    if days < 0:
        raise ValueError("The number of clear days cannot be negative.")
    if working_days_only:
        return calendar.add_working_days(event, -(days + 1))
    return calendar.on_or_before(event - datetime.timedelta(days=days + 1))


def start_of_clock(
    received: datetime.datetime | datetime.date, cut_off: datetime.time, calendar: WorkingCalendar
) -> datetime.date:
    """Day 0 for something received at ``received`` (local time): that day, if it is a working day and
    the time is not after ``cut_off``; otherwise the next working day."""
    if isinstance(received, datetime.datetime):
        day = received.date()
        late = received.time().replace(tzinfo=None) > cut_off.replace(tzinfo=None)
    else:
        day, late = received, False
    if not calendar.is_working_day(day):
        return calendar.on_or_after(day)
    return calendar.next_working_day(day) if late else day
