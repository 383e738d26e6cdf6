"""Page-shaped reads of requests: lists, the board, a request's timeline and its baseline."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from assistance import services
from assistance.choices import Status, Urgency
from assistance.models import AssistanceRequest, NeedsAssessment
from community.models import CapabilityArea
from core.access import can
from core.models import Document, TransitionRecord
from core.paging import capped_counts
from core.registry import WORKLIST_LIMIT, HomeCounter, WorkItem
from core.urls_helpers import record_url
from core.workflow import transitions_of
from maturity.selectors import current_levels

# Statuses shown as columns of the board: everything a request can still move out of.
BOARD_STATUSES = [status for status in Status if status not in Status.finished()]


def request_list(*, user) -> QuerySet[AssistanceRequest]:
    """The requests the user may see, with what a list row shows already joined."""
    return AssistanceRequest.objects.for_user(user).select_related("state", "institution", "assigned_officer")


_DOCUMENTS = Document.objects.select_related("uploaded_by")


def request_detail_queryset(*, user) -> QuerySet[AssistanceRequest]:
    return (
        AssistanceRequest.objects.for_user(user)
        .select_related("state", "institution", "focal_point", "assigned_officer")
        .prefetch_related(
            "areas",
            "decisions",
            "actions__decision",
            Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
        )
    )


def officer_choices() -> QuerySet[User]:
    """The people a request can be routed to: active secretariat staff."""
    return User.objects.filter(role__in=Role.secretariat(), is_active=True).order_by("full_name", "email")


def overdue_q(*, now: datetime.datetime | None = None) -> Q:
    """Requests waiting longer in their status than ATTACHE_STATUS_DEADLINES allows
    (the database side of `services.is_overdue`)."""
    now = now or timezone.now()
    query = Q(pk__in=[])
    for status, days in settings.ATTACHE_STATUS_DEADLINES.items():
        query |= Q(status=status, status_changed_at__lt=now - datetime.timedelta(days=days))
    return query


def with_overdue(assistance_requests) -> list[AssistanceRequest]:
    """Mark each request of an already fetched page with `overdue` (no queries)."""
    assistance_requests = list(assistance_requests)
    for assistance_request in assistance_requests:
        assistance_request.overdue = services.is_overdue(assistance_request)
    return assistance_requests


# Cards a board column shows at a time; "more" loads the next ones of that column only.
BOARD_PAGE_SIZE = 10
# The column's order: oldest in their status first, the key breaking ties so pages never overlap
# (index `request_board_order`).
BOARD_ORDER = ("status_changed_at", "pk")


@dataclass
class BoardCard:
    """What a board card shows of a request, read as plain values for the cards shown only."""

    pk: int
    reference: str | None
    title: str
    state_code: str
    status_changed_at: datetime.datetime
    urgent: bool
    overdue: bool
    officer: str  # empty while not yet assigned
    url: str
    areas: list[str] = field(default_factory=list)  # names, in tree order


@dataclass
class BoardColumn:
    """One status of the board: how many requests are in it and one page of its cards."""

    status: Status
    count: int = 0  # up to BOARD_COUNT_CAP + 1
    page: int = 1
    cards: list[BoardCard] = field(default_factory=list)
    has_more: bool = False

    @property
    def page_param(self) -> str:
        """The query parameter holding this column's page (`page_registered=2`)."""
        return board_page_param(self.status)

    @property
    def count_capped(self) -> bool:
        """Whether the column holds more requests than it counts (its badge says "500+")."""
        return self.count > BOARD_COUNT_CAP

    @property
    def count_display(self) -> str:
        return f"{BOARD_COUNT_CAP}+" if self.count_capped else str(self.count)


def board_page_param(status) -> str:
    return f"page_{status}"


def board_page(params, status) -> int:
    """The page of a column asked for in `params` (the query string): 1 unless a positive number."""
    value = params.get(board_page_param(status), "")
    return int(value) if value.isdigit() and int(value) > 0 else 1


# A column counts its requests up to this many and shows "500+" beyond: counting every open
# request of a global community on every view would cost more than the page.
BOARD_COUNT_CAP = 500


def board_counts(queryset: QuerySet[AssistanceRequest], *, user) -> dict[str, int]:
    """How many requests each board column holds, up to BOARD_COUNT_CAP + 1 (more than the cap
    shows as "500+"): one query, each column's count walking the board index no further than
    the cap."""
    return capped_counts(
        {status.value: queryset.in_status(status, user=user) for status in BOARD_STATUSES}, cap=BOARD_COUNT_CAP
    )


