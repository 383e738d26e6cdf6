"""The actions' tallies of current reports (`ActionTally`): kept by the services with the current
flags, counted again by the rebuild, read by the decisions list for whoever reads every report."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import MemberState
from core.access import AccessRule
from decisions import selectors
from decisions.choices import ImplementationStatus as S
from decisions.models import ActionTally, Decision, ImplementationReport
from decisions.services import implementation_current_rebuild, implementation_report, implementation_report_delete
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = datetime.date(2024, 1, 10), datetime.date(2024, 2, 10), datetime.date(2024, 3, 10)


def recounted() -> dict[int, tuple[int, int, int]]:
    """The same counts from the current reports ranked afresh from the whole history."""
    counts: dict[int, list[int]] = {}
    for report in selectors.latest_reports():
        row = counts.setdefault(report.action_id, [0, 0, 0])
        row[0] += report.status in S.complied()
        row[1] += report.status in S.not_applicable()
        row[2] += 1
    return {action: tuple(row) for action, row in counts.items()}


def kept() -> dict[int, tuple[int, int, int]]:
    rows = ActionTally.objects.filter(reported__gt=0).values_list("action_id", "complied", "not_applicable", "reported")
    return {action: tuple(counts) for action, *counts in rows}


def test_tallies_follow_every_report_added_and_removed(officer, belize, jamaica, action):
    other = f.RequiredActionFactory(decision=action.decision, position=2)
    done = implementation_report(actor=officer, state=belize, action=action, status=S.DONE, status_date=FEB)
    assert kept() == recounted() == {action.pk: (1, 0, 1)}
    implementation_report(actor=officer, state=belize, action=action, status=S.NOT_STARTED, status_date=JAN)
    assert kept() == recounted() == {action.pk: (1, 0, 1)}  # backdated: history, nothing changes
    latest = implementation_report(
        actor=officer, state=belize, action=action, status=S.NO_ACTION_REQUIRED, status_date=MAR
    )
    implementation_report(actor=officer, state=jamaica, action=action, status=S.VERIFIED)
    implementation_report(actor=officer, state=jamaica, action=other, status=S.IN_PROGRESS)
    assert kept() == recounted() == {action.pk: (1, 1, 2), other.pk: (0, 0, 1)}
    implementation_report_delete(actor=officer, report=latest)
    assert kept() == recounted() == {action.pk: (2, 0, 2), other.pk: (0, 0, 1)}
    implementation_report_delete(actor=officer, report=done)
    assert kept() == recounted()


def test_rebuild_counts_the_tallies_again_and_writes_no_history(belize, jamaica, action):
    ImplementationReport.objects.bulk_create(
        ImplementationReport(state=state, action=action, status=status, status_date=day)
        for state in (belize, jamaica)
        for status, day in ((S.NOT_STARTED, JAN), (S.DONE, MAR), (S.IN_PROGRESS, FEB))
    )
    ActionTally.objects.create(action=action, complied=7, reported=9)  # a wrong tally, too
    entries, versions = LogEntry.objects.count(), list(Decision.objects.values_list("pk", "version"))

    implementation_current_rebuild()

    assert kept() == recounted() == {action.pk: (2, 0, 2)}
    assert LogEntry.objects.count() == entries
    assert list(Decision.objects.values_list("pk", "version")) == versions


def test_the_migration_counts_the_tallies(officer, belize, action):
    import importlib

    from django.apps import apps

    implementation_report(actor=officer, state=belize, action=action, status=S.DONE)
    ActionTally.objects.all().delete()
    importlib.import_module("decisions.migrations.0005_action_tallies").count_tallies(apps, None)
    assert kept() == recounted() == {action.pk: (1, 0, 1)}


@pytest.fixture
def decisions(officer, belize, jamaica, trinidad):
    """Three decisions of two actions with different compliance, through the services."""
    made = []
    for statuses in ((S.DONE, S.VERIFIED, S.NOT_STARTED), (S.IN_PROGRESS,), (S.DONE, S.NO_ACTION_REQUIRED)):
        decision = f.DecisionFactory()
        actions = [f.RequiredActionFactory(decision=decision, position=n) for n in (1, 2)]
        for state, status in zip((belize, jamaica, trinidad), statuses, strict=False):
            implementation_report(actor=officer, state=state, action=actions[0], status=status)
        made.append(decision)
    return made


def _by_compliance(user) -> list[tuple[int, float | None]]:
    rows = selectors.decision_list(user=user).order_by("-compliance_percent", "pk")
    return [(d.pk, d.complied_count, d.applicable_count, d.compliance_percent) for d in rows]


def test_tallies_and_counts_agree_for_every_role(request, decisions, monkeypatch):
    counted = selectors._count_current
    for persona in ("officer", "focal_bz", "partner"):
        user = request.getfixturevalue(persona)
        from_tallies = _by_compliance(user)
        monkeypatch.setattr(selectors, "_sum_tallies", lambda field, user=user: counted(user, _STATUSES[field]))
        assert _by_compliance(user) == from_tallies, persona
        monkeypatch.undo()
    states = MemberState.objects.count()
    complied = {d.pk: n for d, n in zip(decisions, (2, 0, 1), strict=True)}
    applicable = {d.pk: 2 * states - na for d, na in zip(decisions, (0, 0, 1), strict=True)}
    assert [(pk, c, a) for pk, c, a, _percent in from_tallies] == sorted(
        ((d.pk, complied[d.pk], applicable[d.pk]) for d in decisions),
        key=lambda row: (-row[1] / row[2], row[0]),
    )


_STATUSES = {"complied": S.complied(), "not_applicable": S.not_applicable()}


def test_a_reader_of_some_reports_gets_the_counts(decisions, focal_bz, belize, monkeypatch):
    """Under a stricter rule (focal points read their own state's reports only), the list counts
    what the user reads instead of the tallies of every report."""
    rule = ImplementationReport.access
    monkeypatch.setattr(
        ImplementationReport, "access", AccessRule(state="state", owners_edit=False, actions=dict(rule.actions))
    )
    rows = {d.pk: d.complied_count for d in selectors.decision_list(user=focal_bz)}
    assert rows == {decisions[0].pk: 1, decisions[1].pk: 0, decisions[2].pk: 1}


def test_the_list_sorted_by_compliance_keeps_constant_queries(as_user, officer, belize, jamaica):
    client = as_user(officer)
    page = reverse("decisions:decision_list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page, {"sort": "-compliance_percent"}).status_code == 200
        return len(captured)

    def add_decision():
        action = f.RequiredActionFactory()
        for state in (belize, jamaica):
            implementation_report(actor=officer, state=state, action=action, status=S.DONE)

    add_decision()
    small = queries()
    for _ in range(4):
        add_decision()
    assert queries() == small


@pytest.fixture
def ranked(officer, belize, jamaica, trinidad):
    """Decisions of one action each, by their compliance over the three states: 100 %, 50 % twice,
    0 %, and two with no applicable action (no figure)."""
    assert MemberState.objects.count() == 3

    def decision(reference, *statuses):
        action = f.RequiredActionFactory(decision=f.DecisionFactory(reference=reference))
        for state, status in zip((belize, jamaica, trinidad), statuses, strict=False):
            implementation_report(actor=officer, state=state, action=action, status=status)

    decision("D/FULL", S.DONE, S.VERIFIED, S.DONE)
    decision("D/HALF-1", S.DONE, S.NO_ACTION_REQUIRED, S.IN_PROGRESS)
    decision("D/NONE-1", S.NO_ACTION_REQUIRED, S.NO_ACTION_REQUIRED, S.NO_ACTION_REQUIRED)
    decision("D/HALF-2", S.IN_PROGRESS, S.DONE, S.NO_ACTION_REQUIRED)
    decision("D/ZERO")
    f.DecisionFactory(reference="D/NONE-2")  # no action at all


def _listed(client, sort: str) -> list[str]:
    content = client.get(reverse("decisions:decision_list"), {"sort": sort}).content.decode()
    references = Decision.objects.values_list("reference", flat=True)
    return sorted((r for r in references if r in content), key=content.index)


def test_the_list_sorts_by_compliance_in_the_database_figures_first_ties_by_creation(as_user, officer, ranked):
    client = as_user(officer)
    # Equal figures keep the order of creation in the sort's direction; no figure comes last.
    assert _listed(client, "-compliance_percent") == [
        "D/FULL",
        "D/HALF-2",
        "D/HALF-1",
        "D/ZERO",
        "D/NONE-2",
        "D/NONE-1",
    ]
    assert _listed(client, "compliance_percent") == ["D/ZERO", "D/HALF-1", "D/HALF-2", "D/FULL", "D/NONE-1", "D/NONE-2"]
    page = client.get(reverse("decisions:decision_list"), {"sort": "-compliance_percent"}).content.decode()
    assert "100&nbsp;%" in page and "50&nbsp;%" in page and "0&nbsp;%" in page and "n/a" in page
    assert "1 of 2" in page  # D/HALF: one complied of two applicable


def test_the_page_computes_compliance_only_for_the_rows_it_shows(as_user, officer, ranked):
    """One query sorts by the figure and takes a page; the count of the rows computes no figure."""
    client = as_user(officer)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("decisions:decision_list"), {"sort": "-compliance_percent"})
    figured = [q["sql"] for q in captured if '"compliance_percent"' in q["sql"]]
    [listing] = figured
    assert re.search(r'ORDER BY \d+ DESC NULLS LAST, "decisions_decision"."id" DESC LIMIT 26$', listing)
    [counted] = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*) FROM (")]
    assert "decisions_actiontally" not in counted


def _all_tallies() -> dict[int, tuple[int, int, int]]:
    rows = ActionTally.objects.values_list("action_id", "complied", "not_applicable", "reported")
    return {action: tuple(counts) for action, *counts in rows}


@pytest.fixture
def reported_by_three(officer, belize, jamaica, trinidad):
    """Three actions reported on by three states, Belize with a history on the first."""
    actions = [f.RequiredActionFactory(position=n) for n in (1, 2, 3)]
    for state, action, status, as_of in (
        (belize, actions[0], S.IN_PROGRESS, JAN),
        (belize, actions[0], S.DONE, FEB),
        (belize, actions[1], S.NO_ACTION_REQUIRED, JAN),
        (belize, actions[2], S.VERIFIED, MAR),
        (jamaica, actions[0], S.VERIFIED, JAN),
        (jamaica, actions[2], S.IN_PROGRESS, FEB),
        (trinidad, actions[1], S.DONE, MAR),
    ):
        implementation_report(actor=officer, state=state, action=action, status=status, status_date=as_of)
    return actions


def _delete_on_its_page(state, admin, client_for):
    response = client_for(admin).post(reverse("community:memberstate_delete", args=[state.pk]))
    assert response.status_code == 302


def _delete_through_the_api(state, admin, client_for):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(admin)
    assert client.delete(f"/api/v1/member-states/{state.pk}/").status_code == 204


def _delete_in_bulk(state, admin, client_for):
    MemberState.objects.filter(pk=state.pk).delete()


@pytest.mark.parametrize("delete", [_delete_on_its_page, _delete_through_the_api, _delete_in_bulk])
def test_deleting_a_state_leaves_the_tallies_a_rebuild_would_make(delete, reported_by_three, belize, admin, client_for):
    first, second, third = reported_by_three
    assert _all_tallies()[first.pk] == (2, 0, 2)

    delete(belize, admin, client_for)

    assert not MemberState.objects.filter(pk=belize.pk).exists()
    assert not ImplementationReport.objects.filter(state_id=belize.pk).exists()
    kept_on_delete = _all_tallies()
    assert kept_on_delete == {first.pk: (1, 0, 1), second.pk: (1, 0, 1), third.pk: (0, 0, 1)}
    implementation_current_rebuild()  # what `attache refresh_derived` would make of it
    assert _all_tallies() == kept_on_delete
    assert kept() == recounted()


def test_the_tallies_move_in_the_deleting_transaction(reported_by_three, belize):
    """A deletion rolled back leaves the tallies as they were, and the state's reports counted."""
    before = _all_tallies()
    with transaction.atomic():
        belize.delete()
        assert _all_tallies() != before
        transaction.set_rollback(True)
    assert _all_tallies() == before
    assert kept() == recounted()


def test_deleting_a_state_without_reports_leaves_the_tallies(reported_by_three):
    from community.tests.factories import MemberStateFactory

    before = _all_tallies()
    MemberStateFactory().delete()
    assert _all_tallies() == before
