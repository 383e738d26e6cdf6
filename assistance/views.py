"""Pages of the request lifecycle: list, board, filing, the request page and its workflow buttons.

Status never changes through a form: every workflow button posts to `request_transition`,
which calls `services.request_transition`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from assistance import filtersets, forms, selectors, services, tables
from assistance.choices import MATCHABLE, Status
from assistance.exceptions import InvalidTransition
from assistance.models import AssistanceRequest, RequestDocument
from core.views import history_for, redirect_after_post

DETAIL_TEMPLATE = "assistance/request_detail.html"

# What each workflow button says: the move, not the status it leads to.
ACTION_LABELS = {
    Status.SUBMITTED: gettext_lazy("Submit"),
    Status.REGISTERED: gettext_lazy("Register"),
    Status.ASSESSING: gettext_lazy("Assess the need"),
    Status.APPROVED: gettext_lazy("Approve"),
    Status.DECLINED: gettext_lazy("Decline"),
    Status.ON_HOLD: gettext_lazy("Put on hold"),
    Status.MATCHING: gettext_lazy("Start matching"),
    Status.HOST_CONFIRMED: gettext_lazy("Host confirmed"),
    Status.PLANNED: gettext_lazy("Mark planned"),
    Status.IN_DELIVERY: gettext_lazy("Start delivery"),
    Status.DELIVERED: gettext_lazy("Mark delivered"),
    Status.FOLLOW_UP: gettext_lazy("Start follow-up"),
    Status.CLOSED: gettext_lazy("Close"),
    Status.WITHDRAWN: gettext_lazy("Withdraw"),
}
BUTTON_STYLES = {
    Status.DECLINED: "outline-danger",
    Status.WITHDRAWN: "outline-secondary",
    Status.ON_HOLD: "outline-warning",
}


def _can_file(user) -> bool:
    return AssistanceRequest.access.can_add(user)


class RequestListView(LoginRequiredMixin, View):
    """The requests the user may see, filtered and sortable; each row flags what is overdue."""

    def get(self, request):
        filterset = filtersets.AssistanceRequestFilterSet(
            request.GET, queryset=selectors.request_list(user=request.user), request=request
        )
        table = tables.AssistanceRequestTable(filterset.qs).configure(request)
        context = {
            "filterset": filterset,
            "table": table,
            "page_obj": table.page,
            "object_list": table.page.object_list,
            "can_add": _can_file(request.user),
        }
        template = "assistance/request_list.html"
        if request.htmx and not request.htmx.boosted:
            template += "#results"
        response = render(request, template, context)
        response["Vary"] = "HX-Request"
        return response


class RequestBoardView(LoginRequiredMixin, View):
    """Open requests as cards in one column per status."""

    def get(self, request):
        filterset = filtersets.AssistanceRequestFilterSet(
            request.GET, queryset=selectors.request_list(user=request.user), request=request
        )
        del filterset.form.fields["status"]  # the columns are the statuses
        context = {
            "filterset": filterset,
            "columns": selectors.request_board(filterset.qs),
            "can_add": _can_file(request.user),
        }
        return render(request, "assistance/request_board.html", context)


class RequestEditView(LoginRequiredMixin, View):
    """File a request (no pk) or correct one that is still a draft or awaiting registration."""

    def get_instance(self, pk):
        user = self.request.user
        if pk is None:
            if not _can_file(user):
                raise PermissionDenied
            return AssistanceRequest()
        obj = get_object_or_404(AssistanceRequest.objects.for_user(user), pk=pk)
        if not services.request_is_editable(obj) or not obj.can_change(user):
            raise PermissionDenied
        return obj

    def render_form(self, form, obj, status=200):
        context = {"form": form, "object": obj, "records_mail": form.records_mail}
        return render(self.request, "assistance/request_form.html", context, status=status)

    def get(self, request, pk=None):
        obj = self.get_instance(pk)
        return self.render_form(forms.AssistanceRequestForm(instance=obj, user=request.user), obj)

    def post(self, request, pk=None):
        obj = self.get_instance(pk)
        form = forms.AssistanceRequestForm(request.POST, request.FILES, instance=obj, user=request.user)
        if not form.is_valid():
            return self.render_form(form, obj, status=400)
        submit = request.POST.get("action") == "submit"
        documents = form.cleaned_data.get("documents", [])
        if obj.pk is None:
            obj = services.request_file(form=form, actor=request.user, submit=submit, documents=documents)
        else:
            obj = services.request_update(form=form, actor=request.user, submit=submit, documents=documents)
        if obj.reference:
            messages.success(request, _("Request registered as %(ref)s.") % {"ref": obj.reference})
        elif obj.status == Status.SUBMITTED:
            messages.success(request, _("Request submitted. The secretariat will register it."))
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready."))
        return redirect_after_post(request, obj.get_absolute_url())


def _detail_context(request, obj) -> dict:
    user = request.user
    assessment = selectors.needs_assessment_of(obj)
    return {
        "object": obj,
        "timeline": selectors.request_timeline(request=obj),
        "overdue": services.is_overdue(obj),
        "transitions": [
            {
                "status": status,
                "label": ACTION_LABELS.get(status, status.label),
                "comment_required": status in services.REASON_REQUIRED,
                "style": BUTTON_STYLES.get(status, "primary"),
            }
            for status in services.allowed_transitions(obj, user)
        ],
        "can_edit": services.request_is_editable(obj) and obj.can_change(user),
        "can_assess": user.is_secretariat and obj.status in services.ASSESSABLE,
        "can_match": user.is_secretariat and obj.status in MATCHABLE,
        "assign_form": forms.AssignForm(initial={"officer": obj.assigned_officer_id}) if user.is_secretariat else None,
        "assessment": assessment,
        "baseline_rows": selectors.baseline_rows(request=obj, user=user, assessment=assessment),
        "history": history_for(obj),
    }


def _render_panel(request, obj, *, message="", error="", status=200):
    """The status panel on its own, for htmx to swap in place."""
    context = {**_detail_context(request, obj), "panel_message": message, "panel_error": error}
    response = render(request, DETAIL_TEMPLATE + "#status-panel", context, status=status)
    response["Vary"] = "HX-Request"
    return response


class RequestDetailView(LoginRequiredMixin, View):
    """Everything about one request; htmx asks for the status panel alone."""

    def get(self, request, pk):
        obj = get_object_or_404(selectors.request_detail_queryset(user=request.user), pk=pk)
        if request.htmx and not request.htmx.boosted:
            return _render_panel(request, obj)
        response = render(request, DETAIL_TEMPLATE, _detail_context(request, obj))
        response["Vary"] = "HX-Request"
        return response


def _visible_request(request, pk):
    return get_object_or_404(selectors.request_detail_queryset(user=request.user), pk=pk)


@login_required
@require_POST
def request_transition(request, pk):
    """One workflow button: move the request, or say why it cannot move (400).
    A move the user's role may not make is refused by the service (403)."""
    obj = _visible_request(request, pk)
    form = forms.TransitionForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Choose where the request should go.")
    else:
        try:
            services.request_transition(
                request_id=obj.pk, to=form.cleaned_data["to"], actor=request.user, comment=form.cleaned_data["comment"]
            )
        except InvalidTransition as exc:
            error = exc.message
    obj = _visible_request(request, pk)
    if error:
        if request.htmx:
            return _render_panel(request, obj, error=error, status=400)
        messages.error(request, error)
        return redirect(obj.get_absolute_url())
    message = _("The request is now %(status)s.") % {"status": obj.get_status_display()}
    if obj.reference and obj.status == Status.REGISTERED:
        message = _("Registered as %(ref)s.") % {"ref": obj.reference}
    if request.htmx:
        return _render_panel(request, obj, message=message)
    messages.success(request, message)
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def request_assign(request, pk):
    """Route the request to an officer (secretariat only)."""
    obj = _visible_request(request, pk)
    if not request.user.is_secretariat:
        raise PermissionDenied
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        error = _("Choose an active secretariat officer.")
        if request.htmx:
            return _render_panel(request, obj, error=error, status=400)
        messages.error(request, error)
        return redirect(obj.get_absolute_url())
    officer = form.cleaned_data["officer"]
    services.request_assign(request_id=obj.pk, officer=officer, actor=request.user)
    obj = _visible_request(request, pk)
    message = _("Assigned to %(officer)s.") % {"officer": officer} if officer else _("No officer assigned.")
    if request.htmx:
        return _render_panel(request, obj, message=message)
    messages.success(request, message)
    return redirect(obj.get_absolute_url())


