"""The follow-up demo: the Saint Lucia 2019 workshop's answers, action plan and one official who
moved; loading twice changes nothing; without the workshop it writes nothing and says so."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db.models import Max

from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from community.models import PostHeld
from community.tests.factories import MemberStateFactory, PersonFactory
from core.demo import demo_load
from followup.demo import load_followup
from followup.models import ActionItem, ActionPlan, Evaluation, EvaluationAnswer
from followup.selectors import evaluation_scores, retention_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    lucia = MemberStateFactory.for_iso("LC")
    activity = ActivityFactory(
        title="Regional workshop on Public Employment Services",
        status="closed",
        host_state=lucia,
        start_date=datetime.date(2019, 5, 13),
        end_date=datetime.date(2019, 5, 15),
        states=[lucia],
    )
    for n in range(4):
        person = PersonFactory(state=lucia, institution__state=lucia, email=f"labour{n}@gov.lc")
        AttendanceFactory(
            nomination=NominationFactory(
                activity=activity, state=lucia, person=person, post=person.post, confirmed=True
            ),
            day=activity.start_date,
        )
    return activity


def snapshot():
    return (
        [model.objects.count() for model in (Evaluation, EvaluationAnswer, ActionPlan, ActionItem, PostHeld)],
        [
            model.objects.aggregate(last=Max("updated_at"))["last"]
            for model in (Evaluation, EvaluationAnswer, ActionItem)
        ],
        LogEntry.objects.count(),
        sorted(EvaluationAnswer.objects.values_list("pk", "scores", "uses_results")),
        sorted(ActionItem.objects.values_list("pk", "status", "due_date")),
    )


def test_without_the_workshop_nothing_is_written_and_the_report_says_so():
    assert load_followup() == {"evaluation answers (workshop absent: skipped)": 0}
    assert not Evaluation.objects.exists()


def test_the_workshops_follow_up_loads_and_reloading_changes_nothing(workshop):
    report = load_followup()
    assert report == {"evaluation answers": 4 + 3, "action plans": 1, "officials moved": 1}
    before = snapshot()
    assert load_followup() == report
    assert snapshot() == before
    assert evaluation_scores()[workshop.pk].answers == 7
    assert retention_by(key="activity")[workshop.pk].as_dict()["in_post"] == 3
    plan = ActionPlan.objects.get()
    assert "Group work on national action plan" in plan.group_work
    assert plan.items.filter(status="done").exclude(evidence="").count() == 1


def test_the_whole_demo_loads_with_the_follow_up():
    demo_load()  # every registered loader in order, the follow-up's among them
