"""Demo follow-up of the Saint Lucia 2019 workshop on public employment services: its
participants' answers at the end and six months later, Saint Lucia's action plan from the group
work on a national action plan, and one official since moved to another post.

The workshop is the activities loader's; when it is absent (an older activities demo), nothing
is written and the report says so."""

import datetime

from django.utils import timezone

from activities import selectors_followup as activity_reads
from core.demo import upsert
from followup.choices import ItemStatus, Respondent, Stage, UsesResults
from followup.models import ActionItem, ActionPlan, Evaluation, EvaluationAnswer
from followup.questions import CURRENT_VERSION, OUTCOME_KEYS

WORKSHOP = "Public Employment Services"

# Each participant's end-of-workshop ratings, in OUTCOME_KEYS order; the follow-up reuses them
# less one on consensus (people tend to rate lower once back at work).
RATINGS = ((5, 4, 4, 5, 4), (4, 4, 3, 5, 3), (5, 5, 4, 4, 4), (4, 3, 4, 5, 3), (3, 4, 3, 4, 3))
USES = (UsesResults.YES, UsesResults.PARTLY, UsesResults.YES, UsesResults.NOT_YET, UsesResults.PARTLY)
COMMENTS = (
    "The session on labour market information systems was the most useful.",
    "",
    "We want to adapt the job-matching portal Barbados showed us.",
    "",
    "More time for the group work, please.",
)
ITEMS = (
    ("Draft the national public employment services policy", "Director of Labour", 120, ItemStatus.DONE),
    (
        "Set up a labour market information unit in the Department of Labour",
        "Chief Labour Officer",
        240,
        ItemStatus.IN_PROGRESS,
    ),
    ("Sign a data-sharing agreement with the Central Statistics Office", "Permanent Secretary", 300, ItemStatus.OPEN),
)


def load_followup(*, today: datetime.date | None = None) -> dict[str, int]:
    activity = activity_reads.find_activity_by_title(WORKSHOP)
    if activity is None or activity.end_date is None:
        return {"evaluation answers (workshop absent: skipped)": 0}
    participants = list(activity_reads.trained_participants(activity_ids=[activity.pk]))
    answers = 0
    for index, nomination in enumerate(participants):
        answers += _answers_of(activity, nomination, index)
    plan = _action_plan(activity)
    moved = _one_official_moved(activity, participants)
    return {"evaluation answers": answers, "action plans": 1 if plan else 0, "officials moved": moved}


def _answers_of(activity, nomination, index: int) -> int:
    person = nomination.person
    email = person.email or f"participant{person.pk}@demo.test"
    ratings = RATINGS[index % len(RATINGS)]
    written = 0
    stages = [(Stage.END, 1, ratings)]
    if index < 3:  # three answered the six-month follow-up
        stages.append(
            (
                Stage.FOLLOW_UP,
                190,
                tuple(max(1, r - (key == "consensus")) for r, key in zip(ratings, OUTCOME_KEYS, strict=True)),
            )
        )
    for stage, days_after, scores in stages:
        moment = timezone.make_aware(datetime.datetime.combine(activity.end_date, datetime.time(12)))
        evaluation = upsert(
            Evaluation,
            {"activity": activity, "stage": stage, "email": email.lower()},
            {
                "respondent": Respondent.PARTICIPANT,
                "person": person,
                "language": "en",
                "question_set": CURRENT_VERSION,
                "sent_at": moment + datetime.timedelta(days=days_after - 1),
                "answered_at": moment + datetime.timedelta(days=days_after),
            },
        )
        upsert(
            EvaluationAnswer,
            {"evaluation": evaluation},
            {
                "scores": dict(zip(OUTCOME_KEYS, scores, strict=True)),
                "uses_results": USES[index % len(USES)],
                "comment": COMMENTS[index % len(COMMENTS)],
            },
        )
        written += 1
    return written


def _action_plan(activity):
    state = activity.host_state
    plan = upsert(
        ActionPlan,
        {"activity": activity, "state": state},
        {
            "title": f"{state.name}: national action plan on public employment services",
            "group_work": "Group work on national action plan: each delegation listed three commitments for the "
            "next year, with who carries them and by when.",
        },
    )
    for description, owner, days, status in ITEMS:
        upsert(
            ActionItem,
            {"plan": plan, "description": description},
            {
                "owner_name": owner,
                "due_date": activity.end_date + datetime.timedelta(days=days),
                "status": status,
                "evidence": "Cabinet conclusion on the policy, circulated to the secretariat."
                if status == ItemStatus.DONE
                else "",
            },
        )
    return plan


def _one_official_moved(activity, participants) -> int:
    """The first participant took a new post some months after the workshop."""
    from community.models import PostHeld  # the registry's post history

    if not participants:
        return 0
    person = participants[0].person
    new_post = "Director, National Skills Development Centre"
    if person.posts.filter(post=new_post).exists():
        return 1
    start = activity.end_date + datetime.timedelta(days=150)
    current = person.posts.filter(end_date__isnull=True).first()
    if current is not None:
        start = max(start, current.start_date + datetime.timedelta(days=30))
        current.end_date = start - datetime.timedelta(days=1)
        current.save(update_fields=["end_date", "updated_at"])
    PostHeld.objects.create(person=person, post=new_post, institution=person.institution, start_date=start)
    return 1
