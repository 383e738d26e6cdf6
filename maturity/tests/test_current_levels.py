"""The current levels the services keep (CurrentAssessment): every reader sees exactly the
latest assessment it may see, as recomputing from the whole history would give."""

import datetime
import importlib
import io

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from maturity.choices import AssessmentMethod
from maturity.models import Audience, CurrentAssessment, MaturityAssessment
from maturity.selectors import CurrentLevel, confirmed_level_rows, current_assessments, current_level_rows
from maturity.services import assessment_delete, assessment_record, current_assessments_rebuild
from maturity.tests.factories import AssessmentFactory, CapabilityAreaFactory

pytestmark = pytest.mark.django_db

SELF, PEER, SECRETARIAT = AssessmentMethod.SELF, AssessmentMethod.PEER, AssessmentMethod.SECRETARIAT


def _recomputed(user, *, confirmed=False) -> dict:
    """What the readers returned before the levels were kept: ranked from the visible history."""
    visible = MaturityAssessment.objects.for_user(user)
    if confirmed:
        visible = visible.exclude(method=SELF)
    rows = current_assessments(visible).values_list("state_id", "area_id", "level", "method", "assessed_on")
    return {(state, area): CurrentLevel(level, method, on) for state, area, level, method, on in rows}


@pytest.fixture
def history(belize, jamaica, accreditation):
    """Both states, two areas: shared and restricted assessments by every method, in an order
    where the restricted one is often the latest."""
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    on = datetime.date
    for state in (belize, jamaica):
        AssessmentFactory(state=state, area=accreditation, level=1, method=SECRETARIAT, assessed_on=on(2022, 1, 1))
        AssessmentFactory(state=state, area=accreditation, level=3, method=SELF, assessed_on=on(2024, 1, 1))
        AssessmentFactory(
            state=state, area=accreditation, level=4, method=SELF, assessed_on=on(2025, 1, 1), restricted=True
        )
        AssessmentFactory(
            state=state, area=inspection, level=2, method=PEER, assessed_on=on(2023, 1, 1), restricted=True
        )
    AssessmentFactory(state=jamaica, area=inspection, level=0, method=SELF, assessed_on=on(2024, 6, 1))
    return inspection


ROLES = ["officer", "admin_user", "focal_bz", "focal_jm", "partner", "expert", "host_jm"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_latest_assessment_it_may_see(request, role, history):
    user = request.getfixturevalue(role)
    assert current_level_rows(user=user) == _recomputed(user)
    assert confirmed_level_rows(user=user) == _recomputed(user, confirmed=True)


def test_a_state_s_own_people_see_its_restricted_latest_and_others_the_shared_one(
    officer, focal_bz, focal_jm, host_jm, partner, belize, jamaica, accreditation, history
):
    jamaica_accreditation = (jamaica.pk, accreditation.pk)
    assert current_level_rows(user=officer)[jamaica_accreditation].level == 4
    assert current_level_rows(user=focal_jm)[jamaica_accreditation].level == 4
    assert current_level_rows(user=host_jm)[jamaica_accreditation].level == 4
    assert current_level_rows(user=focal_bz)[jamaica_accreditation].level == 3
    assert current_level_rows(user=partner)[jamaica_accreditation].level == 3
    # Belize's only inspection assessment is restricted: Jamaica's people see none.
    assert (belize.pk, history.pk) not in current_level_rows(user=focal_jm)
    assert (belize.pk, history.pk) in current_level_rows(user=focal_bz)


def test_nobody_signed_out_reads_a_current_level(history):
    assert current_level_rows(user=AnonymousUser()) == {}


def test_recording_and_deleting_keep_the_current_level(officer, admin_user, belize, accreditation):
    def current(audience):
        return CurrentAssessment.objects.get(state=belize, area=accreditation, audience=audience)

    fields = {"state": belize, "area": accreditation, "assessor": "Team", "evidence": "Visit."}
    first = assessment_record(
        actor=officer, level=2, method=PEER, assessed_on=datetime.date(2024, 1, 1), visibility="shared", **fields
    )
    latest = assessment_record(
        actor=officer, level=4, method=SELF, assessed_on=datetime.date(2025, 1, 1), visibility="restricted", **fields
    )
    assert (current(Audience.ALL).assessment, current(Audience.ALL).level) == (latest, 4)
    assert (current(Audience.ALL).confirmed, current(Audience.ALL).confirmed_level) == (first, 2)
    assert (current(Audience.SHARED).assessment, current(Audience.SHARED).level) == (first, 2)

    assessment_delete(assessment_id=latest.pk, actor=admin_user)
    assert current(Audience.ALL).assessment == first
    assessment_delete(assessment_id=first.pk, actor=admin_user)
    assert not CurrentAssessment.objects.exists()


def test_keeping_the_levels_writes_no_change_history(officer, belize, accreditation):
    AssessmentFactory(state=belize, area=accreditation)
    entries = LogEntry.objects.count()
    current_assessments_rebuild()
    assert LogEntry.objects.count() == entries
    assert not LogEntry.objects.filter(content_type__model="currentassessment").exists()


def _table():
    return sorted(
        CurrentAssessment.objects.values_list(
            "state_id", "area_id", "audience", "assessment_id", "level", "confirmed_id", "confirmed_level"
        )
    )


def test_the_rebuild_and_the_command_give_what_the_services_kept(history):
    kept = _table()
    assert len(kept) == 7  # 4 pairs × all, 3 with a shared assessment
    MaturityAssessment.objects.filter(level=0).update(level=1)  # a bulk change the services never saw
    out = io.StringIO()
    call_command("refresh_derived", stdout=out)
    assert "maturity.derived" in out.getvalue()
    assert len(_table()) == 7
    rebuilt = _table()
    assert [row for row in rebuilt if row[4] == 1] != [row for row in kept if row[4] == 1]
    MaturityAssessment.objects.filter(level=1, method=SELF).update(level=0)
    current_assessments_rebuild()
    assert _table() == kept


def test_the_migration_fills_the_levels_from_the_history(history):
    kept = _table()
    CurrentAssessment.objects.all().delete()
    migration = importlib.import_module("maturity.migrations.0005_current_assessments")
    migration.fill_current_assessments(apps, None)
    assert _table() == kept
