"""Page-shaped reads of results frameworks: the programme page in a fixed number of queries,
whatever the size of its tree, and each indicator's progress against its targets."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from results.choices import CumulativeMode, Direction, TargetFrequency, ValueStatus
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target


def programme_list(*, user):
    return Programme.objects.for_user(user).prefetch_related("funders")


def programme_detail_queryset():
    return Programme.objects.prefetch_related("funders")


@dataclass
class Point:
    """One period of an indicator: its target, its value (any status the reader sees) and the
    approved figure to date."""

    period: Period
    target: Decimal | None
    value: MeasuredValue | None
    approved: Decimal | None
    to_date: Decimal | None

    @property
    def plotted(self) -> Decimal | None:
        return self.approved


@dataclass
class Progress:
    indicator: Indicator
    points: list[Point]
    actual: Decimal | None = None
    target: Decimal | None = None
    period: Period | None = None
    percent: int | None = None

    @property
    def cumulative(self) -> bool:
        return self.indicator.target_frequency != TargetFrequency.PER_PERIOD

    @property
    def bar_percent(self) -> int:
        return max(0, min(100, self.percent or 0))


def indicator_progress(indicator, periods, targets: dict, values: dict) -> Progress:
    """Where an indicator stands: the latest approved figure (per period, or to date for
    cumulative and end-of-programme targets) against the target that applies, as the share of
    the way from the baseline to the target. Only approved figures count."""
    points, running = [], None
    for period in periods:
        value = values.get(period.pk)
        approved = value.value if value is not None and value.status == ValueStatus.APPROVED else None
        if approved is not None:
            adds = indicator.cumulative_mode == CumulativeMode.SUM
            running = (running or Decimal(0)) + approved if adds else approved
        points.append(Point(period, targets.get(period.pk), value, approved, running if approved is not None else None))
    progress = Progress(indicator, points)
    reported = [point for point in points if point.approved is not None]
    if not reported:
        return progress
    latest = reported[-1]
    frequency = indicator.target_frequency
    progress.period = latest.period
    progress.actual = latest.approved if frequency == TargetFrequency.PER_PERIOD else latest.to_date
    if frequency == TargetFrequency.END:
        progress.target = next((point.target for point in reversed(points) if point.target is not None), None)
    else:
        progress.target = latest.target
    progress.percent = percent_of_way(indicator.baseline_value, progress.actual, progress.target, indicator.direction)
    return progress


def percent_of_way(baseline, actual, target, direction=Direction.UP) -> int | None:
    """How far the figure has come towards the target (100 = reached). When the target lies
    beyond the baseline in the indicator's direction, it is the share of the way from the
    baseline; when it only asks to keep a level (a retention of 85 % from a baseline of 100 %),
    it is the figure against the target."""
    if actual is None or target is None:
        return None
    start = baseline if baseline is not None else Decimal(0)
    way = target - start
    if (way > 0 and direction == Direction.UP) or (way < 0 and direction == Direction.DOWN):
        return round((actual - start) / way * 100)
    if direction == Direction.UP:
        return round(actual / target * 100) if target else (100 if actual >= 0 else None)
    return round(target / actual * 100) if actual else 100


@dataclass
class TreeNode:
    node: ResultNode
    progress: list[Progress] = field(default_factory=list)
    children: list["TreeNode"] = field(default_factory=list)


@dataclass
class ProgrammePage:
    periods: list[Period]
    roots: list[TreeNode]
    progress: list[Progress]


def programme_page(*, programme, user) -> ProgrammePage:
    """The results tree with every indicator's progress: five queries whatever its size."""
    periods = list(Period.objects.for_user(user).filter(programme=programme).order_by("start_date"))
    nodes = list(ResultNode.objects.for_user(user).filter(programme=programme).order_by("position", "code"))
    indicators = list(Indicator.objects.for_user(user).filter(node__programme=programme).order_by("position", "pk"))
    targets, values = defaultdict(dict), defaultdict(dict)
    # Read into dictionaries: the models' ordering (four joins and a sort) would buy nothing.
    for target in Target.objects.for_user(user).filter(indicator__node__programme=programme).order_by():
        targets[target.indicator_id][target.period_id] = target.value
    for value in MeasuredValue.objects.for_user(user).filter(indicator__node__programme=programme).order_by():
        values[value.indicator_id][value.period_id] = value
    tree = {node.pk: TreeNode(node) for node in nodes}
    all_progress = []
    for indicator in indicators:
        progress = indicator_progress(indicator, periods, targets[indicator.pk], values[indicator.pk])
        tree[indicator.node_id].progress.append(progress)
        all_progress.append(progress)
    roots = []
    for node in nodes:
        parent = tree.get(node.parent_id)
        (parent.children if parent else roots).append(tree[node.pk])
    return ProgrammePage(periods=periods, roots=roots, progress=all_progress)


def indicator_page(*, indicator, user) -> Progress:
    periods = list(Period.objects.for_user(user).filter(programme=indicator.node.programme_id).order_by("start_date"))
    targets = {t.period_id: t.value for t in Target.objects.for_user(user).filter(indicator=indicator).order_by()}
    values = {v.period_id: v for v in MeasuredValue.objects.for_user(user).filter(indicator=indicator).order_by()}
    return indicator_progress(indicator, periods, targets, values)


def activity_outputs_panel(*, record, user) -> dict | None:
    """The outputs of the programmes the user reads that an activity serves, or None."""
    outputs = list(ResultNode.objects.for_user(user).filter(outputs=record).select_related("programme"))
    return {"outputs": outputs} if outputs else None
