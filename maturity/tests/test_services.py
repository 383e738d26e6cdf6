import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment
from maturity.services import allowed_methods, assessment_delete, assessment_record, can_record
from maturity.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 12)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 5, 12, 15, 0, tzinfo=datetime.UTC), tick=False):
        yield


def record(actor, state, area, **fields):
    values = {"level": 1, "method": AssessmentMethod.SELF, "assessed_on": TODAY, "evidence": "Council appointed."}
    values.update(fields)
    return assessment_record(actor=actor, state=state, area=area, **values)


def test_focal_point_records_a_self_assessment_of_own_state(focal_bz, belize, accreditation):
    assessment = record(focal_bz, belize, accreditation)
    assessment.refresh_from_db()
    assert (assessment.state, assessment.level, assessment.method) == (belize, 1, AssessmentMethod.SELF)
    assert assessment.recorded_by == focal_bz


def test_focal_point_may_not_assess_another_state(focal_bz, jamaica, accreditation):
    with pytest.raises(PermissionDenied):
        record(focal_bz, jamaica, accreditation)
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize("method", [AssessmentMethod.PEER, AssessmentMethod.SECRETARIAT])
def test_focal_point_may_not_record_peer_or_secretariat_assessments(focal_bz, belize, accreditation, method):
    with pytest.raises(PermissionDenied):
        record(focal_bz, belize, accreditation, method=method)
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize("method", list(AssessmentMethod))
@pytest.mark.parametrize("persona", ["officer", "admin_user"])
def test_secretariat_records_every_method_for_any_state(request, persona, method, jamaica, accreditation):
    actor = request.getfixturevalue(persona)
    assessment = record(actor, jamaica, accreditation, method=method, level=3)
    assert assessment.pk and assessment.method == method


@pytest.mark.parametrize("persona", ["partner", "expert", "host_jm"])
@pytest.mark.parametrize("method", list(AssessmentMethod))
def test_other_roles_may_not_record(request, persona, method, jamaica, accreditation):
    actor = request.getfixturevalue(persona)
    assert allowed_methods(actor) == []
    assert not can_record(actor)
    with pytest.raises(PermissionDenied):
        record(actor, jamaica, accreditation, method=method)
    assert not MaturityAssessment.objects.exists()


def test_allowed_methods_by_role(officer, focal_bz, belize, jamaica):
    assert set(allowed_methods(officer)) == set(AssessmentMethod)
    assert allowed_methods(focal_bz) == [AssessmentMethod.SELF]
    assert can_record(focal_bz, state_id=belize.pk)
    assert not can_record(focal_bz, state_id=jamaica.pk)
    assert can_record(officer, state_id=jamaica.pk)


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_levels_0_to_4_are_accepted(officer, belize, accreditation, level):
    assert record(officer, belize, accreditation, level=level).level == level


@pytest.mark.parametrize("level", [-1, 5, 12])
def test_levels_outside_0_to_4_are_refused(officer, belize, accreditation, level):
    with pytest.raises(ValidationError) as error:
        record(officer, belize, accreditation, level=level)
    assert "level" in error.value.message_dict
    assert not MaturityAssessment.objects.exists()


def test_an_assessment_cannot_be_dated_in_the_future(officer, belize, accreditation):
    with pytest.raises(ValidationError) as error:
        record(officer, belize, accreditation, assessed_on=TODAY + datetime.timedelta(days=1))
    assert "assessed_on" in error.value.message_dict


def test_evidence_must_be_a_document(officer, belize, accreditation):
    page = SimpleUploadedFile("evidence.html", b"<script>alert(1)</script>", content_type="text/html")
    with pytest.raises(ValidationError) as error:
        record(officer, belize, accreditation, evidence_file=page)
    assert "evidence_file" in error.value.message_dict
    assert not MaturityAssessment.objects.exists()


def test_earlier_assessments_are_kept(officer, belize, accreditation):
    first = record(officer, belize, accreditation, level=1, assessed_on=datetime.date(2024, 3, 1))
    second = record(officer, belize, accreditation, level=2, assessed_on=datetime.date(2025, 3, 1))
    assert set(MaturityAssessment.objects.values_list("pk", flat=True)) == {first.pk, second.pk}


def test_only_the_secretariat_deletes(officer, focal_bz, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation)
    with pytest.raises(PermissionDenied):
        assessment_delete(assessment_id=assessment.pk, actor=focal_bz)
    assert MaturityAssessment.objects.filter(pk=assessment.pk).exists()
    assessment_delete(assessment_id=assessment.pk, actor=officer)
    assert not MaturityAssessment.objects.exists()


class TestAssessmentsAreATimeSeries:
    """The settled rule (MaturityAssessment.access): focal points record self-assessments of
    their own state and neither change nor delete any assessment, even their own; the
    secretariat changes and deletes."""

    def test_focal_points_neither_change_nor_delete_their_own_self_assessments(self, focal_bz, belize, accreditation):
        from core.access import can

        own = record(focal_bz, belize, accreditation)
        assert not can(focal_bz, "change", own)
        assert not can(focal_bz, "delete", own)
        assert not MaturityAssessment.objects.editable_by(focal_bz).exists()
        with pytest.raises(PermissionDenied):
            assessment_delete(assessment_id=own.pk, actor=focal_bz)
        assert MaturityAssessment.objects.filter(pk=own.pk).exists()

    def test_the_secretariat_changes_and_deletes(self, officer, focal_bz, belize, accreditation):
        from core.access import can

        own = record(focal_bz, belize, accreditation)
        assert can(officer, "change", own) and can(officer, "delete", own)
        assessment_delete(assessment_id=own.pk, actor=officer)
        assert not MaturityAssessment.objects.exists()

    def test_focal_points_still_record_for_their_own_state(self, focal_bz, belize, jamaica):
        from core.access import can

        assert can(focal_bz, "add", MaturityAssessment)
        assert can(focal_bz, "record", MaturityAssessment(state=belize))
        assert not can(focal_bz, "record", MaturityAssessment(state=jamaica))
