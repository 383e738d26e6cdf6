import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from decisions import selectors
from decisions.choices import ImplementationStatus as S
from decisions.models import Decision, ImplementationReport
from decisions.selectors import (
    Score,
    compliance,
    compliance_by_area,
    compliance_score,
    current_statuses,
    implementation_heatmap,
)
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "statuses,expected",
    [
        ([S.DONE, S.VERIFIED, S.IN_PROGRESS, S.NOT_STARTED], 50.0),
        ([S.DONE, S.NO_ACTION_REQUIRED], 100.0),
        ([S.DONE, S.REGIONAL_ACTION_REQUIRED, S.NOT_STARTED], 50.0),
        ([S.VERIFIED], 100.0),
        ([None, S.DONE], 50.0),  # no report counts as not started
        ([None], 0.0),
        ([S.DONE, S.IN_PROGRESS, S.NOT_STARTED], 33.3),
        ([S.NO_ACTION_REQUIRED, S.REGIONAL_ACTION_REQUIRED], None),  # nothing applies
        ([], None),
    ],
)
def test_compliance_counts_done_and_verified_over_applicable(statuses, expected):
    assert compliance(statuses) == expected


def test_score_adds_up_and_has_no_percent_when_nothing_applies():
    assert (Score(1, 2) + Score(2, 2)).percent == 75.0
    assert Score().percent is None


def test_latest_report_wins_by_date_then_by_recording_order(belize, action, officer):
    f.ImplementationReportFactory(state=belize, action=action, status=S.DONE, status_date=datetime.date(2024, 1, 1))
    # Recorded later but dated earlier: history, not the current status.
    f.ImplementationReportFactory(
        state=belize, action=action, status=S.NOT_STARTED, status_date=datetime.date(2023, 1, 1)
    )
    assert current_statuses(user=officer)[(belize.pk, action.pk)] == S.DONE
    # Same date, recorded later: the correction wins.
    f.ImplementationReportFactory(
        state=belize, action=action, status=S.IN_PROGRESS, status_date=datetime.date(2024, 1, 1)
    )
    statuses = current_statuses(user=officer)
    assert statuses == {(belize.pk, action.pk): S.IN_PROGRESS}


def test_latest_report_breaks_exact_ties_by_id(belize, action):
    first = f.ImplementationReportFactory(state=belize, action=action, status=S.DONE)
    second = f.ImplementationReportFactory(state=belize, action=action, status=S.IN_PROGRESS)
    type(first).objects.filter(pk=second.pk).update(created_at=first.created_at)
    assert list(selectors.latest_reports()) == [second]


def test_heatmap_scores_states_actions_and_overall(belize, jamaica, officer):
    decision = f.DecisionFactory()
    a1, a2 = (
        f.RequiredActionFactory(decision=decision, position=1),
        f.RequiredActionFactory(decision=decision, position=2),
    )
    f.ImplementationReportFactory(state=belize, action=a1, status=S.DONE)
    f.ImplementationReportFactory(state=belize, action=a2, status=S.NO_ACTION_REQUIRED)
    f.ImplementationReportFactory(state=jamaica, action=a1, status=S.IN_PROGRESS)
    # jamaica has no report on a2: it counts as not started.

    heatmap = implementation_heatmap(user=officer)

    assert [row.state for row in heatmap.rows] == [belize, jamaica]
    assert heatmap.actions == [a1, a2]
    row_a, row_b = heatmap.rows
    assert [cell.abbreviation for cell in row_a.cells] == ["DN", "NA"]
    assert [cell.status for cell in row_b.cells] == [S.IN_PROGRESS, None]
    assert row_b.cells[1].abbreviation == selectors.NO_REPORT_ABBREVIATION
    assert (row_a.score, row_a.compliance) == (Score(1, 1), 100.0)
    assert (row_b.score, row_b.compliance) == (Score(0, 2), 0.0)
    assert [s.percent for s in heatmap.per_action] == [50.0, 0.0]
    assert heatmap.overall == Score(1, 3)
    assert heatmap.groups == [(decision, 2)]


