"""Writes on an activity's agenda: sessions added, changed, deleted, reordered and moved between
days, and the experts assigned to the activity. Pages and the API call these same functions, so
both refuse the same input with the same message on the same field.

Within a day, sessions run in the order of their times: `position` follows `start_time`. Moving
a session up or down swaps it with its neighbour and carries the times along (the earlier
session's start stays where it was, each keeps its length, and the gap between them is kept), so
the day's programme stays in order and keeps its span."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from activities.choices import ActivityStatus, SessionKind
from activities.models import Activity, Session
from activities.rules import modality_rule
from community.models import Person
from core.access import can, require

# The programme of an activity that is over or called off is what happened: it no longer changes.
FROZEN = (ActivityStatus.CLOSED, ActivityStatus.CANCELLED)
SESSION_FIELDS = ("day", "start_time", "end_time", "title", "kind", "facilitator_id", "method", "notes")


def facilitator_choices(*, activity: Activity, user):
    """Who may lead a session: the activity's experts and the people of the host institution,
    among the people the user sees."""
    people = Person.objects.for_user(user)
    q = Q(pk__in=activity.experts.values("pk"))
    if activity.host_institution_id:
        q |= Q(institution_id=activity.host_institution_id)
    return people.filter(q).order_by("full_name")


def expert_choices(*, activity: Activity, user):
    """Experts the secretariat may assign to the activity: the experts it sees, not yet assigned."""
    return Person.objects.for_user(user).filter(is_expert=True).exclude(activities_led=activity).order_by("full_name")


def _open_agenda(activity: Activity) -> None:
    if activity.status in FROZEN:
        raise ValidationError(_("The agenda of a closed or cancelled activity no longer changes."))
    if not (activity.start_date and activity.end_date):
        raise ValidationError(_("Give the activity its first and last day before building its agenda."))


def _t(value: datetime.time) -> str:
    return time_format(value, "TIME_FORMAT")


def _refuse_overlap(session: Session) -> None:
    """Two sessions of the same day may not overlap, unless one is a break (coffee is served
    during a site visit's bus ride)."""
    if session.kind == SessionKind.BREAK:
        return
    clash = (
        Session.objects.filter(
            activity_id=session.activity_id,
            day=session.day,
            start_time__lt=session.end_time,
            end_time__gt=session.start_time,
        )
        .exclude(kind=SessionKind.BREAK)
        .exclude(pk=session.pk)
        .order_by("start_time")
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "start_time": _("This session overlaps “%(title)s” (%(start)s–%(end)s) on the same day.")
                % {"title": clash.title, "start": _t(clash.start_time), "end": _t(clash.end_time)}
            }
        )


def _check_facilitator(session: Session, *, actor, was: int | None) -> None:
    if session.facilitator_id is None or session.facilitator_id == was:
        return  # unchanged: an expert removed from the activity still leads what they led
    if not facilitator_choices(activity=session.activity, user=actor).filter(pk=session.facilitator_id).exists():
        raise ValidationError(
            {"facilitator": _("Choose one of the activity's experts or a person of the host institution.")}
        )


def _renumber(activity_id: int, day: datetime.date) -> None:
    """Positions 0, 1, 2… in the order of the times."""
    sessions = Session.objects.filter(activity_id=activity_id, day=day).order_by("start_time", "position", "pk")
    for position, session in enumerate(sessions):
        if session.position != position:
            # A new version too: an edit opened before the renumbering must not put the old position back.
            Session.objects.filter(pk=session.pk).update(position=position, version=F("version") + 1)


def _validated_save(session: Session, *, actor, was_facilitator: int | None) -> Session:
    session.full_clean()
    _check_facilitator(session, actor=actor, was=was_facilitator)
    _refuse_overlap(session)
    session.save()
    return session


@transaction.atomic
def session_save(
    *,
    actor,
    activity_id: int | None = None,
    session_id: int | None = None,
    day: datetime.date | None,
    start_time: datetime.time | None,
    end_time: datetime.time | None,
    title: str,
    kind: str = SessionKind.PLENARY,
    facilitator_id: int | None = None,
    method: str = "",
    notes: str = "",
) -> Session:
    """Add a session to an activity's agenda (`activity_id`) or change one (`session_id`)."""
    if session_id is None:
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        require(actor, "prepare", activity, _("Only the secretariat and the host institution build the agenda."))
        session = Session(activity=activity)
        previous_day, was_facilitator = None, None
    else:
        session = Session.objects.select_related("activity").get(pk=session_id)
        require(actor, "change", session, _("Only the secretariat and the host institution change the agenda."))
        activity = Activity.objects.select_for_update().get(pk=session.activity_id)
        session.activity = activity
        previous_day, was_facilitator = session.day, session.facilitator_id
    _open_agenda(activity)
    values = {
        "day": day,
        "start_time": start_time,
        "end_time": end_time,
        "title": title,
        "kind": kind,
        "facilitator_id": facilitator_id,
        "method": method,
        "notes": notes,
    }
    for name, value in values.items():
        setattr(session, name, value)
    if session_id is None and session.day:
        session.position = Session.objects.filter(activity=activity, day=session.day).count()
    _validated_save(session, actor=actor, was_facilitator=was_facilitator)
    for changed_day in {previous_day, session.day} - {None}:
        _renumber(activity.pk, changed_day)
    session.refresh_from_db()
    return session


