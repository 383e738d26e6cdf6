"""core.workflow on its own: a small workflow declared here (on the request model, whose access
rule says who may take `transition:<status>`), independent of the request lifecycle's own rules."""

import pytest
from django.db import transaction

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from core.models import TransitionRecord
from core.workflow import SYSTEM, InvalidTransition, Transition, TransitionForbidden, Workflow, transitions_of

flow = Workflow(
    name="test-flow",
    model=AssistanceRequestFactory._meta.model,
    statuses=Status,
    changed_at_field="status_changed_at",
    transitions=[
        Transition(Status.DRAFT, Status.SUBMITTED),
        Transition(Status.SUBMITTED, Status.REGISTERED),
        Transition(Status.SUBMITTED, Status.WITHDRAWN),
        Transition(Status.REGISTERED, Status.PLANNED, awaits="An activity must be planned first."),
    ],
    reason_required={Status.WITHDRAWN},
)


@pytest.fixture
def submitted(belize):
    return AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)


def _status(record):
    record.refresh_from_db()
    return record.status


def test_a_legal_move_saves_the_status_and_writes_one_history_record(submitted, officer):
    moved = flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=officer, comment="  Received.  ")
    record = TransitionRecord.objects.get()
    assert (record.workflow, record.from_status, record.to_status) == ("test-flow", "submitted", "registered")
    assert (record.actor, record.on_behalf_of, record.by_system, record.comment) == (officer, None, False, "Received.")
    assert record.record == submitted
    assert _status(submitted) == moved.status == Status.REGISTERED
    assert submitted.status_changed_at == record.at
    assert list(transitions_of(submitted)) == [record]
    assert (record.get_from_status_display(), record.get_to_status_display()) == ("Submitted", "Registered")
    assert record.actor_display == str(officer)


def test_an_illegal_move_is_refused_with_a_message_and_writes_nothing(submitted, officer):
    with pytest.raises(InvalidTransition, match="A request cannot go from Submitted to Submitted."):
        flow.move(pk=submitted.pk, to=Status.SUBMITTED, actor=officer)
    with pytest.raises(InvalidTransition):
        flow.move(pk=submitted.pk, to="teleported", actor=officer)
    assert _status(submitted) == Status.SUBMITTED
    assert not TransitionRecord.objects.exists()


def test_a_move_the_access_rule_does_not_grant_is_forbidden(submitted, focal_bz, focal_jm, anonymous):
    for actor in (focal_bz, focal_jm):  # focal points may withdraw, never register
        with pytest.raises(TransitionForbidden, match="You may not move this request to Registered."):
            flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=actor)
    with pytest.raises(TransitionForbidden):
        flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=anonymous)
    with pytest.raises(TransitionForbidden):  # another state's focal point: not their request
        flow.move(pk=submitted.pk, to=Status.WITHDRAWN, actor=focal_jm, comment="Not ours.")
    assert not TransitionRecord.objects.exists()
    flow.move(pk=submitted.pk, to=Status.WITHDRAWN, actor=focal_bz, comment="Funded at home.")
    assert _status(submitted) == Status.WITHDRAWN


def test_allowed_lists_the_legal_moves_the_actor_may_make(submitted, officer, focal_bz, partner):
    assert flow.allowed(submitted, officer) == [Status.REGISTERED, Status.WITHDRAWN]
    assert flow.allowed(submitted, focal_bz) == [Status.WITHDRAWN]
    assert flow.allowed(submitted, partner) == []


@pytest.mark.parametrize("comment", ["", "  \n"])
def test_a_move_that_needs_a_reason_is_refused_without_one(submitted, officer, comment):
    with pytest.raises(InvalidTransition, match="Say why"):
        flow.move(pk=submitted.pk, to=Status.WITHDRAWN, actor=officer, comment=comment)
    assert not TransitionRecord.objects.exists()


