"""Member Enquiries worklists at a large council's volume: the first page of each list, at 5,000 and at
50,000 enquiries, with the number of queries and the ratio between the two.

    .venv/bin/python bench/enquiry_worklists.py [--sizes 5000 50000] [--explain] [--keep]
    DATABASE_URL=postgres://... .venv/bin/python bench/enquiry_worklists.py     (an empty database)

Builds the demo council (without its enquiries) in a fresh SQLite database in a temporary folder, or
in the empty PostgreSQL database DATABASE_URL names, then bulk-inserts enquiries at a large London
borough's rate: 25 a working day, about 6,000 a year (the top of the 2,000 to 6,000 a year the
published figures give; 50,000 is about eight years). Each has its access rows (the handling officer
and their line up to the Director, as the services write them) and most have a resident. The newest
rows go in first, so the second size adds eight years of history behind the same open enquiries:
what is waiting for an answer is the same at both sizes, only the table grows.

For each list it times what a page does (the selector, Django's paginator: a count and the first 25
rows, and every column a list row shows), best of five after a warm-up, and prints milliseconds per
call, queries per call, and the ratio of the largest size to the smallest. A ratio near 1 means the
list costs what its page costs; a ratio near the size ratio (10) means it reads the whole table.
``--explain`` prints the query plan of the page's rows for every list whose ratio is above 3.
ANALYZE runs after each load, as autovacuum would on PostgreSQL.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
FOLDER = tempfile.mkdtemp(prefix="nolan-bench-")
os.environ.setdefault("NOLAN_MODE", "test")
os.environ["NOLAN_VAR_DIR"] = FOLDER
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER}/bench.sqlite3")
os.environ["NOLAN_HUEY_FILE"] = f"{FOLDER}/worker.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nolan.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from nolan.demo.enquiries import ROUTING as DEMO_ROUTING  # noqa: E402

PAGE_SIZE = 25  # as the list pages (nolan.enquiries.views.frame)
PER_WORKING_DAY = 25

CATEGORY_SERVICE = DEMO_ROUTING  # category -> (service, handling officer's title), as in the demo
CATEGORY_WEIGHTS = (30, 16, 12, 10, 9, 8, 9, 6)
SUBJECTS = (
    "Damp and mould in a council flat",
    "Missed bin collections",
    "Potholes on the high street",
    "Noise nuisance from a neighbour",
    "Resident parking permit not received",
    "Extension built without permission",
    "Council tax arrears and a summons",
    "Library opening hours",
)


class Council:
    """The demo council's people that the lists are timed for, and what the loader needs."""

    def __init__(self):
        from nolan.accounts.models import User
        from nolan.demo import personas as p
        from nolan.demo.council import build_demo
        from nolan.directory import models as d
        from nolan.enquiries import services
        from nolan.enquiries.models import Category

        call_command("migrate", verbosity=0)
        if d.Council.objects.exists():
            sys.exit("The database already holds a council: give the benchmark an empty database.")
        built = build_demo(enquiries=False)
        by_label = {row.persona: User.objects.get(email=row.email) for row in built.sign_ins}
        self.councillor = by_label[p.COUNCILLOR.label]
        self.officer = by_label[p.OFFICER.label]
        self.director = by_label[p.DIRECTOR.label]
        self.team = by_label[p.MEMBER_ENQUIRIES.label]
        self.member_services = by_label[p.MEMBER_SERVICES.label]
        officer = d.Officer.objects.get(user=self.officer)
        # The printed officer's line manager gets an account, for the manager's view of their line.
        manager = d.Post.objects.current().get(officer=officer).line_manager
        manager.user = User.objects.create(email=manager.email, first_name=manager.first_name)
        manager.save(update_fields=["user"])
        self.manager = manager.user

        self.categories = [Category.objects.get(name=name) for name in CATEGORY_SERVICE]
        posts = d.Post.objects.current().filter(service__isnull=False).select_related("service")
        self.services = {post.service.name: post.service_id for post in posts}
        handlers = defaultdict(list)
        for post in posts.order_by("officer_id"):
            handlers[(post.service.name, post.title)].append(post.officer_id)
        self.handlers = [handlers[pair] for pair in CATEGORY_SERVICE.values()]
        self.handlers[0] = [officer.pk] + [o for o in self.handlers[0] if o != officer.pk]
        self.director_officer = d.Officer.objects.get(user=self.director).pk
        self.lines = {
            officer_id: services.handling_line(officer_id)
            for officer_id in {o for group in self.handlers for o in group} | {self.director_officer}
        }
        memberships = d.WardMembership.objects.current().order_by("member_id")
        self.members = list(memberships.values_list("member_id", "ward_id"))
        self.printed_member = d.Member.objects.get(user=self.councillor).pk


