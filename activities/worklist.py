"""What waits for each user among activities, for the home page's worklist.

Who sees which item is asked of the access rules, never of the role: whoever plans activities
(the secretariat) sees those starting soon, the nominations to confirm and the deliveries to
close; whoever prepares a hosted activity sees those to prepare; whoever nominates for a state
sees the activities open for nominations; a person assigned as expert or facilitator sees the
assignments. At most three queries per kind of item, whatever the numbers, each capped at
`WORKLIST_LIMIT` rows."""

import datetime

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.choices import LIVE, ActivityStatus, NominationStatus
from activities.models import Activity, Nomination, Session
from core.access import can
from core.registry import WORKLIST_LIMIT, WorkItem

SOON = datetime.timedelta(days=30)
# An international attachment needs visas, flights and a programme: three months ahead.
PREPARE_AHEAD = datetime.timedelta(days=90)
OPEN_FOR_NOMINATIONS = (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED)


def _page_url(name: str, activity_id: int, anchor: str = "") -> str:
    """The activity's page for this part of the work (its people, its agenda)."""
    return reverse(name, args=[activity_id]) + anchor


def _where(activity: Activity) -> str:
    dates = ""
    if activity.start_date and activity.end_date:
        dates = f"{date_format(activity.start_date)} – {date_format(activity.end_date)} · "
    elif activity.start_date:  # the last day is not fixed yet
        dates = f"{date_format(activity.start_date)} · "
    return f"{dates}{activity.host_state.name}"


def _activities(queryset, **filters):
    return list(queryset.filter(**filters).select_related("host_state").order_by("start_date", "pk")[:WORKLIST_LIMIT])


def officer_items(*, user, today) -> list[WorkItem]:
    visible = Activity.objects.for_user(user)
    items = [
        WorkItem(
            _("Starts soon: %(title)s") % {"title": activity.title},
            _where(activity),
            activity.get_absolute_url(),
            activity.start_date,
        )
        for activity in _activities(visible, status__in=LIVE, start_date__range=(today, today + SOON))
    ]
    # From the proposals (few) to their activities: walking the activities by date to find those
    # with a proposal read thousands of past ones first. Two queries, whatever the numbers.
    first = (
        Nomination.objects.filter(status=NominationStatus.PROPOSED, activity__in=visible)
        .values("activity")
        .annotate(proposed=Count("pk"), start=Min("activity__start_date"))
        .order_by("start", "activity")[:WORKLIST_LIMIT]
    )
    counts = {row["activity"]: row["proposed"] for row in first}
    waiting = Activity.objects.filter(pk__in=counts).select_related("host_state").order_by("start_date", "pk")
    items += [
        WorkItem(
            ngettext(
                "Confirm %(count)d nomination: %(title)s",
                "Confirm %(count)d nominations: %(title)s",
                counts[activity.pk],
            )
            % {"count": counts[activity.pk], "title": activity.title},
            _where(activity),
            _page_url("activities:activity_people", activity.pk, "#nominations"),
            activity.start_date,
        )
        for activity in waiting
    ]
    items += [
        WorkItem(
            _("Delivered, to close: %(title)s") % {"title": activity.title},
            _where(activity),
            activity.get_absolute_url(),
            activity.end_date,
            overdue=bool(activity.end_date and activity.end_date < today),
        )
        for activity in _activities(visible, status=ActivityStatus.DELIVERED)
    ]
    return items


def host_items(*, user, today) -> list[WorkItem]:
    hosted = Activity.objects.filter(Activity.access.action_q(user, "prepare"))
    return [
        WorkItem(
            _("Prepare: %(title)s") % {"title": activity.title},
            _where(activity),
            _page_url("activities:activity_agenda", activity.pk),
            activity.start_date,
        )
        for activity in _activities(
            hosted, status__in=OPEN_FOR_NOMINATIONS, start_date__range=(today, today + PREPARE_AHEAD)
        )
    ]


def nominating_items(*, user, today) -> list[WorkItem]:
    theirs = Activity.objects.filter(Activity.access.action_q(user, "nominate"))
    return [
        WorkItem(
            _("Nominate officials: %(title)s") % {"title": activity.title},
            _where(activity),
            _page_url("activities:activity_people", activity.pk, "#nominations"),
            activity.start_date,
        )
        for activity in _activities(theirs, status__in=OPEN_FOR_NOMINATIONS, start_date__gte=today)
    ]


def expert_items(*, user, today) -> list[WorkItem]:
    """The activities a person leads or facilitates sessions of, from today on: found from the
    person's few links (named expert, facilitator) rather than by walking every activity, then
    the sessions they lead counted for the eight at most shown."""
    person = user.person_id
    facilitated = Session.objects.filter(facilitator=person)
    named = Activity.experts.through.objects.filter(person=person).values_list("activity", flat=True)
    linked = set(named.order_by().union(facilitated.order_by().values_list("activity", flat=True)))
    if not linked:
        return []
    assigned = list(
        Activity.objects.for_user(user)
        .filter(pk__in=linked, status__in=LIVE, end_date__gte=today)
        .select_related("host_state")
        .order_by("start_date", "pk")[:WORKLIST_LIMIT]
    )
    led = {
        row["activity"]: (row["count"], row["first"])
        for row in facilitated.filter(activity__in=[activity.pk for activity in assigned])
        .values("activity")
        .annotate(count=Count("pk"), first=Min("day"))
    }
    items = []
    for activity in assigned:
        sessions_led, first_session = led.get(activity.pk, (0, None))
        if sessions_led:
            label = ngettext(
                "You lead %(count)d session: %(title)s", "You lead %(count)d sessions: %(title)s", sessions_led
            ) % {"count": sessions_led, "title": activity.title}
        else:
            label = _("You are an expert on: %(title)s") % {"title": activity.title}
        due = first_session or activity.start_date
        items.append(WorkItem(label, _where(activity), _page_url("activities:activity_agenda", activity.pk), due))
    return items


def activity_worklist(*, user) -> list[WorkItem]:
    """The home page's activity items for this user."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    if can(user, "add", Activity):
        return officer_items(user=user, today=today)
    items = []
    if can(user, "prepare", Activity):
        items += host_items(user=user, today=today)
    if can(user, "nominate", Activity):
        items += nominating_items(user=user, today=today)
    if user.person_id:
        items += expert_items(user=user, today=today)
    return items
