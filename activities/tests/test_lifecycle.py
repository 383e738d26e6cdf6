"""The activity lifecycle against a hand-written table of legal moves per role (DESIGN.md
capability 7: proposed → planned → confirmed → in delivery → delivered → closed, cancelled with
a reason before delivery ends; the secretariat makes every move), and the requests following it."""

import datetime

import pytest

from activities.lifecycle import activity_transition
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from assistance import services as request_services
from assistance.choices import Status
from assistance.workflow import request_workflow
from core.models import TransitionRecord
from core.workflow import InvalidTransition, TransitionForbidden, transitions_of

STATUSES = ["proposed", "planned", "confirmed", "in_delivery", "delivered", "closed", "cancelled"]
PERSONAS = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]
SECRETARIAT = {"admin", "officer"}
LEGAL = {
    ("proposed", "planned"): SECRETARIAT,
    ("planned", "confirmed"): SECRETARIAT,
    ("confirmed", "in_delivery"): SECRETARIAT,
    ("in_delivery", "delivered"): SECRETARIAT,
    ("delivered", "closed"): SECRETARIAT,
    ("proposed", "cancelled"): SECRETARIAT,
    ("planned", "cancelled"): SECRETARIAT,
    ("confirmed", "cancelled"): SECRETARIAT,
    ("in_delivery", "cancelled"): SECRETARIAT,
}
# Belize takes part and the Jamaica Customs Agency hosts: they read the restricted activity.
SEES = SECRETARIAT | {"focal_bz", "host_jm"}
REASON = "The host asked to postpone."


def expected(start, to, persona) -> str:
    if persona in LEGAL.get((start, to), set()):
        return "moved"
    if persona not in SEES:
        return "not found"
    entering = [roles for (_s, target), roles in LEGAL.items() if target == to]
    return "illegal" if not entering or any(persona in roles for roles in entering) else "forbidden"


def _activity(start, belize, host_institution):
    activity = ActivityFactory(status=start, host_institution=host_institution, states=[belize])
    for _n in range(2):  # the attachment's fewest, confirmed and with attendance: guards are met
        AttendanceFactory(nomination=NominationFactory(activity=activity, state=belize, confirmed=True))
    return activity


def _attempt(activity, to, actor) -> str:
    try:
        activity_transition(activity_id=activity.pk, to=to, actor=actor, comment=REASON)
    except InvalidTransition:
        return "illegal"
    except TransitionForbidden:
        return "forbidden"
    except type(activity).DoesNotExist:
        return "not found"
    return "moved"


@pytest.mark.parametrize("start", STATUSES)
def test_every_move_of_every_persona_matches_the_design(start, persona, belize, host_institution):
    from activities.workflow import activity_workflow

    mismatches = []
    activity = _activity(start, belize, host_institution)
    for name in PERSONAS:
        actor = persona(name)
        if name in SEES:
            offered = {str(status) for status in activity_workflow.allowed(activity, actor)}
            should = {to for (s, to), roles in LEGAL.items() if s == start and name in roles}
            if offered != should:
                mismatches.append((start, name, "offered", sorted(offered), "expected", sorted(should)))
        for to in STATUSES:
            outcome, want = _attempt(activity, to, actor), expected(start, to, name)
            if outcome != want:
                mismatches.append((start, to, name, outcome, "expected", want))
            if outcome == "moved":
                record = transitions_of(activity).get()
                assert (record.from_status, record.to_status, record.actor) == (start, to, actor)
                activity = _activity(start, belize, host_institution)
            else:
                activity.refresh_from_db()
                assert activity.status == start
    assert mismatches == []


def _served(confirmed_request, status="proposed", **kwargs):
    return ActivityFactory(
        status=status,
        host_institution=confirmed_request.host_institution,
        requests=[confirmed_request],
        **kwargs,
    )


def _status(record):
    record.refresh_from_db()
    return record.status


