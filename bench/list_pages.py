"""Times the list pages and API lists at global scale on PostgreSQL.

    DATABASE_URL=postgres://…/h_lists .venv/bin/python bench/list_pages.py --build   # once
    DATABASE_URL=postgres://…/h_lists .venv/bin/python bench/list_pages.py [--runs 40]

--build writes 200 states, 400 capability areas, 5,000 institutions, 50,000 people and
100,000 requests with bulk_create (a third restricted), plus an officer and a focal point.
The timing run signs each of them in with Django's test client (DEBUG off, so the cached
template loader) and reports the median and p95 of each list, first page and a deeper one.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

STATES, AREAS, INSTITUTIONS, PEOPLE, REQUESTS = 200, 400, 5_000, 50_000, 100_000
WORDS = "water health energy customs border finance audit school tax trade data court police port".split()


def code(n: int) -> str:
    return chr(65 + n // 26) + chr(65 + n % 26)


@transaction.atomic
def build() -> None:
    from accounts.choices import Role
    from accounts.models import User
    from assistance.choices import Status
    from assistance.models import AssistanceRequest
    from community.choices import InstitutionKind, MembershipKind
    from community.models import CapabilityArea, Institution, MemberState, Person

    rng = random.Random(12)
    states = MemberState.objects.bulk_create(
        MemberState(name=f"State {code(i)}", iso_code=code(i), membership=MembershipKind.FULL) for i in range(STATES)
    )
    roots = CapabilityArea.objects.bulk_create(
        CapabilityArea(code=f"A{i}", name=f"Area {i}", path=f"A{i}") for i in range(20)
    )
    CapabilityArea.objects.bulk_create(
        CapabilityArea(code=f"A{i % 20}.{i}", name=f"Area {i}", parent=roots[i % 20], path=f"A{i % 20}/A{i % 20}.{i}")
        for i in range(20, AREAS)
    )
    kinds = [kind for kind, _label in InstitutionKind.choices]
    institutions = Institution.objects.bulk_create(
        Institution(
            name=f"{rng.choice(WORDS).title()} institute {i}",
            acronym=f"I{i}",
            kind=kinds[i % len(kinds)],
            state=states[i % STATES],
            description=f"Works on {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
            visibility="restricted" if i % 3 == 0 else "shared",
        )
        for i in range(INSTITUTIONS)
    )
    by_state = {}
    for institution in institutions:
        by_state.setdefault(institution.state_id, []).append(institution)
    people = []
    for i in range(PEOPLE):
        state = states[i % STATES]
        people.append(
            Person(
                full_name=f"{rng.choice(WORDS).title()} Person{i}",
                post=f"Head of {rng.choice(WORDS)}",
                state=state,
                institution=rng.choice(by_state[state.pk]),
                email=f"p{i}@example.org",
                expertise=f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                is_expert=i % 4 == 0,
                visibility="restricted" if i % 3 == 0 else "shared",
            )
        )
    Person.objects.bulk_create(people, batch_size=5_000)
    statuses = [status for status, _label in Status.choices]
    now = timezone.now()
    requests = []
    for i in range(REQUESTS):
        state = states[i % STATES]
        status = statuses[i % len(statuses)]
        requests.append(
            AssistanceRequest(
                reference=None if status == Status.DRAFT else f"R-{i:06d}",
                state=state,
                institution=rng.choice(by_state[state.pk]),
                title=f"Support on {rng.choice(WORDS)} {i}",
                need=f"We need help with {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
                status=status,
                status_changed_at=now - timezone.timedelta(days=rng.randint(0, 400)),
                visibility="restricted" if i % 3 == 0 else "shared",
            )
        )
    AssistanceRequest.objects.bulk_create(requests, batch_size=5_000)
    AssistanceRequest.objects.update(created_at=now)  # spread below
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assistance_assistancerequest SET created_at = now() - (id % 700) * interval '1 day' "
            "- (id % 997) * interval '1 minute'"
        )
    User.objects.create_user(email="officer@bench.test", password="x", role=Role.OFFICER, full_name="Officer")
    User.objects.create_user(
        email="focal@bench.test", password="x", role=Role.FOCAL_POINT, member_state=states[7], full_name="Focal"
    )


PAGES = [
    ("requests list", "/requests/", {}),
    ("requests list p40", "/requests/", {"page": 40}),
    ("requests search", "/requests/", {"q": "water"}),
    ("people list", "/registry/people/", {}),
    ("people p40", "/registry/people/", {"page": 40}),
    ("people search", "/registry/people/", {"q": "person123"}),
    ("institutions list", "/registry/institutions/", {}),
    ("institutions search", "/registry/institutions/", {"q": "water"}),
    ("API requests", "/api/v1/requests/", {}),
    ("API people", "/api/v1/people/", {}),
    ("API institutions", "/api/v1/institutions/", {}),
]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(runs: int, only: str) -> None:
    from django.conf import settings
    from django.test.utils import override_settings

    from accounts.models import User

    # Static files by their plain names: the bench runs without collectstatic's manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()

    for email in ("officer@bench.test", "focal@bench.test"):
        client = Client()
        client.force_login(User.objects.get(email=email))
        for name, url, params in PAGES:
            if only and only not in name:
                continue
            response = client.get(url, params, secure=True)
            assert response.status_code == 200, (name, response.status_code)
            times, cpu = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(url, params, secure=True)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            # The CPU time of this process (Django's side) moves less than the wall clock when
            # the machine is shared; the database's own time is in the wall clock only.
            print(
                f"{email.split('@')[0]:8} {name:22} median {statistics.median(times):7.1f} ms"
                f"   p95 {percentile(times, 0.95):7.1f} ms   cpu median {statistics.median(cpu):6.1f} ms",
                flush=True,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    if args.build:
        build()
    else:
        measure(args.runs, args.only)
