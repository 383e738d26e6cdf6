import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from decisions.choices import ImplementationStatus as S
from decisions.models import ImplementationReport
from decisions.services import (
    can_report,
    implementation_report,
    implementation_report_delete,
    reportable_statuses,
)

pytestmark = pytest.mark.django_db


def report(actor, state, action, status=S.IN_PROGRESS, **kwargs):
    return implementation_report(actor=actor, state=state, action=action, status=status, **kwargs)


def test_focal_point_reports_on_its_own_state(focal_bz, belize, action):
    saved = report(
        focal_bz,
        belize,
        action,
        S.DONE,
        evidence="Act No. 12 of 2024",
        status_date=datetime.date(2024, 3, 1),
    )
    assert (saved.state, saved.action, saved.status, saved.reported_by) == (
        belize,
        action,
        S.DONE,
        focal_bz,
    )
    assert saved.evidence == "Act No. 12 of 2024" and saved.status_date == datetime.date(2024, 3, 1)


def test_as_of_date_defaults_to_today(focal_bz, belize, action):
    assert report(focal_bz, belize, action).status_date == timezone.localdate()


def test_focal_point_cannot_report_on_another_state(focal_jm, belize, action):
    with pytest.raises(PermissionDenied):
        report(focal_jm, belize, action)
    assert not ImplementationReport.objects.exists()


@pytest.mark.parametrize("persona", ["partner", "expert", "host_jm"])
def test_readers_cannot_report(persona, request, belize, action):
    user = request.getfixturevalue(persona)
    assert not can_report(user, belize)
    with pytest.raises(PermissionDenied):
        report(user, belize, action)
    assert not ImplementationReport.objects.exists()


def test_host_coordinator_cannot_report_even_on_its_institutions_state(host_jm, jamaica, action):
    assert host_jm.institution.state == jamaica
    with pytest.raises(PermissionDenied):
        report(host_jm, jamaica, action, S.DONE)


@pytest.mark.parametrize("persona", ["officer", "admin"])
def test_secretariat_reports_and_verifies_for_any_state(persona, request, belize, jamaica, action):
    user = request.getfixturevalue(persona)
    report(user, belize, action, S.VERIFIED)
    report(user, jamaica, action, S.REGIONAL_ACTION_REQUIRED)
    assert ImplementationReport.objects.count() == 2


def test_only_the_secretariat_verifies(focal_bz, belize, action):
    with pytest.raises(PermissionDenied):
        report(focal_bz, belize, action, S.VERIFIED)
    assert not ImplementationReport.objects.exists()
    assert S.VERIFIED not in dict(reportable_statuses(focal_bz))


def test_inactive_focal_point_cannot_report(focal_bz, belize, action):
    focal_bz.is_active = False
    with pytest.raises(PermissionDenied):
        report(focal_bz, belize, action)


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"status": "finished"}, "status"),
        ({"status": ""}, "status"),
        ({"status_date": "tomorrow"}, "status_date"),
    ],
)
def test_bad_input_is_a_validation_error_by_field(kwargs, field, focal_bz, belize, action):
    if kwargs.get("status_date") == "tomorrow":  # worked out when the test runs, not when collected
        kwargs = {"status_date": timezone.localdate() + datetime.timedelta(days=1)}
    with pytest.raises(ValidationError) as error:
        implementation_report(actor=focal_bz, state=belize, action=action, **{"status": S.DONE, **kwargs})
    assert field in error.value.message_dict
    assert not ImplementationReport.objects.exists()


def test_every_report_is_kept_as_history(officer, focal_bz, belize, action):
    first = report(focal_bz, belize, action, S.IN_PROGRESS, status_date=datetime.date(2023, 1, 1))
    second = report(officer, belize, action, S.VERIFIED, status_date=datetime.date(2024, 1, 1))
    assert list(ImplementationReport.objects.order_by("status_date")) == [first, second]
    assert LogEntry.objects.get_for_model(ImplementationReport).count() == 2


def test_only_the_secretariat_deletes_a_report(officer, focal_bz, belize, action):
    saved = report(focal_bz, belize, action)
    with pytest.raises(PermissionDenied):
        implementation_report_delete(actor=focal_bz, report=saved)
    assert ImplementationReport.objects.exists()
    implementation_report_delete(actor=officer, report=saved)
    assert not ImplementationReport.objects.exists()
    assert LogEntry.objects.get_for_model(ImplementationReport).filter(action=LogEntry.Action.DELETE).exists()


class TestReportsAreATimeSeries:
    """ImplementationReport.access: `record` for the secretariat and the state's focal points,
    `verify` for the secretariat only; nobody but the secretariat changes or removes a report."""

    def test_the_verify_action_is_the_secretariats(self, officer, admin, focal_bz, host_jm, partner):
        from core.access import can

        assert can(officer, "verify", ImplementationReport) and can(admin, "verify", ImplementationReport)
        for user in (focal_bz, host_jm, partner):
            assert not can(user, "verify", ImplementationReport)

    def test_focal_points_record_but_neither_change_nor_remove_their_states_reports(self, focal_bz, belize, action):
        from core.access import can

        saved = report(focal_bz, belize, action, S.DONE)
        assert not can(focal_bz, "change", saved) and not can(focal_bz, "delete", saved)
        assert not ImplementationReport.objects.editable_by(focal_bz).exists()
        with pytest.raises(PermissionDenied):
            implementation_report_delete(actor=focal_bz, report=saved)

    def test_a_focal_point_may_not_verify_its_own_state(self, focal_bz, belize, action):
        with pytest.raises(PermissionDenied):
            report(focal_bz, belize, action, S.VERIFIED)
        assert not ImplementationReport.objects.exists()
