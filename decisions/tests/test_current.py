"""The current status of each state on each action (`ImplementationReport.is_current`): kept by
the services as reports are added and removed, rebuilt after a bulk load, filled by the
migration, carried by a backup, and read per user as the latest report that user may read."""

import datetime
import importlib
import io

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.access import AccessRule
from decisions import selectors
from decisions.choices import ImplementationStatus as S
from decisions.models import ImplementationReport
from decisions.services import implementation_current_rebuild, implementation_report, implementation_report_delete
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "officer", "focal_bz", "focal_jm", "partner", "expert", "host_jm"]
JAN, FEB, MAR = datetime.date(2024, 1, 10), datetime.date(2024, 2, 10), datetime.date(2024, 3, 10)


def current_pks() -> set[int]:
    return set(ImplementationReport.objects.filter(is_current=True).values_list("pk", flat=True))


def latest_pks() -> set[int]:
    """The current reports as the history says, ranked afresh."""
    return set(selectors.latest_reports().values_list("pk", flat=True))


def test_a_new_report_becomes_current_and_a_backdated_one_stays_history(officer, belize, jamaica, action):
    first = implementation_report(actor=officer, state=belize, action=action, status=S.IN_PROGRESS, status_date=FEB)
    assert first.is_current and current_pks() == {first.pk}
    newer = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=MAR)
    older = implementation_report(actor=officer, state=belize, action=action, status=S.NOT_STARTED, status_date=JAN)
    other_state = implementation_report(actor=officer, state=jamaica, action=action, status=S.DONE, status_date=JAN)
    assert newer.is_current and not older.is_current and other_state.is_current
    assert current_pks() == {newer.pk, other_state.pk} == latest_pks()
    # Same as-of date, recorded later: the correction is current.
    correction = implementation_report(
        actor=officer, state=belize, action=action, status=S.IN_PROGRESS, status_date=MAR
    )
    assert current_pks() == {correction.pk, other_state.pk} == latest_pks()


def test_removing_the_current_report_makes_the_one_before_current(officer, belize, action):
    before = implementation_report(actor=officer, state=belize, action=action, status=S.IN_PROGRESS, status_date=JAN)
    current = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=FEB)
    implementation_report_delete(actor=officer, report=current)
    assert current_pks() == {before.pk}
    implementation_report_delete(actor=officer, report=before)
    assert current_pks() == set()


def test_removing_a_superseded_report_leaves_the_current_one(officer, belize, action):
    old = implementation_report(actor=officer, state=belize, action=action, status=S.IN_PROGRESS, status_date=JAN)
    current = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=FEB)
    implementation_report_delete(actor=officer, report=old)
    assert current_pks() == {current.pk}


def test_a_refused_report_changes_no_current_status(focal_jm, officer, belize, action):
    kept = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=JAN)
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied: another state's focal point)
        implementation_report(actor=focal_jm, state=belize, action=action, status=S.NOT_STARTED)
    assert current_pks() == {kept.pk}


def test_the_database_refuses_two_current_reports_on_one_action(belize, action):
    f.ImplementationReportFactory(state=belize, action=action)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImplementationReport.objects.create(
            state=belize, action=action, status=S.DONE, status_date=JAN, is_current=True
        )


def _bulk_history(belize, jamaica, action):
    """Reports written as a bulk load writes them: straight to the table, none marked current."""
    rows = [
        ImplementationReport(state=state, action=action, status=status, status_date=day)
        for state in (belize, jamaica)
        for status, day in ((S.NOT_STARTED, JAN), (S.DONE, MAR), (S.IN_PROGRESS, FEB))
    ]
    return ImplementationReport.objects.bulk_create(rows)


