"""The scheduler (`attache schedule`) sends due questionnaires and enqueues reminders on the
database task queue; the worker (`attache db_worker`) really sends them, once."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from followup.choices import Respondent, Stage
from followup.models import Evaluation
from followup.scheduling import run_once
from followup.tests.factories import EvaluationAnswerFactory, EvaluationFactory

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_reminder_is_enqueued_and_sent_once_by_the_worker(closed_activity, settings, mailoutbox):
    settings.TASKS = DB_QUEUE
    person = closed_activity.nominations.first().person
    evaluation = EvaluationFactory(
        activity=closed_activity, person=person, email=person.email, sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    answered = EvaluationAnswerFactory(
        evaluation__activity=closed_activity, evaluation__sent_at=timezone.now() - datetime.timedelta(days=8)
    ).evaluation

    call_command("schedule", "--once", verbosity=0)
    assert DBTaskResult.objects.count() == 1  # waiting in the queue: nothing sent yet
    assert mailoutbox == []

    work_the_queue()
    assert [message.to for message in mailoutbox] == [[person.email]]
    assert "Reminder" in mailoutbox[0].subject and "/followup/answer/" in mailoutbox[0].body
    assert answered.email not in {m.to[0] for m in mailoutbox}  # an answered questionnaire is left alone

    call_command("schedule", "--once", verbosity=0)  # the next round: nothing new is due
    work_the_queue()
    assert len(mailoutbox) == 1
    evaluation.refresh_from_db()
    assert evaluation.reminders_sent == 1 and evaluation.last_reminder_at is not None


@pytest.mark.django_db
def test_the_second_reminder_comes_at_fourteen_days_and_no_third(closed_activity, mailoutbox):
    sent = timezone.now() - datetime.timedelta(days=8)
    EvaluationFactory(activity=closed_activity, sent_at=sent)
    assert run_once()["reminders"] == 1
    assert run_once()["reminders"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert run_once()["reminders"] == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30)):
        assert run_once()["reminders"] == 0
    assert Evaluation.objects.get().reminders_sent == 2


@pytest.mark.django_db
def test_the_scheduler_sends_the_end_questionnaire_then_the_follow_up_six_months_on(
    closed_activity, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        done = run_once()
    assert done["questionnaires"] == 5  # three participants, the expert, the host
    assert not Evaluation.objects.filter(stage=Stage.FOLLOW_UP).exists()
    later = timezone.now() + datetime.timedelta(days=175)  # 185 days after the last day
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        done = run_once()
    follow_ups = Evaluation.objects.filter(stage=Stage.FOLLOW_UP)
    assert done["questionnaires"] == 4 == follow_ups.count()
    assert Respondent.EXPERT not in set(follow_ups.values_list("respondent", flat=True))
    with time_machine.travel(later):
        assert run_once()["questionnaires"] == 0


@pytest.mark.django_db
def test_an_activity_long_past_is_not_written_about(closed_activity):
    closed_activity.start_date -= datetime.timedelta(days=400)
    closed_activity.end_date -= datetime.timedelta(days=400)
    closed_activity.save()
    assert run_once()["questionnaires"] == 0
