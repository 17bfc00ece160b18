"""Working out who to chase: time and queries of ``chasing.plan`` and one officer's digest as the
number of open enquiries grows.

    NOLAN_MODE=test .venv/bin/python bench/chasing_plan.py [--sizes 100 1000 10000]

Builds the persona council in a fresh SQLite database in a temporary folder, then for each size
adds open enquiries (bulk-inserted copies of one raised and triaged through the services, each with
its access rows) of which a third are due soon, a third just overdue and a third due for escalation
(two chases reached). For each size it prints the queries and the best of three times for the plan
and for Sam Lee's digest, and the ratios to the smallest size: the queries stay the same, and the
time grows with the enquiries (each is a policy decision in Python), not with queries per enquiry.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
FOLDER = tempfile.mkdtemp(prefix="nolan-bench-")
os.environ.setdefault("NOLAN_MODE", "test")
os.environ["DATABASE_URL"] = f"sqlite:///{FOLDER}/bench.sqlite3"
os.environ["NOLAN_HUEY_FILE"] = f"{FOLDER}/worker.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nolan.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 3, 24, 10, 0, tzinfo=LONDON)  # Wed 24 Mar 2027, a working morning


def build():
    import time_machine

    from nolan.enquiries import services
    from nolan.enquiries.models import Category, Enquiry, RoutingRule
    from tests.personas import build_council

    call_command("migrate", verbosity=0)
    with time_machine.travel(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=LONDON)), transaction.atomic():
        ashdown = build_council()
        repairs, _ = Category.objects.get_or_create(name="Housing repairs")
        RoutingRule.objects.create(category=repairs, service=ashdown.housing)
        enquiry = services.raise_enquiry(
            actor=ashdown.councillor,
            subject="Damp in a council flat",
            body="Black mould in the bedroom.",
            category=repairs,
            ward=ashdown.east_ward,
        )
        services.triage(actor=ashdown.member_enquiries, enquiry=enquiry, classification="member_enquiry")
    return ashdown, Enquiry.objects.get(pk=enquiry.pk)


def add(template, count: int, start: int) -> None:
    """``count`` open copies of ``template``: due soon, just overdue, and due for escalation in turn."""
    from nolan.enquiries.models import Chase, Enquiry, EnquiryAccess

    access = list(EnquiryAccess.objects.filter(enquiry=template).values_list("officer_id", "reason"))
    dues = (datetime.date(2027, 3, 25), datetime.date(2027, 3, 23), datetime.date(2027, 3, 16))
    rows = []
    for n in range(start, start + count):
        copy = Enquiry.objects.get(pk=template.pk)
        copy.pk = None
        copy.reference = f"ME-2027-{n + 2:06d}"
        copy.due_date = copy.original_due = dues[n % 3]
        rows.append(copy)
    with transaction.atomic():
        made = Enquiry.objects.bulk_create(rows, batch_size=500)
        EnquiryAccess.objects.bulk_create(
            [EnquiryAccess(enquiry=e, officer_id=o, reason=r) for e in made for o, r in access],
            batch_size=500,
        )
        Chase.objects.bulk_create(
            [
                Chase(
                    enquiry=e,
                    due_date=e.due_date,
                    rung=rung,
                    at=datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON),
                    addressed_to_id=e.assigned_officer_id,
                    delivery="email",
                )
                for e in made
                if e.due_date == dues[2]
                for rung, day in (
                    ("chase_1", datetime.date(2027, 3, 17)),
                    ("chase_2", datetime.date(2027, 3, 19)),
                )
            ],
            batch_size=500,
        )


def measure(run) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as captured:
        run()
    queries = len(captured)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return queries, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()

    from nolan.directory.models import Officer
    from nolan.enquiries import chasing, digest_section

    ashdown, template = build()
    sam = Officer.objects.select_related("user").get(user=ashdown.officer)
    print(f"{'enquiries':>10} {'plan queries':>13} {'plan ms':>9} {'digest queries':>15} {'digest ms':>10}")
    results = []
    added = 1
    for size in sorted(args.sizes):
        add(template, size - added, added)
        added = size
        plan_queries, plan_time = measure(lambda: chasing.plan(now=NOW))
        rungs = Counter(step.rung for step in chasing.plan(now=NOW).steps)
        assert sum(rungs.values()) == size, rungs  # every one has come to a rung: none is missed

        def digest():
            officer = Officer.objects.select_related("user").get(pk=sam.pk)
            return digest_section.contents(officer, day=NOW.date(), horizon=datetime.date(2027, 3, 26))

        digest_queries, digest_time = measure(digest)
        results.append((size, plan_queries, plan_time, digest_queries, digest_time))
        times = f"{plan_time * 1000:>9.1f} {digest_queries:>15} {digest_time * 1000:>10.1f}"
        print(f"{size:>10} {plan_queries:>13} {times}   {dict(sorted(rungs.items()))}")
    base = results[0]
    print(f"\nRatios to {base[0]} enquiries:")
    for size, pq, pt, dq, dt in results[1:]:
        print(
            f"  x{size / base[0]:g} enquiries: plan queries x{pq / base[1]:g}, time x{pt / base[2]:.1f}; "
            f"digest queries x{dq / base[3]:g}, time x{dt / base[4]:.1f}; "
            f"plan time per enquiry x{(pt / size) / (base[2] / base[0]):.2f}"
        )


if __name__ == "__main__":
    main()
