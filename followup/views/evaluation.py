"""The activity's Evaluation tab (scores, retention, sending) and the secretariat's breakdown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from activities import selectors_followup as activity_reads
from activities.views.tabs import tab_register, tabs_for
from core.access import can, sees_everything
from core.views import redirect_after_post
from followup import selectors, services
from followup.choices import Stage
from followup.models import Evaluation

tab_register(key="evaluation", label=gettext_lazy("Evaluation"), url_name="followup:activity_evaluation", order=60)


@login_required
def activity_evaluation(request, pk: int):
    """Scores per stage (linked answers for the secretariat; totals from three answers for the
    others), the share of its trained officials still in post, and the send buttons."""
    activity = activity_reads.activity_for_user(user=request.user, activity_id=pk)
    summary = selectors.activity_evaluation(activity=activity, user=request.user)
    retention = selectors.retention_by(key="activity", activity_ids=[activity.pk]).get(activity.pk)
    rows = selectors.retention_rows(activity_ids=[activity.pk]) if sees_everything(request.user) else []
    context = {
        "activity": activity,
        "tabs": tabs_for(activity=activity, user=request.user, current="evaluation"),
        "retention": retention,
        "retention_rows": rows,
        "stage_choices": Stage.choices,
        "review_requests": selectors.requests_to_review(activity=activity, user=request.user),
        **summary,
    }
    return render(request, "followup/activity_evaluation.html", context)


@login_required
@require_POST
def evaluations_send(request, pk: int):
    activity = activity_reads.activity_for_user(user=request.user, activity_id=pk)
    if not can(request.user, "add", Evaluation):
        raise PermissionDenied
    stage = request.POST.get("stage")
    if stage not in Stage.values:
        messages.error(request, _("Choose which questionnaire to send."))
    else:
        try:
            sent = services.evaluations_send(activity_id=activity.pk, stage=stage, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Questionnaire sent to %(count)s respondent(s).") % {"count": len(sent)})
    return redirect_after_post(request, reverse("followup:activity_evaluation", args=[activity.pk]))


@login_required
def evaluation_breakdown(request):
    """Aggregates per activity, host state, modality, capability area or year (the secretariat)."""
    if not sees_everything(request.user):
        raise PermissionDenied
    by = request.GET.get("by") if request.GET.get("by") in selectors.GROUPINGS else "activity"
    stage = request.GET.get("stage") if request.GET.get("stage") in Stage.values else ""
    groupings = [
        ("activity", _("Activity")),
        ("host_state", _("Host state")),
        ("modality", _("Modality")),
        ("area", _("Capability area")),
        ("year", _("Year")),
    ]
    context = {
        "rows": selectors.evaluation_breakdown(by=by, stage=stage or None),
        "by": by,
        "stage": stage,
        "groupings": groupings,
        "stage_choices": Stage.choices,
        "outcomes": selectors.OUTCOMES,
    }
    return render(request, "followup/evaluation_breakdown.html", context)


urlpatterns = [
    path("activity/<int:pk>/evaluation/", activity_evaluation, name="activity_evaluation"),
    path("activity/<int:pk>/evaluation/send/", evaluations_send, name="evaluations_send"),
    path("evaluations/", evaluation_breakdown, name="evaluation_breakdown"),
]
