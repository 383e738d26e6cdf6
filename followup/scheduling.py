"""What the scheduler does on each round (`attache schedule`): send the questionnaires that are
due and enqueue reminders for those left unanswered. The e-mails themselves are background jobs
on the task queue (core.notifications), sent by `attache db_worker`.

Each step is safe to repeat: a questionnaire goes once per address and stage (the unique
constraint), a reminder once per number (a conditional UPDATE)."""

import datetime
import logging

from django.utils import timezone

from activities import selectors_followup as activity_reads
from followup import services
from followup.choices import FOLLOW_UP_AFTER_DAYS, REMINDER_DAYS, SEND_WINDOW_DAYS, Stage
from followup.links import max_age
from followup.models import Evaluation

log = logging.getLogger(__name__)


def _due_activities(*, stage: str, today: datetime.date) -> list[int]:
    """Closed activities whose questionnaire of `stage` is due and not sent to anyone yet."""
    delay = 0 if stage == Stage.END else FOLLOW_UP_AFTER_DAYS
    latest = today - datetime.timedelta(days=delay)
    earliest = latest - datetime.timedelta(days=SEND_WINDOW_DAYS)
    rows = activity_reads.closed_activities().filter(end_date__lte=latest, end_date__gte=earliest)
    rows = rows.exclude(evaluations__stage=stage)
    return list(rows.values_list("pk", flat=True))


def send_due_questionnaires(*, today: datetime.date) -> int:
    sent = 0
    for stage in (Stage.END, Stage.FOLLOW_UP):
        for activity_id in _due_activities(stage=stage, today=today):
            sent += len(services.evaluations_send(activity_id=activity_id, stage=stage))
    return sent


def enqueue_reminders(*, now: datetime.datetime) -> int:
    """Reminder n goes REMINDER_DAYS[n-1] days after sending, while the link is still valid."""
    enqueued = 0
    for number, days in enumerate(REMINDER_DAYS, start=1):
        due = Evaluation.objects.filter(
            answered_at__isnull=True,
            reminders_sent=number - 1,
            sent_at__lte=now - datetime.timedelta(days=days),
            sent_at__gt=now - max_age(),
        )
        for evaluation_id in due.values_list("pk", flat=True):
            enqueued += services.evaluation_remind(evaluation_id=evaluation_id, number=number, now=now)
    return enqueued


def run_once(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done = {
        "questionnaires": send_due_questionnaires(today=timezone.localdate(now)),
        "reminders": enqueue_reminders(now=now),
    }
    log.info("follow-up schedule: %s", done)
    return done
