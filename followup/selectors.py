"""The follow-up's reads: evaluation scores and their aggregates, action plans, retention.

`evaluation_scores` is what the matcher reads (per activity: mean rating and how many answered);
the others serve the pages and the API, and decide what each reader may see: the secretariat
sees answers linked to their respondent; anyone else who reads the activity sees totals only,
and only from MIN_ANSWERS_SHOWN answers up, so no answer can be traced to its author."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from activities import selectors_followup as activity_reads
from core.access import can, sees_everything
from core.querysets import count_of
from followup.choices import ITEM_PENDING, MIN_ANSWERS_SHOWN, Stage, UsesResults
from followup.models import ActionItem, ActionPlan, Evaluation, EvaluationAnswer
from followup.questions import OUTCOME_KEYS, OUTCOMES


@dataclass(frozen=True)
class Score:
    """An activity's evaluation: the mean of every rating given, and how many answered."""

    mean: float
    answers: int


@dataclass
class Aggregate:
    """Ratings of a group of answers: mean per outcome, count, and who uses the results."""

    answers: int = 0
    sums: dict = field(default_factory=lambda: defaultdict(int))
    counts: dict = field(default_factory=lambda: defaultdict(int))
    uses: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, scores: dict, uses_results: str) -> None:
        self.answers += 1
        for key, value in scores.items():
            self.sums[key] += value
            self.counts[key] += 1
        self.uses[uses_results] += 1

    def mean(self, key: str) -> float | None:
        return self.sums[key] / self.counts[key] if self.counts.get(key) else None

    @property
    def overall(self) -> float | None:
        given = sum(self.counts.values())
        return sum(self.sums.values()) / given if given else None

    @property
    def using_share(self) -> float | None:
        """Share of answers saying the results are used on the job (regularly or partly)."""
        if not self.answers:
            return None
        return (self.uses[UsesResults.YES] + self.uses[UsesResults.PARTLY]) / self.answers

    def rows(self) -> list[dict]:
        return [{"key": o.key, "label": o.label, "mean": self.mean(o.key)} for o in OUTCOMES]

    def as_dict(self) -> dict:
        return {
            "answers": self.answers,
            "overall": _rounded(self.overall),
            "using_share": _rounded(self.using_share),
            "means": {key: _rounded(self.mean(key)) for key in OUTCOME_KEYS},
        }


def _rounded(value):
    return None if value is None else round(value, 2)


def evaluation_scores(*, activity_ids=None) -> dict[int, Score]:
    """activity id → Score, for activities with at least one answer (one query). Unscoped: the
    matcher ranks with it and shows only the figures."""
    rows = EvaluationAnswer.objects.all()
    if activity_ids is not None:
        rows = rows.filter(evaluation__activity__in=list(activity_ids))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # sum, ratings, answers
    for activity_id, scores in rows.values_list("evaluation__activity_id", "scores"):
        total = totals[activity_id]
        total[0] += sum(scores.values())
        total[1] += len(scores)
        total[2] += 1
    return {pk: Score(round(s / n, 2) if n else 0.0, answers) for pk, (s, n, answers) in totals.items()}


def activity_evaluation(*, activity, user) -> dict:
    """What the activity's Evaluation tab shows this user (who may read the activity)."""
    answers = list(
        EvaluationAnswer.objects.filter(evaluation__activity=activity)
        .select_related("evaluation", "evaluation__person", "evaluation__institution")
        .order_by("evaluation__stage", "evaluation__respondent", "pk")
    )
    by_stage = {stage: Aggregate() for stage in Stage.values}
    for answer in answers:
        by_stage[answer.evaluation.stage].add(answer.scores, answer.uses_results)
    linked = sees_everything(user)
    sent = Evaluation.objects.filter(activity=activity).aggregate(
        **{f"sent_{stage}": Count("pk", filter=Q(stage=stage)) for stage in Stage.values}
    )
    stages = [
        {
            "stage": stage,
            "label": Stage(stage).label,
            "sent": sent[f"sent_{stage}"],
            "aggregate": aggregate,
            "shown": linked or aggregate.answers >= MIN_ANSWERS_SHOWN,
        }
        for stage, aggregate in by_stage.items()
    ]
    return {
        "stages": stages,
        "linked_answers": answers if linked else [],
        "evaluations": list(Evaluation.objects.filter(activity=activity).select_related("person", "institution"))
        if linked
        else [],
        "min_answers": MIN_ANSWERS_SHOWN,
        "may_send": can(user, "add", Evaluation),
    }


