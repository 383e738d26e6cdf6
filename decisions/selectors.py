"""Reads of national implementation: current statuses, compliance, the states × actions heatmap.

Everything here works from one notion of the *current* status of a state on an action: its
latest report (`latest_reports`). Compliance, like the compliance studies of the single market,
is the share of the applicable actions a state has done (or the secretariat has verified);
"no action required" and "regional action required" leave the action out, and an action
nobody has reported on counts as not started.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community.models import CapabilityArea, MemberState
from core.history import HISTORY_LIMIT, history_for
from core.querysets import latest_per
from decisions.choices import ImplementationStatus
from decisions.models import Decision, ImplementationReport, RequiredAction

# Short text shown in each heatmap cell, so the map reads without colour.
ABBREVIATIONS = {
    ImplementationStatus.NOT_STARTED: pgettext_lazy("implementation status abbreviation", "NS"),
    ImplementationStatus.IN_PROGRESS: pgettext_lazy("implementation status abbreviation", "IP"),
    ImplementationStatus.DONE: pgettext_lazy("implementation status abbreviation", "DN"),
    ImplementationStatus.VERIFIED: pgettext_lazy("implementation status abbreviation", "VF"),
    ImplementationStatus.NO_ACTION_REQUIRED: pgettext_lazy("implementation status abbreviation", "NA"),
    ImplementationStatus.REGIONAL_ACTION_REQUIRED: pgettext_lazy("implementation status abbreviation", "RA"),
}
NO_REPORT_ABBREVIATION = "–"
NO_REPORT_LABEL = _("No report yet (counts as not started)")


def status_legend() -> list[dict]:
    """The key to the heatmap: abbreviation, label and colour of every status, then 'no report'."""
    legend = [
        {
            "status": s.value,
            "abbreviation": ABBREVIATIONS[s],
            "label": s.label,
            "color": s.get_color(),
        }
        for s in ImplementationStatus
    ]
    legend.append(
        {
            "status": "",
            "abbreviation": NO_REPORT_ABBREVIATION,
            "label": NO_REPORT_LABEL,
            "color": "light",
        }
    )
    return legend


# --- current statuses ---------------------------------------------------------------------------


def latest_reports() -> QuerySet[ImplementationReport]:
    """Reports that no later report on the same state and action supersedes: the current statuses.

    A report is later when its as-of date is later; on the same date the one recorded last wins
    (then the higher id, so that exactly one report per state and action is current)."""
    return latest_per(
        ImplementationReport.objects.all(),
        keys=("state_id", "action_id"),
        order_by=("-status_date", "-created_at", "-pk"),
    )


def current_statuses(*, states=None, actions=None) -> dict[tuple[int, int], ImplementationReport]:
    """The latest report per (state id, action id), in one query."""
    queryset = latest_reports()
    if states is not None:
        queryset = queryset.filter(state__in=states)
    if actions is not None:
        queryset = queryset.filter(action__in=actions)
    return {
        (report.state_id, report.action_id): report
        for report in queryset.only("id", "state_id", "action_id", "status", "status_date", "created_at")
    }


# --- compliance arithmetic ----------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """How many applicable actions were complied with; `percent` is None when none applies."""

    complied: int = 0
    applicable: int = 0

    @property
    def percent(self) -> float | None:
        if not self.applicable:
            return None
        return round(100 * self.complied / self.applicable, 1)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.complied + other.complied, self.applicable + other.applicable)


def compliance_score(statuses) -> Score:
    """Count statuses (None = no report, i.e. not started) into complied over applicable."""
    applicable = [s for s in statuses if s not in ImplementationStatus.not_applicable()]
    return Score(sum(1 for s in applicable if s in ImplementationStatus.complied()), len(applicable))


def compliance(statuses) -> float | None:
    """Share of applicable actions done or verified, as a percentage; an action with no report
    counts as not started. None when no action applies."""
    return compliance_score(statuses).percent


# --- the states × actions heatmap ---------------------------------------------------------------


@dataclass
class Cell:
    """One state's current status on one action (report is None when nothing was reported)."""

    state: MemberState
    action: RequiredAction
    report: ImplementationReport | None

    @property
    def status(self) -> str | None:
        return self.report.status if self.report else None

    @property
    def abbreviation(self) -> str:
        return ABBREVIATIONS[self.status] if self.report else NO_REPORT_ABBREVIATION

    @property
    def label(self) -> str:
        return self.report.get_status_display() if self.report else NO_REPORT_LABEL

    @property
    def color(self) -> str:
        return self.report.get_status_color() if self.report else "light"


