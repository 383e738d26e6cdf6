"""Closing the loop on a request (delivered → follow_up → closed), and the alert when a trained
official moves. Registered once from FollowupConfig.ready()."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext

from accounts.choices import Role
from activities import selectors_followup as activity_reads
from assistance.choices import Status
from assistance.workflow import request_workflow
from core.notifications import notify
from core.workflow import InvalidTransition
from followup.choices import Stage
from followup.models import Evaluation, EvaluationAnswer


def guard_request_follow_up(assistance_request, move) -> None:
    """The follow-up starts once an activity serving the request is closed, and its six-month
    questionnaire was sent, or the officer says why not."""
    closed = activity_reads.activities_serving(request_id=assistance_request.pk, statuses=["closed"])
    if not closed.exists():
        raise InvalidTransition(gettext("The follow-up starts once an activity that serves the request is closed."))
    sent = Evaluation.objects.filter(activity__in=closed, stage=Stage.FOLLOW_UP).exists()
    if not sent and not move.comment.strip():
        raise InvalidTransition(
            gettext("Send the six-month follow-up questionnaire first, or give the reason to follow up without it.")
        )


def guard_request_closed(assistance_request, move) -> None:
    """Closing needs at least one answer to the follow-up, or a reason."""
    serving = activity_reads.activities_serving(request_id=assistance_request.pk)
    answered = EvaluationAnswer.objects.filter(
        evaluation__activity__in=serving, evaluation__stage=Stage.FOLLOW_UP
    ).exists()
    if not answered and not move.comment.strip():
        raise InvalidTransition(
            gettext("Close after the follow-up is answered, or give the reason to close without an answer.")
        )


def guards_register() -> None:
    request_workflow.add_guard(Status.FOLLOW_UP, guard_request_follow_up)
    request_workflow.add_guard(Status.CLOSED, guard_request_closed)


# --- retention: a trained official's new post -------------------------------------------------


def post_changed(*, post) -> int:
    """Tell the officer of each activity the person was trained in, and their state's focal
    points, that a trained official holds a new post; returns how many activities it concerns."""
    trained = [
        nomination
        for nomination in activity_reads.trained_participants(person_id=post.person_id)
        if nomination.activity.end_date < post.start_date
        and nomination.post.strip().lower() != post.post.strip().lower()
    ]
    if not trained:
        return 0
    states = {nomination.state_id for nomination in trained}
    focal_points = get_user_model().objects.filter(role=Role.FOCAL_POINT, member_state__in=states, is_active=True)
    officers = [nomination.activity.officer for nomination in trained]
    notify(
        recipients=[*officers, *focal_points],
        template="followup/mail/post_changed",
        context={
            "person": post.person,
            "post": post,
            "activities": sorted({nomination.activity.title for nomination in trained}),
            "link": reverse("community:person_detail", args=[post.person_id]),
        },
        link=reverse("community:person_detail", args=[post.person_id]),
    )
    return len(trained)


def _on_post_saved(sender, instance, created, raw=False, **kwargs):
    # A change of post is recorded as a new post (community.services.person_reassign); the
    # closing of the old one in the same move is not a second alert.
    if created and not raw:
        post_changed(post=instance)


def signals_register() -> None:
    from community.models import PostHeld

    post_save.connect(_on_post_saved, sender=PostHeld, dispatch_uid="followup.post_changed")
