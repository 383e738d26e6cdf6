import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from decisions import selectors
from decisions.choices import ImplementationStatus as S
from decisions.selectors import (
    Score,
    compliance,
    compliance_by_area,
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


def test_latest_report_wins_by_date_then_by_recording_order(belize, action):
    f.ImplementationReportFactory(state=belize, action=action, status=S.DONE, status_date=datetime.date(2024, 1, 1))
    # Recorded later but dated earlier: history, not the current status.
    f.ImplementationReportFactory(
        state=belize, action=action, status=S.NOT_STARTED, status_date=datetime.date(2023, 1, 1)
    )
    assert current_statuses()[(belize.pk, action.pk)].status == S.DONE
    # Same date, recorded later: the correction wins.
    f.ImplementationReportFactory(
        state=belize, action=action, status=S.IN_PROGRESS, status_date=datetime.date(2024, 1, 1)
    )
    statuses = current_statuses()
    assert len(statuses) == 1
    assert statuses[(belize.pk, action.pk)].status == S.IN_PROGRESS


def test_latest_report_breaks_exact_ties_by_id(belize, action):
    first = f.ImplementationReportFactory(state=belize, action=action, status=S.DONE)
    second = f.ImplementationReportFactory(state=belize, action=action, status=S.IN_PROGRESS)
    type(first).objects.filter(pk=second.pk).update(created_at=first.created_at)
    assert current_statuses()[(belize.pk, action.pk)].pk == second.pk


def test_heatmap_scores_states_actions_and_overall(belize, jamaica):
    decision = f.DecisionFactory()
    a1, a2 = (
        f.RequiredActionFactory(decision=decision, position=1),
        f.RequiredActionFactory(decision=decision, position=2),
    )
    f.ImplementationReportFactory(state=belize, action=a1, status=S.DONE)
    f.ImplementationReportFactory(state=belize, action=a2, status=S.NO_ACTION_REQUIRED)
    f.ImplementationReportFactory(state=jamaica, action=a1, status=S.IN_PROGRESS)
    # jamaica has no report on a2: it counts as not started.

    heatmap = implementation_heatmap()

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


def test_heatmap_filters_by_decision_area_subtree_sub_region_and_membership(belize, jamaica):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Free movement of skilled persons", parent=csme)
    labour = CapabilityAreaFactory(code="labour", name="Labour administration")
    in_subtree, at_root, outside = (
        f.RequiredActionFactory(area=skills),
        f.RequiredActionFactory(area=csme),
        f.RequiredActionFactory(area=labour),
    )
    associate = MemberStateFactory.for_iso("AI")

    assert set(implementation_heatmap(within=csme).actions) == {in_subtree, at_root}
    assert implementation_heatmap(within=skills).actions == [in_subtree]
    assert implementation_heatmap(decision=outside.decision).actions == [outside]
    assert [r.state for r in implementation_heatmap(sub_region="Central America").rows] == [belize]
    assert [r.state for r in implementation_heatmap(membership="associate").rows] == [associate]


def _grid(states: int, actions: int):
    decision = f.DecisionFactory()
    state_list = MemberStateFactory.create_batch(states)
    area = CapabilityAreaFactory()
    action_list = f.RequiredActionFactory.create_batch(actions, decision=decision, area=area)
    for state in state_list:
        for action in action_list:
            f.ImplementationReportFactory(state=state, action=action, status=S.DONE)
    return decision


def test_heatmap_and_area_table_take_a_constant_number_of_queries():
    _grid(2, 2)
    with CaptureQueriesContext(connection) as small:
        compliance_by_area(implementation_heatmap())
    _grid(8, 8)
    with CaptureQueriesContext(connection) as large:
        heatmap = implementation_heatmap()
        compliance_by_area(heatmap)
    assert len(heatmap.rows) == 10 and len(heatmap.actions) == 10
    assert len(small) == len(large) == 4


def test_compliance_by_area_groups_actions_by_root_subtree(belize, jamaica):
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

    table = compliance_by_area(implementation_heatmap())

    assert table.areas == [csme, labour, None]
    row_a, row_b = table.rows
    assert [s.percent for s in row_a.scores] == [50.0, 100.0, 0.0]
    assert [s.percent for s in row_b.scores] == [0.0, None, 100.0]
    assert table.totals == [Score(1, 4), Score(1, 1), Score(1, 2)]
    assert row_a.overall == Score(2, 4)

    # Within the single market: one column per regime.
    by_regime = selectors.state_area_compliance(within=csme)
    assert by_regime.parent == csme
    assert by_regime.areas == [accreditation, skills]
    assert [s.percent for s in by_regime.rows[0].scores] == [0.0, 100.0]


def test_compliance_by_area_keeps_actions_tagged_with_the_parent_itself(belize):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Skills", parent=csme)
    f.ImplementationReportFactory(state=belize, action=f.RequiredActionFactory(area=csme), status=S.DONE)
    f.RequiredActionFactory(area=skills)
    table = selectors.state_area_compliance(within=csme)
    assert table.areas == [csme, skills]
    assert [s.percent for s in table.rows[0].scores] == [100.0, 0.0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_decision_list_compliance_in_sql_agrees_with_the_heatmap(seed, officer):
    rng = random.Random(seed)
    states = MemberStateFactory.create_batch(4)
    decisions = f.DecisionFactory.create_batch(3)
    for decision in decisions:
        for action in f.RequiredActionFactory.create_batch(rng.randint(0, 3), decision=decision):
            for state in states:
                for _ in range(rng.randint(0, 3)):
                    f.ImplementationReportFactory(
                        state=state,
                        action=action,
                        status=rng.choice(list(S)),
                        status_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 2)),
                    )
    listed = {d.pk: d for d in selectors.decision_list(user=officer)}
    for decision in decisions:
        overall = implementation_heatmap(decision=decision).overall
        row = listed[decision.pk]
        assert (row.complied_count, row.applicable_count) == (overall.complied, overall.applicable)
        if overall.percent is None:
            assert row.compliance_percent is None
        else:
            assert row.compliance_percent == pytest.approx(overall.percent, abs=0.05)


def test_series_is_newest_first(belize, action):
    old = f.ImplementationReportFactory(state=belize, action=action, status_date=datetime.date(2020, 1, 1))
    new = f.ImplementationReportFactory(state=belize, action=action, status_date=datetime.date(2024, 1, 1))
    f.ImplementationReportFactory(action=action)  # another state's report
    assert list(selectors.implementation_series(state=belize, action=action)) == [new, old]