def test_guards_are_registered_by_an_explicit_call_and_can_be_taken_back(submitted, officer):
    seen = []

    def needs_a_letter(record, move):
        seen.append((record.pk, move.source, move.target, move.actor))
        raise InvalidTransition("The letter is missing.")

    flow.add_guard(Status.REGISTERED, needs_a_letter)
    try:
        with pytest.raises(InvalidTransition, match="The letter is missing."):
            flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=officer)
        assert seen == [(submitted.pk, Status.SUBMITTED, Status.REGISTERED, officer)]
        assert _status(submitted) == Status.SUBMITTED and not TransitionRecord.objects.exists()
    finally:
        flow.remove_guard(Status.REGISTERED, needs_a_letter)
    flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=officer)
    assert _status(submitted) == Status.REGISTERED


def test_a_move_awaiting_another_apps_guard_is_refused_until_one_is_registered(belize, officer):
    registered = AssistanceRequestFactory(state=belize, status=Status.REGISTERED)
    with pytest.raises(InvalidTransition, match="An activity must be planned first."):
        flow.move(pk=registered.pk, to=Status.PLANNED, actor=officer)

    def activity_planned(record, move):
        return None

    flow.add_guard(Status.PLANNED, activity_planned)
    try:
        flow.move(pk=registered.pk, to=Status.PLANNED, actor=officer)
    finally:
        flow.remove_guard(Status.PLANNED, activity_planned)
    assert _status(registered) == Status.PLANNED


def test_entry_changes_are_saved_with_the_move(submitted, officer):
    def stamp(record, move):
        return {"reference": f"TEST/{move.target}"}

    flow.before_enter(Status.REGISTERED, stamp)
    try:
        flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=officer, changes={"title": "Renamed on entry"})
    finally:
        flow._entry_changes[Status.REGISTERED].remove(stamp)
    submitted.refresh_from_db()
    assert (submitted.reference, submitted.title) == ("TEST/registered", "Renamed on entry")


def test_effects_run_after_commit_and_only_for_moves_made(submitted, officer, django_capture_on_commit_callbacks):
    told = []

    def tell(record):
        told.append((record.to_status, TransitionRecord.objects.filter(pk=record.pk).exists()))

    flow.on_enter(None, tell)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=officer)
                assert told == []  # not before the commit
        assert told == [(Status.REGISTERED, True)]
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidTransition):
            flow.move(pk=submitted.pk, to=Status.SUBMITTED, actor=officer)
        assert told == [(Status.REGISTERED, True)]
    finally:
        flow._effects[None].remove(tell)


def test_the_system_acts_on_behalf_of_a_person_without_their_role(submitted, host_jm):
    moved = flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=SYSTEM, on_behalf_of=host_jm, comment="Accepted.")
    assert moved.status == Status.REGISTERED
    record = TransitionRecord.objects.get()
    assert (record.actor, record.by_system, record.on_behalf_of) == (None, True, host_jm)
    assert record.actor_display == "System, on behalf of Tanisha Brown"
    assert not type(SYSTEM).__module__.startswith("accounts")  # not a user row


def test_the_system_is_bound_by_legality_reasons_and_guards(submitted, host_jm):
    with pytest.raises(InvalidTransition):
        flow.move(pk=submitted.pk, to=Status.PLANNED, actor=SYSTEM, on_behalf_of=host_jm)
    with pytest.raises(InvalidTransition, match="Say why"):
        flow.move(pk=submitted.pk, to=Status.WITHDRAWN, actor=SYSTEM)

    def refuse(record, move):
        assert move.by_system
        raise InvalidTransition("Not without an accepted invitation.")

    flow.add_guard(Status.REGISTERED, refuse)
    try:
        with pytest.raises(InvalidTransition, match="accepted invitation"):
            flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=SYSTEM, on_behalf_of=host_jm)
    finally:
        flow.remove_guard(Status.REGISTERED, refuse)
    assert not TransitionRecord.objects.exists()


def test_a_move_by_nobody_in_particular_is_the_systems(submitted):
    flow.move(pk=submitted.pk, to=Status.REGISTERED, actor=SYSTEM)
    assert TransitionRecord.objects.get().actor_display == "the system"


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="already declared"):
        Workflow(name="test-flow", model=flow.model, statuses=Status, transitions=[])
    with pytest.raises(ValueError, match="not a status"):
        flow.add_guard("teleported", lambda record, move: None)
