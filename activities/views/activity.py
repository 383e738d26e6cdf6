"""The activity record: its list, its page, the secretariat's form, planning one from a confirmed
request, and the lifecycle buttons. Status changes only through `services.activity_move`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from activities import filtersets, forms, selectors, services, tables
from activities.choices import ActivityStatus
from activities.models import Activity
from activities.views.tabs import tab_register, tabs_for
from activities.workflow import activity_workflow
from assistance.choices import Status
from assistance.models import AssistanceRequest
from core import views as generic
from core.access import can
from core.forms import form_add_errors
from core.history import history_for
from core.versions import RecordChanged
from core.workflow import InvalidTransition, transitions_of

# What each lifecycle button says: the move, not the status it leads to.
MOVE_LABELS = {
    ActivityStatus.PLANNED: gettext_lazy("Mark planned"),
    ActivityStatus.CONFIRMED: gettext_lazy("Confirm"),
    ActivityStatus.IN_DELIVERY: gettext_lazy("Start delivery"),
    ActivityStatus.DELIVERED: gettext_lazy("Mark delivered"),
    ActivityStatus.CLOSED: gettext_lazy("Close"),
    ActivityStatus.CANCELLED: gettext_lazy("Cancel the activity"),
}

tab_register(key="overview", label=gettext_lazy("Overview"), url_name="activities:activity_detail", order=10)


class ActivityViewMixin:
    queryset = Activity.objects.all()

    def base_context(self):
        return {
            "model_name": Activity._meta.verbose_name,
            "model_name_plural": Activity._meta.verbose_name_plural,
            "list_url": reverse("activities:activity_list"),
            "add_url": reverse("activities:activity_create"),
            "can_add": can(self.request.user, "add", Activity),
        }


class ActivityListView(ActivityViewMixin, generic.ObjectListView):
    filterset = filtersets.ActivityFilterSet
    table = tables.ActivityTable

    def scoped_queryset(self):
        return selectors.activity_list(user=self.request.user)


def _moves(activity, user) -> list[dict]:
    return [
        {
            "to": status.value,
            "label": MOVE_LABELS.get(status, status.label),
            "reason_required": status in activity_workflow.reason_required,
        }
        for status in activity_workflow.allowed(activity, user)
    ]


class ActivityDetailView(ActivityViewMixin, generic.ObjectView):
    """Everything about one activity, what the user may do with it, and its history."""

    def get(self, request, pk):
        activity = get_object_or_404(selectors.activity_detail_queryset(user=request.user), pk=pk)
        user = request.user
        context = {
            **self.base_context(),
            "object": activity,
            "tabs": tabs_for(activity=activity, user=user, current="overview"),
            "can_change": activity.can_change(user),
            "edit_url": reverse("activities:activity_update", args=[activity.pk]),
            "requests_served": selectors.requests_served(activity=activity, user=user),
            "moves": _moves(activity, user),
            "transitions": transitions_of(activity),
            "history": history_for(activity),
        }
        return render(request, "activities/activity_detail.html", context)


class ActivityEditView(ActivityViewMixin, generic.ObjectEditView):
    """New activity (a secretariat initiative, e.g. a regional workshop) or a change to one."""

    form = forms.ActivityForm

    def render_form(self, form, obj):
        context = {**self.base_context(), "form": form, "object": obj}
        return render(self.request, "activities/activity_form.html", context)

    def save(self, form):
        activity = services.activity_save(
            activity_id=form.instance.pk, actor=self.request.user, **form.service_fields()
        )
        warn_about_dates(self.request, activity)
        return activity


def warn_about_dates(request, activity) -> None:
    for warning in services.activity_date_warnings(activity):
        messages.warning(request, warning)


class ActivityPlanView(LoginRequiredMixin, View):
    """Plan the activity a confirmed request asks for: proposed fields and dates, which the
    officer accepts in one click or changes (then warned about holidays and clashes)."""

    def get_request(self, request_pk) -> AssistanceRequest:
        if not can(self.request.user, "add", Activity):
            raise PermissionDenied
        try:
            return selectors.plannable_request(user=self.request.user, request_id=request_pk)
        except AssistanceRequest.DoesNotExist:
            raise PermissionDenied from None

    def not_plannable(self, assistance_request):
        messages.error(self.request, _("An activity is planned for a request whose host is confirmed."))
        return redirect(assistance_request.get_absolute_url())

    def render_form(self, assistance_request, form, proposal, status=200):
        context = {"request_record": assistance_request, "form": form, "proposal": proposal}
        return render(self.request, "activities/activity_plan.html", context, status=status)

    def get(self, request, request_pk):
        assistance_request = self.get_request(request_pk)
        if assistance_request.status != Status.HOST_CONFIRMED:
            return self.not_plannable(assistance_request)
        proposal = selectors.plan_proposal(
            assistance_request=assistance_request, modality=request.GET.get("modality", "")
        )
        initial = {**proposal.initial, "requests": [assistance_request.pk]}
        form = forms.ActivityForm(initial=initial, user=request.user)
        return self.render_form(assistance_request, form, proposal)

    def post(self, request, request_pk):
        assistance_request = self.get_request(request_pk)
        if assistance_request.status != Status.HOST_CONFIRMED:
            return self.not_plannable(assistance_request)
        form = forms.ActivityForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                activity = services.activity_plan(
                    request_id=assistance_request.pk, actor=request.user, **form.service_fields()
                )
            except ValidationError as error:
                form_add_errors(form, error)
            except InvalidTransition as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("%(name)s planned from %(start)s to %(end)s; the request is now planned.")
                    % {
                        "name": activity,
                        "start": date_format(activity.start_date),
                        "end": date_format(activity.end_date),
                    },
                )
                warn_about_dates(request, activity)
                return generic.redirect_after_post(request, activity.get_absolute_url())
        proposal = selectors.plan_proposal(assistance_request=assistance_request)
        return self.render_form(assistance_request, form, proposal, status=400)


@login_required
@require_POST
def activity_transition(request, pk):
    """One lifecycle button: move the activity (and its requests), or say why not. A move the
    user may not make is refused by the workflow (403)."""
    activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where the activity should go."))
        return redirect(activity.get_absolute_url())
    try:
        activity = services.activity_move(
            activity_id=activity.pk,
            to=form.cleaned_data["to"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
            version=form.cleaned_data["version"],
        )
    except InvalidTransition as error:
        messages.error(request, error.message)
    except RecordChanged as changed:  # the page showed an older version of the activity
        messages.error(request, changed.move_message_for(request.user))
    else:
        messages.success(request, _("The activity is now %(status)s.") % {"status": activity.get_status_display()})
    return generic.redirect_after_post(request, activity.get_absolute_url())


urlpatterns = [
    path("", ActivityListView.as_view(), name="activity_list"),
    path("new/", ActivityEditView.as_view(), name="activity_create"),
    path("<int:pk>/", ActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", ActivityEditView.as_view(), name="activity_update"),
    path("<int:pk>/move/", activity_transition, name="activity_transition"),
    path("plan/<int:request_pk>/", ActivityPlanView.as_view(), name="activity_plan"),
]
