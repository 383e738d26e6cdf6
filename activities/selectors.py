"""Reads of activities that pages and other apps need, scoped by `for_user` where a person reads
them. Other apps import these functions, never `activities.models`."""

import datetime
from collections import defaultdict

from django.db.models import OuterRef, Subquery

from activities.choices import DONE, LIVE
from activities.models import Activity

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
