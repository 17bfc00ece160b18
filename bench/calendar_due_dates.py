"""Due dates per second: Nolan's WorkingCalendar against workalendar and numpy.busday_offset.

    .venv/bin/python bench/calendar_due_dates.py [--calls N] [--seed S]

Every implementation gets the same random (start, working days) pairs: starts from 2020 to 2035,
0 to 30 working days, England and Wales bank holidays. numpy is given Nolan's holiday list, so its
answers must be identical; workalendar uses its own United Kingdom calendar, and the share of its
answers that agree is printed too (it differs where it returns a weekend start unchanged for 0
days, and in May 2023: its last release predates the Coronation bank holiday).

Each is timed per call (one Python call per due date, as an enquiry's clock uses it), best of three
runs after a warm-up; numpy's one-call-for-all vectorised form is printed for reference. Ratios
above 1 mean Nolan is faster.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np  # noqa: E402
from workalendar.europe import UnitedKingdom  # noqa: E402

from nolan.calendar import WorkingCalendar, add_working_days  # noqa: E402


def inputs(count: int, seed: int) -> list[tuple[datetime.date, int]]:
    rng = random.Random(seed)
    first = datetime.date(2020, 1, 1).toordinal()
    last = datetime.date(2035, 12, 31).toordinal()
    return [(datetime.date.fromordinal(rng.randint(first, last)), rng.randint(0, 30)) for _ in range(count)]


def best_rate(run, count: int, repeats: int = 3) -> tuple[float, list]:
    run()  # warm-up: caches filled, code paths compiled
    best = float("inf")
    result = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return count / best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20261224)
    args = parser.parse_args()
    pairs = inputs(args.calls, args.seed)
    # workalendar walks day by day: a tenth of the calls is enough to time it.
    few = pairs[: max(1, args.calls // 10)]

    started = time.perf_counter()
    calendar = WorkingCalendar("england-and-wales")
    built = time.perf_counter() - started

    holidays = [d for d, _ in calendar.named_days(datetime.date(2000, 1, 1), datetime.date(2060, 12, 31))]
    busdays = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))
    uk = UnitedKingdom()

    def nolan():
        return [add_working_days(start, days, calendar) for start, days in pairs]

    def numpy_per_call():
        offset = np.busday_offset
        return [
            offset(np.datetime64(start, "D"), days, roll="backward" if days else "forward", busdaycal=busdays)
            for start, days in pairs
        ]

    starts = np.array([s for s, _ in pairs], dtype="datetime64[D]")
    counts = np.array([d for _, d in pairs])

    def numpy_vectorised():
        back = np.busday_offset(starts, counts, roll="backward", busdaycal=busdays)
        forward = np.busday_offset(starts, 0, roll="forward", busdaycal=busdays)
        return np.where(counts == 0, forward, back)

    def workalendar():
        return [uk.add_working_days(start, days) for start, days in few]

    nolan_rate, nolan_out = best_rate(nolan, len(pairs))
    numpy_rate, numpy_out = best_rate(numpy_per_call, len(pairs))
    vector_rate, vector_out = best_rate(numpy_vectorised, len(pairs))
    work_rate, work_out = best_rate(workalendar, len(few))

    numpy_agree = sum(a == b.astype(datetime.date) for a, b in zip(nolan_out, numpy_out, strict=True))
    vector_agree = sum(a == b for a, b in zip(nolan_out, vector_out.astype(datetime.date), strict=True))
    work_agree = sum(a == b for a, b in zip(nolan_out, work_out, strict=False))

    print(f"{len(pairs)} due dates (starts 2020-2035, 0-30 working days, England and Wales)")
    print(f"Nolan calendar built in {built * 1000:.0f} ms (2000-2060, {len(holidays)} holidays)")
    print()
    print(f"{'':28}{'due dates/s':>14}{'Nolan is':>14}{'answers agree':>16}")
    print(f"{'Nolan add_working_days':28}{nolan_rate:>14,.0f}{'':>14}{'':>16}")
    rows = [
        ("numpy busday_offset", numpy_rate, numpy_agree, len(pairs)),
        ("workalendar", work_rate, work_agree, len(few)),
        ("numpy, vectorised (ref.)", vector_rate, vector_agree, len(pairs)),
    ]
    for name, rate, agree, total in rows:
        ratio = nolan_rate / rate
        print(f"{name:28}{rate:>14,.0f}{ratio:>13.2f}x{agree / total:>15.1%}")
    print()
    print(
        f"Ratios (Nolan per call / other): workalendar {nolan_rate / work_rate:.1f}, "
        f"numpy per call {nolan_rate / numpy_rate:.2f}, numpy vectorised {nolan_rate / vector_rate:.2f}"
    )


if __name__ == "__main__":
    main()
