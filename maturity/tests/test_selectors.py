import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.choices import MembershipKind
from maturity.choices import AssessmentMethod
from maturity.selectors import (
    assessment_series,
    current_levels,
    level_chart,
    level_chart_points,
    maturity_heatmap,
)
from maturity.tests.factories import AssessmentFactory, CapabilityAreaFactory, MemberStateFactory

pytestmark = pytest.mark.django_db


def test_current_level_is_the_latest_by_assessment_date(officer, belize, accreditation):
    AssessmentFactory(state=belize, area=accreditation, level=2, assessed_on=datetime.date(2025, 6, 1))
    # Recorded later, but about an earlier date: it does not replace the current level.
    AssessmentFactory(state=belize, area=accreditation, level=0, assessed_on=datetime.date(2023, 1, 1))
    AssessmentFactory(state=belize, area=accreditation, level=1, assessed_on=datetime.date(2024, 1, 1))
    latest = current_levels(user=officer)
    assert latest[(belize.pk, accreditation.pk)].level == 2


def test_current_level_is_per_state_and_area(officer, belize, jamaica, accreditation):
    inspection = CapabilityAreaFactory()
    AssessmentFactory(state=belize, area=accreditation, level=1)
    AssessmentFactory(state=jamaica, area=accreditation, level=4)
    AssessmentFactory(state=jamaica, area=inspection, level=3)
    latest = current_levels(user=officer)
    assert {key: a.level for key, a in latest.items()} == {
        (belize.pk, accreditation.pk): 1,
        (jamaica.pk, accreditation.pk): 4,
        (jamaica.pk, inspection.pk): 3,
    }


def test_restricted_assessments_of_another_state_are_not_current_for_a_focal_point(
    focal_bz, focal_jm, belize, jamaica, accreditation
):
    AssessmentFactory(state=jamaica, area=accreditation, level=2, assessed_on=datetime.date(2024, 1, 1))
    AssessmentFactory(
        state=jamaica, area=accreditation, level=4, assessed_on=datetime.date(2025, 1, 1), restricted=True
    )
    assert current_levels(user=focal_bz)[(jamaica.pk, accreditation.pk)].level == 2
    assert current_levels(user=focal_jm)[(jamaica.pk, accreditation.pk)].level == 4


def test_heatmap_rows_columns_and_cells(officer, belize, jamaica):
    root = CapabilityAreaFactory(code="labour-admin", name="Labour administration")
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection", parent=root)
    migration = CapabilityAreaFactory(code="labour-migration", name="Labour migration", parent=root)
    AssessmentFactory(state=jamaica, area=inspection, level=3)
    AssessmentFactory(state=belize, area=migration, level=1)

    heatmap = maturity_heatmap(user=officer)

    # The unassessed umbrella area gets no column of its own; its sub-areas are grouped under it.
    assert [group.area for group in heatmap.groups] == [root]
    assert heatmap.areas == [inspection, migration]
    assert [row.state for row in heatmap.rows] == [belize, jamaica]
    levels = [[cell.assessment.level if cell.assessment else None for cell in row.cells] for row in heatmap.rows]
    assert levels == [[None, 1], [3, None]]
    assert [row.hostable_count for row in heatmap.rows] == [0, 1]
    assert [column.host_count for column in heatmap.columns] == [1, 0]


def test_an_assessed_umbrella_area_gets_an_overall_column(officer, belize):
    root = CapabilityAreaFactory(code="csme", name="Single market regimes")
    child = CapabilityAreaFactory(code="accreditation-equivalency", name="Accreditation", parent=root)
    AssessmentFactory(state=belize, area=root, level=2)
    heatmap = maturity_heatmap(user=officer)
    assert heatmap.areas == [root, child]
    assert [str(column.label) for column in heatmap.columns] == ["Overall", "Accreditation"]


