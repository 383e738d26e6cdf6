"""How an activity's lifecycle moves the requests it serves, and the guards that keep a request
from being planned, started or delivered without a real activity behind it.

`activity_transition` is the one way an activity changes status (pages, API, commands). It moves
the activity and then, in the same transaction, each request it serves (as the system, on behalf
of the person who moved the activity): if a request's move is refused, the activity's move is
refused with it, and nothing is half-written."""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.choices import DONE, LIVE, STARTED, ActivityStatus, NominationStatus
from activities.models import Activity
from activities.rules import modality_rule
from activities.workflow import activity_workflow
from assistance.choices import Status
from assistance.workflow import request_workflow
from core.events import event_register
from core.workflow import SYSTEM, InvalidTransition

A = ActivityStatus

# What each activity move does to the requests it serves: (the request's status now, its next).
REQUEST_FOLLOWS = {
    A.PLANNED: ((Status.HOST_CONFIRMED, Status.PLANNED),),
    A.IN_DELIVERY: ((Status.PLANNED, Status.IN_DELIVERY),),
    A.CLOSED: ((Status.IN_DELIVERY, Status.DELIVERED),),
    A.CANCELLED: ((Status.PLANNED, Status.HOST_CONFIRMED), (Status.IN_DELIVERY, Status.HOST_CONFIRMED)),
}

EVENTS = {
    A.PLANNED: _("Activity “%(activity)s” planned (%(dates)s)."),
    A.IN_DELIVERY: _("Activity “%(activity)s” started."),
    A.CLOSED: _("Activity “%(activity)s” delivered and closed, attendance recorded."),
    A.CANCELLED: _("Activity “%(activity)s” cancelled: %(reason)s"),
}


def events_register() -> None:
    for status, text in EVENTS.items():
        event_register(code=f"activities.request.{status}", text=text)


# --- guards on the activity's own moves -------------------------------------------------------


def guard_planned(activity: Activity, move) -> None:
    if not (activity.start_date and activity.end_date):
        raise InvalidTransition(gettext("Give the activity its first and last day before planning it."))


def guard_confirmed(activity: Activity, move) -> None:
    """Confirmed needs the fewest people the modality takes (experts for an expert mission)."""
    rule = modality_rule(activity.modality)
    if rule.counts_experts:
        count = activity.experts.count()
        message = gettext("An %(modality)s needs at least %(count)s expert(s); %(have)s assigned.")
    else:
        count = activity.nominations.filter(status=NominationStatus.CONFIRMED).count()
        message = gettext("This %(modality)s needs at least %(count)s confirmed participants; %(have)s confirmed.")
    if count < rule.min_people:
        raise InvalidTransition(
            message % {"modality": activity.get_modality_display().lower(), "count": rule.min_people, "have": count}
        )


def guard_closed(activity: Activity, move) -> None:
    """Closing needs attendance recorded for every confirmed participant."""
    confirmed = activity.nominations.filter(status=NominationStatus.CONFIRMED)
    if not confirmed.exists():
        raise InvalidTransition(gettext("Record the participants and their attendance before closing."))
    missing = confirmed.filter(attendance__isnull=True).count()
    if missing:
        raise InvalidTransition(
            gettext("Record attendance for every participant before closing: %(count)s have none.") % {"count": missing}
        )


# --- guards on the request's moves (no request is planned, started or delivered without one) --


def _serving(assistance_request, statuses):
    return Activity.objects.filter(requests=assistance_request, status__in=statuses).exists()


def guard_request_planned(assistance_request, move) -> None:
    if not _serving(assistance_request, (*LIVE, *DONE)):
        raise InvalidTransition(gettext("A request is planned when an activity that serves it is planned."))


def guard_request_in_delivery(assistance_request, move) -> None:
    if not _serving(assistance_request, STARTED):
        raise InvalidTransition(gettext("Delivery starts when an activity that serves the request starts."))


def guard_request_delivered(assistance_request, move) -> None:
    if not _serving(assistance_request, (A.CLOSED,)):
        raise InvalidTransition(
            gettext("A request is delivered when an activity that serves it is closed with its attendance recorded.")
        )


def guard_request_back_to_host_confirmed(assistance_request, move) -> None:
    """Back from planned or in delivery only when no activity serving it still goes ahead."""
    if move.source in (Status.PLANNED, Status.IN_DELIVERY) and _serving(assistance_request, (*LIVE, *DONE)):
        raise InvalidTransition(gettext("Another activity still serves this request: cancel it first."))


def guards_register() -> None:
    """Called once from ActivitiesConfig.ready()."""
    activity_workflow.add_guard(A.PLANNED, guard_planned)
    activity_workflow.add_guard(A.CONFIRMED, guard_confirmed)
    activity_workflow.add_guard(A.CLOSED, guard_closed)
    request_workflow.add_guard(Status.PLANNED, guard_request_planned)
    request_workflow.add_guard(Status.IN_DELIVERY, guard_request_in_delivery)
    request_workflow.add_guard(Status.DELIVERED, guard_request_delivered)
    request_workflow.add_guard(Status.HOST_CONFIRMED, guard_request_back_to_host_confirmed)
    events_register()


# --- the one move ------------------------------------------------------------------------------


def _dates(activity: Activity) -> str:
    from django.utils.formats import date_format

    if not activity.start_date:
        return ""
    return (
        f"{date_format(activity.start_date, 'SHORT_DATE_FORMAT')}–{date_format(activity.end_date, 'SHORT_DATE_FORMAT')}"
    )


@transaction.atomic
def activity_transition(*, activity_id: int, to: str, actor, comment: str = "", version: int | None = None) -> Activity:
    """Move the activity, then the requests it serves that stand where the move takes them from;
    `version` (the version the page showed) refuses a move of an activity changed since."""
    activity = activity_workflow.move(pk=activity_id, to=to, actor=actor, comment=comment, version=version)
    follows = dict(REQUEST_FOLLOWS.get(to, ()))
    if not follows:
        return activity
    params = {"activity": activity.title, "dates": _dates(activity), "reason": comment.strip()}
    for assistance_request in activity.requests.select_for_update().filter(status__in=list(follows)).order_by("pk"):
        request_workflow.move(
            pk=assistance_request.pk,
            to=follows[assistance_request.status],
            actor=SYSTEM,
            on_behalf_of=None if getattr(actor, "is_system", False) else actor,
            comment=comment if to == A.CANCELLED else "",
            event=f"activities.request.{to}",
            event_params=params,
        )
    return activity
