"""Reads of national implementation: current statuses, compliance, the states × actions heatmap.

Everything here works from one notion of the *current* status of a state on an action: its
latest report (`latest_reports`). Compliance, like the compliance studies of the single market,
is the share of the applicable actions a state has done (or the secretariat has verified);
"no action required" and "regional action required" leave the action out, and an action
nobody has reported on counts as not started.
"""

from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community.models import CapabilityArea, MemberState
from core.access import EVERYTHING
from core.history import HISTORY_LIMIT, history_for
from core.querysets import count_of, latest_per
from decisions.choices import ImplementationStatus
from decisions.models import ActionTally, Decision, ImplementationReport, RequiredAction

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

SERIES = ("state_id", "action_id")
# Which report of a series is the latest: the later as-of date; on the same date the one recorded
# last, then the higher id, so that exactly one report per state and action is current.
NEWEST_FIRST = ("-status_date", "-created_at", "-pk")
COMPLIED = sorted(ImplementationStatus.complied())
NOT_APPLICABLE = sorted(ImplementationStatus.not_applicable())


def latest_reports(reports: QuerySet[ImplementationReport] | None = None) -> QuerySet[ImplementationReport]:
    """Reports that no later report on the same state and action supersedes, ranked from the
    whole history of `reports` (every report by default): what `is_current` must agree with."""
    if reports is None:
        reports = ImplementationReport.objects.all()
    return latest_per(reports, keys=SERIES, order_by=NEWEST_FIRST)


def current_reports(*, user) -> QuerySet[ImplementationReport]:
    """The current report of each state on each action among those `user` may read.

    Whoever reads every report (today every signed-in user) gets the maintained `is_current`
    reports; someone who reads only some would see as current the latest of those, so theirs
    are ranked from what they read."""
    readable = ImplementationReport.objects.for_user(user)
    if ImplementationReport.access.view_q(user) == EVERYTHING:
        return readable.filter(is_current=True)
    return latest_reports(readable)


def current_or_history(reports: QuerySet, *, user, current: bool) -> QuerySet[ImplementationReport]:
    """`reports` (some of those `user` reads) narrowed to the current ones, or to the superseded ones."""
    if ImplementationReport.access.view_q(user) == EVERYTHING:
        return reports.filter(is_current=current)
    ranked = current_reports(user=user).values("pk")
    return reports.filter(pk__in=ranked) if current else reports.exclude(pk__in=ranked)


def current_statuses(*, user, states=None, actions=None) -> dict[tuple[int, int], str]:
    """The current status per (state id, action id), in one query."""
    queryset = current_reports(user=user)
    if states is not None:
        queryset = queryset.filter(state__in=states)
    if actions is not None:
        queryset = queryset.filter(action__in=actions)
    return {
        (state, action): status for state, action, status in queryset.values_list("state_id", "action_id", "status")
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


COUNTS = {
    "complied": Count("pk", filter=Q(status__in=COMPLIED)),
    "not_applicable": Count("pk", filter=Q(status__in=NOT_APPLICABLE)),
}


# What an action's tally keeps (models.ActionTally), counted over its current reports.
TALLY_COUNTS = {**COUNTS, "reported": Count("pk")}


def _score(counts: dict | None, cells: int) -> Score:
    """The score of `cells` state × action pairs from the counts of their current reports: what
    was not reported counts as not started, so it applies and is not complied with."""
    counts = counts or {}
    return Score(counts.get("complied") or 0, cells - (counts.get("not_applicable") or 0))


def _counts_by(current: QuerySet, *keys: str) -> dict:
    """Complied and not-applicable counts of the current reports, per value of `keys`."""
    rows = current.order_by().values(*keys).annotate(**COUNTS)
    return {tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]: row for row in rows}


@dataclass(frozen=True)
class Scope:
    """The actions and states a map or a compliance figure covers, as the filters select them:
    querysets, or None for every action / every state (no filter, so no subquery)."""

    actions: QuerySet | None = None
    states: QuerySet | None = None

    def narrow(self, current: QuerySet) -> QuerySet:
        if self.actions is not None:
            current = current.filter(action__in=self.actions.order_by().values("pk"))
        if self.states is not None:
            current = current.filter(state__in=self.states.order_by().values("pk"))
        return current


def heatmap_scope(*, decision=None, within: CapabilityArea | None = None, sub_region: str = "", membership: str = ""):
    """The map's filters as a Scope."""
    actions = None
    if decision is not None or within is not None:
        actions = RequiredAction.objects.all()
        if decision is not None:
            actions = actions.filter(decision=decision)
        if within is not None:
            actions = actions.filter(Q(area=within) | Q(area__path__startswith=f"{within.path}/"))
    states = None
    if sub_region or membership:
        states = MemberState.objects.all()
        if membership:
            states = states.filter(membership=membership)
        if sub_region:
            states = states.filter(sub_region=sub_region)
    return Scope(actions=actions, states=states)


# --- the states × actions heatmap, one window at a time -----------------------------------------

