"""Real-browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Run them with the rest of the suite (`make test`) or alone (`.venv/bin/pytest -m browser`).
They never download a browser: Chromium must be at CHROMIUM_PATH (default /usr/bin/chromium).
"""

import pytest

from tests.browser.screens import ARTIFACTS, DESKTOP, PASSWORD, PHONE  # noqa: F401  (the journeys import them here)


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
