"""Fixtures for the matching tests: the demo community at a fixed date, and an approved request."""

import datetime

import pytest
import time_machine

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from community.tests.factories import CapabilityAreaFactory

DEMO_TODAY = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    """Today is 23 November 2026: the demo's meetings (2026–2027) and holidays stay put."""
    with time_machine.travel(DEMO_TODAY, tick=False):
        yield DEMO_TODAY.date()


@pytest.fixture
def demo(db, frozen):
    """The demo community with every app's demo data (maturity map, requests, practices)."""
    from tests.demo_snapshot import load_demo

    load_demo(today=frozen)
    return frozen


@pytest.fixture
def belize_request(demo):
    from assistance.models import AssistanceRequest

    return AssistanceRequest.objects.select_related("state").get(state__iso_code="BZ", status=Status.APPROVED)


@pytest.fixture
def demo_officer(demo):
    from accounts.models import User

    return User.objects.get(email="officer@demo.test")


@pytest.fixture
def accreditation(db):
    return CapabilityAreaFactory(code="accreditation-equivalency", name="Accreditation and equivalency")


@pytest.fixture
def approved(belize, officer, accreditation):
    """Belize's approved request, routed to the officer."""
    request = AssistanceRequestFactory(
        state=belize, status=Status.APPROVED, areas=[accreditation], assigned_officer=officer
    )
    NeedsAssessmentFactory(request=request)
    return request
