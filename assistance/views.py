"""Pages of the request lifecycle: list, board, filing, the request page, its workflow buttons
and its documents.

Status never changes through a form: every workflow button posts to `request_transition`,
which calls `services.request_transition`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_POST

from assistance import filtersets, forms, guidance, selectors, services, tables
from assistance.choices import MATCHABLE, Status
from assistance.models import AssistanceRequest
from assistance.workflow import request_workflow
from core.access import can, require
from core.forms import form_add_errors
from core.history import history_for
from core.htmx import render_page_or_partial, wants_partial
from core.versions import RecordChanged
from core.views import redirect_after_post
from core.workflow import InvalidTransition

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


def _filing_context(user) -> dict:
    return {
        "can_add": can(user, "file", AssistanceRequest),
        "records_mail": can(user, "record_received", AssistanceRequest),
    }


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
            **_filing_context(request.user),
        }
        return render_page_or_partial(request, "assistance/request_list.html", context, partial="results")


class RequestBoardView(LoginRequiredMixin, View):
    """Open requests as cards in one column per status, a page of cards per column: "more" asks
    for the column's next page (with htmx, only that column's next cards; without, the board with
    that column at its next page)."""

    template_name = "assistance/request_board.html"

    def get(self, request):
        filterset = filtersets.AssistanceRequestFilterSet(
            request.GET, queryset=selectors.request_list(user=request.user), request=request
        )
        del filterset.form.fields["status"]  # the columns are the statuses
        column_status = request.GET.get("column")
        if wants_partial(request) and column_status in selectors.BOARD_STATUSES:
            status = Status(column_status)
            page = selectors.board_page(request.GET, status)
            column = selectors.request_board_column(filterset.qs, user=request.user, status=status, page=page)
            response = render(request, f"{self.template_name}#column-cards", {"column": _with_links(column, request)})
            patch_vary_headers(response, ["HX-Request"])
            return response
        columns = selectors.request_board(filterset.qs, user=request.user, params=request.GET)
        context = {
            "filterset": filterset,
            "columns": [_with_links(column, request) for column in columns],
            **_filing_context(request.user),
        }
        response = render(request, self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])
        return response


def _board_query(request, column, page: int | None) -> str:
    """The board's query string (its filters, every column's page) with `column` at `page`
    (None: its first page)."""
    params = request.GET.copy()
    params.pop("column", None)
    params.pop(column.page_param, None)
    if page is not None:
        params[column.page_param] = str(page)
    return params.urlencode()


def _with_links(column, request):
    """The column with the query strings of its next page and of its first page."""
    column.more_query = _board_query(request, column, column.page + 1)
    column.first_query = _board_query(request, column, None)
    return column


class RequestEditView(LoginRequiredMixin, View):
    """File a request (no pk) or correct one that is still a draft or awaiting registration."""

    def get_instance(self, pk):
        user = self.request.user
        if pk is None:
            if not can(user, "file", AssistanceRequest):
                raise PermissionDenied
            return AssistanceRequest()
        assistance_request = get_object_or_404(AssistanceRequest.objects.for_user(user), pk=pk)
        if not services.request_is_editable(assistance_request, user):
            raise PermissionDenied
        return assistance_request

    def render_form(self, form, assistance_request, status=200):
        context = {"form": form, "object": assistance_request, "records_mail": form.records_mail}
        return render(self.request, "assistance/request_form.html", context, status=status)

    def get(self, request, pk=None):
        assistance_request = self.get_instance(pk)
        form = forms.AssistanceRequestForm(instance=assistance_request, user=request.user)
        return self.render_form(form, assistance_request)

    def post(self, request, pk=None):
        assistance_request = self.get_instance(pk)
        form = forms.AssistanceRequestForm(request.POST, request.FILES, instance=assistance_request, user=request.user)
        if not form.is_valid():
            return self.render_form(form, assistance_request, status=400)
        fields = form.service_fields()
        submit = request.POST.get("action") == "submit"
        documents = form.cleaned_data.get("documents", [])
        try:
            if assistance_request.pk is None:
                assistance_request = services.request_file(
                    actor=request.user, submit=submit, documents=documents, **fields
                )
            else:
                with transaction.atomic():
                    form.claim_version()  # refuses an edit that started from an older version
                    assistance_request = services.request_update(
                        request_id=assistance_request.pk,
                        actor=request.user,
                        submit=submit,
                        documents=documents,
                        **fields,
                    )
        except RecordChanged as error:
            form.refuse_changed(error)
            return self.render_form(form, assistance_request, status=409)
        except ValidationError as error:
            # The model's or the service's rule, in the same words as the API's 400.
            form_add_errors(form, error)
            return self.render_form(form, assistance_request, status=400)
        if assistance_request.reference:
            messages.success(request, _("Request registered as %(ref)s.") % {"ref": assistance_request.reference})
        elif assistance_request.status == Status.SUBMITTED:
            messages.success(request, _("Request submitted. The secretariat will register it."))
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready."))
        return redirect_after_post(request, assistance_request.get_absolute_url())


def _detail_context(request, assistance_request) -> dict:
    user = request.user
    assessment = selectors.needs_assessment_of(assistance_request)
    may_assign = can(user, "assign", assistance_request)
    return {
        "object": assistance_request,
        "timeline": selectors.request_timeline(assistance_request=assistance_request),
        "overdue": services.is_overdue(assistance_request),
        "transitions": [
            {
                "status": status,
                "label": ACTION_LABELS.get(status, status.label),
                "comment_required": status in request_workflow.reason_required,
                "style": BUTTON_STYLES.get(status, "primary"),
            }
            for status in services.allowed_transitions(assistance_request, user)
        ],
        "can_edit": services.request_is_editable(assistance_request, user),
        "can_attach": services.request_may_attach(assistance_request, user),
        "documents_form": forms.RequestDocumentsForm(),
        "next_step": guidance.next_step(assistance_request, user),
        "print_history": request.GET.get("print") == "history",
        "can_assess": services.may_assess(assistance_request, user),
        "can_match": assistance_request.status in MATCHABLE and can(user, "match", assistance_request),
        "assign_form": forms.AssignForm(initial={"officer": assistance_request.assigned_officer_id})
        if may_assign
        else None,
        "assessment": assessment,
        "baseline_rows": selectors.baseline_rows(
            assistance_request=assistance_request, user=user, assessment=assessment
        ),
        "history": history_for(assistance_request),
    }


def _render_panel(request, assistance_request, *, message="", error="", status=200):
    """The status panel on its own, for htmx to swap in place; the breadcrumb and the "what
    happens next" panel come with it (out of band), so the page never shows an old status."""
    context = {
        **_detail_context(request, assistance_request),
        "panel_message": message,
        "panel_error": error,
        "oob": True,
    }
    response = render(request, DETAIL_TEMPLATE + "#status-panel", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


class RequestDetailView(LoginRequiredMixin, View):
    """Everything about one request; htmx asks for the status panel alone."""

    def get(self, request, pk):
        assistance_request = _visible_request(request, pk)
        if wants_partial(request):
            return _render_panel(request, assistance_request)
        response = render(request, DETAIL_TEMPLATE, _detail_context(request, assistance_request))
        patch_vary_headers(response, ["HX-Request"])
        return response


def _visible_request(request, pk):
    return get_object_or_404(selectors.request_detail_queryset(user=request.user), pk=pk)


def _refuse(request, assistance_request, error: str, *, status: int = 409):
    """Say why on the panel (htmx: 409 for a refused move, 400 for a bad form) or in a message."""
    if request.htmx:
        return _render_panel(request, assistance_request, error=error, status=status)
    messages.error(request, error)
    return redirect(assistance_request.get_absolute_url())


@login_required
@require_POST
def request_transition(request, pk):
    """One workflow button: move the request, or say why it cannot move (409).
    A move the user may not make is refused by the workflow (403)."""
    assistance_request = _visible_request(request, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, assistance_request, _("Choose where the request should go."), status=400)
    try:
        services.request_transition(
            request_id=assistance_request.pk,
            to=form.cleaned_data["to"],
            actor=request.user,
            comment=form.cleaned_data["comment"],
            version=form.cleaned_data["version"],
        )
    except InvalidTransition as exc:
        return _refuse(request, _visible_request(request, pk), exc.message)
    except RecordChanged as changed:  # the page showed an older version of the request
        return _refuse(request, _visible_request(request, pk), changed.move_message_for(request.user))
    assistance_request = _visible_request(request, pk)
    message = _("The request is now %(status)s.") % {"status": assistance_request.get_status_display()}
    if assistance_request.reference and assistance_request.status == Status.REGISTERED:
        message = _("Registered as %(ref)s.") % {"ref": assistance_request.reference}
    if request.htmx:
        return _render_panel(request, assistance_request, message=message)
    messages.success(request, message)
    return redirect(assistance_request.get_absolute_url())


@login_required
@require_POST
def request_assign(request, pk):
    """Route the request to an officer (those who may assign: the secretariat)."""
    assistance_request = _visible_request(request, pk)
    require(request.user, "assign", assistance_request)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        error = " ".join(form.errors["officer"])
        if request.htmx:
            return _render_panel(request, assistance_request, error=error, status=400)
        messages.error(request, error)
        return redirect(assistance_request.get_absolute_url())
    officer = form.cleaned_data["officer"]
    services.request_assign(request_id=assistance_request.pk, officer=officer, actor=request.user)
    assistance_request = _visible_request(request, pk)
    message = _("Assigned to %(officer)s.") % {"officer": officer} if officer else _("No officer assigned.")
    if request.htmx:
        return _render_panel(request, assistance_request, message=message)
    messages.success(request, message)
    return redirect(assistance_request.get_absolute_url())


@login_required
@require_POST
def request_documents_add(request, pk):
    """Add documents to a request that is not over (the secretariat; the state's focal point)."""
    assistance_request = _visible_request(request, pk)
    form = forms.RequestDocumentsForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["documents"])
        added = services.request_documents_add(
            request_id=assistance_request.pk, actor=request.user, documents=form.cleaned_data["documents"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d document added.", "%(count)d documents added.", len(added)) % {"count": len(added)},
        )
    return redirect_after_post(request, assistance_request.get_absolute_url() + "#documents")


class NeedsAssessmentView(LoginRequiredMixin, View):
    """Record or revise the needs assessment; the first one moves a registered request to assessing."""

    def get_request(self, pk):
        assistance_request = _visible_request(self.request, pk)
        require(self.request.user, "assess", assistance_request)
        return assistance_request

    def get_form(self, assistance_request, data=None):
        assessment = selectors.needs_assessment_of(assistance_request)
        return forms.NeedsAssessmentForm(
            data,
            instance=assessment,
            user=self.request.user,
            areas=assistance_request.areas.all(),
            map_levels=services.baseline_for(assistance_request, user=self.request.user),
        )

    def render_form(self, assistance_request, form, status=200):
        context = {"object": assistance_request, "form": form}
        return render(self.request, "assistance/needs_assessment_form.html", context, status=status)

    def not_assessable(self, assistance_request):
        messages.error(
            self.request,
            _("A needs assessment is recorded while the request is registered, being assessed or on hold."),
        )
        return redirect(assistance_request.get_absolute_url())

    def get(self, request, pk):
        assistance_request = self.get_request(pk)
        if not services.may_assess(assistance_request, request.user):
            return self.not_assessable(assistance_request)
        return self.render_form(assistance_request, self.get_form(assistance_request))

    def post(self, request, pk):
        assistance_request = self.get_request(pk)
        if not services.may_assess(assistance_request, request.user):
            return self.not_assessable(assistance_request)
        form = self.get_form(assistance_request, request.POST)
        if not form.is_valid():
            return self.render_form(assistance_request, form, status=400)
        try:
            with transaction.atomic():
                form.claim_version()  # refuses a revision that started from an older version
                services.needs_assessment_save(
                    request_id=assistance_request.pk, actor=request.user, **form.service_fields()
                )
        except RecordChanged as error:
            form.refuse_changed(error)
            return self.render_form(assistance_request, form, status=409)
        except InvalidTransition as exc:
            form.add_error(None, exc.message)
            return self.render_form(assistance_request, form, status=400)
        messages.success(request, _("Needs assessment saved."))
        url = reverse("assistance:request_detail", args=[assistance_request.pk]) + "#needs-assessment"
        return redirect_after_post(request, url)