def _column_keys(queryset, status, page: int, user) -> list[int]:
    """The keys of one page of a column, plus one more to tell whether another page follows:
    read from the board index alone (it holds what `for_user` filters on)."""
    start = (page - 1) * BOARD_PAGE_SIZE
    ordered = queryset.in_status(status, user=user).order_by(*BOARD_ORDER)
    return list(ordered.values_list("pk", flat=True)[start : start + BOARD_PAGE_SIZE + 1])


# What a card shows, read with the requesting state's code and the officer's name.
_CARD_VALUES = (
    "pk",
    "reference",
    "title",
    "state__iso_code",
    "status",
    "status_changed_at",
    "urgency",
    "assigned_officer__full_name",
    "assigned_officer__email",
)


def board_cards(keys: list[int]) -> dict[int, BoardCard]:
    """The cards of the requests `keys` (already narrowed to what the user may see), by key:
    their values in one query, every card's area names in another, whatever the number of cards."""
    cards = {}
    rows = AssistanceRequest.objects.filter(pk__in=keys).values_list(*_CARD_VALUES)
    for pk, reference, title, state_code, status, since, urgency, officer_name, officer_email in rows:
        cards[pk] = BoardCard(
            pk=pk,
            reference=reference,
            title=title,
            state_code=state_code,
            status_changed_at=since,
            urgent=urgency == Urgency.HIGH,
            overdue=services.status_overdue(status, since),
            officer=User.label(officer_name, officer_email) if officer_email else "",
            url=record_url("assistance:request_detail", pk),
        )
    # The names in the language of the page, as `area.name` gives them (falling back like it).
    for request_id, name in CapabilityArea.objects.filter(requests__in=keys).values_list("requests", "name"):
        cards[request_id].areas.append(name)  # (a request deleted after the first read lost its areas too)
    return cards


def _board_columns(queryset, columns: list[BoardColumn], user) -> list[BoardColumn]:
    """Fill each column's page of cards: a query per column for its keys (a union of limited
    selects is not portable: SQLite refuses it), then two for all the cards shown together."""
    keys = {column.status: _column_keys(queryset, column.status, column.page, user) for column in columns}
    cards = board_cards([key for column_keys in keys.values() for key in column_keys[:BOARD_PAGE_SIZE]])
    for column in columns:
        # A request deleted between the two reads is left out rather than failing the page.
        column.cards = [cards[key] for key in keys[column.status][:BOARD_PAGE_SIZE] if key in cards]
        column.has_more = len(keys[column.status]) > BOARD_PAGE_SIZE
    return columns


def request_board(queryset: QuerySet[AssistanceRequest], *, user, params=None) -> list[BoardColumn]:
    """Open requests by status, one page of cards per column (the page each column is at in
    `params`, the query string), each column with its count: a query per column and three more,
    however many requests.
    `queryset` is already narrowed to what `user` may see."""
    params = params or {}
    counts = board_counts(queryset, user=user)
    columns = [BoardColumn(status, counts.get(status, 0), board_page(params, status)) for status in BOARD_STATUSES]
    return _board_columns(queryset, columns, user)


def request_board_column(queryset: QuerySet[AssistanceRequest], *, user, status: Status, page: int) -> BoardColumn:
    """One page of one column (what "more" loads): three queries, no count."""
    return _board_columns(queryset, [BoardColumn(status, page=page)], user)[0]


def _display(duration: datetime.timedelta, now: datetime.datetime) -> str:
    return timesince(now - duration, now, depth=2)


@dataclass
class TimelineEntry:
    """One status change and how long the request then stayed in the new status."""

    change: TransitionRecord
    ended: datetime.datetime | None  # None while the request is still in this status
    duration: datetime.timedelta
    duration_display: str

    @property
    def is_current(self) -> bool:
        return self.ended is None


@dataclass
class StatusTime:
    """Total time spent in one status, over every visit to it."""

    status: Status
    duration: datetime.timedelta
    duration_display: str
    visits: int
    is_current: bool


@dataclass
class Timeline:
    entries: list[TimelineEntry]  # oldest first
    totals: list[StatusTime]  # in the order the statuses were first entered


def request_timeline(*, assistance_request: AssistanceRequest, now: datetime.datetime | None = None) -> Timeline:
    """Who moved the request when, and how long it stayed in each status (one query)."""
    now = now or timezone.now()
    changes = list(transitions_of(assistance_request))
    entries = []
    for index, change in enumerate(changes):
        ended = changes[index + 1].at if index + 1 < len(changes) else None
        duration = max((ended or now) - change.at, datetime.timedelta(0))
        entries.append(TimelineEntry(change, ended, duration, _display(duration, now)))
    if not entries:
        # A request recorded without history (e.g. imported): only its current status is known.
        duration = max(now - assistance_request.status_changed_at, datetime.timedelta(0))
        status = Status(assistance_request.status)
        return Timeline([], [StatusTime(status, duration, _display(duration, now), 1, True)])
    totals: dict[str, list] = {}
    for entry in entries:
        total = totals.setdefault(entry.change.to_status, [datetime.timedelta(0), 0, False])
        total[0] += entry.duration
        total[1] += 1
        total[2] = total[2] or entry.is_current
    return Timeline(
        entries,
        [
            StatusTime(Status(status), d, _display(d, now), visits, current)
            for status, (d, visits, current) in totals.items()
        ],
    )