@dataclass
class ImplementationRow:
    state: MemberState
    cells: list[Cell] = field(default_factory=list)

    @property
    def score(self) -> Score:
        return compliance_score(cell.status for cell in self.cells)

    @property
    def compliance(self) -> float | None:
        return self.score.percent


@dataclass
class Heatmap:
    actions: list[RequiredAction]
    rows: list[ImplementationRow]
    per_action: list[Score]
    overall: Score

    @property
    def groups(self) -> list[tuple[Decision, int]]:
        """Consecutive actions of the same decision, for the grouped column headers."""
        return [(decision, len(list(items))) for decision, items in groupby(self.actions, key=lambda a: a.decision)]

    @property
    def action_totals(self) -> list[tuple[RequiredAction, Score]]:
        return list(zip(self.actions, self.per_action, strict=True))


def heatmap_actions(*, decision=None, within: CapabilityArea | None = None):
    actions = RequiredAction.objects.select_related("decision", "area").order_by(
        "-decision__date", "decision__reference", "position", "pk"
    )
    if decision is not None:
        actions = actions.filter(decision=decision)
    if within is not None:
        actions = actions.filter(Q(area=within) | Q(area__path__startswith=f"{within.path}/"))
    return actions


def heatmap_states(*, sub_region: str = "", membership: str = ""):
    states = MemberState.objects.all()
    if membership:
        states = states.filter(membership=membership)
    if sub_region:
        states = states.filter(sub_region=sub_region)
    return states


def implementation_heatmap(
    *,
    decision=None,
    within: CapabilityArea | None = None,
    sub_region: str = "",
    membership: str = "",
) -> Heatmap:
    """States × actions with the current status in each cell, and compliance per state, per
    action and overall: three queries whatever the size."""
    actions = list(heatmap_actions(decision=decision, within=within))
    states = list(heatmap_states(sub_region=sub_region, membership=membership))
    latest = current_statuses(states=states, actions=actions) if actions and states else {}
    rows = [
        ImplementationRow(state, [Cell(state, action, latest.get((state.pk, action.pk))) for action in actions])
        for state in states
    ]
    per_action = [compliance_score(row.cells[i].status for row in rows) for i in range(len(actions))]
    overall = sum((row.score for row in rows), Score())
    return Heatmap(actions=actions, rows=rows, per_action=per_action, overall=overall)


# --- compliance per state per capability-area subtree -----------------------------------------


@dataclass
class AreaComplianceRow:
    state: MemberState
    scores: list[Score]  # one per area, in the order of AreaCompliance.areas
    overall: Score


@dataclass
class AreaCompliance:
    """Compliance of each state in each subtree of the capability taxonomy: by default the root
    areas, or the sub-areas of `parent` (e.g. each single-market regime). `areas` holds None for
    actions that have no capability area, and `parent` itself for actions tagged with it."""

    parent: CapabilityArea | None
    areas: list[CapabilityArea | None]
    rows: list[AreaComplianceRow]
    totals: list[Score]
    overall: Score

    @property
    def area_totals(self) -> list[tuple[CapabilityArea | None, Score]]:
        return list(zip(self.areas, self.totals, strict=True))