def timeline(council: Council, total: int, today: datetime.date) -> list[dict]:
    """``total`` enquiries, newest first, PER_WORKING_DAY a working day back from yesterday."""
    from nolan.calendar.services import current_calendar
    from nolan.enquiries.models import Classification, Status

    rng = random.Random(20261224)
    calendar = current_calendar()
    # A few Members raise most enquiries (the top ten about half); the printed councillor is among
    # the busiest, with the second largest share.
    weights = [rng.paretovariate(2.5) for _ in council.members]
    printed = next(i for i, (m, _) in enumerate(council.members) if m == council.printed_member)
    weights[printed] = sorted(weights)[-2]
    rows: list[dict] = []
    day = calendar.add_working_days(today, -1)
    age = 1
    while len(rows) < total:
        due = calendar.add_working_days(day, 10)
        for n in range(min(PER_WORKING_DAY, total - len(rows))):
            member, ward = rng.choices(council.members, weights=weights)[0]
            c = rng.choices(range(len(CATEGORY_SERVICE)), weights=CATEGORY_WEIGHTS)[0]
            officer = council.handlers[c][n % len(council.handlers[c])]
            urgent = c == 0 and rng.random() < 0.01
            if urgent:
                officer = council.director_officer
            roll = rng.random()
            if age <= 2:
                status = Status.RECEIVED if roll < 0.7 else Status.ASSIGNED
            elif age <= 12:
                status = Status.ASSIGNED if roll < 0.6 else Status.HOLDING_REPLY_SENT if roll < 0.7 else None
            elif age <= 40:
                status = Status.ASSIGNED if roll < 0.12 else None  # overdue
            else:
                status = Status.ASSIGNED if roll < 0.002 else None  # long overdue, forgotten
            if status is None:
                status = (
                    Status.SERVICE_REQUEST
                    if roll > 0.94
                    else Status.COMPLAINT_REFERRED
                    if roll > 0.92
                    else Status.RESPONDED
                    if age <= 16
                    else Status.CLOSED
                )
            received = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(9 + n % 8, (n * 7) % 60))
            )
            rows.append(
                {
                    "member": member,
                    "ward": ward,
                    "category": council.categories[c].pk,
                    "service": council.services[CATEGORY_SERVICE[list(CATEGORY_SERVICE)[c]][0]],
                    "officer": None if status == Status.RECEIVED else officer,
                    "status": status,
                    "classification": {
                        Status.RECEIVED: "",
                        Status.SERVICE_REQUEST: Classification.SERVICE_REQUEST,
                        Status.COMPLAINT_REFERRED: Classification.COMPLAINT,
                    }.get(status, Classification.MEMBER_ENQUIRY),
                    "urgent": urgent,
                    "received": received,
                    "day": day,
                    "due": due,
                    "subject": SUBJECTS[c],
                    "resident": rng.random() < 0.6,
                }
            )
        day = calendar.add_working_days(day, -1)
        age += 1
    return rows


