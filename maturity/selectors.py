"""Reads of the maturity map: current levels, the heatmap, a state's series in one area."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from community.models import CapabilityArea, MemberState
from core.querysets import latest_per
from maturity.choices import CAN_HOST_LEVEL, AssessmentMethod
from maturity.models import CurrentAssessment, MaturityAssessment

# The columns a current level needs: enough to colour a cell and say how the level is known.
CURRENT_FIELDS = ("id", "state_id", "area_id", "level", "assessed_on", "method", "visibility", "created_at")


# Which assessment is current: the latest date, then the one recorded last.
LATEST_ORDER = ("-assessed_on", "-created_at", "-pk")


def current_assessments(queryset):
    """The "latest level" rule, in one place: the current assessment per (state, area) among
    `queryset`, still a queryset (matching reads its values through `current_level_rows`)."""
    return latest_per(queryset, keys=("state_id", "area_id"), order_by=LATEST_ORDER)


def latest_per_pair(queryset) -> dict[tuple[int, int], MaturityAssessment]:
    """The newest assessment per (state id, area id) among `queryset`, in one query."""
    return {(assessment.state_id, assessment.area_id): assessment for assessment in current_assessments(queryset)}


def current_levels(*, user, states=None, areas=None) -> dict[tuple[int, int], MaturityAssessment]:
    """The latest visible assessment per (state id, area id), in one query (read from the
    current assessments the services keep, not ranked from the history)."""
    current = CurrentAssessment.objects.for_user(user)
    if states is not None:
        current = current.filter(state__in=states)
    if areas is not None:
        current = current.filter(area__in=areas)
    assessments = MaturityAssessment.objects.filter(pk__in=current.values("assessment_id")).only(*CURRENT_FIELDS)
    return {(assessment.state_id, assessment.area_id): assessment for assessment in assessments}


def current_level_table(*, user):
    """The current assessment per (state, area) the user may see, as the maintained table keeps
    it, by state then area: the `current` API's rows when no past date is asked."""
    return (
        CurrentAssessment.objects.for_user(user)
        .only("pk", "state_id", "area_id", "assessment_id", "level", "method", "assessed_on")
        .order_by("state_id", "area_id")
    )