def test_the_request_follows_its_activity_to_delivered(officer, confirmed_request, belize):
    activity = _served(confirmed_request)
    activity_transition(activity_id=activity.pk, to="planned", actor=officer)
    assert (_status(activity), _status(confirmed_request)) == ("planned", Status.PLANNED)
    for _n in range(2):
        AttendanceFactory(nomination=NominationFactory(activity=activity, state=belize, confirmed=True))
    activity_transition(activity_id=activity.pk, to="confirmed", actor=officer)
    assert _status(confirmed_request) == Status.PLANNED
    activity_transition(activity_id=activity.pk, to="in_delivery", actor=officer)
    assert _status(confirmed_request) == Status.IN_DELIVERY
    activity_transition(activity_id=activity.pk, to="delivered", actor=officer)
    assert _status(confirmed_request) == Status.IN_DELIVERY  # delivered when closed, attendance in
    activity_transition(activity_id=activity.pk, to="closed", actor=officer)
    assert (_status(activity), _status(confirmed_request)) == ("closed", Status.DELIVERED)
    moves = list(transitions_of(confirmed_request).values_list("to_status", "by_system", "on_behalf_of"))
    assert moves == [(s, True, officer.pk) for s in ("planned", "in_delivery", "delivered")]


@pytest.mark.parametrize("start", ["planned", "in_delivery"])
def test_cancelling_returns_the_request_to_host_confirmed_with_the_reason(officer, confirmed_request, start):
    activity = _served(confirmed_request, status=start)
    confirmed_request.status = start
    confirmed_request.save(update_fields=["status"])
    activity_transition(activity_id=activity.pk, to="cancelled", actor=officer, comment=REASON)
    assert (_status(activity), _status(confirmed_request)) == ("cancelled", Status.HOST_CONFIRMED)
    record = transitions_of(confirmed_request).get()
    assert (record.from_status, record.to_status, record.comment) == (start, "host_confirmed", REASON)
    assert REASON in record.event_params["reason"]


def test_cancelling_needs_a_reason(officer, confirmed_request):
    activity = _served(confirmed_request, status="planned")
    with pytest.raises(InvalidTransition):
        activity_transition(activity_id=activity.pk, to="cancelled", actor=officer, comment="  ")
    assert _status(activity) == "planned"


def test_a_refused_request_move_rolls_the_activity_move_back(officer, confirmed_request):
    activity = _served(confirmed_request)

    def refuse(record, move):
        raise InvalidTransition("The request may not be planned today.")

    request_workflow.add_guard(Status.PLANNED, refuse)
    try:
        with pytest.raises(InvalidTransition, match="may not be planned today"):
            activity_transition(activity_id=activity.pk, to="planned", actor=officer)
    finally:
        request_workflow.remove_guard(Status.PLANNED, refuse)
    assert (_status(activity), _status(confirmed_request)) == ("proposed", Status.HOST_CONFIRMED)
    assert not TransitionRecord.objects.exists()


def test_planning_needs_dates(officer, confirmed_request):
    activity = _served(confirmed_request, start_date=None, end_date=None)
    with pytest.raises(InvalidTransition, match="first and last day"):
        activity_transition(activity_id=activity.pk, to="planned", actor=officer)
    assert _status(confirmed_request) == Status.HOST_CONFIRMED


@pytest.mark.parametrize(
    "start,to", [("host_confirmed", "planned"), ("planned", "in_delivery"), ("in_delivery", "delivered")]
)
def test_request_steps_are_refused_without_an_activity(officer, confirmed_request, start, to):
    confirmed_request.status = start
    confirmed_request.save(update_fields=["status"])
    with pytest.raises(InvalidTransition, match="activity"):
        request_services.request_transition(request_id=confirmed_request.pk, to=to, actor=officer)
    assert _status(confirmed_request) == start


def test_a_request_is_not_delivered_by_an_activity_only_delivered(officer, confirmed_request):
    """The request's `delivered` waits for the activity's closure (attendance recorded)."""
    _served(confirmed_request, status="delivered", end_date=datetime.date(2027, 6, 11))
    confirmed_request.status = Status.IN_DELIVERY
    confirmed_request.save(update_fields=["status"])
    with pytest.raises(InvalidTransition, match="closed"):
        request_services.request_transition(request_id=confirmed_request.pk, to="delivered", actor=officer)
