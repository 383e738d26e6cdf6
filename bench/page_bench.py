"""Benchmark of every page a signed-in user can open, at demo and at global scale.

    .venv/bin/python bench/page_bench.py             # demo (scale 0.01) then global (scale 1) on PostgreSQL
    .venv/bin/python bench/page_bench.py --quick     # demo then a tenth of the global scale
    .venv/bin/python bench/page_bench.py --reuse-db  # time the communities already built (--keep-db)

For each scale it creates a throw-away PostgreSQL database (`<name>_demo` and `<name>` from
--database-url), migrates it, writes the community (bench/global_community.py) and then, in a
process with production settings (DEBUG off, cached template loader, the manifest static
storage), times with the Django test Client, for each role the benchmark signs in as, every
page found in the URLconf that the role can open: the home page, each list (default order,
another sort, page 2, a filter), the request board, the heatmaps (default window and another),
the detail pages of each kind of record, a request's matches, the API's list endpoints; and a
bare view behind the same middleware. Then it starts `attache serve` (gunicorn, 2 workers) and
measures the throughput of the key pages against the bare view's, with signed-in client threads.

A parametrised URL needs a sample record (`SAMPLES`) or a stated reason to be left out
(`NOT_TIMED`; forms and actions are recognised by their names): a new page with neither stops
the benchmark, so no page is forgotten.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import server_env, wait_for  # noqa: E402
from bench.match_bench import percentile  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/attache_pagebench"
DEMO_SCALE = 0.01
# The goals of issue 12, at global scale on PostgreSQL.
GOAL_MEDIAN_MS = 30
GOAL_P95_MS = 100
GOAL_MATCHING_MS = 300
GOAL_THROUGHPUT_SHARE = 1 / 3  # of the bare view's requests per second
# A slow page is timed fewer times: at least MIN_RUNS, then until its time budget is spent.
MIN_RUNS = 3
PAGE_BUDGET_S = 10.0
ROLES = ("officer", "focal_point", "host_coordinator", "partner")
KEY_PAGES = (
    "core:home",
    "assistance:request_list",
    "assistance:request_board",
    "maturity:heatmap",
    "decisions:implementation_heatmap",
)
BARE = "bench:bare"

# Names (after the namespace) of forms and actions: pages that write, not pages that read.
ACTION_SUFFIXES = (
    "_add", "_edit", "_delete", "_create", "_update", "_move", "_transition", "_assign", "_remove",
    "_respond", "_withdraw", "_invite", "_publish", "_request_update", "_reassign", "_review",
    "_compute", "_lock", "_reopen", "_submit", "_approve", "_return", "_issue", "_reissue", "_revoke",
    "_resend_invitation", "_set_active", "_mark_read", "_mark_all_read", "_send", "_record",
    "_confirm", "_member", "_plan", "_weights", "_documents_add", "_add_member",
)  # fmt: skip
# Every other URL the benchmark does not time, with why.
NOT_TIMED = {
    "healthz": "the load balancer's check, not a page",
    "set_language": "a form post",
    "core:document_download": "the community has no uploaded documents",
    "core:notification_open": "marks a notification read, then redirects",
    "accounts:login": "the sign-in form (the benchmark is signed in)",
    "accounts:logout": "signs out",
    "accounts:two_factor_verify": "part of signing in",
    "accounts:two_factor": "two-factor set-up",
    "accounts:two_factor_recovery_codes": "two-factor set-up",
    "accounts:two_factor_disable": "two-factor set-up",
    "accounts:invitation_accept": "a one-time link with a token",
    "accounts:password_reset": "signed-out page",
    "accounts:password_reset_done": "signed-out page",
    "accounts:password_reset_confirm": "a one-time link with a token",
    "accounts:password_reset_complete": "signed-out page",
    "activities:certificate_pdf": "the community has no certificates (a PDF export)",
    "activities:certificate_verify": "the community has no certificates",
    "activities:certificates_issue": "an action",
    "activities:attendance_record": "a form",
    "activities:nomination_participant_confirm": "an action",
    "activities:modalityrule_update": "a form",
    "activities:activity_expert_remove": "an action",
    "assistance:needs_assessment": "a form",
    "results:node_link_activities": "a form",
    "results:indicator_compute": "an action",
    "followup:answer": "a signed questionnaire link",
    "followup:evaluations_send": "an action",
    "core:outbox": "exists only where mail goes to files (the demo)",
    "accounts:user_list": "administrators only (the roles timed include none)",
    "followup:actionitem_detail": "redirects to the item's action plan",
    "api:schema": "the OpenAPI document, not an endpoint",
    "api:docs": "the API's documentation page",
}


@dataclass
class PageResult:
    name: str
    label: str  # the URL name and its variant ("?sort=title", "page 2"…)
    path: str
    role: str
    status: int
    runs_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs_ms) if self.runs_ms else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.runs_ms, 95) if self.runs_ms else float("nan")


# --- the URLconf ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]
    callback: Callable


def routes() -> list[Route]:
    """Every named URL of the site (admin and format-suffix routes left out), once each."""
    from django.urls import URLResolver, get_resolver

    found: dict[str, Route] = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace and pattern.namespace
                    else (pattern.namespace or namespace)
                )
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                params = tuple(p for p in pattern.pattern.regex.groupindex if p != "format")
                found.setdefault(name, Route(name, params, pattern.callback))

    walk(get_resolver().url_patterns, None)
    return list(found.values())


def is_action(route: Route) -> bool:
    local = route.name.split(":")[-1]
    if route.name.startswith("api:"):
        # An API route answers GET (a list, or a read-only summary) or is an action.
        actions = getattr(route.callback, "actions", None)
        if actions is not None:
            return "get" not in actions
        view_class = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
        return view_class is not None and not hasattr(view_class, "get")
    return local.endswith(ACTION_SUFFIXES)


def timed_routes() -> list[Route]:
    """The URLs the benchmark times: every page that reads, and the API's read-only endpoints
    without a record id (its lists and summaries). Fails loudly on a page it has no sample for."""
    chosen, missing = [], []
    for route in routes():
        if route.name in NOT_TIMED or route.name == BARE.split(":")[-1] or route.name == "bench_bare":
            continue
        if is_action(route):
            continue
        if route.name.startswith("api:"):
            if not route.params:
                chosen.append(route)
            elif route.name.endswith("-list") or route.name not in SAMPLES:
                continue
            else:
                chosen.append(route)
            continue
        if route.params and route.name not in SAMPLES:
            missing.append(route.name)
            continue
        chosen.append(route)
    if missing:
        raise SystemExit(
            "The page benchmark has no sample record for these pages (add one to SAMPLES in "
            f"bench/page_bench.py, or say in NOT_TIMED why it is left out): {', '.join(sorted(missing))}"
        )
    return chosen


# --- sample records, as each role sees them -------------------------------------------------


def first_visible(model, user, **filters) -> int:
    """The first record of `model` the user may see (by id), among those matching `filters`."""
    pk = model.objects.for_user(user).filter(**filters).order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        raise LookupError(f"no {model._meta.verbose_name} visible to {user} with {filters}")
    return pk


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def pk_of(label: str, **filters) -> Callable:
    return lambda user: {"pk": first_visible(_model(label), user, **filters)}


def activity_of_user(user, **filters) -> int:
    """An activity the user takes part in (its state, its host institution), else a shared one."""
    from django.db.models import Q

    Activity = _model("activities.Activity")
    mine = Q(visibility="shared")
    if user.home_state_id:
        mine = Q(states=user.home_state_id)
    if user.institution_id and user.role == "host_coordinator":
        mine = Q(host_institution=user.institution_id)
    return first_visible(Activity, user, pk__in=Activity.objects.filter(mine, **filters).values("pk"))


def request_for_matching(user) -> dict:
    """A request being matched, as an officer opens its matches."""
    return {"pk": first_visible(_model("assistance.AssistanceRequest"), user, status="approved")}


def series(label: str, first: str, second: str, first_param: str, second_param: str) -> Callable:
    def sample(user):
        model = _model(label)
        row = model.objects.for_user(user).order_by("pk").values(first, second).first()
        if row is None:
            raise LookupError(f"no {model._meta.verbose_name} visible to {user}")
        return {first_param: row[first], second_param: row[second]}

    return sample


def participant_calendar(user) -> dict:
    Nomination = _model("activities.Nomination")
    row = (
        Nomination.objects.for_user(user).filter(status="confirmed").order_by("pk").values("activity_id", "pk").first()
    )
    if row is None:
        raise LookupError(f"no confirmed nomination visible to {user}")
    return {"pk": row["activity_id"], "nomination_pk": row["pk"]}


# What a page reads from its query string, where it needs one (a chooser's typed text).
QUERIES = {"core:choice_options": "q=min"}

SAMPLES: dict[str, Callable] = {
    "core:choice_options": lambda user: {"model_label": "community.institution"},
    "community:memberstate_detail": pk_of("community.MemberState"),
    "community:institution_detail": pk_of("community.Institution"),
    "community:person_detail": pk_of("community.Person"),
    "community:committeemeeting_detail": pk_of("community.CommitteeMeeting"),
    "community:network_detail": pk_of("community.Network"),
    "community:regionalmeeting_detail": pk_of("community.RegionalMeeting"),
    "community:nonworkingday_detail": pk_of("community.NonWorkingDay"),
    "community:capabilityarea_detail": pk_of("community.CapabilityArea", parent__isnull=False),
    "maturity:series": series("maturity.MaturityAssessment", "state_id", "area_id", "state_pk", "area_pk"),
    "decisions:decision_detail": pk_of("decisions.Decision"),
    "decisions:implementation_series": series(
        "decisions.ImplementationReport", "state_id", "action_id", "state_pk", "action_pk"
    ),
    "assistance:request_detail": pk_of("assistance.AssistanceRequest", status="matching"),
    "matching:request_matches": request_for_matching,
    "portfolio:practice_detail": pk_of("portfolio.Practice"),
    "activities:activity_detail": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_agenda": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_agenda_print": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_ics": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_people": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_budget": lambda user: {"pk": activity_of_user(user)},
    "activities:activity_documents": lambda user: {"pk": activity_of_user(user)},
    "activities:participant_ics": participant_calendar,
    "followup:activity_evaluation": lambda user: {"pk": activity_of_user(user, status__in=("delivered", "closed"))},
    "followup:actionplan_detail": pk_of("followup.ActionPlan"),
    "followup:actionitem_detail": pk_of("followup.ActionItem"),
    "results:programme_detail": pk_of("results.Programme"),
    "results:programme_csv": pk_of("results.Programme"),
    "results:resultnode_detail": pk_of("results.ResultNode"),
    "results:indicator_detail": pk_of("results.Indicator"),
    "results:indicator_csv": pk_of("results.Indicator"),
    "results:period_detail": pk_of("results.Period"),
    "results:target_detail": pk_of("results.Target"),
    "results:measuredvalue_detail": pk_of("results.MeasuredValue"),
}

# Pages a role may not open (the access rules refuse it, 403 or 404): not timed for that role.
# Stated here rather than found out, so that a page newly refused to a role fails the test.
SECRETARIAT_ONLY = {
    "matching:request_matches",  # only the secretariat ranks hosts and experts
    "followup:evaluation_breakdown",
    "api:evaluation-scores",
    "api:retention",
}
REFUSED: dict[str, set[str]] = {
    "focal_point": SECRETARIAT_ONLY,
    "host_coordinator": SECRETARIAT_ONLY,
    # A partner reads shared activities but never their people, money or follow-up.
    "partner": SECRETARIAT_ONLY
    | {
        "activities:participant_ics",
        "activities:activity_budget",
        "followup:actionplan_detail",
    },
}
# Pages known to fail for a role, with why: the benchmark reports them, its test expects them
# (and fails once they are fixed, so that this list is emptied).
KNOWN_BROKEN: dict[tuple[str, str], str] = {}


# --- variants of a page: another sort, page 2, a filter or another window --------------------

PREFERRED_FILTERS = ("within", "sub_region", "state", "status", "kind", "area")


def choice_variant(form) -> str | None:
    """`field=value` for one of the form's choice fields (the preferred names first), with a
    value other than empty: a filter, or another window of a heatmap."""
    fields = sorted(
        form.fields.items(),
        key=lambda item: (
            item[0] not in PREFERRED_FILTERS,
            PREFERRED_FILTERS.index(item[0]) if item[0] in PREFERRED_FILTERS else 0,
        ),
    )
    for name, form_field in fields:
        choices = getattr(form_field, "choices", None)
        if choices is None:
            continue
        for value, _label in list(choices)[:50]:
            value = getattr(value, "value", value)
            if value not in ("", None) and not isinstance(value, list | tuple):
                return f"{name}={value}"
    return None


def context_values(context) -> list:
    """Every value of a response's template contexts (one template, or several)."""
    from django.test.utils import ContextList

    if context is None:
        return []
    values = []
    for one in context if isinstance(context, ContextList) else [context]:
        values.extend(one.flatten().values())
    return values