def _editable(session_id: int, actor, message: str) -> Session:
    session = Session.objects.select_related("activity").get(pk=session_id)
    require(actor, "change", session, message)
    Activity.objects.select_for_update().filter(pk=session.activity_id).first()
    _open_agenda(session.activity)
    return session


@transaction.atomic
def session_delete(*, actor, session_id: int) -> None:
    session = _editable(session_id, actor, _("Only the secretariat and the host institution change the agenda."))
    activity_id, day = session.activity_id, session.day
    session.delete()
    _renumber(activity_id, day)


def _swap(first: Session, second: Session) -> None:
    """`second` takes `first`'s start; `first` follows after the gap that separated them."""
    day = first.day
    gap = datetime.datetime.combine(day, second.start_time) - datetime.datetime.combine(day, first.end_time)
    start = datetime.datetime.combine(day, first.start_time)
    second_end = start + datetime.timedelta(minutes=second.minutes)
    first_start = second_end + max(gap, datetime.timedelta(0))
    first_end = first_start + datetime.timedelta(minutes=first.minutes)
    if first_end.date() != day:
        raise ValidationError(_("There is no room to swap these sessions before midnight."))
    second.start_time, second.end_time = start.time(), second_end.time()
    first.start_time, first.end_time = first_start.time(), first_end.time()
    first.position, second.position = second.position, first.position
    # Saved without the overlap check between the two (they never overlap each other), but
    # each is checked against the rest of the day.
    for session in (second, first):
        session.save(update_fields=["start_time", "end_time", "position", "updated_at"])  # kept in the history
    for session in (second, first):
        _refuse_overlap(session)


@transaction.atomic
def session_move(*, actor, session_id: int, direction: str = "", day: datetime.date | None = None) -> Session:
    """Move a session one place up or down its day (`direction`), or to another day (`day`),
    keeping its times there."""
    session = _editable(session_id, actor, _("Only the secretariat and the host institution change the agenda."))
    if day is not None and day != session.day:
        previous = session.day
        session.day = day
        session.position = Session.objects.filter(activity_id=session.activity_id, day=day).count()
        _validated_save(session, actor=actor, was_facilitator=session.facilitator_id)
        _renumber(session.activity_id, previous)
        _renumber(session.activity_id, day)
        session.refresh_from_db()
        return session
    if direction not in ("up", "down"):
        if day is not None:
            return session  # already on that day
        raise ValidationError({"direction": _("Say whether the session moves up, down or to another day.")})
    _renumber(session.activity_id, session.day)
    siblings = list(Session.objects.filter(activity_id=session.activity_id, day=session.day).order_by("position"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == session.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        raise ValidationError(
            {
                "direction": _("This is already the first session of the day.")
                if direction == "up"
                else _("This is already the last session of the day.")
            }
        )
    first, second = sorted((siblings[index], siblings[other]), key=lambda s: s.position)
    _swap(first, second)
    session.refresh_from_db()
    return session


# --- experts assigned to the activity --------------------------------------------------------


def _assigning(activity_id: int, actor) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    if not can(actor, "change", activity):
        raise PermissionDenied(_("Only the secretariat assigns experts to an activity."))
    return activity


@transaction.atomic
def activity_expert_add(*, actor, activity_id: int, person_id: int | None) -> Activity:
    """Assign an expert; for a modality whose cap counts experts (an expert mission), refuse
    one beyond the cap."""
    activity = _assigning(activity_id, actor)
    if activity.status in FROZEN:
        raise ValidationError(_("The experts of a closed or cancelled activity no longer change."))
    if person_id is None or not expert_choices(activity=activity, user=actor).filter(pk=person_id).exists():
        raise ValidationError({"person": _("Choose an expert who is not yet assigned to this activity.")})
    rule = modality_rule(activity.modality)
    if rule.counts_experts and rule.max_people is not None and activity.experts.count() >= rule.max_people:
        raise ValidationError(
            {
                "person": _("An %(modality)s takes at most %(count)s expert(s); remove one before adding another.")
                % {"modality": activity.get_modality_display().lower(), "count": rule.max_people}
            }
        )
    activity.experts.add(person_id)
    return activity


@transaction.atomic
def activity_expert_remove(*, actor, activity_id: int, person_id: int) -> Activity:
    """Unassign an expert; the sessions they lead keep them as facilitator until changed."""
    activity = _assigning(activity_id, actor)
    if activity.status in FROZEN:
        raise ValidationError(_("The experts of a closed or cancelled activity no longer change."))
    activity.experts.remove(person_id)
    return activity


# --- reads -----------------------------------------------------------------------------------


def agenda_sessions(*, activity: Activity, user):
    """The sessions of the activity the user reads (an expert: the ones they lead), in order."""
    return (
        Session.objects.for_user(user)
        .filter(activity=activity)
        .select_related("facilitator")
        .order_by("day", "position", "start_time", "pk")
    )


def agenda_days(*, activity: Activity, sessions) -> list[dict]:
    """Each day of the activity with its sessions, and sessions on a day outside the activity's
    dates (after the dates changed) under their own day, so none is lost from sight."""
    by_day: dict[datetime.date, list] = {day: [] for day in activity.days}
    for session in sessions:
        by_day.setdefault(session.day, []).append(session)
    inside = set(activity.days)
    return [
        {"day": day, "sessions": by_day[day], "outside": day not in inside, "index": index}
        for index, day in enumerate(sorted(by_day), start=1)
    ]