def levels_as_of(queryset):
    """The latest assessment per (state, area) among `queryset` (already narrowed to what the
    user may see, a date, a method), by state then area, as a queryset that a page can slice:
    the work is bounded by the page, walking the (state, area, -assessed_on) index, instead of
    ranking the whole history. PostgreSQL keeps the first row of each pair (DISTINCT ON); other
    databases keep the rows that no later row of the same pair supersedes (NOT EXISTS)."""
    queryset = queryset.only(*CURRENT_FIELDS).annotate(assessment_id=F("pk"))
    if connection.features.can_distinct_on_fields:
        return queryset.order_by("state_id", "area_id", *LATEST_ORDER).distinct("state_id", "area_id")
    pair = queryset.filter(state_id=OuterRef("state_id"), area_id=OuterRef("area_id"))
    later = pair.filter(
        Q(assessed_on__gt=OuterRef("assessed_on"))
        | Q(assessed_on=OuterRef("assessed_on"), created_at__gt=OuterRef("created_at"))
        | Q(assessed_on=OuterRef("assessed_on"), created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    return queryset.filter(~Exists(later)).order_by("state_id", "area_id")


@dataclass(frozen=True)
class CurrentLevel:
    """A state's current level in one area, and how it is known."""

    level: int
    method: str
    assessed_on: datetime.date


def current_level_rows(*, user) -> dict[tuple[int, int], CurrentLevel]:
    """The current level per (state id, area id) among the assessments the user may see, as plain
    values in one query (for the matching engine, which needs no model instances: at scale they
    cost most of the loading time). The same rule as `current_levels`."""
    rows = CurrentAssessment.objects.for_user(user).values_list("state_id", "area_id", "level", "method", "assessed_on")
    return {(state_id, area_id): CurrentLevel(level, method, on) for state_id, area_id, level, method, on in rows}


def confirmed_level_rows(*, user) -> dict[tuple[int, int], CurrentLevel]:
    """The latest level per (state id, area id) that the secretariat or a peer review assessed,
    among the assessments the user may see, in one query (see `level_confirmed`)."""
    rows = (
        CurrentAssessment.objects.for_user(user)
        .filter(confirmed__isnull=False)
        .values_list("state_id", "area_id", "confirmed_level", "confirmed_method", "confirmed_on")
    )
    return {(state_id, area_id): CurrentLevel(level, method, on) for state_id, area_id, level, method, on in rows}


def level_confirmed(current: CurrentLevel, last_confirmed: CurrentLevel | None) -> bool:
    """Whether a state's current level in an area is confirmed, so that it may make the state a
    host: the rule in one place.

    A level is confirmed when the assessment behind it (the latest) was made by the secretariat
    or by a peer review. A self-assessment is confirmed only when it claims no more than the
    latest secretariat or peer assessment of the same state and area (necessarily an earlier
    one): a state that rates itself at or below the level others found is taken at its word. A
    self-assessment above the last confirmed level, or with none before it, is "self-assessed,
    unconfirmed"."""
    if current.method != AssessmentMethod.SELF:
        return True
    return last_confirmed is not None and current.level <= last_confirmed.level


def sub_regions(*, user) -> list[str]:
    """The sub-regions of the states the user may see, for the heatmap's filter."""
    return list(
        MemberState.objects.for_user(user)
        .exclude(sub_region="")
        .order_by("sub_region")
        .values_list("sub_region", flat=True)
        .distinct()
    )


# The window the map shows at once: a page of states × a page of one family's areas.
STATES_PER_PAGE = 50
AREAS_PER_PAGE = 30


class CellLevel(NamedTuple):
    """What a map cell shows of the current assessment (plain values: a page has thousands)."""

    level: int
    method: str
    assessed_on: datetime.date


@dataclass
class HeatmapCell:
    area: CapabilityArea
    assessment: CellLevel | None = None

    @property
    def can_host(self) -> bool:
        return self.assessment is not None and self.assessment.level >= CAN_HOST_LEVEL


@dataclass
class HeatmapRow:
    state: MemberState
    cells: list[HeatmapCell] = field(default_factory=list)

    @property
    def hostable_count(self) -> int:
        return sum(1 for cell in self.cells if cell.can_host)


@dataclass
class HeatmapColumn:
    area: CapabilityArea
    label: str
    host_count: int = 0
    assessed_count: int = 0


@dataclass
class HeatmapGroup:
    """A run of columns under one top area of the taxonomy (e.g. all single-market regimes)."""

    area: CapabilityArea
    columns: list[HeatmapColumn] = field(default_factory=list)


@dataclass
class Heatmap:
    """One window of the map: the page `state_page` of the matching states × the page
    `area_page` of the areas within `within` (an area family: a top area and its sub-areas)."""

    groups: list[HeatmapGroup]
    rows: list[HeatmapRow]
    families: list[CapabilityArea] = field(default_factory=list)
    within: CapabilityArea | None = None
    state_page: Page | None = None
    area_page: Page | None = None

    @property
    def columns(self) -> list[HeatmapColumn]:
        return [column for group in self.groups for column in group.columns]

    @property
    def areas(self) -> list[CapabilityArea]:
        return [column.area for column in self.columns]

    @property
    def assessed_count(self) -> int:
        return sum(column.assessed_count for column in self.columns)

    @property
    def family(self) -> CapabilityArea | None:
        """The top area whose family the window shows."""
        if self.within is None:
            return None
        top = self.within.path.split("/")[0]
        return next((family for family in self.families if family.path == top), None)


def _heatmap_columns(
    areas: list[CapabilityArea], assessed_area_ids: set[int], *, top_depth: int, heads: dict[str, CapabilityArea]
) -> list[HeatmapGroup]:
    """Group areas (in path order) under their ancestor at `top_depth` (found in `heads` by path,
    when it is not on the page itself).

    Every leaf area gets a column; an area with sub-areas (annotated `has_children`) only when
    it has been assessed itself, so an unassessed umbrella does not add a column of dashes."""
    by_path = {**heads, **{area.path: area for area in areas}}
    groups: dict[str, HeatmapGroup] = {}
    for area in areas:
        if area.has_children and area.pk not in assessed_area_ids:
            continue
        head_path = "/".join(area.path.split("/")[: top_depth + 1])
        head = by_path.get(head_path, area)
        group = groups.setdefault(head_path, HeatmapGroup(area=head))
        group.columns.append(HeatmapColumn(area=area, label=area.name))
    for group in groups.values():
        for column in group.columns:
            if column.area == group.area and len(group.columns) > 1:
                column.label = _("Overall")
    return list(groups.values())


def _column_counts(current, area_ids) -> dict[int, tuple[int, int]]:
    """area id → (states assessed, states that can host) among `current`, in one query."""
    rows = (
        current.filter(area_id__in=area_ids)
        .values("area_id")
        .annotate(assessed=Count("pk"), hosts=Count("pk", filter=Q(level__gte=CAN_HOST_LEVEL)))
        .values_list("area_id", "assessed", "hosts")
        .order_by()
    )
    return {area_id: (assessed, hosts) for area_id, assessed, hosts in rows}


def maturity_heatmap(
    *,
    user,
    within: CapabilityArea | None = None,
    sub_region: str = "",
    membership: str = "",
    state_page: int | str = 1,
    area_page: int | str = 1,
) -> Heatmap:
    """One window of the map, a page of states × a page of areas (of the whole taxonomy, or of
    the family `within`), with the current level in each cell, and per column how many of all
    the matching states are assessed and can host: the same few queries whatever the map's size."""
    area_qs = CapabilityArea.objects.for_user(user)
    families = list(area_qs.filter(parent__isnull=True).order_by("path"))
    window_areas = area_qs
    if within is not None:
        window_areas = window_areas.filter(Q(pk=within.pk) | Q(path__startswith=f"{within.path}/"))
    window_areas = window_areas.annotate(
        has_children=Exists(CapabilityArea.objects.filter(parent=OuterRef("pk")))
    ).order_by("path")
    state_qs = MemberState.objects.for_user(user)
    if sub_region:
        state_qs = state_qs.filter(sub_region=sub_region)
    if membership:
        state_qs = state_qs.filter(membership=membership)
    areas_shown = Paginator(window_areas, AREAS_PER_PAGE).get_page(area_page)
    states_shown = Paginator(state_qs.order_by("name"), STATES_PER_PAGE).get_page(state_page)
    areas, states = list(areas_shown), list(states_shown)
    heatmap = Heatmap(
        groups=[], rows=[], families=families, within=within, state_page=states_shown, area_page=areas_shown
    )
    if not areas or not states:
        return heatmap
    visible = CurrentAssessment.objects.for_user(user)
    # Counted over every matching state, not only this page: "states that can host" stays true.
    counts = _column_counts(visible.filter(state__in=state_qs.values("pk")), [area.pk for area in areas])
    cells = visible.filter(state__in=[state.pk for state in states], area__in=[area.pk for area in areas]).values_list(
        "state_id", "area_id", "level", "method", "assessed_on"
    )
    current = {(state_id, area_id): CellLevel(level, method, on) for state_id, area_id, level, method, on in cells}
    heads = {family.path: family for family in families}
    if within is not None:
        heads[within.path] = within
    heatmap.groups = _heatmap_columns(areas, set(counts), top_depth=within.depth if within else 0, heads=heads)
    columns = heatmap.columns
    for column in columns:
        column.assessed_count, column.host_count = counts.get(column.area.pk, (0, 0))
    heatmap.rows = [
        HeatmapRow(state, [HeatmapCell(column.area, current.get((state.pk, column.area.pk))) for column in columns])
        for state in states
    ]
    return heatmap


def assessment_series(*, user, state, area):
    """Every visible assessment of one state in one area, oldest first (for the chart)."""
    return (
        MaturityAssessment.objects.for_user(user)
        .filter(state=state, area=area)
        .select_related("recorded_by")
        .prefetch_related("documents")
        .order_by("assessed_on", "created_at", "pk")
    )


@dataclass
class LevelChart:
    """A small line chart of level over time, laid out for an inline SVG."""

    width: int
    height: int
    points: list  # (x, y, assessment)
    y_ticks: list  # (y, level)
    x_ticks: list  # (x, date, text-anchor)
    left: int
    right: int
    top: int
    bottom: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _assessment in self.points)


def level_chart_points(
    series, *, width=320, height=120, padding=16, left=None
) -> list[tuple[float, float, MaturityAssessment]]:
    """Positions of each assessment on a small inline SVG chart (x by date, y by level 0–4)."""
    series = list(series)
    if not series:
        return []
    left = padding if left is None else left
    first, last = series[0].assessed_on, series[-1].assessed_on
    span = max((last - first).days, 1)
    inner_w, inner_h = width - left - padding, height - 2 * padding
    points = []
    for assessment in series:
        x = left + inner_w * ((assessment.assessed_on - first).days / span if first != last else 0.5)
        y = padding + inner_h * (1 - assessment.level / 4)
        points.append((round(x, 1), round(y, 1), assessment))
    return points


def level_chart(series, *, width=480, height=160, padding=20, left=36) -> LevelChart:
    """The chart of a series with its axes: levels 0–4 on y, the first and last dates on x."""
    series = list(series)
    points = level_chart_points(series, width=width, height=height, padding=padding, left=left)
    inner_h = height - 2 * padding
    y_ticks = [(round(padding + inner_h * (1 - level / 4), 1), level) for level in range(5)]
    x_ticks: list[tuple[float, datetime.date, str]] = []
    if points:
        first, last = points[0], points[-1]
        if first[2].assessed_on == last[2].assessed_on:
            x_ticks.append((first[0], first[2].assessed_on, "middle"))
        else:
            x_ticks += [(first[0], first[2].assessed_on, "start"), (last[0], last[2].assessed_on, "end")]
    return LevelChart(
        width=width,
        height=height,
        points=points,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        left=left,
        right=width - padding,
        top=padding,
        bottom=height - padding,
    )


def states_at_level(*, area_code: str, level: int, on: datetime.date) -> list[tuple[str, int]]:
    """(ISO code, level) of each member state whose current level in the area on `on` (its
    latest assessment by then) is `level` or above. Every assessment counts, whatever its
    visibility: the results framework publishes the count, never a state's record."""
    assessed = MaturityAssessment.objects.filter(area__code=area_code, assessed_on__lte=on)
    return sorted(
        current_assessments(assessed).filter(level__gte=level).values_list("state__iso_code", "level").order_by()
    )
