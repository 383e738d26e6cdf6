"""Page-shaped reads of activities, scoped by `for_user` with what each page shows joined.

Other apps read activities through this module only (matching reads what was really done)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from activities import planning
from activities.choices import ACTIVITY_MODALITIES, DONE, LIVE
from activities.models import Activity
from activities.rules import modality_rule
from assistance import selectors as request_selectors
from assistance.choices import Modality, Status
from assistance.models import AssistanceRequest
from core.access import can

MODALITIES = {value for value, _label in ACTIVITY_MODALITIES}


def activity_list(*, user) -> QuerySet[Activity]:
    """The activities the user may see, with what a list row shows already joined."""
    return Activity.objects.for_user(user).select_related("host_state", "host_institution", "officer")


def activity_detail_queryset(*, user) -> QuerySet[Activity]:
    return (
        Activity.objects.for_user(user)
        .select_related("host_state", "host_institution", "officer")
        .prefetch_related("states", "experts", "languages", "areas")
    )


def activity_api_queryset(*, user) -> QuerySet[Activity]:
    """The API's rows: every link as ids, fetched in a fixed number of queries."""
    return activity_list(user=user).prefetch_related("requests", "states", "experts", "languages", "areas")


def requests_served(*, activity: Activity, user) -> list[AssistanceRequest]:
    """The requests the activity serves that this user may see (one query)."""
    return list(
        request_selectors.request_list(user=user).filter(activities=activity).select_related("state").order_by("pk")
    )


def activities_serving(*, assistance_request: AssistanceRequest, user) -> list[Activity]:
    return list(
        Activity.objects.for_user(user)
        .filter(requests=assistance_request)
        .select_related("host_state", "host_institution")
        .order_by("start_date", "pk")
    )


def request_activities_panel(*, record, user) -> dict | None:
    """The panel on a request's page: the activities serving it, and the Plan button for those
    who may plan one now (None: nothing to show)."""
    activities = activities_serving(assistance_request=record, user=user)
    may_plan = record.status == Status.HOST_CONFIRMED and can(user, "add", Activity)
    if not (activities or may_plan):
        return None
    return {"activities": activities, "may_plan": may_plan, "served_request": record}


def planned_modality(assistance_request: AssistanceRequest) -> str:
    """The request's modality, or the needs assessment's recommendation when it has no preference."""
    modality = assistance_request.modality
    if modality == Modality.NO_PREFERENCE:
        assessment = request_selectors.needs_assessment_of(assistance_request)
        modality = assessment.recommended_modality if assessment else ""
    return modality if modality in MODALITIES else ""


@dataclass
class PlanProposal:
    """What the plan page proposes for a request: the activity's fields and its dates."""

    initial: dict
    dates: planning.DateProposal | None


def plan_proposal(*, assistance_request: AssistanceRequest, modality: str = "") -> PlanProposal:
    """The activity a confirmed request asks for: its title, modality, host, states, areas,
    and dates proposed on the host's calendar inside the request's window."""
    modality = modality if modality in MODALITIES else planned_modality(assistance_request)
    areas = list(assistance_request.areas.all())
    initial = {
        "title": assistance_request.title,
        "modality": modality,
        "description": assistance_request.need,
        "host_state": assistance_request.host_state_id,
        "host_institution": assistance_request.host_institution_id,
        "states": [assistance_request.state_id],
        "areas": [area.pk for area in areas],
        "visibility": assistance_request.visibility,
    }
    host = assistance_request.host_state
    if not (modality and host and assistance_request.window_start and assistance_request.window_end):
        return PlanProposal(initial, None)
    dates = planning.propose_dates(
        country=host.iso_code,
        host_state_id=host.pk,
        host_institution_id=assistance_request.host_institution_id,
        window_start=assistance_request.window_start,
        window_end=assistance_request.window_end,
        working_days=modality_rule(modality).default_days,
        topic=" ".join([assistance_request.title, *(area.name for area in areas)]),
    )
    initial.update(start_date=dates.start, end_date=dates.end)
    return PlanProposal(initial, dates)


