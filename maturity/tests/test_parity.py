"""The page and the API refuse the same assessment with the same translated message."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.testing import assert_same_refusal

pytestmark = pytest.mark.django_db


def signed_in(user):
    client, api_client = Client(), APIClient()
    client.force_login(user)
    api_client.force_login(user)
    return {"client": client, "api_client": api_client}


def assessment(state, area, **fields):
    return {
        "state": state.pk,
        "area": area.pk,
        "level": 1,
        "method": "self",
        "assessed_on": timezone.localdate().isoformat(),
        "visibility": "shared",
        **fields,
    }


def test_an_assessment_dated_in_the_future(focal_bz, belize, accreditation):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert_same_refusal(
        **signed_in(focal_bz),
        form_url=reverse("maturity:assessment_add"),
        api_url="/api/v1/maturity-assessments/",
        data=assessment(belize, accreditation, assessed_on=tomorrow),
        field="assessed_on",
    )


def test_a_level_outside_the_rubric(officer, jamaica, accreditation):
    assert_same_refusal(
        **signed_in(officer),
        form_url=reverse("maturity:assessment_add"),
        api_url="/api/v1/maturity-assessments/",
        data=assessment(jamaica, accreditation, level=7, method="secretariat"),
        field="level",
    )
