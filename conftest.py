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

import datetime
import os
from types import SimpleNamespace

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from community.choices import InstitutionKind
from community.tests.factories import (
    CapabilityAreaFactory,
    CommitteeMeetingFactory,
    InstitutionFactory,
    MemberStateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PersonFactory,
)
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


# --- member states the personas act for -------------------------------------------------


@pytest.fixture
def belize(db):
    return MemberStateFactory.for_iso("BZ")


@pytest.fixture
def jamaica(db):
    return MemberStateFactory.for_iso("JM")


@pytest.fixture
def trinidad(db):
    return MemberStateFactory.for_iso("TT")


@pytest.fixture
def host_institution(jamaica):
    """The institution the Jamaican host coordinator acts for; restricted to Jamaica."""
    return InstitutionFactory(
        name="Jamaica Customs Agency",
        acronym="JCA",
        kind=InstitutionKind.AGENCY,
        state=jamaica,
        restricted=True,
    )


@pytest.fixture
def partner_institution(db):
    return InstitutionFactory(
        name="Caribbean Development Fund",
        acronym="CDF",
        kind=InstitutionKind.DEVELOPMENT_PARTNER,
        state=None,
    )


@pytest.fixture
def expert_person(trinidad):
    """The expert's own profile: restricted, so only the expert and the secretariat see it."""
    return PersonFactory(
        full_name="Ravi Maharaj",
        honorific="Dr",
        post="Senior Lecturer in Labour Law",
        institution=None,
        state=trinidad,
        restricted=True,
        expert=True,
    )


# --- personas ----------------------------------------------------------------------------


@pytest.fixture
def admin(db):
    return UserFactory(
        role=Role.ADMIN,
        is_staff=True,
        full_name="Marcia Thompson",
        email="marcia.thompson@secretariat.example",
    )


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.OFFICER, full_name="Dwayne Clarke", email="dwayne.clarke@secretariat.example")


@pytest.fixture
def focal_bz(belize):
    return UserFactory(
        role=Role.FOCAL_POINT,
        member_state=belize,
        full_name="Elena Castillo",
        email="elena.castillo@mfa.gov.bz",
    )


@pytest.fixture
def focal_jm(jamaica):
    return UserFactory(
        role=Role.FOCAL_POINT,
        member_state=jamaica,
        full_name="Andre Campbell",
        email="andre.campbell@mfaft.gov.jm",
    )


@pytest.fixture
def host_jm(host_institution):
    return UserFactory(
        role=Role.HOST_COORDINATOR,
        institution=host_institution,
        full_name="Tanisha Brown",
        email="tanisha.brown@jca.gov.jm",
    )


@pytest.fixture
def expert(expert_person):
    return UserFactory(
        role=Role.EXPERT,
        person=expert_person,
        full_name="Ravi Maharaj",
        email="ravi.maharaj@uwi.example",
    )


