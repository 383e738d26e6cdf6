"""Writes on activities: saving one, planning one from a confirmed request, moving it through its
lifecycle. Pages and the API call these same functions, so they refuse the same input in the
same words (a ValidationError by field, an InvalidTransition, a PermissionDenied)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities import planning
from activities.choices import ActivityStatus
from activities.lifecycle import activity_transition
from activities.models import Activity
from activities.rules import modality_rule
from assistance.choices import Status
from assistance.models import AssistanceRequest
from core.access import require
from core.calendar import working_days_between
from core.models import Visibility

# The fields an officer fills in; status, reference and officer history are the system's.
ACTIVITY_FIELDS = (
    "title",
    "modality",
    "description",
    "host_state",
    "host_institution",
    "start_date",
    "end_date",
    "venue",
    "online_link",
    "officer",
    "visibility",
)
ACTIVITY_M2M = ("requests", "states", "experts", "languages", "areas")


def length_errors(activity: Activity) -> dict:
    """The modality's rule on length: min_days..max_days working days of the host state."""
    if not (activity.start_date and activity.end_date and activity.modality and activity.host_state_id):
        return {}
    if activity.end_date < activity.start_date:
        return {}  # the model's own rule says so
    rule = modality_rule(activity.modality)
    days = working_days_between(activity.host_state.iso_code, activity.start_date, activity.end_date)
    if rule.min_days <= days <= rule.max_days:
        return {}
    if rule.min_days == rule.max_days:
        wanted = _("%(days)s working days") % {"days": rule.min_days}
    else:
        wanted = _("%(min)s to %(max)s working days") % {"min": rule.min_days, "max": rule.max_days}
    return {
        "end_date": _("An activity of this modality lasts %(wanted)s in the host state; these dates hold %(days)s.")
        % {"wanted": wanted, "days": days}
    }


def activity_date_warnings(activity: Activity) -> list[str]:
    """Holidays, weekends and the host's clashes inside the activity's dates (never a refusal)."""
    if not (activity.start_date and activity.end_date and activity.host_state_id):
        return []
    return planning.date_warnings(
        country=activity.host_state.iso_code,
        host_state_id=activity.host_state_id,
        host_institution_id=activity.host_institution_id,
        start=activity.start_date,
        end=activity.end_date,
        exclude_pk=activity.pk,
    )


@transaction.atomic
def activity_save(
    *,
    activity_id: int | None,
    actor,
    title: str,
    modality: str,
    host_state,
    description: str = "",
    host_institution=None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    venue: str = "",
    online_link: str = "",
    officer=None,
    visibility: str = Visibility.RESTRICTED,
    requests=None,
    states=None,
    experts=None,
    languages=None,
    areas=None,
) -> Activity:
    """Create (`activity_id` None) or change an activity; the secretariat only. Many-to-many
    lists left as None keep what the activity has."""
    if activity_id is None:
        activity = Activity()
        require(actor, "add", Activity)
        officer = officer or actor  # whoever starts an activity answers for it until it is handed on
    else:
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        require(actor, "change", activity)
    values = {
        "title": title,
        "modality": modality,
        "description": description,
        "host_state": host_state,
        "host_institution": host_institution,
        "start_date": start_date,
        "end_date": end_date,
        "venue": venue,
        "online_link": online_link,
        "officer": officer,
        "visibility": visibility,
    }
    for name, value in values.items():
        setattr(activity, name, value)
    try:
        activity.full_clean()
    except ValidationError as error:
        errors = error.message_dict
        for name, message in length_errors(activity).items():
            errors.setdefault(name, [message])
        raise ValidationError(errors) from error
    if errors := length_errors(activity):
        raise ValidationError(errors)
    activity.save()
    for name, value in (
        ("requests", requests),
        ("states", states),
        ("experts", experts),
        ("languages", languages),
        ("areas", areas),
    ):
        if value is not None:
            getattr(activity, name).set(value)
    if requests:
        # The requesting states take part in what serves them.
        activity.states.add(*{assistance_request.state_id for assistance_request in requests})
    return activity


def activity_move(*, activity_id: int, to: str, actor, comment: str = "", version: int | None = None) -> Activity:
    """One lifecycle move (its requests follow): `activities.lifecycle.activity_transition`."""
    return activity_transition(activity_id=activity_id, to=to, actor=actor, comment=comment, version=version)


@transaction.atomic
def activity_plan(*, request_id: int, actor, **fields) -> Activity:
    """Plan an activity for a request whose host is confirmed: create it serving the request and
    move it to planned, which moves the request to planned with it."""
    assistance_request = AssistanceRequest.objects.for_user(actor).select_for_update().get(pk=request_id)
    if assistance_request.status != Status.HOST_CONFIRMED:
        raise ValidationError(_("An activity is planned for a request whose host is confirmed."))
    requests = [assistance_request, *[r for r in fields.pop("requests", None) or [] if r.pk != request_id]]
    activity = activity_save(activity_id=None, actor=actor, requests=requests, **fields)
    return activity_transition(activity_id=activity.pk, to=ActivityStatus.PLANNED, actor=actor)
