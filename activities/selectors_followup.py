"""Reads of activities that the follow-up app needs (evaluations, retention, closing the loop).
Unscoped: the follow-up app checks who may see what before it shows any of it."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from activities.choices import ActivityStatus, NominationStatus
from activities.models import Activity, Attendance, Nomination


def closed_activities() -> QuerySet:
    return Activity.objects.filter(status=ActivityStatus.CLOSED, end_date__isnull=False)


def activity_with_host(*, activity_id: int) -> Activity:
    return Activity.objects.select_related("host_state", "host_institution", "officer").get(pk=activity_id)


def activities_by_id(ids) -> dict[int, Activity]:
    rows = Activity.objects.filter(pk__in=list(ids)).select_related("host_state").prefetch_related("areas")
    return {activity.pk: activity for activity in rows}


def activities_serving(*, request_id: int, statuses=None) -> QuerySet:
    rows = Activity.objects.filter(requests=request_id)
    return rows.filter(status__in=statuses) if statuses else rows


def trained_participants(*, activity_ids=None, state_id=None, person_id=None) -> QuerySet:
    """Confirmed participants present at least one day of a closed activity, with their person,
    its post history, their state and the activity."""
    present = Attendance.objects.filter(nomination=OuterRef("pk"), present=True)
    rows = (
        Nomination.objects.filter(status=NominationStatus.CONFIRMED, activity__status=ActivityStatus.CLOSED)
        .filter(Exists(present))
        .select_related("person", "state", "activity", "activity__officer")
        .prefetch_related(Prefetch("person__posts"), "person__languages")
        .order_by("activity__end_date", "person__full_name", "pk")
    )
    if activity_ids is not None:
        rows = rows.filter(activity__in=list(activity_ids))
    if state_id is not None:
        rows = rows.filter(state=state_id)
    if person_id is not None:
        rows = rows.filter(person=person_id)
    return rows


def activity_experts(*, activity_id: int) -> QuerySet:
    return Activity.objects.get(pk=activity_id).experts.select_related("state").prefetch_related("languages")


def find_activity_by_title(fragment: str) -> Activity | None:
    return Activity.objects.filter(title__icontains=fragment).order_by("start_date").first()


def activity_for_user(*, user, activity_id: int) -> Activity:
    """The activity if the user may read it (Http404 otherwise)."""
    from django.shortcuts import get_object_or_404

    queryset = Activity.objects.for_user(user).select_related("host_state", "host_institution", "officer")
    return get_object_or_404(queryset, pk=activity_id)


def activity_choices(*, user) -> QuerySet:
    return Activity.objects.for_user(user)