@pytest.fixture
def partner(partner_institution):
    return UserFactory(
        role=Role.PARTNER,
        institution=partner_institution,
        full_name="Sophie Laurent",
        email="sophie.laurent@cdf.example",
    )


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
def registry(request):
    """See `_registry`; built with the audit log off, which halves the time it takes."""
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
    """Two states' worth of shared and restricted records, named for what each one tests.

    Keys follow `<model>.<owner>_<visibility>`; `registry.records[model][key]` is the object.
    """
    anguilla = MemberStateFactory.for_iso("AI")  # nothing refers to it, so it can be deleted
    institutions = {
        "bz_shared": InstitutionFactory(
            name="Belize Bureau of Standards",
            acronym="BBS",
            kind=InstitutionKind.AGENCY,
            state=belize,
        ),
        "bz_restricted": InstitutionFactory(
            name="Belize Financial Intelligence Unit",
            acronym="FIU",
            kind=InstitutionKind.AGENCY,
            state=belize,
            restricted=True,
        ),
        "jm_shared": InstitutionFactory(
            name="Statistical Institute of Jamaica",
            acronym="STATIN",
            kind=InstitutionKind.AGENCY,
            state=jamaica,
        ),
        "jm_restricted": InstitutionFactory(
            name="Jamaica Financial Investigations Division",
            acronym="FID",
            kind=InstitutionKind.DEPARTMENT,
            state=jamaica,
            restricted=True,
        ),
        "jm_host": host_institution,
        "partner": partner_institution,
    }
    people = {
        "bz_shared": PersonFactory(
            full_name="Wilfred Usher",
            post="Director of Standards",
            institution=institutions["bz_shared"],
        ),
        "bz_restricted": PersonFactory(
            full_name="Marisol Chan",
            post="Director",
            institution=institutions["bz_restricted"],
            restricted=True,
        ),
        "jm_shared": PersonFactory(
            full_name="Courtney Grant",
            post="Director General",
            institution=institutions["jm_shared"],
        ),
        "jm_restricted": PersonFactory(
            full_name="Shanique Bailey",
            post="Chief Technical Director",
            institution=institutions["jm_restricted"],
            restricted=True,
        ),
        "jm_host": PersonFactory(
            full_name="Omar Henry",
            post="Deputy Commissioner",
            institution=host_institution,
            restricted=True,
        ),
        "expert": expert_person,
    }
    meetings = {
        "bz_restricted": CommitteeMeetingFactory(
            committee=institutions["bz_shared"],
            date=datetime.date(2025, 3, 4),
            place="Belmopan, East Block",
            restricted=True,
        ),
        "jm_restricted": CommitteeMeetingFactory(
            committee=institutions["jm_shared"],
            date=datetime.date(2025, 3, 11),
            place="Kingston, Jamaica House",
            restricted=True,
        ),
        "jm_shared": CommitteeMeetingFactory(
            committee=institutions["jm_shared"],
            date=datetime.date(2025, 4, 8),
            place="Kingston, Jamaica Conference Centre",
        ),
        "jm_host": CommitteeMeetingFactory(
            committee=host_institution,
            date=datetime.date(2025, 5, 6),
            place="Kingston, Customs House",
            restricted=True,
        ),
    }
    root = CapabilityAreaFactory(code="labour-migration", name="Labour migration")
    areas = {
        "root": root,
        "child": CapabilityAreaFactory(code="recruitment-practices", name="Fair recruitment practices", parent=root),
    }
    network = NetworkFactory(name="Regional Labour Migration Network", areas=[root])
    NetworkMembershipFactory(network=network, person=people["jm_shared"])
    NetworkMembershipFactory(network=network, person=people["jm_restricted"])
    networks = {
        "labour": network,
        "drafters": NetworkFactory(name="Caribbean Network of Legislative Drafters"),
    }
    states = {"bz": belize, "jm": jamaica, "tt": trinidad, "ai": anguilla}
    return SimpleNamespace(
        users={
            "admin": admin,
            "officer": officer,
            "focal_bz": focal_bz,
            "focal_jm": focal_jm,
            "host_jm": host_jm,
            "expert": expert,
            "partner": partner,
        },
        records={
            "memberstate": states,
            "institution": institutions,
            "person": people,
            "committeemeeting": meetings,
            "network": networks,
            "capabilityarea": areas,
        },
        **states,
        **{f"inst_{k}": v for k, v in institutions.items()},
        **{f"person_{k}": v for k, v in people.items()},
        **{f"meeting_{k}": v for k, v in meetings.items()},
    )


# --- real-browser journeys (pytest -m browser) ---------------------------------------------------

# Playwright's sync API keeps an event loop in the main thread; the ORM calls that build a
# journey's data run in that same thread, outside any coroutine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


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
    """Run the browser journeys after every other test.

    Once Playwright's session has started, a later database test opens a connection that
    Django's teardown never closes, and PostgreSQL then refuses to drop the test database."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
