"""The fixed cost of a signed-in page: the demo's key pages against a bare view, in one process.

    .venv/bin/python bench/page_overhead.py                       # the demo in SQLite in /tmp
    .venv/bin/python bench/page_overhead.py --keep                # the same, demo already loaded
    .venv/bin/python bench/page_overhead.py --database-url postgres://USER@HOST:5432/EMPTY_DB
    .venv/bin/python bench/page_overhead.py --keep --profile home # where one page's time goes

Production settings (config.settings, DEBUG off, so Django's cached template loader), the demo
data (`core.demo.demo_load`), each page fetched by the Django test client as a signed-in demo
user (an officer, then a focal point), timed over many runs after a warm-up in CPU time of this
thread: what one core spends on it, even when other processes share the machine (SQLite runs in
this thread, PostgreSQL does not). Median and p95 in ms, and the throughput one core would reach
(1000 / mean ms). The bare view answers "ok" through the same middleware and the empty page is
base.html with nothing in it, so the differences are what the frame and each page cost.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_URLCONF = "bench_page_overhead_urls"
# Who signs in: the secretariat sees every record, a focal point one state's restricted ones.
PERSONAS = {"secretariat": "officer", "focal_point": "focal_point"}


def configure(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "False",
            "SECRET_KEY": "attache-bench-key",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "SECURE_HSTS_SECONDS": "0",
            "DEMO_ALLOWED": "True",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "ERROR",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import include, path

    def bare(request):
        return HttpResponse("ok")

    def empty_page(request):
        """The site's frame with nothing in it: what every signed-in page pays before its content."""
        return render(request, "base.html", {})

    urls = types.ModuleType(BENCH_URLCONF)
    urls.urlpatterns = [path("bench/bare/", bare), path("bench/empty/", empty_page), path("", include("config.urls"))]
    urls.handler500 = "core.views_site.server_error"
    sys.modules[BENCH_URLCONF] = urls
    settings.ROOT_URLCONF = BENCH_URLCONF
    # Static files are served by whitenoise in production; the manifest is not built here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def load_demo() -> None:
    from django.core.management import call_command

    from core.demo import demo_load

    call_command("migrate", "--no-input", verbosity=0)
    demo_load()


def signed_in_client(role: str):
    from django.test import Client

    from accounts.models import User

    user = User.objects.filter(is_active=True, role=role).order_by("pk").first()
    client = Client()
    client.force_login(user)
    return client, user


def pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    from assistance.models import AssistanceRequest

    some_request = AssistanceRequest.objects.order_by("pk").first()
    return [
        ("bare view", "/bench/bare/"),
        ("empty page (base.html)", "/bench/empty/"),
        ("home", reverse("core:home")),
        ("requests list", reverse("assistance:request_list")),
        ("request detail", reverse("assistance:request_detail", args=[some_request.pk])),
        ("request board", reverse("assistance:request_board")),
        ("maturity heatmap", reverse("maturity:heatmap")),
        ("implementation heatmap", reverse("decisions:implementation_heatmap")),
    ]


def time_page(client, url: str, runs: int) -> list[float]:
    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        start = time.thread_time()
        client.get(url)
        timings.append((time.thread_time() - start) * 1000)
    return timings


def report(persona: str, client, runs: int) -> None:
    print(f"\n{persona}")
    print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'req/s':>8}{'× bare':>8}")
    bare_rate = None
    for name, url in pages():
        timings = sorted(time_page(client, url, runs))
        rate = 1000 / statistics.fmean(timings)
        bare_rate = bare_rate or rate
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:<24}{statistics.median(timings):>10.2f}{p95:>9.2f}{rate:>8.0f}{bare_rate / rate:>8.1f}")


def profile(client, url_name: str, runs: int) -> None:
    """pyinstrument's call tree when it is installed (`pip install pyinstrument` in your own
    environment: it is not a dependency), cProfile's top functions otherwise."""
    from django.urls import reverse

    url = dict(pages()).get(url_name) or reverse(url_name)
    time_page(client, url, 1)
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)
        return
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(runs):
        client.get(url)
    profiler.stop()
    print(profiler.output_text(unicode=True, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an empty database to load the demo into (default: SQLite in /tmp)")
    parser.add_argument("--keep", action="store_true", help="the database holds the demo already (a previous run)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--persona", choices=sorted(PERSONAS), action="append")
    parser.add_argument("--profile", metavar="PAGE", help="a page name above or a URL name, profiled instead")
    args = parser.parse_args()
    configure(args.database_url or f"sqlite:///{tempfile.gettempdir()}/attache-page-overhead.sqlite3")
    if not args.keep:
        load_demo()
    for persona in args.persona or sorted(PERSONAS):
        client, _user = signed_in_client(PERSONAS[persona])
        if args.profile:
            profile(client, args.profile, args.runs)
        else:
            report(persona, client, args.runs)


if __name__ == "__main__":
    main()
