"""Personas shared by every app's tests, and a small registry they act on.

Personas (each one a signed-in role):
  admin      secretariat administrator: changes everything
  officer    secretariat officer: changes everything but member states and capability areas
  focal_bz   focal point of Belize
  focal_jm   focal point of Jamaica
  host_jm    host coordinator of a Jamaican institution (the Jamaica Customs Agency)
  expert     an expert whose user account is linked to their Person profile (Trinidad and Tobago)
  partner    a development partner
  anonymous  nobody signed in
"""

import gc
import os

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from tests import personas
from tests.browser.screens import ARTIFACTS, DESKTOP, PASSWORD, PHONE

ROLES = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language: a request through the test client leaves the
    language it negotiated active in the thread, which would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: throttles count in it (password-reset links asked
    for), and one test's count must not refuse the next test's request."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_kept_community():
    """Every test starts with no community kept by matching (`matching.supply_cache`) and no
    change counters read (`core.data_version`): the counters roll back with each test's
    transaction, so what one test kept could otherwise pass for the next test's."""
    from core import data_version
    from matching import supply_cache

    supply_cache.clear()
    data_version.end_request()
    yield


# --- member states, institutions and the personas (built by tests/personas.py) -------------


@pytest.fixture
def belize(db):
    return personas.make_belize()


@pytest.fixture
def jamaica(db):
    return personas.make_jamaica()


@pytest.fixture
def trinidad(db):
    return personas.make_trinidad()


@pytest.fixture
def host_institution(jamaica):
    return personas.make_host_institution(jamaica)


@pytest.fixture
def partner_institution(db):
    return personas.make_partner_institution()


@pytest.fixture
def expert_person(trinidad):
    return personas.make_expert_person(trinidad)


@pytest.fixture
def admin(db):
    return personas.make_admin()


@pytest.fixture
def officer(db):
    return personas.make_officer()


@pytest.fixture
def focal_bz(belize):
    return personas.make_focal_bz(belize)


@pytest.fixture
def focal_jm(jamaica):
    return personas.make_focal_jm(jamaica)


@pytest.fixture
def host_jm(host_institution):
    return personas.make_host_jm(host_institution)


@pytest.fixture
def expert(expert_person):
    return personas.make_expert(expert_person)


@pytest.fixture
def partner(partner_institution):
    return personas.make_partner(partner_institution)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def persona(request):
    """Look a persona up by name, e.g. `persona("focal_bz")`, for parametrised tests."""
    return request.getfixturevalue


# --- clients -----------------------------------------------------------------------------


@pytest.fixture
def client_for(db):
    """A browser client signed in as the given user (or anonymous for None/AnonymousUser)."""

    def make(user):
        client = Client()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client_for(db):
    """An API client with a session for the given user (or anonymous for None/AnonymousUser)."""

    def make(user):
        client = APIClient()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return make


# --- a registry for the access matrix ------------------------------------------------------


@pytest.fixture
def registry(request, db):
    """See `_registry`; built with the audit log off, which halves the time it takes. It names
    `db` itself: pytest-django sets the test database up only for tests that name it, and
    `_registry` is reached through getfixturevalue, which it cannot see."""
    with disable_auditlog():
        return request.getfixturevalue("_registry")


@pytest.fixture
def _registry(
    admin,
    officer,
    focal_bz,
    focal_jm,
    host_jm,
    expert,
    partner,
    belize,
    jamaica,
    trinidad,
    host_institution,
    partner_institution,
    expert_person,
):
    """See `tests.personas.build_registry`: the fixtures above, by name."""
    return personas.build_registry(**locals())


# --- real-browser journeys (pytest -m browser) ---------------------------------------------------

# Playwright's sync API keeps an event loop in the main thread; the ORM calls that build a
# journey's data run in that same thread, outside any coroutine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def base_url():
    """No base address: the journeys open the live server's full addresses. (pytest-playwright's
    own fixture is a method of a plugin class, which pytest 9 warns is deprecated.)"""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a browser Playwright would download."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, and it is missing. "
            "Install it (Debian: apt-get install -y chromium) or leave these tests out "
            "with -m 'not browser' (SKIP_BROWSER=1 make test).",
            pytrace=False,
        )
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": flags}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 800}, "locale": "en-GB"}


# Shared by every app's journeys: screenshots at both widths, and signing in through the form.


@pytest.fixture
def snap(page, request):
    """Save the page as test-artifacts/<test>-<step>-desktop.png and -phone.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(step: str, *, full_page: bool = True):
        """full_page=False: what a person sees first, without scrolling."""
        name = f"{request.node.originalname.removeprefix('test_')}-{step}"
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=full_page)
            # WCAG 1.4.10 (reflow): wide tables scroll inside their own box, the page never does.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name} scrolls sideways at {label} width ({width}px)"
        page.set_viewport_size(DESKTOP)

    return take


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the login form, as a person would."""

    def do(email: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")

    return do


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser journeys after every other test, and the long tests first of each group.

    Once Playwright's session has started, a later database test opens a connection that
    Django's teardown never closes, and PostgreSQL then refuses to drop the test database.
    A long test left near the end keeps one worker busy while the others have nothing to run."""
    items.sort(
        key=lambda item: (item.get_closest_marker("browser") is not None, item.get_closest_marker("long") is None)
    )


def pytest_configure(config):
    """A test process makes and drops millions of short-lived objects (models, querysets,
    templates' contexts): the collector's young generation runs less often, and what the process
    holds once Django is set up (its code, URL patterns, models) is out of the full collections'
    sight. Together 4–10 % of a test module's CPU time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