STATES_PER_PAGE = 50
# The long texts of an area that the map never shows.
AREA_TEXTS = ("description", "level_0", "level_1", "level_2", "level_3", "level_4")
ACTIONS_PER_PAGE = 20  # what fits across a laptop screen beside the states' names
# A decision's page lists all its actions (with their compliance); a page of them in the rare
# decision that requires more.
ACTIONS_PER_DECISION_PAGE = 100


@dataclass(frozen=True)
class StatusStyle:
    """How a status shows in a cell: one per status for the whole page, so a cell translates nothing."""

    status: str
    abbreviation: str
    label: str
    color: str


def status_styles() -> dict[str | None, StatusStyle]:
    """The style of every status, and of no report (None), translated once."""
    styles = {
        s.value: StatusStyle(s.value, str(ABBREVIATIONS[s]), str(s.label), s.get_color()) for s in ImplementationStatus
    }
    styles[None] = StatusStyle("none", NO_REPORT_ABBREVIATION, str(NO_REPORT_LABEL), "light")
    return styles


@dataclass(frozen=True)
class Cell:
    """One state's current status on one action."""

    action: RequiredAction
    style: StatusStyle

    @property
    def status(self) -> str | None:
        return None if self.style.status == "none" else self.style.status

    @property
    def abbreviation(self) -> str:
        return self.style.abbreviation

    @property
    def label(self) -> str:
        return self.style.label

    @property
    def color(self) -> str:
        return self.style.color


@dataclass
class ImplementationRow:
    """A state's cells in the window, and its compliance over the window's actions."""

    state: MemberState
    cells: list[Cell]
    score: Score

    @property
    def compliance(self) -> float | None:
        return self.score.percent


@dataclass
class Heatmap:
    """A window of the states × actions map: `actions` and `rows` are one page of each (`action_page`
    and `state_page` say which, of how many). The scores are those of the window's actions: a
    state's over them, an action's over every state the filters select, and overall."""

    actions: list[RequiredAction]
    rows: list[ImplementationRow]
    per_action: list[Score]
    overall: Score
    state_page: Page
    action_page: Page

    @property
    def groups(self) -> list[tuple[Decision, int]]:
        """Consecutive actions of the same decision, for the grouped column headers."""
        return [(decision, len(list(items))) for decision, items in groupby(self.actions, key=lambda a: a.decision)]

    @property
    def action_totals(self) -> list[tuple[RequiredAction, Score]]:
        return list(zip(self.actions, self.per_action, strict=True))

    @property
    def state_count(self) -> int:
        return self.state_page.paginator.count

    @property
    def action_count(self) -> int:
        return self.action_page.paginator.count


def heatmap_actions(*, decision=None, within: CapabilityArea | None = None):
    actions = (
        RequiredAction.objects.select_related("decision", "area")
        .defer("decision__text", *(f"area__{name}" for name in AREA_TEXTS))
        .order_by("-decision__date", "decision__reference", "position", "pk")
    )
    if decision is not None:
        actions = actions.filter(decision=decision)
    if within is not None:
        actions = actions.filter(Q(area=within) | Q(area__path__startswith=f"{within.path}/"))
    return actions


def heatmap_states(*, sub_region: str = "", membership: str = ""):
    states = MemberState.objects.only("pk", "name", "iso_code", "sub_region", "membership").order_by("name", "pk")
    if membership:
        states = states.filter(membership=membership)
    if sub_region:
        states = states.filter(sub_region=sub_region)
    return states


def implementation_heatmap(
    *,
    user,
    decision=None,
    within: CapabilityArea | None = None,
    sub_region: str = "",
    membership: str = "",
    state_page=1,
    action_page=1,
    states_per_page: int | None = None,
    actions_per_page: int | None = None,
) -> Heatmap:
    """A window of states × actions with the current status in each cell (`user`'s: the latest
    report they may read). The scores are those of the actions in the window: a state's over
    them, an action's over every state the filters select, and overall. Six queries whatever
    the size, none of them reading the history or more than the window's actions."""
    scope = heatmap_scope(sub_region=sub_region, membership=membership)
    states = heatmap_states(sub_region=sub_region, membership=membership)
    state_window = Paginator(states, states_per_page or STATES_PER_PAGE)
    action_window = Paginator(heatmap_actions(decision=decision, within=within), actions_per_page or ACTIONS_PER_PAGE)
    states_shown = state_window.get_page(state_page)
    actions_shown = action_window.get_page(action_page)
    states, actions = list(states_shown.object_list), list(actions_shown.object_list)
    statuses = current_statuses(user=user, states=states, actions=actions) if states and actions else {}
    action_counts = (
        _counts_by(scope.narrow(current_reports(user=user).filter(action__in=actions)), "action_id") if actions else {}
    )
    styles = status_styles()
    rows = []
    for state in states:
        row = [statuses.get((state.pk, action.pk)) for action in actions]
        rows.append(
            ImplementationRow(
                state, [Cell(a, styles[s]) for a, s in zip(actions, row, strict=True)], compliance_score(row)
            )
        )
    per_action = [_score(action_counts.get(action.pk), state_window.count) for action in actions]
    return Heatmap(
        actions=actions,
        rows=rows,
        per_action=per_action,
        overall=sum(per_action, Score()),
        state_page=states_shown,
        action_page=actions_shown,
    )