def variants(context) -> list[tuple[str, str]]:
    """The page's other views found in its context: (label, query string)."""
    from django.forms import Form
    from django_filters import FilterSet

    from core.tables import PAGE_PARAM, SORT_PARAM, Table

    found = []
    values = context_values(context)
    table = next((value for value in values if isinstance(value, Table)), None)
    if table is not None:
        current = {name.lstrip("-") for name in (table.order_by or ())}
        other = next((c.name for c in table.columns if c.orderable and c.name not in current), None)
        if other:
            found.append((f"sort={other}", f"{SORT_PARAM}={other}"))
        if getattr(table, "page", None) is not None and table.page.has_next():
            found.append(("page 2", f"{PAGE_PARAM}=2"))
    if values:
        filterset = next((value for value in values if isinstance(value, FilterSet)), None)
        form = filterset.form if filterset is not None else next((v for v in values if isinstance(v, Form)), None)
        if form is not None and (query := choice_variant(form)):
            found.append((f"filter {query.split('=')[0]}", query))  # the value differs by scale
    return found


# --- timing in-process ----------------------------------------------------------------------


def goal_ms(name: str) -> tuple[float, float]:
    """The (median, p95) goals of a page."""
    return (GOAL_MATCHING_MS, GOAL_MATCHING_MS) if "matches" in name else (GOAL_MEDIAN_MS, GOAL_P95_MS)