def test_heatmap_filters_by_decision_area_subtree_sub_region_and_membership(belize, jamaica, officer):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Free movement of skilled persons", parent=csme)
    labour = CapabilityAreaFactory(code="labour", name="Labour administration")
    in_subtree, at_root, outside = (
        f.RequiredActionFactory(area=skills),
        f.RequiredActionFactory(area=csme),
        f.RequiredActionFactory(area=labour),
    )
    associate = MemberStateFactory.for_iso("AI")

    def heatmap(**filters):
        return implementation_heatmap(user=officer, **filters)

    assert set(heatmap(within=csme).actions) == {in_subtree, at_root}
    assert heatmap(within=skills).actions == [in_subtree]
    assert heatmap(decision=outside.decision).actions == [outside]
    assert [r.state for r in heatmap(sub_region="Central America").rows] == [belize]
    assert [r.state for r in heatmap(membership="associate").rows] == [associate]


def _grid(states: int, actions: int):
    decision = f.DecisionFactory()
    state_list = MemberStateFactory.create_batch(states)
    area = CapabilityAreaFactory()
    action_list = f.RequiredActionFactory.create_batch(actions, decision=decision, area=area)
    for state in state_list:
        for action in action_list:
            f.ImplementationReportFactory(state=state, action=action, status=S.DONE)
    return decision


def _map_and_areas(user, **filters):
    heatmap = implementation_heatmap(user=user, **filters)
    return heatmap, compliance_by_area(heatmap, parent=filters.get("within"))


def test_heatmap_and_area_table_take_a_constant_number_of_queries(officer):
    _grid(2, 2)
    with CaptureQueriesContext(connection) as small:
        _map_and_areas(officer)
    area = _grid(8, 8).actions.first().area
    with CaptureQueriesContext(connection) as large:
        heatmap, _by_area = _map_and_areas(officer)
    assert len(heatmap.rows) == 10 and len(heatmap.actions) == 10
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as filtered:
        heatmap, _by_area = _map_and_areas(officer, within=area, sub_region=heatmap.rows[0].state.sub_region)
    assert len(heatmap.rows) >= 1 and len(heatmap.actions) == 8
    assert len(filtered) == len(large)


def test_compliance_by_area_groups_actions_by_root_subtree(belize, jamaica, officer):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Free movement of skilled persons", parent=csme)
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation", parent=csme)
    labour = CapabilityAreaFactory(code="labour", name="Labour administration")
    skills_action = f.RequiredActionFactory(area=skills)
    accreditation_action = f.RequiredActionFactory(area=accreditation)
    labour_action = f.RequiredActionFactory(area=labour)
    unclassified = f.RequiredActionFactory(area=None)
    f.ImplementationReportFactory(state=belize, action=skills_action, status=S.DONE)
    f.ImplementationReportFactory(state=belize, action=accreditation_action, status=S.IN_PROGRESS)
    f.ImplementationReportFactory(state=belize, action=labour_action, status=S.VERIFIED)
    f.ImplementationReportFactory(state=jamaica, action=labour_action, status=S.REGIONAL_ACTION_REQUIRED)
    f.ImplementationReportFactory(state=jamaica, action=unclassified, status=S.DONE)

    _heatmap, table = _map_and_areas(officer)

    assert table.areas == [csme, labour, None]
    row_a, row_b = table.rows
    assert [s.percent for s in row_a.scores] == [50.0, 100.0, 0.0]
    assert [s.percent for s in row_b.scores] == [0.0, None, 100.0]
    assert table.totals == [Score(1, 4), Score(1, 1), Score(1, 2)]
    assert row_a.overall == Score(2, 4)

    # Within the single market: one column per regime.
    _heatmap, by_regime = _map_and_areas(officer, within=csme)
    assert by_regime.parent == csme
    assert by_regime.areas == [accreditation, skills]
    assert [s.percent for s in by_regime.rows[0].scores] == [0.0, 100.0]


def test_compliance_by_area_keeps_actions_tagged_with_the_parent_itself(belize, officer):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Skills", parent=csme)
    f.ImplementationReportFactory(state=belize, action=f.RequiredActionFactory(area=csme), status=S.DONE)
    f.RequiredActionFactory(area=skills)
    _heatmap, table = _map_and_areas(officer, within=csme)
    assert table.areas == [csme, skills]
    assert [s.percent for s in table.rows[0].scores] == [100.0, 0.0]