def series_url_prefix() -> str:
    """The address of the series pages up to the state's key: a cell adds "<state>/<action>/",
    so a page of cells costs one reverse(), not one per cell."""
    return reverse("decisions:implementation_series", args=[0, 0]).removesuffix("0/0/")


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
    return _path_subtree_code(area.path, parent=parent)


def _path_subtree_code(path: str, *, parent: CapabilityArea | None = None) -> str:
    segments = path.split("/")
    level = parent.depth + 1 if parent is not None else 0
    return segments[level] if len(segments) > level else segments[-1]


def compliance_by_area(heatmap: Heatmap, *, parent: CapabilityArea | None = None) -> AreaCompliance:
    """Score the window's states in each area subtree (the roots, or the children of `parent`)
    over the window's actions, from the heatmap's cells; the totals (from its per-action scores)
    cover every state the filters select. One more query, for the areas' names and order."""
    codes = list(dict.fromkeys(subtree_code(action.area, parent=parent) for action in heatmap.actions))
    named = CapabilityArea.objects.filter(code__in=[c for c in codes if c]).only("pk", "code", "name", "path")
    found = {a.code: a for a in named}
    codes.sort(key=lambda c: (c is None, found[c].path if c in found else ""))
    column = {code: i for i, code in enumerate(codes)}
    column_of = [column[subtree_code(action.area, parent=parent)] for action in heatmap.actions]
    rows = []
    for row in heatmap.rows:
        statuses: list[list] = [[] for _ in codes]
        for i, cell in zip(column_of, row.cells, strict=True):
            statuses[i].append(cell.status)
        rows.append(AreaComplianceRow(row.state, [compliance_score(s) for s in statuses], row.score))
    totals = [Score() for _ in codes]
    for i, score in zip(column_of, heatmap.per_action, strict=True):
        totals[i] += score
    return AreaCompliance(
        parent=parent,
        areas=[found.get(c) if c else None for c in codes],
        rows=rows,
        totals=totals,
        overall=heatmap.overall,
    )


def state_compliance(*, user, decision=None, within=None, sub_region: str = "", membership: str = ""):
    """Every state the filters select with its compliance over the actions they select, and the
    number of those actions and the overall score: two queries and a count, whatever the size."""
    scope = heatmap_scope(decision=decision, within=within, sub_region=sub_region, membership=membership)
    action_count = (scope.actions if scope.actions is not None else RequiredAction.objects.all()).count()
    states = list(heatmap_states(sub_region=sub_region, membership=membership))
    counts = _counts_by(scope.narrow(current_reports(user=user)), "state_id")
    rows = [(state, _score(counts.get(state.pk), action_count)) for state in states]
    return action_count, rows, sum((score for _state, score in rows), Score())


# --- decisions with their compliance, for the list ---------------------------------------------


def _count_current(user, statuses) -> Coalesce:
    return count_of(current_reports(user=user).filter(status__in=list(statuses)), "action__decision")


def _sum_tallies(field: str) -> Coalesce:
    summed = (
        ActionTally.objects.filter(action__decision=OuterRef("pk"))
        .order_by()
        .values("action__decision")
        .annotate(n=Sum(field))
        .values("n")
    )
    return Coalesce(Subquery(summed), 0)


def decision_list(*, user, state_count: int | None = None) -> QuerySet[Decision]:
    """Visible decisions annotated with action_count, complied_count, applicable_count and
    compliance_percent over every member state, computed in the database so that a page of
    decisions costs one query. Same rule as `compliance_score`, in SQL.

    Whoever reads every report (today everyone) gets the sums of the actions' kept tallies (a
    few rows per decision, so sorting by compliance costs little); someone who reads only some
    would count other current reports, so theirs are counted from `current_reports`."""
    if state_count is None:
        state_count = MemberState.objects.count()
    if ImplementationReport.access.view_q(user) == EVERYTHING:
        complied, not_applicable = _sum_tallies("complied"), _sum_tallies("not_applicable")
    else:
        complied = _count_current(user, ImplementationStatus.complied())
        not_applicable = _count_current(user, ImplementationStatus.not_applicable())
    return (
        Decision.objects.for_user(user)
        .annotate(
            action_count=count_of(RequiredAction.objects, "decision"),
            complied_count=complied,
            not_applicable_count=not_applicable,
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
        .order_by(*NEWEST_FIRST)
    )


def decision_action_history(*, decision, limit: int = HISTORY_LIMIT) -> list:
    """The change log of a decision's required actions, newest first: those it has, and the
    deletions of those it had (found by their recorded name, which starts with the reference)."""
    from auditlog.models import LogEntry

    deleted = Q(action=LogEntry.Action.DELETE, object_repr__startswith=f"{decision.reference} §")
    return history_for(decision.actions.all(), limit=limit, also=deleted)
