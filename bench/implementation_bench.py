"""Page timings of the decisions tracker at global scale, on PostgreSQL.

    .venv/bin/python bench/implementation_bench.py --database-url postgres://postgres@127.0.0.1:5432/EMPTY_DB build
    .venv/bin/python bench/implementation_bench.py --database-url postgres://... time [--runs 50]

`build` migrates the database and writes a synthetic community into it with bulk inserts: 200
member states in 8 sub-regions, 400 capability areas (40 roots, 360 children), 500 decisions with
2–4 required actions each, and 1–5 implementation reports per state and action over ten years
(about 900,000 reports); then it rebuilds the current statuses (`implementation_current_rebuild`)
as a restore or any bulk load must. An officer and a focal point are created to sign in with.

`time` signs in as each of them with the Django test client (DEBUG off, so templates are cached
as in production) and times every decisions page and API endpoint `--runs` times after one
warm-up, printing the median, the 95th percentile and the number of queries of each.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = 200
ROOT_AREAS = 40
CHILD_AREAS = 9
DECISIONS = 500
SUB_REGIONS = [
    "Caribbean",
    "Central America",
    "Andes",
    "Southern Cone",
    "West Africa",
    "East Africa",
    "Pacific",
    "Gulf",
]
STATUSES = ["not_started", "in_progress", "done", "verified", "no_action_required", "regional_action_required"]
WEIGHTS = [15, 30, 30, 15, 6, 4]


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "implementation-bench")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")  # TLS ends at the proxy in front
    import django

    django.setup()


def build(seed: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from accounts.choices import Role
    from accounts.models import User
    from community.models import CapabilityArea, MemberState
    from decisions.models import Decision, ImplementationReport, RequiredAction

    call_command("migrate", verbosity=0)
    if Decision.objects.exists():
        print("The database already holds decisions; nothing built.")
        return
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        states = MemberState.objects.bulk_create(
            MemberState(
                name=f"State {i:03d}",
                iso_code=f"{chr(65 + i // 26)}{chr(65 + i % 26)}",
                membership="full" if i % 5 else "associate",
                single_market=i % 3 != 0,
                sub_region=SUB_REGIONS[i % len(SUB_REGIONS)],
            )
            for i in range(STATES)
        )
        roots = CapabilityArea.objects.bulk_create(
            CapabilityArea(code=f"area-{r}", name=f"Area {r}", path=f"area-{r}") for r in range(ROOT_AREAS)
        )
        children = CapabilityArea.objects.bulk_create(
            CapabilityArea(
                code=f"{root.code}-{c}", name=f"{root.name}.{c}", parent=root, path=f"{root.code}/{root.code}-{c}"
            )
            for root in roots
            for c in range(CHILD_AREAS)
        )
        areas = roots + children
        decisions = Decision.objects.bulk_create(
            Decision(
                organ=rng.choice(["COTED", "COHSOD", "Conference of Heads of Government", "COFAP"]),
                meeting=f"{n % 60 + 1}th Regular Meeting",
                date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n * 17),
                reference=f"DEC/{2000 + n * 17 // 365}/{n:04d}",
                title=f"Decision {n} on the single market and development",
                text="Member states shall put in place the legislation and procedures the decision requires.",
            )
            for n in range(DECISIONS)
        )
        actions = RequiredAction.objects.bulk_create(
            RequiredAction(
                decision=decision,
                position=position,
                description=f"Required national action {position} of {decision.reference}",
                area=rng.choice(areas) if rng.random() > 0.05 else None,
                due_date=decision.date + datetime.timedelta(days=730),
            )
            for decision in decisions
            for position in range(1, rng.randint(2, 4) + 1)
        )
        officer = User.objects.create_user("officer@bench.test", "bench", role=Role.OFFICER, full_name="Officer")
        User.objects.create_user(
            "focal@bench.test", "bench", role=Role.FOCAL_POINT, member_state=states[0], full_name="Focal point"
        )
        batch = []
        total = 0
        for action in actions:
            start = max(action.decision.date, datetime.date(2015, 1, 1))
            for state in states:
                for k in range(rng.randint(1, 5)):
                    batch.append(
                        ImplementationReport(
                            state=state,
                            action=action,
                            status=rng.choices(STATUSES, WEIGHTS)[0],
                            status_date=start + datetime.timedelta(days=rng.randint(0, 3600)),
                            evidence="Reported at the annual implementation review." if k == 0 else "",
                            reported_by=officer,
                        )
                    )
            if len(batch) >= 20_000:
                ImplementationReport.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        ImplementationReport.objects.bulk_create(batch)
        total += len(batch)
        rebuilt = _rebuild()
    print(
        f"Built {len(states)} states, {len(areas)} areas, {len(decisions)} decisions, {len(actions)} actions, "
        f"{total} reports{rebuilt} in {time.perf_counter() - started:.0f} s"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics and visibility map, as a settled database has


def _rebuild() -> str:
    """Set the current statuses after the bulk load (where this version of Attaché keeps them)."""
    try:
        from decisions.services import implementation_current_rebuild
    except ImportError:
        return ""
    return f", {implementation_current_rebuild()} current statuses"


def pages() -> list[tuple[str, str, dict]]:
    """(label, url, GET parameters) of every page and endpoint timed."""
    from community.models import CapabilityArea
    from decisions.models import Decision

    decision = Decision.objects.order_by("-date").first()
    root = CapabilityArea.objects.filter(parent=None).order_by("path").first()
    return [
        ("heatmap (default)", "/decisions/implementation/", {}),
        ("heatmap one decision", "/decisions/implementation/", {"decision": decision.pk}),
        ("heatmap area subtree", "/decisions/implementation/", {"within": root.pk}),
        ("heatmap sub-region", "/decisions/implementation/", {"sub_region": "Caribbean"}),
        ("heatmap page 3 of states", "/decisions/implementation/", {"state_page": 3}),
        ("decision list", "/decisions/", {}),
        ("decision list by compliance", "/decisions/", {"sort": "-compliance_percent"}),
        ("decision detail", f"/decisions/{decision.pk}/", {}),
        ("series", f"/decisions/implementation/{_first_state()}/{decision.actions.first().pk}/", {}),
        ("API decisions", "/api/v1/decisions/", {}),
        ("API actions", "/api/v1/actions/", {}),
        ("API reports", "/api/v1/implementation-reports/", {}),
        ("API current reports", "/api/v1/implementation-reports/", {"current": "true"}),
        ("API compliance", "/api/v1/implementation-reports/compliance/", {}),
        ("API compliance one decision", "/api/v1/implementation-reports/compliance/", {"decision": decision.pk}),
    ]


def _first_state() -> int:
    from community.models import MemberState

    return MemberState.objects.order_by("name").values_list("pk", flat=True).first()


def time_pages(runs: int, only: str, skip: str, users: list[str]) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    # As in production: hashed static files from the manifest (collected once, into STATIC_ROOT).
    call_command("collectstatic", interactive=False, verbosity=0)
    for email in users:
        client = Client()
        client.force_login(User.objects.get(email=email))
        print(f"\n{email}: median / p95 / max ms, queries ({runs} runs)", flush=True)
        for label, url, params in pages():
            if (only and only not in label) or any(word and word in label for word in skip.split(",")):
                continue
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                response = client.get(url, params)
            if response.status_code != 200:
                print(f"  {label:32} HTTP {response.status_code}", flush=True)
                continue
            timings = []
            for _ in range(runs):
                begun = time.perf_counter()
                client.get(url, params)
                timings.append((time.perf_counter() - begun) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            print(
                f"  {label:32} {statistics.median(timings):8.1f} {p95:8.1f} {timings[-1]:8.1f}   "
                f"{counter.count} queries, {len(response.content) // 1024} KiB",
                flush=True,
            )


class QueryCounter:
    """Counts the queries run through the connection (DEBUG is off, so Django logs none)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "time"])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/h_implementation")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="time only the pages whose label contains this")
    parser.add_argument(
        "--skip", default="", help="leave out the pages whose label contains one of these, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--users", nargs="+", default=["officer@bench.test", "focal@bench.test"])
    args = parser.parse_args()
    setup(args.database_url)
    if args.command == "build":
        build(args.seed)
    else:
        time_pages(args.runs, args.only, args.skip, args.users)


if __name__ == "__main__":
    main()