def test_rebuild_marks_the_latest_reports_after_a_bulk_load_and_writes_no_history(belize, jamaica, action):
    _bulk_history(belize, jamaica, action)
    stale = ImplementationReport.objects.filter(state=belize, status_date=JAN).get()
    ImplementationReport.objects.filter(pk=stale.pk).update(is_current=True)  # a wrong flag, too
    entries, versions = LogEntry.objects.count(), list(ImplementationReport.objects.values_list("pk", "version"))

    assert implementation_current_rebuild() == 2

    assert current_pks() == latest_pks()
    assert set(ImplementationReport.objects.filter(is_current=True).values_list("status", flat=True)) == {S.DONE}
    assert LogEntry.objects.count() == entries
    assert list(ImplementationReport.objects.values_list("pk", "version")) == versions


def test_the_migration_marks_the_latest_reports(belize, jamaica, action):
    _bulk_history(belize, jamaica, action)
    migration = importlib.import_module("decisions.migrations.0004_current_status")
    migration.mark_current(apps, None)
    assert current_pks() == latest_pks() and len(current_pks()) == 2


def test_a_restore_brings_back_the_current_statuses_and_no_history(tmp_path, settings, officer, belize, action):
    from core.backup import restore

    settings.MEDIA_ROOT = tmp_path / "media"
    implementation_report(actor=officer, state=belize, action=action, status=S.IN_PROGRESS, status_date=JAN)
    current = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=FEB)
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    ImplementationReport.objects.update(is_current=False)
    entries = LogEntry.objects.count()

    restore(path, force=True)

    assert current_pks() == {current.pk} == latest_pks()
    assert LogEntry.objects.count() == entries


# --- what each user sees as current -----------------------------------------------------------


@pytest.fixture
def histories(officer, belize, jamaica, trinidad, action):
    """Several reports per state on one action, recorded through the service."""
    for state, statuses in ((belize, (S.DONE, S.IN_PROGRESS)), (jamaica, (S.NOT_STARTED, S.VERIFIED, S.DONE))):
        for day, status in zip((JAN, FEB, MAR), statuses, strict=False):
            implementation_report(actor=officer, state=state, action=action, status=status, status_date=day)
    return action


def _latest_readable(user) -> dict:
    """The latest report per (state, action) among those `user` reads, worked out in Python."""
    latest = {}
    for report in ImplementationReport.objects.for_user(user).order_by("status_date", "created_at", "pk"):
        latest[(report.state_id, report.action_id)] = report.status
    return latest


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_sees_as_current_the_latest_report_it_may_read(persona, request, histories):
    user = request.getfixturevalue(persona)
    expected = _latest_readable(user)
    assert expected, "every signed-in role reads the compliance record"
    assert selectors.current_statuses(user=user) == expected
    heatmap = selectors.implementation_heatmap(user=user)
    shown = {(row.state.pk, cell.action.pk): cell.status for row in heatmap.rows for cell in row.cells}
    assert {key: status for key, status in shown.items() if status} == expected


def test_anonymous_visitors_see_no_current_status(anonymous, histories):
    assert selectors.current_statuses(user=anonymous) == {}


@pytest.fixture
def owners_read_only_their_own(monkeypatch):
    """A stricter rule than today's: focal points read their own state's reports only."""
    rule = ImplementationReport.access
    monkeypatch.setattr(
        ImplementationReport, "access", AccessRule(state="state", owners_edit=False, actions=dict(rule.actions))
    )


@pytest.mark.parametrize("persona", ["officer", "focal_bz", "focal_jm", "partner"])
def test_under_a_stricter_rule_current_is_the_latest_report_the_user_may_read(
    persona, request, histories, owners_read_only_their_own, as_user
):
    user = request.getfixturevalue(persona)
    expected = _latest_readable(user)
    assert selectors.current_statuses(user=user) == expected
    assert set(selectors.current_reports(user=user)) <= set(ImplementationReport.objects.for_user(user))
    response = as_user(user).get(reverse("decisions:implementation_heatmap"))
    shown = {
        (row.state.pk, cell.action.pk): cell.status for row in response.context["heatmap"].rows for cell in row.cells
    }
    assert {key: status for key, status in shown.items() if status} == expected
