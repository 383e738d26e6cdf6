"""Reads of the maturity map: current levels, the heatmap, a state's series in one area."""

from dataclasses import dataclass, field

from django.db.models import Q

from community.models import CapabilityArea, MemberState
from maturity.choices import CAN_HOST_LEVEL
from maturity.models import MaturityAssessment


def current_levels(*, user, states=None, areas=None) -> dict[tuple[int, int], MaturityAssessment]:
    """The latest visible assessment per (state id, area id), in one query.

    Assessments come ordered newest first within each pair, so the first seen wins."""
    queryset = MaturityAssessment.objects.for_user(user).order_by("state_id", "area_id", "-assessed_on", "-created_at")
    if states is not None:
        queryset = queryset.filter(state__in=states)
    if areas is not None:
        queryset = queryset.filter(area__in=areas)
    latest: dict[tuple[int, int], MaturityAssessment] = {}
    for assessment in queryset.only("id", "state_id", "area_id", "level", "assessed_on", "method", "created_at"):
        latest.setdefault((assessment.state_id, assessment.area_id), assessment)
    return latest


@dataclass
class HeatmapRow:
    state: MemberState
    cells: list = field(default_factory=list)  # one MaturityAssessment or None per area

    @property
    def hostable_count(self) -> int:
        return sum(1 for cell in self.cells if cell is not None and cell.level >= CAN_HOST_LEVEL)


def maturity_heatmap(*, user, within: CapabilityArea | None = None, sub_region: str = "", membership: str = ""):
    """States × areas with the current level in each cell: three queries whatever the size."""
    areas = CapabilityArea.objects.all()
    if within is not None:
        areas = areas.filter(Q(pk=within.pk) | Q(path__startswith=f"{within.path}/"))
    areas = list(areas)
    states = MemberState.objects.for_user(user)
    if sub_region:
        states = states.filter(sub_region=sub_region)
    if membership:
        states = states.filter(membership=membership)
    states = list(states)
    latest = current_levels(user=user, states=states, areas=areas)
    rows = [HeatmapRow(state, [latest.get((state.pk, area.pk)) for area in areas]) for state in states]
    return areas, rows


def assessment_series(*, user, state, area):
    """Every visible assessment of one state in one area, oldest first (for the chart)."""
    return (
        MaturityAssessment.objects.for_user(user)
        .filter(state=state, area=area)
        .select_related("recorded_by")
        .order_by("assessed_on", "created_at")
    )


def level_chart_points(series, *, width=320, height=120, padding=16) -> list[tuple[float, float, MaturityAssessment]]:
    """Positions of each assessment on a small inline SVG chart (x by date, y by level 0–4)."""
    series = list(series)
    if not series:
        return []
    first, last = series[0].assessed_on, series[-1].assessed_on
    span = max((last - first).days, 1)
    inner_w, inner_h = width - 2 * padding, height - 2 * padding
    points = []
    for assessment in series:
        x = padding + inner_w * ((assessment.assessed_on - first).days / span if len(series) > 1 else 0.5)
        y = padding + inner_h * (1 - assessment.level / 4)
        points.append((round(x, 1), round(y, 1), assessment))
    return points
