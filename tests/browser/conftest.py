"""Real-browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Run them with the rest of the suite (`make test`) or alone (`.venv/bin/pytest -m browser`).
They never download a browser: Chromium must be at CHROMIUM_PATH (default /usr/bin/chromium).
"""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo-attache"


@pytest.fixture
def snap(page, request):
    """Save the page as test-artifacts/<test>-<step>-desktop.png and -phone.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(step: str):
        name = f"{request.node.originalname.removeprefix('test_')}-{step}"
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=True)
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


@pytest.fixture
def community(transactional_db):
    """Belize and Jamaica, some of their institutions, and the people who sign in."""
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from community.choices import InstitutionKind
    from community.tests.factories import InstitutionFactory, MemberStateFactory

    belize = MemberStateFactory.for_iso("BZ")
    jamaica = MemberStateFactory.for_iso("JM")
    labour_jm = InstitutionFactory(
        name="Ministry of Labour and Social Security",
        acronym="MLSS",
        kind=InstitutionKind.MINISTRY,
        state=jamaica,
    )
    restricted_jm = InstitutionFactory(
        name="Jamaica Skills Certificate Review Panel",
        acronym="SCRP",
        kind=InstitutionKind.NATIONAL_COMMITTEE,
        state=jamaica,
        restricted=True,
    )
    labour_bz = InstitutionFactory(
        name="Ministry of Labour, Local Government and Rural Development",
        acronym="MLLGRD",
        kind=InstitutionKind.MINISTRY,
        state=belize,
    )
    users = {
        "officer": UserFactory(
            email="officer@demo.test",
            password=PASSWORD,
            full_name="Secretariat Officer",
            role=Role.OFFICER,
        ),
        "focal_bz": UserFactory(
            email="focal-bz@demo.test",
            password=PASSWORD,
            full_name="Belize Focal Point",
            role=Role.FOCAL_POINT,
            member_state=belize,
        ),
        "focal_jm": UserFactory(
            email="focal-jm@demo.test",
            password=PASSWORD,
            full_name="Jamaica Focal Point",
            role=Role.FOCAL_POINT,
            member_state=jamaica,
        ),
    }
    return {
        "belize": belize,
        "jamaica": jamaica,
        "labour_jm": labour_jm,
        "restricted_jm": restricted_jm,
        "labour_bz": labour_bz,
        **users,
    }