GROUPINGS = ("activity", "host_state", "modality", "area", "year")


def evaluation_breakdown(*, by: str, stage: str | None = None) -> list[dict]:
    """Aggregates per activity, host state, modality, capability area or year (of the activity's
    last day): for the secretariat's page and API (three queries)."""
    rows = EvaluationAnswer.objects.all()
    if stage:
        rows = rows.filter(evaluation__stage=stage)
    values = list(rows.values_list("evaluation__activity_id", "scores", "uses_results"))
    activities = activity_reads.activities_by_id({row[0] for row in values})
    groups: dict = defaultdict(Aggregate)
    labels: dict = {}
    for activity_id, scores, uses in values:
        activity = activities[activity_id]
        for key, label in _group_keys(activity, by):
            groups[key].add(scores, uses)
            labels[key] = label
    return [
        {"key": key, "label": labels[key], **groups[key].as_dict()}
        for key in sorted(groups, key=lambda key: str(labels[key]))
    ]


def _group_keys(activity, by: str) -> list[tuple]:
    if by == "host_state":
        return [(activity.host_state_id, activity.host_state.name)]
    if by == "modality":
        return [(activity.modality, activity.get_modality_display())]
    if by == "area":
        return [(area.pk, area.name) for area in activity.areas.all()]
    if by == "year":
        year = activity.end_date.year if activity.end_date else None
        return [(year, str(year or "—"))]
    return [(activity.pk, activity.title)]


# --- action plans -------------------------------------------------------------------------


def actionplan_list(*, user):
    return (
        ActionPlan.objects.for_user(user)
        .select_related("state", "activity")
        .annotate(
            items_count=count_of(ActionItem.objects, "plan"),
            overdue_count=count_of(
                ActionItem.objects.filter(status__in=ITEM_PENDING, due_date__lt=timezone.localdate()), "plan"
            ),
        )
        .order_by("state__name", "-pk")
    )


def actionplan_detail_queryset():
    return ActionPlan.objects.select_related("state", "activity").prefetch_related(
        Prefetch(
            "items",
            queryset=ActionItem.objects.select_related("owner_person", "institution").prefetch_related("documents"),
        )
    )


def overdue_items(*, state_id: int, user, today: datetime.date | None = None) -> list[ActionItem]:
    today = today or timezone.localdate()
    return list(
        ActionItem.objects.for_user(user)
        .filter(plan__state=state_id, status__in=ITEM_PENDING, due_date__lt=today)
        .select_related("plan", "plan__activity", "owner_person")
    )


# --- retention ----------------------------------------------------------------------------


def still_in_post(nomination) -> bool:
    """Whether the official still holds the post they were nominated in (the registry's post
    history): moved when a post begun after the activity is another post, or when the post held
    then has ended with nothing after it. A history entered after the training, for the same
    post, is not a move."""
    end = nomination.activity.end_date
    posts = list(nomination.person.posts.all())
    later = [post for post in posts if post.start_date > end]
    if later:
        return all(post.post.strip().lower() == nomination.post.strip().lower() for post in later)
    return not any(post.end_date is not None and post.start_date <= end <= post.end_date for post in posts)


