"""Progress against target and the chart's axis, by hand."""

from decimal import Decimal

import pytest

from results.charts import _nice_step
from results.choices import Direction
from results.selectors import percent_of_way

D = Decimal


@pytest.mark.parametrize(
    "baseline,actual,target,direction,expected",
    [
        (D(0), D(8), D(10), Direction.UP, 80),  # the share of the way from 0 to 10
        (D(3), D(10), D(12), Direction.UP, 78),  # 7 of the 9 to go
        (None, D(5), D(10), Direction.UP, 50),  # no baseline: from zero
        (D(40), D(25), D(20), Direction.DOWN, 75),  # falling from 40 towards 20
        (D(100), D(80), D(85), Direction.UP, 94),  # keep a level: 80 of the 85 asked
        (D(10), D(12), D(15), Direction.DOWN, 125),  # keep below 15: 15 / 12
        (D(0), None, D(10), Direction.UP, None),
        (D(0), D(4), None, Direction.UP, None),
    ],
)
def test_percent_of_way(baseline, actual, target, direction, expected):
    assert percent_of_way(baseline, actual, target, direction) == expected


@pytest.mark.parametrize(
    "top,step", [(D(8), D(2)), (D(12), D(5)), (D(55), D(20)), (D(100), D(25)), (D(1), D("0.5")), (D(0), D("0.25"))]
)
def test_the_axis_has_four_round_steps(top, step):
    assert _nice_step(top) == step
