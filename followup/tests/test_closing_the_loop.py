"""delivered → follow_up → closed: the follow-up needs the activity closed and its six-month
questionnaire sent (or a reason); closing needs a follow-up answer (or a reason)."""

import pytest

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from assistance.workflow import request_workflow
from core.workflow import InvalidTransition
from followup.choices import Stage
from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(closed_activity, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.DELIVERED)
    closed_activity.requests.add(request)
    return request


def move(request, to, officer, comment=""):
    return request_workflow.move(pk=request.pk, to=to, actor=officer, comment=comment)


def test_follow_up_waits_for_the_questionnaire(delivered, officer, closed_activity):
    with pytest.raises(InvalidTransition, match="six-month follow-up questionnaire"):
        move(delivered, Status.FOLLOW_UP, officer)
    EvaluationFactory(activity=closed_activity, stage=Stage.FOLLOW_UP)
    assert move(delivered, Status.FOLLOW_UP, officer).status == Status.FOLLOW_UP


def test_follow_up_with_a_recorded_reason_instead(delivered, officer):
    moved = move(delivered, Status.FOLLOW_UP, officer, comment="Participants reached by telephone instead.")
    assert moved.status == Status.FOLLOW_UP


def test_follow_up_needs_a_closed_activity_even_with_a_reason(delivered, officer, closed_activity):
    closed_activity.status = "delivered"
    closed_activity.save(update_fields=["status"])
    with pytest.raises(InvalidTransition, match="closed"):
        move(delivered, Status.FOLLOW_UP, officer, comment="No need.")


def test_closing_needs_a_follow_up_answer_or_a_reason(delivered, officer, closed_activity):
    EvaluationFactory(activity=closed_activity, stage=Stage.FOLLOW_UP)
    move(delivered, Status.FOLLOW_UP, officer)
    EvaluationAnswerFactory(evaluation__activity=closed_activity, evaluation__stage=Stage.END)  # not the follow-up
    with pytest.raises(InvalidTransition, match="follow-up is answered"):
        move(delivered, Status.CLOSED, officer)
    EvaluationAnswerFactory(evaluation__activity=closed_activity, evaluation__stage=Stage.FOLLOW_UP)
    assert move(delivered, Status.CLOSED, officer).status == Status.CLOSED


def test_closing_with_a_reason_instead(delivered, officer):
    move(delivered, Status.FOLLOW_UP, officer, comment="No questionnaire: the ministry was dissolved.")
    closed = move(delivered, Status.CLOSED, officer, comment="Nobody left in post to answer.")
    assert closed.status == Status.CLOSED


def test_a_focal_point_cannot_make_these_moves(delivered, focal_bz, closed_activity):
    from core.workflow import TransitionForbidden

    EvaluationFactory(activity=closed_activity, stage=Stage.FOLLOW_UP)
    with pytest.raises(TransitionForbidden):
        move(delivered, Status.FOLLOW_UP, focal_bz)
