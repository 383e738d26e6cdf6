"""Global-scale requests for timing the request board and the home pages on PostgreSQL: the demo
data, then states up to 200, capability areas up to 400, 5,000 institutions, 100,000 requests
(one to three areas each) and 20,000 activities, written with bulk_create.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_board .venv/bin/python bench/board_scale.py
"""

import datetime
import os
import random
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from activities.models import Activity  # noqa: E402
from assistance.choices import Status, Urgency  # noqa: E402
from assistance.models import AssistanceRequest  # noqa: E402
from community.models import CapabilityArea, Institution, MemberState  # noqa: E402
from core.demo import demo_load  # noqa: E402

STATES, AREAS, INSTITUTIONS, REQUESTS, ACTIVITIES = 200, 400, 5000, 100_000, 20_000


def build(rng: random.Random) -> None:
    now = timezone.now()
    taken = set(MemberState.objects.values_list("iso_code", flat=True))
    codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in taken]
    missing = STATES - MemberState.objects.count()
    MemberState.objects.bulk_create(
        MemberState(name=f"State {code}", iso_code=code, membership="full", sub_region=f"Region {i % 5}")
        for i, code in enumerate(codes[:missing])
    )
    states = list(MemberState.objects.values_list("pk", flat=True))
    roots = list(CapabilityArea.objects.filter(parent=None))
    missing = AREAS - CapabilityArea.objects.count()
    CapabilityArea.objects.bulk_create(
        CapabilityArea(
            code=f"scale-{i}",
            name=f"Scale area {i}",
            parent=roots[i % len(roots)],
            path=f"{roots[i % len(roots)].path}/scale-{i}",
        )
        for i in range(missing)
    )
    areas = list(CapabilityArea.objects.values_list("pk", flat=True))
    Institution.objects.bulk_create(
        Institution(name=f"Institution {i}", kind="ministry", state_id=rng.choice(states), visibility="shared")
        for i in range(INSTITUTIONS)
    )
    officers = list(User.objects.filter(role__in=Role.secretariat()).values_list("pk", flat=True))
    statuses = list(Status.values)
    requests = [
        AssistanceRequest(
            reference=f"SC/{i:06d}",
            state_id=rng.choice(states),
            title=f"Scale request {i}",
            need="Scale need",
            status=rng.choice(statuses),
            status_changed_at=now - datetime.timedelta(minutes=rng.randint(1, 900_000)),
            assigned_officer_id=rng.choice(officers + [None]),
            visibility=rng.choice(["shared", "restricted"]),
            urgency=rng.choice(Urgency.values),
        )
        for i in range(REQUESTS)
    ]
    AssistanceRequest.objects.bulk_create(requests, batch_size=5000)
    through = AssistanceRequest.areas.through
    links = [
        through(assistancerequest_id=r.pk, capabilityarea_id=area)
        for r in requests
        for area in rng.sample(areas, rng.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=10_000)
    activities = [
        Activity(
            title=f"Scale activity {i}",
            modality="workshop",
            host_state_id=rng.choice(states),
            status="planned",
            officer_id=rng.choice(officers),
            start_date=(start := now.date() + datetime.timedelta(days=rng.randint(-700, 300))),
            end_date=start + datetime.timedelta(days=3),
        )
        for i in range(ACTIVITIES)
    ]
    Activity.objects.bulk_create(activities, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    if not MemberState.objects.exists():
        demo_load()
    if AssistanceRequest.objects.count() < REQUESTS:
        build(random.Random(12))
    print({"requests": AssistanceRequest.objects.count(), "states": MemberState.objects.count()})
