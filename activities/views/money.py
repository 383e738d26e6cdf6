"""Pages of an activity's money and papers, and the modality rules (settings): see
activities/views/__init__.py. Writes go through activities/services_money.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from activities import selectors_money, services_money
from activities.choices import ACTIVITY_MODALITIES
from activities.forms_money import ActivityDocumentsForm, BudgetLineForm, ModalityRuleForm
from activities.models import Activity, BudgetLine, ModalityRule
from activities.rules import modality_rule
from activities.views.tabs import tab_register, tabs_for
from core.access import can
from core.forms import form_add_errors
from core.versions import RecordChanged
from core.views import redirect_after_post

CHANGED = 409


def _visible_activity(request, pk) -> Activity:
    return get_object_or_404(Activity.objects.for_user(request.user).select_related("host_state"), pk=pk)


def _budget_activity(request, pk) -> Activity:
    """The activity, if the user reads its money; 404 otherwise (as if there were no budget)."""
    activity = _visible_activity(request, pk)
    if not selectors_money.budget_readable(user=request.user, activity=activity):
        raise Http404
    return activity


def _page(request, template, activity, tab, context, status=200):
    context = {"activity": activity, "tabs": tabs_for(activity=activity, user=request.user, current=tab), **context}
    return render(request, template, context, status=status)


# --- budget -------------------------------------------------------------------------------


@login_required
def activity_budget(request, pk):
    """The lines, and their totals per category, funding source and currency, budgeted and spent."""
    activity = _budget_activity(request, pk)
    lines = selectors_money.budget_lines(user=request.user, activity=activity)
    may_budget = can(request.user, "budget", activity)
    context = {
        "lines": list(lines),
        "totals": selectors_money.budget_totals(lines),
        "may_budget": may_budget,
        "form": BudgetLineForm(instance=BudgetLine(activity=activity), user=request.user) if may_budget else None,
    }
    return _page(request, "activities/budget.html", activity, "budget", context)


def _line_form_page(request, activity, form, line=None, status=200):
    context = {"form": form, "line": line}
    return _page(request, "activities/budget_form.html", activity, "budget", context, status=status)


@login_required
def budgetline_create(request, pk):
    activity = _budget_activity(request, pk)
    if not can(request.user, "budget", activity):
        raise PermissionDenied
    if request.method != "POST":
        return _line_form_page(
            request, activity, BudgetLineForm(instance=BudgetLine(activity=activity), user=request.user)
        )
    form = BudgetLineForm(request.POST, instance=BudgetLine(activity=activity), user=request.user)
    if form.is_valid():
        try:
            services_money.budget_line_create(activity_id=activity.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Budget line added."))
            return redirect_after_post(request, reverse("activities:activity_budget", args=[activity.pk]))
    return _line_form_page(request, activity, form, status=400)


def _editable_line(request, pk) -> BudgetLine:
    line = get_object_or_404(BudgetLine.objects.for_user(request.user).select_related("activity"), pk=pk)
    if not line.can_change(request.user):
        raise PermissionDenied
    return line


@login_required
def budgetline_update(request, pk):
    line = _editable_line(request, pk)
    if request.method != "POST":
        return _line_form_page(request, line.activity, BudgetLineForm(instance=line, user=request.user), line)
    form = BudgetLineForm(request.POST, instance=line, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                form.claim_version()  # refuses an edit that started from an older version
                services_money.budget_line_update(line_id=line.pk, actor=request.user, **form.cleaned_data)
        except RecordChanged as error:
            form.refuse_changed(error)
            return _line_form_page(request, line.activity, form, line, status=CHANGED)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Budget line saved."))
            return redirect_after_post(request, reverse("activities:activity_budget", args=[line.activity_id]))
    return _line_form_page(request, line.activity, form, line, status=400)


@login_required
def budgetline_delete(request, pk):
    line = _editable_line(request, pk)
    if request.method != "POST":
        return _page(request, "activities/budget_delete.html", line.activity, "budget", {"line": line})
    activity_id = services_money.budget_line_delete(line_id=line.pk, actor=request.user)
    messages.success(request, _("Budget line deleted."))
    return redirect_after_post(request, reverse("activities:activity_budget", args=[activity_id]))


# --- documents ----------------------------------------------------------------------------


@login_required
def activity_documents(request, pk):
    """The activity's papers, each downloaded through core:document_download (whoever sees the
    activity); the secretariat and the host institution add more."""
    activity = _visible_activity(request, pk)
    may_attach = can(request.user, "prepare", activity)
    form = ActivityDocumentsForm()
    status = 200
    if request.method == "POST":
        if not may_attach:
            raise PermissionDenied
        form = ActivityDocumentsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = services_money.activity_documents_add(
                    activity_id=activity.pk, actor=request.user, documents=form.cleaned_data["documents"]
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                count = len(added)
                messages.success(
                    request,
                    ngettext("%(count)d document added.", "%(count)d documents added.", count) % {"count": count},
                )
                return redirect_after_post(request, reverse("activities:activity_documents", args=[activity.pk]))
        status = 400
    documents = activity.documents.select_related("uploaded_by").order_by("-created_at")
    context = {"documents": documents, "may_attach": may_attach, "form": form}
    return _page(request, "activities/documents.html", activity, "documents", context, status=status)


# --- modality rules (settings) ------------------------------------------------------------


@login_required
def modalityrule_list(request):
    """Every modality with the rule in force: the secretariat's, or the default from practice."""
    saved = {rule.modality: rule for rule in ModalityRule.objects.for_user(request.user)}
    rows = [
        {"modality": value, "label": label, "rule": saved.get(value) or modality_rule(value), "saved": value in saved}
        for value, label in ACTIVITY_MODALITIES
    ]
    context = {"rows": rows, "may_change": can(request.user, "change", ModalityRule)}
    return render(request, "activities/modalityrule_list.html", context)


@login_required
def modalityrule_update(request, modality):
    if modality not in dict(ACTIVITY_MODALITIES):
        raise Http404
    if not can(request.user, "change", ModalityRule):
        raise PermissionDenied
    rule = modality_rule(modality)
    form = ModalityRuleForm(request.POST or None, instance=rule, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    form.claim_version()  # refuses an edit that started from an older version
                    services_money.modality_rule_save(modality=modality, actor=request.user, **form.cleaned_data)
            except RecordChanged as error:
                form.refuse_changed(error)
                status = CHANGED
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(request, _("The rule for %(modality)s is saved.") % {"modality": rule})
                return redirect("activities:modalityrule_list")
    context = {"form": form, "rule": rule, "label": dict(ACTIVITY_MODALITIES)[modality]}
    return render(request, "activities/modalityrule_form.html", context, status=status)


tab_register(
    key="budget",
    label=gettext_lazy("Budget"),
    url_name="activities:activity_budget",
    order=40,
    shows=selectors_money.budget_readable,
)
tab_register(key="documents", label=gettext_lazy("Documents"), url_name="activities:activity_documents", order=50)

urlpatterns = [
    path("<int:pk>/budget/", activity_budget, name="activity_budget"),
    path("<int:pk>/budget/new/", budgetline_create, name="budgetline_create"),
    path("budget/<int:pk>/edit/", budgetline_update, name="budgetline_update"),
    path("budget/<int:pk>/delete/", budgetline_delete, name="budgetline_delete"),
    path("<int:pk>/documents/", activity_documents, name="activity_documents"),
    path("settings/modalities/", modalityrule_list, name="modalityrule_list"),
    path("settings/modalities/<str:modality>/", modalityrule_update, name="modalityrule_update"),
]
