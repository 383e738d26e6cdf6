"""The maturity map at global scale: 200 states × 400 capability areas × 80,000 assessments.

    DATABASE_URL=postgres://… python bench/maturity_bench.py build   # once, in an empty migrated database
    DATABASE_URL=postgres://… python bench/maturity_bench.py time    # median and p95 of the map's pages

Production-like settings (DEBUG off, cached templates); pages are fetched with the test client
as a secretariat officer and as a focal point."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "maturity-bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
from itertools import product  # noqa: E402

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from community.models import CapabilityArea, MemberState  # noqa: E402
from maturity.models import MaturityAssessment  # noqa: E402

STATES, FAMILIES, PER_FAMILY, ASSESSMENTS = 200, 20, 19, 80_000
SUB_REGIONS = ["Caribbean", "Central America", "Andes", "Southern Cone", "West Africa", "East Africa", "Pacific"]


@transaction.atomic
def build() -> None:
    rng = random.Random(12)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [a + b for a, b in product(letters, letters)][:STATES]
    states = MemberState.objects.bulk_create(
        MemberState(
            name=f"State {code}", iso_code=code, membership="full", sub_region=SUB_REGIONS[i % len(SUB_REGIONS)]
        )
        for i, code in enumerate(codes)
    )
    areas = []
    for f in range(FAMILIES):
        root = CapabilityArea(code=f"family-{f:02}", name=f"Family {f:02}", path=f"family-{f:02}")
        root.save()
        areas.append(root)
        children = [
            CapabilityArea(
                code=f"area-{f:02}-{c:02}",
                name=f"Area {f:02}.{c:02}",
                parent=root,
                path=f"{root.path}/area-{f:02}-{c:02}",
            )
            for c in range(PER_FAMILY)
        ]
        areas += CapabilityArea.objects.bulk_create(children)
    pairs = [(state, area) for state in states for area in areas]
    rng.shuffle(pairs)
    rows = []
    for i in range(ASSESSMENTS):
        state, area = pairs[i % len(pairs)] if i < len(pairs) else rng.choice(pairs)
        rows.append(
            MaturityAssessment(
                state=state,
                area=area,
                level=rng.randint(0, 4),
                method=rng.choice(["self", "peer", "secretariat"]),
                assessed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000)),
                visibility="restricted" if rng.random() < 0.1 else "shared",
            )
        )
    MaturityAssessment.objects.bulk_create(rows, batch_size=5000)
    User.objects.create_user("officer@bench.test", password="x", role="officer")
    User.objects.create_user("focal@bench.test", password="x", role="focal_point", member_state=states[0])
    try:
        from maturity.services import current_assessments_rebuild
    except ImportError:  # the code before current levels were kept
        return
    print("current levels:", current_assessments_rebuild())


def timed(client, url, runs):
    """Median and p95 wall time, median CPU time of this process (ms), and the page's size: on a
    busy machine the wall time mostly measures the wait for a core, the CPU time this page's work."""
    times, cpu = [], []
    client.get(url)  # warm the template cache
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return (
        statistics.median(times),
        times[max(int(len(times) * 0.95) - 1, 0)],
        statistics.median(cpu),
        len(response.content),
    )


def time_pages(runs: int) -> None:
    family = CapabilityArea.objects.filter(parent__isnull=True).order_by("path")[5]
    pages = {
        "heatmap (default window)": "/maturity/",
        "heatmap family + sub-region": f"/maturity/?within={family.pk}&sub_region=Andes",
        "heatmap page 3 of states": "/maturity/?page=3",
    }
    for email in ("officer@bench.test", "focal@bench.test"):
        client = Client()
        client.force_login(User.objects.get(email=email))
        for name, url in pages.items():
            median, p95, cpu, size = timed(client, url, runs)
            print(
                f"{email:18} {name:28} median {median:8.1f} ms  p95 {p95:8.1f} ms  "
                f"cpu {cpu:6.1f} ms  {size / 1024:6.0f} KiB  (load {os.getloadavg()[0]:.0f})"
            )


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build()
    else:
        time_pages(int(sys.argv[2]) if len(sys.argv) > 2 else 30)