def _world(n):
    """n states × n areas (two groups), each state assessed twice in every area."""
    roots = [CapabilityAreaFactory(), CapabilityAreaFactory()]
    areas = [CapabilityAreaFactory(parent=roots[i % 2]) for i in range(n)]
    states = MemberStateFactory.create_batch(n)
    for state in states:
        for area in areas:
            AssessmentFactory(state=state, area=area, level=1, assessed_on=datetime.date(2024, 1, 1))
            AssessmentFactory(state=state, area=area, level=3, assessed_on=datetime.date(2025, 1, 1))
    return states, areas


def test_heatmap_query_count_does_not_grow_with_states_areas_or_assessments(officer):
    _world(2)
    with CaptureQueriesContext(connection) as small:
        small_map = maturity_heatmap(user=officer)
    _world(8)
    with CaptureQueriesContext(connection) as large:
        large_map = maturity_heatmap(user=officer)
    assert len(small_map.rows) == 2 and len(large_map.rows) == 10
    assert len(large_map.columns) == 10
    # The area families, the areas and the states (each counted and sliced), the column counts, the cells.
    assert len(small) == len(large) == 7


def test_heatmap_within_keeps_the_subtree_only(officer, belize):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation", parent=csme)
    labour = CapabilityAreaFactory(code="labour-admin", name="Labour administration")
    CapabilityAreaFactory(code="labour-inspection", name="Labour inspection", parent=labour)
    # A sibling whose code starts like the area's must not count as inside it.
    CapabilityAreaFactory(code="csme-extra", name="Not inside")
    heatmap = maturity_heatmap(user=officer, within=csme)
    assert heatmap.areas == [accreditation]
    assert maturity_heatmap(user=officer, within=accreditation).areas == [accreditation]


def test_heatmap_filters_states_by_sub_region_and_membership(officer, belize, jamaica):
    anguilla = MemberStateFactory(iso_code="AI")
    CapabilityAreaFactory()
    assert [row.state for row in maturity_heatmap(user=officer, sub_region="Greater Antilles").rows] == [jamaica]
    assert [row.state for row in maturity_heatmap(user=officer, membership=MembershipKind.ASSOCIATE).rows] == [anguilla]
    assert [row.state for row in maturity_heatmap(user=officer, membership=MembershipKind.FULL).rows] == [
        belize,
        jamaica,
    ]


def test_series_is_oldest_first_and_hides_restricted_records_of_other_states(focal_bz, officer, jamaica, accreditation):
    old = AssessmentFactory(state=jamaica, area=accreditation, level=2, assessed_on=datetime.date(2022, 1, 1))
    new = AssessmentFactory(state=jamaica, area=accreditation, level=3, assessed_on=datetime.date(2025, 1, 1))
    hidden = AssessmentFactory(
        state=jamaica, area=accreditation, level=4, assessed_on=datetime.date(2024, 1, 1), restricted=True
    )
    assert list(assessment_series(user=officer, state=jamaica, area=accreditation)) == [old, hidden, new]
    assert list(assessment_series(user=focal_bz, state=jamaica, area=accreditation)) == [old, new]


def test_chart_points_place_dates_on_x_and_levels_on_y(belize, accreditation):
    series = [
        AssessmentFactory(
            state=belize,
            area=accreditation,
            level=0,
            assessed_on=datetime.date(2020, 1, 1),
            method=AssessmentMethod.SELF,
        ),
        AssessmentFactory(state=belize, area=accreditation, level=4, assessed_on=datetime.date(2022, 1, 1)),
        AssessmentFactory(state=belize, area=accreditation, level=2, assessed_on=datetime.date(2021, 1, 1)),
    ]
    series.sort(key=lambda a: a.assessed_on)
    points = level_chart_points(series, width=320, height=120, padding=16)
    assert [(x, y) for x, y, _a in points] == [(16, 104), (160.2, 60), (304, 16)]
    chart = level_chart(series)
    assert chart.polyline.count(",") == 3
    assert [anchor for _x, _date, anchor in chart.x_ticks] == ["start", "end"]
    assert level_chart([]).points == []