def plannable_request(*, user, request_id: int) -> AssistanceRequest:
    """A request the user may see, with what the plan page reads joined."""
    return (
        AssistanceRequest.objects.for_user(user)
        .select_related("state", "host_state", "host_institution")
        .prefetch_related(Prefetch("areas"))
        .get(pk=request_id)
    )


# --- for matching: what was really done, and who is busy when (whole-community reads) ----------


def hosted_activity_rows() -> list[tuple[int, int, int | None, tuple[int, ...], str, str]]:
    """Activities delivered or closed, as matching's track record reads them (2 queries):
    (activity id, host state id, host institution id or None, area ids, title, description)."""
    done = Activity.objects.filter(status__in=DONE)
    rows = list(done.order_by("pk").values_list("pk", "host_state_id", "host_institution_id", "title", "description"))
    areas: dict[int, list[int]] = defaultdict(list)
    for activity_id, area_id in Activity.areas.through.objects.filter(activity__status__in=DONE).values_list(
        "activity_id", "capabilityarea_id"
    ):
        areas[activity_id].append(area_id)
    return [
        (pk, state_id, institution_id, tuple(sorted(set(areas[pk]))), title, description)
        for pk, state_id, institution_id, title, description in rows
    ]


def hosting_rows() -> list[tuple[int, int | None, datetime.date]]:
    """Every activity delivered, closed or live with a host and a first day, in any area, as
    matching's burden reads it (1 query): (host state id, host institution id or None, first day)."""
    return list(
        Activity.objects.filter(status__in=(*DONE, *LIVE), host_state__isnull=False, start_date__isnull=False)
        .order_by("start_date", "pk")
        .values_list("host_state_id", "host_institution_id", "start_date")
    )


def _live_dated(start: datetime.date | None, end: datetime.date | None):
    live = Activity.objects.filter(status__in=LIVE, start_date__isnull=False, end_date__isnull=False)
    if start is not None:
        live = live.filter(end_date__gte=start)
    if end is not None:
        live = live.filter(start_date__lte=end)
    return live


def _first_request(activity_ref: str):
    """The lowest request the activity serves, in the same query (None when it serves none)."""
    served = Activity.requests.through.objects.filter(activity_id=OuterRef(activity_ref))
    return Subquery(served.order_by("assistancerequest_id").values("assistancerequest_id")[:1])


def host_busy_rows(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> list[tuple[int, int, datetime.date, datetime.date, int]]:
    """Live activities (planned, confirmed, in delivery) of each host, overlapping the window
    when one is given (1 query): (host state id, activity id, first day, last day, request id).

    The request id is the first request the activity serves (0 for none), so a request is not
    counted as its own host's load."""
    rows = (
        _live_dated(start, end)
        .annotate(first_request=_first_request("pk"))
        .order_by("pk")
        .values_list("host_state_id", "pk", "start_date", "end_date", "first_request")
    )
    return [(state_id, pk, first, last, request_id or 0) for state_id, pk, first, last, request_id in rows]


def expert_booking_rows(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> list[tuple[int, int, datetime.date, datetime.date, int]]:
    """The experts of live activities, overlapping the window when one is given (1 query):
    (person id, activity id, first day, last day, first request served or 0)."""
    rows = (
        Activity.experts.through.objects.filter(activity__in=_live_dated(start, end))
        .annotate(first_request=_first_request("activity_id"))
        .order_by("activity_id", "person_id")
        .values_list("person_id", "activity_id", "activity__start_date", "activity__end_date", "first_request")
    )
    return [(person_id, pk, first, last, request_id or 0) for person_id, pk, first, last, request_id in rows]


def expert_track_rows() -> list[tuple[int, int]]:
    """(person id, activity id) for each expert of a delivered or closed activity (1 query)."""
    return list(
        Activity.experts.through.objects.filter(activity__status__in=DONE)
        .order_by("activity_id", "person_id")
        .values_list("person_id", "activity_id")
    )
