"""Median and p95 of pages with production-like settings (DEBUG off, cached templates) through
the Django test client, per demo account.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_board SECRET_KEY=bench \
        .venv/bin/python bench/page_times.py officer@demo.test /requests/board/ / [--runs 30]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402


def time_page(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    status = client.get(url).status_code  # warms caches and connections
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("email")
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=args.email))
    for url in args.urls:
        median, p95, status = time_page(client, url, args.runs)
        print(f"{args.email:<24} {url:<48} {status} median {median:7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