@dataclass(frozen=True)
class Retention:
    trained: int
    in_post: int

    @property
    def share(self) -> float | None:
        return self.in_post / self.trained if self.trained else None

    def as_dict(self) -> dict:
        return {"trained": self.trained, "in_post": self.in_post, "share": _rounded(self.share)}


def retention_rows(*, activity_ids=None, state_id=None) -> list[dict]:
    """Each trained official (confirmed, present, closed activity) and whether still in post."""
    return [
        {"nomination": nomination, "in_post": still_in_post(nomination)}
        for nomination in activity_reads.trained_participants(activity_ids=activity_ids, state_id=state_id)
    ]


def retention_by(*, key: str, activity_ids=None, state_id=None) -> dict:
    """Retention per activity (key="activity") or per state (key="state"): id → Retention."""
    counts: dict = defaultdict(lambda: [0, 0])
    for row in retention_rows(activity_ids=activity_ids, state_id=state_id):
        nomination = row["nomination"]
        group = nomination.activity_id if key == "activity" else nomination.state_id
        counts[group][0] += 1
        counts[group][1] += row["in_post"]
    return {group: Retention(trained, in_post) for group, (trained, in_post) in counts.items()}


def state_panel(*, record, user) -> dict | None:
    """The follow-up panel on a member state's page: overdue action items and the share of its
    trained officials still in post. Nothing for users who may not read the state's plans."""
    if not can(user, "view", ActionPlan(state=record)):
        return None
    retention = retention_by(key="state", state_id=record.pk).get(record.pk)
    return {"state": record, "overdue": overdue_items(state_id=record.pk, user=user), "retention": retention}


# --- the follow-up review of a request -----------------------------------------------------


def review_evidence(*, assistance_request) -> dict:
    """What the officer reviews: per closed activity serving the request, its scores per stage
    and retention; the requesting state's action items from those activities, done and overdue."""
    activities = list(
        activity_reads.activities_serving(request_id=assistance_request.pk, statuses=["closed"]).order_by(
            "end_date", "pk"
        )
    )
    ids = [activity.pk for activity in activities]
    by_stage: dict = defaultdict(lambda: {stage: Aggregate() for stage in Stage.values})
    answers = EvaluationAnswer.objects.filter(evaluation__activity__in=ids)
    for activity_id, stage, scores, uses in answers.values_list(
        "evaluation__activity_id", "evaluation__stage", "scores", "uses_results"
    ):
        by_stage[activity_id][stage].add(scores, uses)
    retention = retention_by(key="activity", activity_ids=ids)
    today = timezone.localdate()
    items = ActionItem.objects.filter(plan__activity__in=ids, plan__state=assistance_request.state_id)
    counts = items.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status="done")),
        overdue=Count("pk", filter=Q(status__in=ITEM_PENDING, due_date__lt=today)),
    )
    state_retention = retention_by(key="state", activity_ids=ids, state_id=assistance_request.state_id)
    return {
        "activities": [
            {
                "activity": activity,
                "end": by_stage[activity.pk][Stage.END],
                "follow_up": by_stage[activity.pk][Stage.FOLLOW_UP],
                "retention": retention.get(activity.pk),
            }
            for activity in activities
        ],
        "items": counts,
        "retention": state_retention.get(assistance_request.state_id),
    }


def request_review_panel(*, record, user) -> dict | None:
    """The follow-up review panel on a request's page: for those who may review, once an activity
    serving the delivered request is closed."""
    from followup.services_review import may_review

    if not may_review(user, record):
        return None
    evidence = review_evidence(assistance_request=record)
    if not evidence["activities"]:
        return None
    return {"assistance_request": record, **evidence}


def requests_to_review(*, activity, user) -> list:
    """The requests the activity serves that the user may review now (the Evaluation tab's links)."""
    from followup.services_review import REVIEWABLE, may_review

    if activity.status != "closed":
        return []
    rows = activity.requests.filter(status__in=REVIEWABLE).select_related("state").order_by("pk")
    return [row for row in rows if may_review(user, row)]
