"""One hook refreshes every derived table after a bulk load (`core.derived`)."""

import pytest
from django.db import connection

from core.derived import refresh_derived_data
from matching import supply_cache
from maturity.models import CurrentAssessment
from maturity.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_every_app_that_keeps_derived_data_is_refreshed_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = AssessmentFactory()
    connection.run_on_commit.clear()  # as the commit that ran them would
    CurrentAssessment.objects.all().delete()  # as a bulk load leaves it
    before = supply_cache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        called = refresh_derived_data()
    assert called == ["maturity.derived", "decisions.derived", "matching.derived"]
    assert CurrentAssessment.objects.filter(assessment=assessment).exists()
    assert supply_cache.data_version() > before  # every process loads matching's community again
