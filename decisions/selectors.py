"""Reads of national implementation: current statuses, compliance, the states × actions heatmap."""

from dataclasses import dataclass, field

from django.db.models import Q

from community.models import CapabilityArea, MemberState
from decisions.choices import ImplementationStatus
from decisions.models import ImplementationReport, RequiredAction


def current_statuses(*, states=None, actions=None) -> dict[tuple[int, int], ImplementationReport]:
    """The latest report per (state id, action id), in one query."""
    queryset = ImplementationReport.objects.order_by("state_id", "action_id", "-status_date", "-created_at")
    if states is not None:
        queryset = queryset.filter(state__in=states)
    if actions is not None:
        queryset = queryset.filter(action__in=actions)
    latest: dict[tuple[int, int], ImplementationReport] = {}
    for report in queryset.only("id", "state_id", "action_id", "status", "status_date", "created_at"):
        latest.setdefault((report.state_id, report.action_id), report)
    return latest


def compliance(statuses: list[str | None]) -> float | None:
    """Share of applicable actions done or verified, as a percentage; an action with no report
    counts as not started. None when no action applies."""
    applicable = [s for s in statuses if s not in ImplementationStatus.not_applicable()]
    if not applicable:
        return None
    complied = sum(1 for s in applicable if s in ImplementationStatus.complied())
    return round(100 * complied / len(applicable), 1)


@dataclass
class ImplementationRow:
    state: MemberState
    cells: list = field(default_factory=list)  # one ImplementationReport or None per action

    @property
    def compliance(self) -> float | None:
        return compliance([cell.status if cell else None for cell in self.cells])


def implementation_heatmap(*, decision=None, within: CapabilityArea | None = None, sub_region: str = "", membership: str = ""):
    """States × actions with the current status in each cell, and compliance per state and per action."""
    actions = RequiredAction.objects.select_related("decision", "area")
    if decision is not None:
        actions = actions.filter(decision=decision)
    if within is not None:
        actions = actions.filter(Q(area=within) | Q(area__path__startswith=f"{within.path}/"))
    actions = list(actions)
    states = MemberState.objects.all()
    if membership:
        states = states.filter(membership=membership)
    if sub_region:
        states = states.filter(sub_region=sub_region)
    states = list(states)
    latest = current_statuses(states=states, actions=actions)
    rows = [ImplementationRow(state, [latest.get((state.pk, action.pk)) for action in actions]) for state in states]
    per_action = [
        compliance([row.cells[i].status if row.cells[i] else None for row in rows]) for i in range(len(actions))
    ]
    overall = compliance([cell.status if cell else None for row in rows for cell in row.cells])
    return actions, rows, per_action, overall


def implementation_series(*, state, action):
    return ImplementationReport.objects.filter(state=state, action=action).select_related("reported_by").order_by(
        "-status_date", "-created_at"
    )