@dataclass
class BaselineRow:
    """One requested area: the level recorded in the needs assessment and the maturity map's."""

    area: object
    recorded: int | None
    map_level: int | None
    map_assessed_on: datetime.date | None


def baseline_rows(
    *, assistance_request: AssistanceRequest, user, assessment: NeedsAssessment | None
) -> list[BaselineRow]:
    """The requested areas with the baseline recorded in the assessment (if any) beside the
    requesting state's current level on the maturity map."""
    areas = list(assistance_request.areas.all())
    state_id = assistance_request.state_id
    latest = current_levels(user=user, states=[state_id], areas=areas)
    recorded = assessment.baseline if assessment is not None else {}
    rows = []
    for area in areas:
        current = latest.get((state_id, area.pk))
        rows.append(
            BaselineRow(
                area,
                recorded.get(area.code),
                current.level if current else None,
                current.assessed_on if current else None,
            )
        )
    return rows


def needs_assessment_of(assistance_request: AssistanceRequest) -> NeedsAssessment | None:
    try:
        return assistance_request.needs_assessment
    except NeedsAssessment.DoesNotExist:
        return None


# --- plain rows for other apps (peer matching reads requests through these) ---------------------

# A request whose activity took place: what its host and experts did for it is their track record.
DELIVERED_STATUSES = (Status.DELIVERED, Status.FOLLOW_UP, Status.CLOSED)


def delivered_requests() -> QuerySet[AssistanceRequest]:
    """Requests where something was really delivered: delivered, in follow-up or closed, having
    reached `delivered` through the workflow (its history records the move). A request closed
    without delivery, or whose status was set by hand, is no one's track record. The one rule."""
    delivered_move = TransitionRecord.objects.filter(assistance_request=OuterRef("pk"), to_status=Status.DELIVERED)
    return AssistanceRequest.objects.filter(Exists(delivered_move), status__in=DELIVERED_STATUSES)


def undelivered_open_statuses() -> tuple[str, ...]:
    """Statuses of requests still to be served: their accepted hosts and experts are busy in
    their windows."""
    return tuple(s for s in Status.values if s not in Status.finished() and s not in DELIVERED_STATUSES)


def request_queryset() -> QuerySet[AssistanceRequest]:
    """Every request, unscoped: a serializer's choices, narrowed to what the user sees by the field."""
    return AssistanceRequest.objects.all()


def request_for_update(*, request_id: int) -> AssistanceRequest:
    """The request, locked until the transaction ends (two officers may act on it at once)."""
    return AssistanceRequest.objects.select_for_update().get(pk=request_id)


def request_by_reference(*, ref: str) -> AssistanceRequest | None:
    """A request by its reference (TA/2026/0042), or by its id when `ref` is a number."""
    queryset = AssistanceRequest.objects.select_related("state")
    found = queryset.filter(reference__iexact=ref).first()
    if found is None and ref.isdigit():
        found = queryset.filter(pk=int(ref)).first()
    return found


def request_by_title(*, state_iso: str, title: str) -> AssistanceRequest | None:
    """A state's request by its title (the demo loaders find each other's records so)."""
    return AssistanceRequest.objects.filter(state__iso_code=state_iso, title=title).first()


def request_need_areas(*, request: AssistanceRequest) -> list[tuple[int, str, str]]:
    """The capability areas a request asks for, in tree order: (id, name, description)."""
    return list(request.areas.order_by("path", "pk").values_list("id", "name", "description"))


def requests_need_areas(*, request_ids) -> dict[int, list[tuple[int, str, str]]]:
    """`request_need_areas` of many requests in one query: request id → (id, name, description),
    in tree order."""
    rows = AssistanceRequest.areas.through.objects.filter(assistancerequest_id__in=request_ids).order_by(
        "capabilityarea__path", "capabilityarea_id"
    )
    found: dict[int, list[tuple[int, str, str]]] = {}
    for request_id, *area in rows.values_list(
        "assistancerequest_id", "capabilityarea_id", "capabilityarea__name", "capabilityarea__description"
    ):
        found.setdefault(request_id, []).append(tuple(area))
    return found