class QueryCounter:
    """Counts the SQL statements run through a connection (connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def time_path(client, path: str, runs: int, budget_s: float) -> tuple[int, list[float], str]:
    """Request `path` until `runs` runs or the budget is spent (at least MIN_RUNS); the status of
    the first answer, the wall-clock times in ms, the error if it failed."""
    times, status = [], 0
    started = time.perf_counter()
    for k in range(runs):
        t0 = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        status = status or response.status_code
        if response.status_code != 200:
            return response.status_code, times, f"answered {response.status_code}"
        if k + 1 >= MIN_RUNS and time.perf_counter() - started > budget_s:
            break
    return status, times, ""


def signed_in_client(user):
    from django.test import Client

    client = Client(raise_request_exception=False, HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(user)
    return client


def get_with_context(client, path: str):
    """GET with the template contexts recorded (as under the test runner), to find a page's
    table and filters, counting its queries; the timed runs go without either.
    Returns the response, its number of queries and its time in ms."""
    from django.db import connection
    from django.template import Template
    from django.test.utils import instrumented_test_render

    rendering, counter = Template._render, QueryCounter()
    Template._render = instrumented_test_render
    try:
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            response = client.get(path)
            return response, counter.count, (time.perf_counter() - started) * 1000
    finally:
        Template._render = rendering


def time_pages(
    *, runs: int, budget_s: float = PAGE_BUDGET_S, only_roles=ROLES, only_pages: str = "", log=print
) -> list[PageResult]:
    """Time every page for every role (see the module's docstring); returns one result per
    (page, variant, role), the bare view first for each role."""
    from django.urls import reverse

    from accounts.models import User

    users = {role: User.objects.get(email=f"{role.replace('_', '.')}@bench.example.org") for role in only_roles}
    pages = [route for route in timed_routes() if re.search(only_pages, route.name)]
    results: list[PageResult] = []
    for role, user in users.items():
        client = signed_in_client(user)
        status, times, error = time_path(client, reverse("bench_bare"), max(runs, 50), budget_s)
        results.append(PageResult(BARE, BARE, reverse("bench_bare"), role, status, times, 0, error))
        for route in pages:
            if route.name in REFUSED.get(role, ()):
                continue
            try:
                kwargs = SAMPLES[route.name](user) if route.params else {}
            except LookupError as missing:
                results.append(PageResult(route.name, route.name, "", role, 0, error=f"no sample: {missing}"))
                continue
            path = reverse(route.name, kwargs=kwargs)
            if route.name in QUERIES:
                path = f"{path}?{QUERIES[route.name]}"
            first, queries, first_ms = get_with_context(client, path)
            found = [("", "")]
            if first.status_code == 200:
                found += variants(first.context)
            for label, query in found:
                full = f"{path}{'&' if '?' in path else '?'}{query}" if query else path
                warm = None if query else (first, queries, first_ms)
                result = time_page(
                    client, route.name, f"{route.name} {label}".strip(), full, role, runs, budget_s, warm
                )
                results.append(result)
                log(
                    f"  {role:<17} {result.label:<60} median {result.median:8.1f} ms  p95 {result.p95:8.1f} ms"
                    f"  {result.queries or 0:>4} queries  {result.error}"
                )
    return results


def time_page(client, name: str, label: str, path: str, role: str, runs: int, budget_s: float, warm=None) -> PageResult:
    """One page view: a warm-up run counting the queries (`warm` if it was made already), then
    the timed runs. A page slower than its budget on a second run too is timed by that run alone
    (a heatmap of a minute would otherwise take the benchmark hours)."""
    response, queries, warm_ms = warm or get_with_context(client, path)
    if response.status_code != 200:
        return PageResult(
            name, label, path, role, response.status_code, [], queries, f"answered {response.status_code}"
        )
    if warm_ms > budget_s * 1000:
        # Slow once (matching loads the community it then keeps), or slow every time: ask again.
        started = time.perf_counter()
        client.get(path)
        again_ms = (time.perf_counter() - started) * 1000
        if again_ms > budget_s * 1000:
            return PageResult(name, label, path, role, 200, [again_ms], queries)
    status, times, error = time_path(client, path, runs, budget_s)
    return PageResult(name, label, path, role, status, times, queries, error)


# --- throughput through gunicorn ------------------------------------------------------------


def hammer(url: str, cookie: str, *, seconds: float, threads: int) -> tuple[float, int]:
    """Requests per second answered 200 by `threads` clients in a loop for `seconds`; errors."""
    done, errors, lock = [0], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def loop():
        request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
        ok = bad = 0
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
                    ok += response.status == 200
                    bad += response.status != 200
            except (urllib.error.URLError, OSError):
                bad += 1
        with lock:
            done[0] += ok
            errors[0] += bad

    started = time.monotonic()
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return done[0] / (time.monotonic() - started), errors[0]


def throughput(
    database_url: str, *, seconds: float, threads: int, port: str, skip=frozenset(), log=print
) -> dict[str, dict]:
    """The key pages' and the bare view's requests per second through `attache serve`, signed in
    as the officer: each page rendered every time, then with kept pages (`core.kept_pages`)."""
    rendered = serve_and_hammer(database_url, seconds=seconds, threads=threads, port=port, skip=skip, log=log)
    log("  … and with kept pages (answered again until what they show changes):")
    kept = serve_and_hammer(
        database_url, seconds=seconds, threads=threads, port=port, skip=skip, log=log, kept_pages=True
    )
    return {
        name: figures | {"kept_requests_per_s": kept[name]["requests_per_s"], "kept_errors": kept[name]["errors"]}
        for name, figures in rendered.items()
    }


def serve_and_hammer(
    database_url: str, *, seconds: float, threads: int, port: str, skip, log, kept_pages: bool = False
) -> dict[str, dict]:
    """Start `attache serve` (2 workers, production settings, loopback) on the database and
    measure each key page's and the bare view's requests per second."""
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="officer@bench.example.org"))
    client.get(reverse("core:home"))  # as a browser: the session's CSRF cookie is set by its first page
    cookie = "; ".join(f"{name}={client.cookies[name].value}" for name in ("sessionid", "csrftoken"))
    urls = {BARE: reverse("bench_bare"), **{name: reverse(name) for name in KEY_PAGES}}
    figures = {}
    # The static files this process's settings were collected into (run_scale), served the same.
    env = production_environment(database_url, os.environ["STATIC_ROOT"])
    env["ATTACHE_KEPT_PAGES"] = str(kept_pages)
    server = subprocess.Popen(
        [sys.executable, "-c", "from config.cli import main; main()", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--access-logfile", "/dev/null", "--timeout", "600"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        host = f"http://127.0.0.1:{port}"
        wait_for(f"{host}/healthz")
        for name, path in urls.items():
            if name in skip:
                figures[name] = {"requests_per_s": 0.0, "errors": 0, "skipped": "one request outlasts the measurement"}
                log(f"  throughput {name:<40} not measured: one request takes longer than {seconds} s")
                continue
            hammer(f"{host}{path}", cookie, seconds=1, threads=1)  # warm both workers' caches
            rate, errors = hammer(f"{host}{path}", cookie, seconds=seconds, threads=threads)
            figures[name] = {"requests_per_s": rate, "errors": errors}
            log(f"  throughput {name:<40} {rate:8.1f} req/s  ({errors} errors)")
    finally:
        server.terminate()
        server.wait(timeout=60)
    return figures


# --- environment and databases --------------------------------------------------------------


def production_environment(database_url: str, static_root: str) -> dict:
    """The site's production settings (bench/load.py's), with the benchmark's URLconf."""
    env = server_env(static_root)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.page_bench_settings",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        WEB_CONCURRENCY="2",
    )
    env.pop("DEBUG", None)
    env["DEBUG"] = "False"
    # Every page view timed is a render: a kept page (core.kept_pages) would time the cache.
    env["ATTACHE_KEPT_PAGES"] = "False"
    return env