def subtree_code(area: CapabilityArea | None, *, parent: CapabilityArea | None = None) -> str | None:
    """The code of the area under `parent` (or the root) whose subtree holds `area`, read off
    the materialised path; `parent`'s own code for an area that is `parent` itself."""
    if area is None:
        return None
    segments = area.path.split("/")
    level = parent.depth + 1 if parent is not None else 0
    return segments[level] if len(segments) > level else segments[-1]


def compliance_by_area(heatmap: Heatmap, *, parent: CapabilityArea | None = None) -> AreaCompliance:
    """Score each state in each area subtree (the roots, or the children of `parent`) from the
    heatmap's current statuses: one more query, for the areas' names and order."""
    codes = list(dict.fromkeys(subtree_code(action.area, parent=parent) for action in heatmap.actions))
    found = {a.code: a for a in CapabilityArea.objects.filter(code__in=[c for c in codes if c])}
    codes.sort(key=lambda c: (c is None, found[c].path if c in found else ""))
    column = {code: i for i, code in enumerate(codes)}
    column_of = [column[subtree_code(action.area, parent=parent)] for action in heatmap.actions]
    rows = []
    for row in heatmap.rows:
        statuses: list[list] = [[] for _ in codes]
        for i, cell in zip(column_of, row.cells, strict=True):
            statuses[i].append(cell.status)
        rows.append(AreaComplianceRow(row.state, [compliance_score(s) for s in statuses], row.score))
    totals = [sum((r.scores[i] for r in rows), Score()) for i in range(len(codes))]
    return AreaCompliance(
        parent=parent,
        areas=[found.get(c) if c else None for c in codes],
        rows=rows,
        totals=totals,
        overall=heatmap.overall,
    )


def state_area_compliance(
    *,
    decision=None,
    within: CapabilityArea | None = None,
    sub_region: str = "",
    membership: str = "",
) -> AreaCompliance:
    """Compliance per state per area subtree (the roots, or the children of `within`), with the
    heatmap's filters."""
    heatmap = implementation_heatmap(decision=decision, within=within, sub_region=sub_region, membership=membership)
    return compliance_by_area(heatmap, parent=within)


# --- decisions with their compliance, for the list ---------------------------------------------


def _count_latest(statuses) -> Coalesce:
    latest = (
        latest_reports()
        .filter(action__decision=OuterRef("pk"), status__in=list(statuses))
        .order_by()
        .values("action__decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(latest), 0)


def decision_list(*, user, state_count: int | None = None) -> QuerySet[Decision]:
    """Visible decisions annotated with action_count, complied_count, applicable_count and
    compliance_percent over every member state, computed in the database so that a page of
    decisions costs one query. Same rule as `compliance_score`, written in SQL."""
    if state_count is None:
        state_count = MemberState.objects.count()
    action_count = (
        RequiredAction.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Decision.objects.for_user(user)
        .annotate(
            action_count=Coalesce(Subquery(action_count), 0),
            complied_count=_count_latest(ImplementationStatus.complied()),
            not_applicable_count=_count_latest(ImplementationStatus.not_applicable()),
        )
        .annotate(applicable_count=F("action_count") * Value(state_count) - F("not_applicable_count"))
        .annotate(
            compliance_percent=Cast(F("complied_count"), FloatField())
            * Value(100.0)
            / Cast(NullIf(F("applicable_count"), 0), FloatField())
        )
    )


# --- one state's history on one action ---------------------------------------------------------


def implementation_series(*, state, action):
    """Every report of one state on one action, newest first (the first one is current)."""
    return (
        ImplementationReport.objects.filter(state=state, action=action)
        .select_related("reported_by")
        .order_by("-status_date", "-created_at", "-pk")
    )


def decision_action_history(*, decision, limit: int = HISTORY_LIMIT) -> list:
    """The change log of a decision's required actions, newest first: those it has, and the
    deletions of those it had (found by their recorded name, which starts with the reference)."""
    from auditlog.models import LogEntry

    deleted = Q(action=LogEntry.Action.DELETE, object_repr__startswith=f"{decision.reference} §")
    return history_for(decision.actions.all(), limit=limit, also=deleted)