def request_area_rows(*, request_ids) -> list[tuple[int, int]]:
    """(request id, area id) for the requests given (ids, or a subquery of ids)."""
    return list(
        AssistanceRequest.areas.through.objects.filter(assistancerequest_id__in=request_ids).values_list(
            "assistancerequest_id", "capabilityarea_id"
        )
    )


# --- the home page's figures --------------------------------------------------------------


# The home page counts each figure up to this many and shows "1,000+" beyond.
HOME_COUNT_CAP = 1000


def _home_figure(count: int, label, url: str) -> HomeCounter:
    return HomeCounter.counted(label, count, url, cap=HOME_COUNT_CAP)


def request_home_counters(*, user) -> list:
    """What waits for this user among the requests they may see, counted in one query: the
    open requests, those waiting for registration (for whoever registers them), those assigned
    to them, the overdue ones, and their state's drafts (for whoever files them). Each count
    stops past HOME_COUNT_CAP, so its cost does not grow with the community."""
    visible = AssistanceRequest.objects.for_user(user)
    open_values = [status for status in Status.values if status not in Status.finished()]
    counts = capped_counts(
        {
            "open": visible.filter(status__in=open_values),
            "submitted": visible.filter(status=Status.SUBMITTED),
            "assigned": visible.filter(status__in=open_values, assigned_officer=user),
            "overdue": visible.filter(overdue_q()),
            "drafts": visible.filter(status=Status.DRAFT),
        },
        cap=HOME_COUNT_CAP,
    )
    url = reverse("assistance:request_list")
    open_statuses = "&".join(f"status={status}" for status in open_values)
    figures = [_home_figure(counts["open"], _("Open requests"), f"{url}?{open_statuses}")]
    if can(user, f"transition:{Status.REGISTERED}", AssistanceRequest):
        figures.append(_home_figure(counts["submitted"], _("Waiting for registration"), f"{url}?status=submitted"))
    if can(user, "assign", AssistanceRequest):
        figures.append(
            _home_figure(counts["assigned"], _("Assigned to you"), f"{url}?officer={user.pk}&{open_statuses}")
        )
        figures.append(_home_figure(counts["overdue"], _("Overdue"), f"{url}?overdue=true"))
    if can(user, "file", AssistanceRequest):
        figures.append(_home_figure(counts["drafts"], _("Drafts"), f"{url}?status=draft"))
    return figures


# --- the home page's worklist ------------------------------------------------------------------

# What an officer does next with a request assigned to them, by status.
OFFICER_STEPS = {
    Status.REGISTERED: _("Assess the need"),
    Status.ASSESSING: _("Finish the needs assessment"),
    Status.APPROVED: _("Find a host"),
    Status.HOST_CONFIRMED: _("Plan the activity"),
}
# What the requesting state does next, by status.
STATE_STEPS = {
    Status.DRAFT: _("Submit the draft"),
    Status.PLANNED: _("Nominate officials and prepare"),
    Status.FOLLOW_UP: _("Answer the follow-up"),
}


def _work_item(assistance_request, label, *, overdue: bool = False):
    reference = assistance_request.reference or gettext("not registered")
    detail = f"{reference} · {assistance_request.state.name} · {assistance_request.get_status_display()}"
    limit = services.overdue_limit(assistance_request.status)
    due = (assistance_request.status_changed_at + limit).date() if limit is not None else None
    return WorkItem(f"{label}: {assistance_request.title}", detail, assistance_request.get_absolute_url(), due, overdue)


def request_worklist(*, user) -> list:
    """What waits for this user among requests: for whoever routes requests (the secretariat),
    those assigned to them waiting on them and the overdue ones; for whoever files them (a
    focal point), their state's requests where the state acts next. Two queries at most."""
    if not user.is_authenticated:
        return []
    visible = request_list(user=user)
    if can(user, "assign", AssistanceRequest):
        assigned = list(
            visible.filter(assigned_officer=user, status__in=list(OFFICER_STEPS)).order_by("status_changed_at")[
                :WORKLIST_LIMIT
            ]
        )
        overdue = list(
            visible.filter(overdue_q())
            .exclude(pk__in=[r.pk for r in assigned])
            .order_by("status_changed_at")[:WORKLIST_LIMIT]
        )
        items = [_work_item(r, OFFICER_STEPS[Status(r.status)], overdue=services.is_overdue(r)) for r in assigned]
        return items + [_work_item(r, gettext("Overdue"), overdue=True) for r in overdue]
    if can(user, "file", AssistanceRequest):
        theirs = visible.filter(status__in=list(STATE_STEPS)).order_by("status_changed_at")[:WORKLIST_LIMIT]
        return [_work_item(r, STATE_STEPS[Status(r.status)]) for r in theirs]
    return []