def collect_static(env: dict) -> None:
    subprocess.run(
        [sys.executable, "-c", "from config.cli import main; main()", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


def recreate_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- one scale, in its own process ----------------------------------------------------------


def measure(args) -> dict:
    """Build (unless reusing) and time one community; runs in a process with production settings."""
    import django
    from django.core.management import call_command

    django.setup()
    from bench.global_community import build

    community = None
    if not args.reuse_db:
        call_command("migrate", verbosity=0)
        community = build(args.scale, seed=args.seed)
        print(
            f"  built scale {args.scale} in {community.seconds:.0f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in community.counts.items() if v)
        )
    results = time_pages(
        runs=args.runs, budget_s=args.page_budget, only_roles=args.roles.split(","), only_pages=args.pages
    )
    rates = {}
    if not args.no_throughput:
        # A page one request of which outlasts the measurement would only keep the server busy.
        too_slow = {
            result.name
            for result in results
            if result.label == result.name and result.median > args.throughput_seconds * 1000
        }
        rates = throughput(
            args.database_url, seconds=args.throughput_seconds, threads=args.threads, port=args.port, skip=too_slow
        )
    return {
        "scale": args.scale,
        "build_seconds": community.seconds if community else None,
        "counts": community.counts if community else None,
        "pages": [asdict(result) | {"median": result.median, "p95": result.p95} for result in results],
        "throughput": rates,
        "load_average": os.getloadavg(),
    }


def run_scale(args, scale: float, url: str) -> dict:
    """Run `measure` for one scale in a child process with production settings."""
    with tempfile.TemporaryDirectory() as scratch:
        env = production_environment(url, f"{scratch}/static")
        if not args.reuse_db:
            recreate_database(url)
        collect_static(env)
        out = f"{scratch}/result.json"
        command = [
            sys.executable, str(Path(__file__)), "--measure", "--scale", str(scale), "--database-url", url,
            "--runs", str(args.runs), "--page-budget", str(args.page_budget), "--seed", str(args.seed),
            "--threads", str(args.threads), "--throughput-seconds", str(args.throughput_seconds),
            "--port", args.port, "--json", out, "--roles", args.roles, "--pages", args.pages,
            *(["--reuse-db"] if args.reuse_db else []), *(["--no-throughput"] if args.no_throughput else []),
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return json.loads(Path(out).read_text())


# --- report ---------------------------------------------------------------------------------


def report(demo: dict | None, world: dict) -> None:
    """The table: per page and role, global median/p95, ratio to the bare view, global/demo."""

    def keyed(run):
        return {(page["label"], page["role"]): page for page in run["pages"]}

    small, large = keyed(demo) if demo else {}, keyed(world)
    bare = {role: large.get((BARE, role), {}).get("median") for role in ROLES}
    against = f" against demo scale {demo['scale']}" if demo else ""
    print(f"\nScale {world['scale']}{against} (times in ms, wall clock, in-process)")
    print(
        f"{'page':<62}{'role':<17}{'median':>8}{'p95':>9}{'×bare':>8}{'global/demo':>12}{'queries':>8}{'runs':>5}  goal"
    )
    over = 0
    for (label, role), page in large.items():
        if page["status"] != 200:
            print(f"{label:<62}{role:<17}  {page['error'] or page['status']}")
            continue
        median, p95 = page["median"], page["p95"]
        goal_median, goal_p95 = goal_ms(label)
        ok = label == BARE or (median <= goal_median and p95 <= goal_p95)
        over += not ok
        before = small.get((label, role), {}).get("median")
        growth = f"{median / before:.1f}" if before else "–"
        ratio = f"{median / bare[role]:.0f}" if bare.get(role) else "–"
        verdict = "ok" if ok else "OVER"
        queries, runs = page["queries"] or 0, len(page["runs_ms"])
        print(f"{label:<62}{role:<17}{median:8.1f}{p95:9.1f}{ratio:>8}{growth:>12}{queries:>8}{runs:>5}  {verdict}")
    goals = f"median ≤ {GOAL_MEDIAN_MS} ms and p95 ≤ {GOAL_P95_MS} ms; matches ≤ {GOAL_MATCHING_MS} ms"
    print(f"\n{over} page views over the goals ({goals})")
    for run in (demo or {}, world):
        rates = run.get("throughput") or {}
        if not rates:
            continue
        print(f"\nThroughput at scale {run['scale']} (attache serve, 2 workers), requests per second:")
        base = rates[BARE]["requests_per_s"]
        for name, figures in rates.items():
            share = figures["requests_per_s"] / base if base else 0
            verdict = "" if name == BARE else ("ok" if share >= GOAL_THROUGHPUT_SHARE else "UNDER a third of bare")
            rate, errors = figures["requests_per_s"], figures["errors"]
            if figures.get("skipped"):
                verdict = f"UNDER: not measured, {figures['skipped']}"
            print(f"  {name:<40}{rate:8.1f}  {share:6.0%} of bare  {errors} errors  rendered each time")
            if "kept_requests_per_s" in figures:
                kept_share = figures["kept_requests_per_s"] / base if base else 0
                if name != BARE:
                    verdict = "ok" if kept_share >= GOAL_THROUGHPUT_SHARE else "UNDER a third of bare"
                print(
                    f"  {'':<40}{figures['kept_requests_per_s']:8.1f}  {kept_share:6.0%} of bare  "
                    f"{figures['kept_errors']} errors  kept pages  {verdict}"
                )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default=DEFAULT_DATABASE_URL, help="the global community's database (the demo one gets _demo)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="the global scale (1: issue 12's community)")
    parser.add_argument("--quick", action="store_true", help="global scale 0.1")
    parser.add_argument(
        "--runs", type=int, default=20, help="warm runs per page (fewer for a page slower than its budget)"
    )
    parser.add_argument(
        "--page-budget", type=float, default=PAGE_BUDGET_S, help="seconds per page after its first 3 runs"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse-db", action="store_true", help="time the communities a --keep-db run left")
    parser.add_argument("--roles", default=",".join(ROLES), help="the roles to sign in as, comma-separated")
    parser.add_argument("--pages", default="", help="a regular expression: only the URL names it finds")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--skip-demo", action="store_true", help="only the global scale (no global/demo ratio)")
    parser.add_argument("--throughput-seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4, help="concurrent signed-in clients for the throughput")
    parser.add_argument("--port", default="8766")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        result = measure(args)
        Path(args.json).write_text(json.dumps(result))
        return 0
    if args.quick:
        args.scale = 0.1
    if args.reuse_db:
        args.keep_db = True
    demo_url = f"{args.database_url}_demo"
    print(
        f"Attaché page benchmark · Python {platform.python_version()} · {os.cpu_count()} CPUs · "
        f"load average {os.getloadavg()[0]:.1f} · {args.runs} runs per page"
    )
    try:
        demo = None
        if not args.skip_demo:
            print(f"Demo scale ({DEMO_SCALE}) on {demo_url}")
            demo = run_scale(args, DEMO_SCALE, demo_url)
        print(f"Global scale ({args.scale}) on {args.database_url}")
        world = run_scale(args, args.scale, args.database_url)
    finally:
        if not args.keep_db:
            for url in (demo_url, args.database_url):
                drop_database(url)
    report(demo, world)
    if args.json:
        Path(args.json).write_text(json.dumps({"demo": demo, "global": world}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