class NeedsAssessmentView(LoginRequiredMixin, View):
    """Record or revise the needs assessment; the first one moves a registered request to assessing."""

    def get_request(self, pk):
        obj = _visible_request(self.request, pk)
        if not self.request.user.is_secretariat:
            raise PermissionDenied
        return obj

    def get_form(self, obj, data=None):
        assessment = selectors.needs_assessment_of(obj)
        return forms.NeedsAssessmentForm(
            data,
            instance=assessment,
            areas=obj.areas.all(),
            map_levels=services.baseline_for(obj, user=self.request.user),
        )

    def render_form(self, obj, form, status=200):
        return render(
            self.request, "assistance/needs_assessment_form.html", {"object": obj, "form": form}, status=status
        )

    def not_assessable(self, obj):
        messages.error(
            self.request,
            _("A needs assessment is recorded while the request is registered, being assessed or on hold."),
        )
        return redirect(obj.get_absolute_url())

    def get(self, request, pk):
        obj = self.get_request(pk)
        if obj.status not in services.ASSESSABLE:
            return self.not_assessable(obj)
        return self.render_form(obj, self.get_form(obj))

    def post(self, request, pk):
        obj = self.get_request(pk)
        if obj.status not in services.ASSESSABLE:
            return self.not_assessable(obj)
        form = self.get_form(obj, request.POST)
        if not form.is_valid():
            return self.render_form(obj, form, status=400)
        try:
            services.needs_assessment_save(request_id=obj.pk, actor=request.user, **form.service_fields())
        except InvalidTransition as exc:
            form.add_error(None, exc.message)
            return self.render_form(obj, form, status=400)
        messages.success(request, _("Needs assessment saved."))
        return redirect_after_post(request, reverse("assistance:request_detail", args=[obj.pk]) + "#needs-assessment")


@login_required
def document_download(request, pk):
    """A request's document, only for those who may see the request."""
    document = get_object_or_404(RequestDocument.objects.for_user(request.user), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