def _random_history(rng, *, states=5, decisions=3):
    """States, decisions with 0–3 actions in a small taxonomy, and 0–3 reports per state and action
    (some on the same day, so the recording order decides)."""
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    areas = [None, csme, CapabilityAreaFactory(code="skills", parent=csme), CapabilityAreaFactory(code="labour")]
    state_list = [MemberStateFactory(sub_region=rng.choice(["North", "South"])) for _ in range(states)]
    for decision in f.DecisionFactory.create_batch(decisions):
        for action in f.RequiredActionFactory.create_batch(rng.randint(0, 3), decision=decision):
            action.area = rng.choice(areas)
            action.save(update_fields=["area"])
            for state in state_list:
                for _ in range(rng.randint(0, 3)):
                    f.ImplementationReportFactory(
                        state=state,
                        action=action,
                        status=rng.choice(list(S)),
                        status_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 2)),
                    )
    return csme


def _expected_latest() -> dict:
    """The latest report per (state, action), worked out in Python from every report."""
    latest = {}
    for report in ImplementationReport.objects.all():
        key = (report.state_id, report.action_id)
        rank = (report.status_date, report.created_at, report.pk)
        if key not in latest or rank > latest[key][0]:
            latest[key] = (rank, report.status)
    return {key: status for key, (_rank, status) in latest.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_decision_list_compliance_in_sql_agrees_with_the_heatmap(seed, officer):
    _random_history(random.Random(seed), states=4)
    listed = {d.pk: d for d in selectors.decision_list(user=officer)}
    for decision in Decision.objects.all():
        overall = implementation_heatmap(user=officer, decision=decision).overall
        row = listed[decision.pk]
        assert (row.complied_count, row.applicable_count) == (overall.complied, overall.applicable)
        if overall.percent is None:
            assert row.compliance_percent is None
        else:
            assert row.compliance_percent == pytest.approx(overall.percent, abs=0.05)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_every_window_scores_the_whole_scope_as_the_history_says(seed, officer):
    """Small windows (2 states × 2 actions) of a random history: each cell is the latest report,
    each state's score covers the window's actions, each action's every state the filters select,
    and the area table agrees; worked out independently in Python."""
    rng = random.Random(seed)
    csme = _random_history(rng)
    latest = _expected_latest()
    for filters in ({}, {"within": csme}, {"sub_region": "North"}):
        actions = list(selectors.heatmap_actions(decision=None, within=filters.get("within")))
        states = list(selectors.heatmap_states(sub_region=filters.get("sub_region", "")))
        for state_page in range(1, max(1, -(-len(states) // 2)) + 1):
            for action_page in range(1, max(1, -(-len(actions) // 2)) + 1):
                heatmap = implementation_heatmap(
                    user=officer,
                    **filters,
                    state_page=state_page,
                    action_page=action_page,
                    states_per_page=2,
                    actions_per_page=2,
                )
                assert [row.state for row in heatmap.rows] == states[(state_page - 1) * 2 : state_page * 2]
                assert heatmap.actions == actions[(action_page - 1) * 2 : action_page * 2]
                for row in heatmap.rows:
                    assert [cell.status for cell in row.cells] == [
                        latest.get((row.state.pk, a.pk)) for a in heatmap.actions
                    ]
                    assert row.score == compliance_score(latest.get((row.state.pk, a.pk)) for a in heatmap.actions)
                assert heatmap.per_action == [
                    compliance_score(latest.get((s.pk, a.pk)) for s in states) for a in heatmap.actions
                ]
                assert heatmap.overall == compliance_score(
                    latest.get((s.pk, a.pk)) for s in states for a in heatmap.actions
                )
                by_area = compliance_by_area(heatmap, parent=filters.get("within"))
                assert [row.overall for row in by_area.rows] == [row.score for row in heatmap.rows]
                assert sum(by_area.totals, Score()) == by_area.overall == heatmap.overall


def test_series_is_newest_first(belize, action):
    old = f.ImplementationReportFactory(state=belize, action=action, status_date=datetime.date(2020, 1, 1))
    new = f.ImplementationReportFactory(state=belize, action=action, status_date=datetime.date(2024, 1, 1))
    f.ImplementationReportFactory(action=action)  # another state's report
    assert list(selectors.implementation_series(state=belize, action=action)) == [new, old]