def load(council: Council, rows: list[dict], first: int) -> None:
    """Insert ``rows`` (numbered from ``first``) with their access rows and residents."""
    from nolan.enquiries.models import (
        ENDED_STATUSES,
        Enquiry,
        EnquiryAccess,
        OriginatorType,
        ResidentDetails,
        Status,
    )

    with transaction.atomic():
        enquiries = []
        for i, row in enumerate(rows, start=first):
            ended = row["status"] in ENDED_STATUSES
            answered = row["status"] in (Status.RESPONDED, Status.CLOSED)
            at = row["received"] + datetime.timedelta(days=7)
            enquiries.append(
                Enquiry(
                    reference=f"ME-{row['day'].year}-{i:06d}",
                    originator_type=OriginatorType.MEMBER_SERVICES,
                    raised_by_member_id=row["member"],
                    originator_name="Cllr",
                    raised_by_user=council.member_services,
                    subject=row["subject"],
                    body="The resident asks when it will be put right.",
                    category_id=row["category"],
                    ward_id=row["ward"],
                    urgent=row["urgent"],
                    urgency_reason="A risk to health." if row["urgent"] else "",
                    received_at=row["received"],
                    clock_starts=row["day"],
                    acknowledge_by=row["day"],
                    original_due=row["due"],
                    due_date=row["due"],
                    status=row["status"],
                    classification=row["classification"],
                    service_id=row["service"] if row["officer"] else None,
                    assigned_officer_id=row["officer"],
                    assigned_at=row["received"] if row["officer"] else None,
                    responded_at=at if answered else None,
                    closed_at=at if ended else None,
                    met_need=True if row["status"] == Status.CLOSED and i % 3 == 0 else None,
                    created_at=row["received"],
                )
            )
        Enquiry.objects.bulk_create(enquiries, batch_size=1000)
        EnquiryAccess.objects.bulk_create(
            (
                EnquiryAccess(enquiry_id=e.pk, officer_id=officer_id, reason=reason)
                for e in enquiries
                if e.assigned_officer_id
                for officer_id, reason in council.lines[e.assigned_officer_id]
            ),
            batch_size=2000,
        )
        ResidentDetails.objects.bulk_create(
            (
                ResidentDetails(enquiry_id=e.pk, name=f"Resident {e.pk}", address="1 Foundry Street")
                for e, row in zip(enquiries, rows, strict=True)
                if row["resident"]
            ),
            batch_size=2000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def lists(council: Council) -> dict:
    """Each list as its page reads it: name → a function returning the page's queryset."""
    from nolan.enquiries import selectors

    return {
        "My enquiries (Member, all)": lambda: selectors.enquiry_list(
            user=council.councillor, mine=True, with_rag=True
        ),
        "Member's open enquiries": lambda: selectors.enquiry_list(
            user=council.councillor, mine=True, open_only=True, with_rag=True
        ),
        "Officer: all they may see": lambda: selectors.enquiry_list(user=council.officer, with_rag=True),
        "Director: all they may see": lambda: selectors.enquiry_list(user=council.director, with_rag=True),
        "Team: all enquiries": lambda: selectors.enquiry_list(user=council.team, with_rag=True),
        "Team: open enquiries": lambda: selectors.enquiry_list(
            user=council.team, open_only=True, with_rag=True
        ),
        "Team: overdue": lambda: selectors.enquiry_list(user=council.team, overdue=True, with_rag=True),
        "Team: search 'mould'": lambda: selectors.enquiry_list(user=council.team, search="mould"),
        "triage_queue (team)": lambda: selectors.triage_queue(user=council.team),
        "officer_worklist (officer)": lambda: selectors.officer_worklist(user=council.officer),
        "officer_worklist (manager, line)": lambda: selectors.officer_worklist(
            user=council.manager, include_line=True
        ),
        "officer_worklist (Director)": lambda: selectors.officer_worklist(user=council.director),
    }


def summaries(council: Council) -> dict:
    """The views that are one grouped query rather than a page of rows."""
    from nolan.enquiries import selectors

    return {
        "director_overdue_by_service (Director)": lambda: selectors.director_overdue_by_service(
            user=council.director
        ),
        "director_overdue_by_service (team)": lambda: selectors.director_overdue_by_service(
            user=council.team
        ),
        "counts_by_status (Member)": lambda: selectors.counts_by_status(user=council.councillor, mine=True),
        "counts_by_status (officer)": lambda: selectors.counts_by_status(user=council.officer),
        "counts_by_status (team)": lambda: selectors.counts_by_status(user=council.team),
    }


def page(make_qs) -> int:
    """What a list page reads: the paginator's count and the first page, every column a row shows."""
    first = Paginator(make_qs(), PAGE_SIZE).get_page(1)
    shown = [
        (
            e.reference,
            e.subject,
            e.status,
            e.due_date,
            getattr(e, "rag_status", ""),
            e.category.name,
            e.ward and e.ward.name,
            e.service and e.service.name,
            e.assigned_officer and e.assigned_officer.full_name,
            e.raised_by_member and e.raised_by_member.pk,
            getattr(e, "resident", None),
        )
        for e in first.object_list
    ]
    assert len(shown) <= PAGE_SIZE
    return first.paginator.count


def measure(run) -> tuple[int, float, object]:
    with CaptureQueriesContext(connection) as captured:
        result = run()
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return len(captured), best * 1000, result


def fresh_users(council: Council) -> None:
    """Forget the capacities cached on the user objects, as each request works them out anew."""
    for user in (council.councillor, council.officer, council.director, council.team, council.manager):
        user.__dict__.pop("_nolan_capacities", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--explain", action="store_true", help="print the plans of lists that scale badly")
    parser.add_argument("--keep", action="store_true", help=f"keep the temporary folder {FOLDER}")
    args = parser.parse_args()
    if not args.keep:
        atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
    sizes = sorted(args.sizes)

    vendor = connection.vendor
    print(f"Database: {vendor} {connection.Database.sqlite_version if vendor == 'sqlite' else ''}".strip())
    started = time.perf_counter()
    council = Council()
    today = timezone.localdate()
    everything = timeline(council, sizes[-1], today)
    print(f"Council built and {len(everything):,} enquiries planned in {time.perf_counter() - started:.1f}s")

    listed = lists(council)
    summarised = summaries(council)
    results: dict[str, dict[int, tuple[int, float, object]]] = defaultdict(dict)
    loaded = 0
    for size in sizes:
        started = time.perf_counter()
        load(council, everything[loaded:size], loaded + 1)
        loaded = size
        print(f"Loaded {size:,} enquiries in {time.perf_counter() - started:.1f}s")
        for name, make_qs in listed.items():
            fresh_users(council)
            results[name][size] = measure(lambda make_qs=make_qs: page(make_qs))
        for name, run in summarised.items():
            fresh_users(council)
            results[name][size] = measure(run)

    small, large = sizes[0], sizes[-1]
    print()
    head = f"{'list (first page of ' + str(PAGE_SIZE) + ')':42}"
    for size in sizes:
        head += f" {f'{size:,}: ms':>11} {'queries':>7}"
    print(head + f" {'ratio':>6}  rows in the list at {large:,}")
    slow = []
    for name, by_size in results.items():
        line = f"{name:42}"
        for size in sizes:
            queries, ms, _ = by_size[size]
            line += f" {ms:11.1f} {queries:7d}"
        ratio = by_size[large][1] / by_size[small][1]
        result = by_size[large][2]
        shown = f"{result:,}" if isinstance(result, int) else f"{len(result)} rows"
        print(line + f" {ratio:6.2f}  {shown}")
        if ratio > 3 and name in listed:
            slow.append(name)
    print(f"\nratio: time at {large:,} enquiries / time at {small:,} ({large / small:.0f}x the rows)")

    if args.explain and slow:
        for name in slow:
            qs = listed[name]()
            print(f"\n== {name}: the plan of the page's rows ==")
            print(qs[:PAGE_SIZE].explain())
            print("-- and of the paginator's count --")
            print(qs.order_by().values("pk").explain())


if __name__ == "__main__":
    main()
