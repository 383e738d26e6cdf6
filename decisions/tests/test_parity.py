"""The pages and the API refuse the same input with the same translated message, for every
write endpoint of decisions and national implementation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import assert_same_refusal
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(client_for, api_client_for):
    def make(user):
        return {"client": client_for(user), "api_client": api_client_for(user)}

    return make


def test_decision_reference_taken(officer, clients):
    taken = f.DecisionFactory(reference="COTED/2005/20/ACC")
    assert_same_refusal(
        **clients(officer),
        form_url=reverse("decisions:decision_add"),
        api_url="/api/v1/decisions/",
        data={"reference": taken.reference, "title": "Another", "organ": "COTED", "date": "2024-05-01"},
        field="reference",
    )


def test_required_action_without_a_description(officer, clients, action):
    assert_same_refusal(
        **clients(officer),
        form_url=reverse("decisions:requiredaction_add", args=[action.decision_id]),
        api_url="/api/v1/actions/",
        data={"position": 2, "description": "", "timeframe": "medium"},
        api_data={"decision": action.decision_id, "position": 2, "description": "", "timeframe": "medium"},
        field="description",
    )


def test_implementation_report_dated_in_the_future(focal_bz, belize, action, clients):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert_same_refusal(
        **clients(focal_bz),
        form_url=reverse("decisions:implementation_series", args=[belize.pk, action.pk]),
        api_url="/api/v1/implementation-reports/",
        data={"status": "in_progress", "status_date": tomorrow},
        api_data={"state": belize.pk, "action": action.pk, "status": "in_progress", "status_date": tomorrow},
        field="status_date",
    )
