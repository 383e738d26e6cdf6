"""Pages of community decisions and their national implementation.

Decisions use the generic CRUD views; required actions are edited inline on the decision page
(htmx, with full-page fallbacks); implementation reports are only ever added, through the
`implementation_report` service, on the page of one state's history on one action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from community.models import MemberState
from core import views as generic
from core.access import can
from core.htmx import render_page_or_partial, wants_partial
from core.versions import RecordChanged
from decisions import filtersets, forms, models, selectors, services, tables

ACTION_COLUMNS = 4  # columns of the required-actions table, for the inline edit row


class DecisionListView(generic.ObjectListView):
    queryset = models.Decision.objects.all()
    filterset = filtersets.DecisionFilterSet
    table = tables.DecisionTable

    def scoped_queryset(self):
        return selectors.decision_list(user=self.request.user)


class DecisionDetailView(generic.ObjectDetailView):
    queryset = models.Decision.objects.all()

    def extra_context(self, obj):
        user = self.request.user
        heatmap = selectors.implementation_heatmap(
            user=user,
            decision=obj,
            state_page=self.request.GET.get(STATE_PAGE),
            action_page=self.request.GET.get(ACTION_PAGE),
            actions_per_page=selectors.ACTIONS_PER_DECISION_PAGE,
        )
        can_edit_actions = can(user, "add", models.RequiredAction)
        next_position = max((a.position for a in heatmap.actions), default=0) + 1
        return {
            "heatmap": heatmap,
            "window": window_links(self.request.GET, heatmap),
            "series_prefix": selectors.series_url_prefix(),
            "legend": selectors.status_legend(),
            "can_edit_actions": can_edit_actions,
            "action_form": (
                forms.RequiredActionForm(user=user, initial={"position": next_position}, auto_id="id_new_%s")
                if can_edit_actions
                else None
            ),
            "action_history": selectors.decision_action_history(decision=obj),
        }


class DecisionEditView(generic.ObjectEditView):
    queryset = models.Decision.objects.all()
    form = forms.DecisionForm


class DecisionDeleteView(generic.ObjectDeleteView):
    queryset = models.Decision.objects.all()


# --- required actions, edited inline on the decision page --------------------------------------


def _changeable_action(request, pk) -> models.RequiredAction:
    action = get_object_or_404(models.RequiredAction.objects.for_user(request.user).select_related("decision"), pk=pk)
    if not action.can_change(request.user):
        raise PermissionDenied
    return action


def _action_form_response(request, form, action, *, mode: str, status: int = 200):
    """The add/edit form: a full page, or for htmx the form (add) or the table row (edit)."""
    template = "decisions/requiredaction_form.html"
    if wants_partial(request):
        # htmx only swaps 2xx responses, so its re-rendered form comes back as 200.
        template += "#action-row" if mode == "edit" else "#action-form"
        status = 200
    context = {
        "form": form,
        "action": action,
        "decision": action.decision,
        "mode": mode,
        "columns": ACTION_COLUMNS,
    }
    return render(request, template, context, status=status)


def _save_action(request, form, action, *, mode: str):
    if not form.is_valid():
        return _action_form_response(request, form, action, mode=mode, status=400)
    try:
        with transaction.atomic():
            form.claim_version()  # refuses an edit that started from an older version
            action = form.save()
    except RecordChanged as error:
        form.refuse_changed(error)
        return _action_form_response(request, form, action, mode=mode, status=409)
    messages.success(request, _("Required action saved."))
    if wants_partial(request):
        # The inline forms live on the decision page itself, whose address only differs by the
        # #action anchor: a client redirect there would not reload it, so ask for a refresh.
        return HttpResponseClientRefresh()
    return HttpResponseRedirect(action.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def requiredaction_add(request, pk):
    decision = get_object_or_404(models.Decision.objects.for_user(request.user), pk=pk)
    if not (can(request.user, "add", models.RequiredAction) and can(request.user, "change", decision)):
        raise PermissionDenied
    action = models.RequiredAction(decision=decision)
    if request.method == "POST":
        form = forms.RequiredActionForm(request.POST, instance=action, user=request.user, auto_id="id_new_%s")
        return _save_action(request, form, action, mode="add")
    next_position = (decision.actions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    form = forms.RequiredActionForm(
        instance=action, user=request.user, initial={"position": next_position}, auto_id="id_new_%s"
    )
    return _action_form_response(request, form, action, mode="add")


@login_required
@require_http_methods(["GET", "POST"])
def requiredaction_edit(request, pk):
    action = _changeable_action(request, pk)
    auto_id = f"id_action{action.pk}_%s"
    if request.method == "POST":
        form = forms.RequiredActionForm(request.POST, instance=action, user=request.user, auto_id=auto_id)
        return _save_action(request, form, action, mode="edit")
    form = forms.RequiredActionForm(instance=action, user=request.user, auto_id=auto_id)
    return _action_form_response(request, form, action, mode="edit")


@login_required
@require_http_methods(["GET", "POST"])
def requiredaction_delete(request, pk):
    """Confirm, then delete an action; its reports go with it (the audit log keeps them)."""
    action = _changeable_action(request, pk)
    if request.method == "POST":
        decision = action.decision
        with transaction.atomic():
            action.delete()
        messages.success(request, _("Required action deleted."))
        return generic.redirect_after_post(request, decision.get_absolute_url())
    context = {
        "action": action,
        "decision": action.decision,
        "report_count": action.reports.count(),
    }
    return render(request, "decisions/requiredaction_delete.html", context)


# --- national implementation -------------------------------------------------------------------


STATE_PAGE = "state_page"
ACTION_PAGE = "action_page"


def window_links(query, heatmap) -> dict[str, str]:
    """The query strings of the neighbouring windows of the map (the same filters, the previous or
    next page of states or of actions); "" where there is none."""

    def moved(name: str, page) -> str:
        params = query.copy()
        params[name] = page
        return params.urlencode()

    links = {}
    for name, page in ((STATE_PAGE, heatmap.state_page), (ACTION_PAGE, heatmap.action_page)):
        axis = name.removesuffix("_page")
        links[f"{axis}_previous"] = moved(name, page.previous_page_number()) if page.has_previous() else ""
        links[f"{axis}_next"] = moved(name, page.next_page_number()) if page.has_next() else ""
    return links


@login_required
def implementation_heatmap(request):
    """A window of states × actions with each state's current status, and compliance per state
    and per area; the filters choose the actions and states, the window links page through them."""
    form = forms.ImplementationFilterForm(request.GET, user=request.user)
    filters = form.filters()
    heatmap = selectors.implementation_heatmap(
        user=request.user,
        **filters,
        state_page=request.GET.get(STATE_PAGE),
        action_page=request.GET.get(ACTION_PAGE),
    )
    by_area = selectors.compliance_by_area(heatmap, parent=filters["within"])
    drill = request.GET.copy()  # the area table's links narrow the current filters to one area
    for name in ("within", ACTION_PAGE):
        drill.pop(name, None)
    context = {
        "form": form,
        "heatmap": heatmap,
        "window": window_links(request.GET, heatmap),
        "series_prefix": selectors.series_url_prefix(),
        "by_area": by_area,
        "legend": selectors.status_legend(),
        "filtered": any(filters.values()),
        "drill_query": drill.urlencode(),
    }
    return render_page_or_partial(request, "decisions/implementation_heatmap.html", context, partial="results")


@login_required
@require_http_methods(["GET", "POST"])
def implementation_series(request, state_pk, action_pk):
    """One state's reports on one action, newest first, and the form to report a new status
    (only for those who may report on the state: the secretariat and the state's focal points)."""
    state = get_object_or_404(MemberState.objects.for_user(request.user), pk=state_pk)
    action = get_object_or_404(
        models.RequiredAction.objects.for_user(request.user).select_related("decision", "area"),
        pk=action_pk,
    )
    can_report = services.can_report(request.user, state)
    form, status = None, 200
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        form = forms.ImplementationReportForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.implementation_report(actor=request.user, state=state, action=action, **form.cleaned_data)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Status reported for %(state)s.") % {"state": state})
                return generic.redirect_after_post(request, request.path)
        status = 400
    elif can_report:
        form = forms.ImplementationReportForm(user=request.user)
    reports = list(selectors.implementation_series(state=state, action=action))
    context = {
        "state": state,
        "action": action,
        "reports": reports,
        "current": reports[0] if reports else None,
        "form": form,
        "can_verify": can(request.user, "verify", models.ImplementationReport),
    }
    return render(request, "decisions/implementation_series.html", context, status=status)
