"""The results pages: configuration over core/views.py, plus the workflow buttons (small POST
views calling the services) and the CSV downloads."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import views as generic
from core.access import can
from core.forms import posted_version
from core.versions import RecordChanged
from core.workflow import InvalidTransition, transitions_of
from results import charts, filtersets, forms, selectors, services, sources, tables
from results.choices import Level
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target
from results.workflow import value_workflow

# --- programmes ---------------------------------------------------------------------------


class ProgrammeListView(generic.ObjectListView):
    queryset = Programme.objects.all()
    filterset = filtersets.ProgrammeFilterSet
    table = tables.ProgrammeTable

    def scoped_queryset(self):
        return selectors.programme_list(user=self.request.user)


class ProgrammeDetailView(generic.ObjectDetailView):
    """The results tree with each indicator's progress against target, charted and tabled."""

    queryset = selectors.programme_detail_queryset()

    def extra_context(self, obj):
        user = self.request.user
        page = selectors.programme_page(programme=obj, user=user)
        for progress in page.progress:
            progress.chart = charts.progress_chart(progress)
        may_lock = can(user, "transition:locked", Period)
        return {
            "page": page,
            "may_add_parts": can(user, "add", ResultNode),
            "may_lock": may_lock,
            "reason_form": forms.ReasonForm(),
        }


class ProgrammeEditView(generic.ObjectEditView):
    queryset = Programme.objects.all()
    form = forms.ProgrammeForm

    def save(self, form):
        return services.programme_save(programme_id=form.instance.pk, actor=self.request.user, **form.cleaned_data)


class ProgrammeDeleteView(generic.ObjectDeleteView):
    queryset = Programme.objects.all()


# --- parts of a programme -----------------------------------------------------------------


class _PartEditView(generic.ObjectEditView):
    """A new part starts from what its link says (`?programme=`, `?parent=`, `?indicator=`),
    among the records the user may see."""

    prefill: dict = {}
    service = None
    id_name = ""

    def get_instance(self, pk):
        obj = super().get_instance(pk)
        if pk is None:
            for name, model in self.prefill.items():
                raw = self.request.GET.get(name, "")
                if raw.isdigit():
                    found = model.objects.for_user(self.request.user).filter(pk=raw).first()
                    if found is not None:
                        setattr(obj, name, found)
        return obj

    def save(self, form):
        return type(self).service(actor=self.request.user, **{self.id_name: form.instance.pk}, **form.cleaned_data)


class ResultNodeListView(generic.ObjectListView):
    queryset = ResultNode.objects.select_related("programme")
    filterset = filtersets.ResultNodeFilterSet
    table = tables.ResultNodeTable


class ResultNodeDetailView(generic.ObjectDetailView):
    queryset = ResultNode.objects.select_related("programme", "parent")

    def extra_context(self, obj):
        user = self.request.user
        activities = obj.outputs.for_user(user).select_related("host_state")
        context = {
            "children": obj.children.all(),
            "indicators": obj.indicators.all(),
            "activities": activities.order_by("-start_date"),
            "is_output": obj.level == Level.OUTPUT,
        }
        if obj.level == Level.OUTPUT and obj.can_change(user):
            choices = ResultNode.outputs.field.related_model.objects.for_user(user).order_by("-start_date", "title")
            context["link_form"] = forms.LinkActivitiesForm(
                queryset=choices, initial={"activities": list(obj.outputs.values_list("pk", flat=True))}
            )
        return context


class ResultNodeEditView(_PartEditView):
    queryset = ResultNode.objects.all()
    form = forms.ResultNodeForm
    prefill = {"programme": Programme, "parent": ResultNode}
    service = services.node_save
    id_name = "node_id"


class ResultNodeDeleteView(generic.ObjectDeleteView):
    queryset = ResultNode.objects.all()


@login_required
@require_POST
def node_link_activities(request, pk):
    node = get_object_or_404(ResultNode.objects.for_user(request.user), pk=pk)
    choices = ResultNode.outputs.field.related_model.objects.for_user(request.user)
    form = forms.LinkActivitiesForm(request.POST, queryset=choices)
    if form.is_valid():
        try:
            services.node_link_activities(
                actor=request.user, node_id=node.pk, activity_ids=[a.pk for a in form.cleaned_data["activities"]]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The activities serving %(node)s are saved.") % {"node": node})
    else:
        messages.error(request, " ".join(form.errors.get("activities", [])))
    return generic.redirect_after_post(request, node.get_absolute_url())


class IndicatorListView(generic.ObjectListView):
    queryset = Indicator.objects.select_related("node")
    filterset = filtersets.IndicatorFilterSet
    table = tables.IndicatorTable


class IndicatorDetailView(generic.ObjectDetailView):
    queryset = Indicator.objects.select_related("node__programme")

    def extra_context(self, obj):
        user = self.request.user
        progress = selectors.indicator_page(indicator=obj, user=user)
        progress.chart = charts.progress_chart(progress)
        source = sources.indicator_source(obj.source)
        return {
            "progress": progress,
            "source": source,
            "may_compute": source is not None and can(user, "compute", obj),
            "may_add_values": can(user, "add", MeasuredValue),
        }


class IndicatorEditView(_PartEditView):
    queryset = Indicator.objects.all()
    form = forms.IndicatorForm
    prefill = {"node": ResultNode}
    service = services.indicator_save
    id_name = "indicator_id"


class IndicatorDeleteView(generic.ObjectDeleteView):
    queryset = Indicator.objects.all()


class PeriodListView(generic.ObjectListView):
    queryset = Period.objects.select_related("programme")
    filterset = filtersets.PeriodFilterSet
    table = tables.PeriodTable


class PeriodDetailView(generic.ObjectDetailView):
    queryset = Period.objects.select_related("programme")

    def extra_context(self, obj):
        return {"transitions": transitions_of(obj), "reason_form": forms.ReasonForm()}


class PeriodEditView(_PartEditView):
    queryset = Period.objects.all()
    form = forms.PeriodForm
    prefill = {"programme": Programme}
    service = services.period_save
    id_name = "period_id"


class PeriodDeleteView(generic.ObjectDeleteView):
    queryset = Period.objects.all()


class TargetListView(generic.ObjectListView):
    queryset = Target.objects.select_related("indicator", "period")
    filterset = filtersets.TargetFilterSet
    table = tables.TargetTable


class TargetDetailView(generic.ObjectDetailView):
    queryset = Target.objects.select_related("indicator", "period")


class TargetEditView(_PartEditView):
    queryset = Target.objects.all()
    form = forms.TargetForm
    prefill = {"indicator": Indicator, "period": Period}
    service = services.target_save
    id_name = "target_id"


class TargetDeleteView(generic.ObjectDeleteView):
    queryset = Target.objects.all()


class MeasuredValueListView(generic.ObjectListView):
    queryset = MeasuredValue.objects.select_related("indicator", "period")
    filterset = filtersets.MeasuredValueFilterSet
    table = tables.MeasuredValueTable


class MeasuredValueDetailView(generic.ObjectDetailView):
    queryset = MeasuredValue.objects.select_related("indicator__node__programme", "period")

    def extra_context(self, obj):
        moves = value_workflow.allowed(obj, self.request.user)
        return {
            "moves": moves,
            "transitions": transitions_of(obj),
            "reason_form": forms.ReasonForm(),
            "comment_form": forms.CommentForm(),
        }


class MeasuredValueEditView(_PartEditView):
    queryset = MeasuredValue.objects.all()
    form = forms.MeasuredValueForm
    prefill = {"indicator": Indicator, "period": Period}
    service = services.value_save
    id_name = "value_id"


class MeasuredValueDeleteView(generic.ObjectDeleteView):
    queryset = MeasuredValue.objects.all()


# --- workflow buttons ---------------------------------------------------------------------


def _move(request, record, call, success: str):
    """One workflow move; refused moves are shown, forbidden ones answer 403."""
    try:
        call()
    except InvalidTransition as error:
        messages.error(request, error.message)
    except RecordChanged as changed:  # the page showed an older version of the record
        messages.error(request, changed.move_message_for(request.user))
    else:
        messages.success(request, success)
    return generic.redirect_after_post(request, record.get_absolute_url())


def _reason(request):
    form = forms.ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@login_required
@require_POST
def value_move(request, pk, to):
    value = get_object_or_404(MeasuredValue.objects.for_user(request.user), pk=pk)
    comment = request.POST.get("comment", "")[:2000]
    shown = {"actor": request.user, "version": posted_version(request.POST)}
    calls = {
        "submit": lambda: services.value_submit(value_id=value.pk, comment=comment, **shown),
        "approve": lambda: services.value_approve(value_id=value.pk, comment=comment, **shown),
        "return": lambda: services.value_return(value_id=value.pk, reason=_reason(request), **shown),
    }
    target = {"submit": "submitted", "approve": "approved", "return": "returned"}[to]
    return _move(
        request, value, calls[to], _("The value is now %(to)s.") % {"to": value_workflow.label(target).lower()}
    )


@login_required
@require_POST
def period_move(request, pk, to):
    period = get_object_or_404(Period.objects.for_user(request.user), pk=pk)
    shown = {"actor": request.user, "version": posted_version(request.POST)}
    if to == "lock":
        call = lambda: services.period_lock(period_id=period.pk, **shown)  # noqa: E731
        success = _("%(period)s is locked (certified).") % {"period": period}
    else:
        call = lambda: services.period_reopen(period_id=period.pk, reason=_reason(request), **shown)  # noqa: E731
        success = _("%(period)s is reopened.") % {"period": period}
    return _move(request, period, call, success)


@login_required
@require_POST
def indicator_compute(request, pk, period_pk):
    indicator = get_object_or_404(Indicator.objects.for_user(request.user), pk=pk)
    try:
        value = services.indicator_compute(indicator_id=indicator.pk, period_id=period_pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return generic.redirect_after_post(request, indicator.get_absolute_url())
    messages.success(request, _("Computed: %(value)s, saved as a draft.") % {"value": value.value})
    return generic.redirect_after_post(request, indicator.get_absolute_url())


# --- CSV ------------------------------------------------------------------------------------


def _cell(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv(filename: str, header: list, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return response


CSV_HEADER = ["result", "indicator", "unit", "period", "start", "end", "target", "value", "status", "approved to date"]


def _progress_rows(progress):
    indicator = progress.indicator
    for point in progress.points:
        yield [
            indicator.node.code,
            indicator.name,
            indicator.unit,
            point.period.label,
            point.period.start_date.isoformat(),
            point.period.end_date.isoformat(),
            point.target,
            point.value.value if point.value else None,
            point.value.status if point.value else None,
            point.to_date,
        ]


@login_required
def programme_csv(request, pk):
    programme = get_object_or_404(Programme.objects.for_user(request.user), pk=pk)
    page = selectors.programme_page(programme=programme, user=request.user)
    nodes = {tree.node.pk: tree.node for tree in _walk(page.roots)}
    rows = []
    for progress in page.progress:
        progress.indicator.node = nodes[progress.indicator.node_id]
        rows.extend(_progress_rows(progress))
    return _csv(slugify(programme.name)[:60] or "programme", CSV_HEADER, rows)


def _walk(trees):
    for tree in trees:
        yield tree
        yield from _walk(tree.children)


@login_required
def indicator_csv(request, pk):
    indicator = get_object_or_404(Indicator.objects.for_user(request.user).select_related("node"), pk=pk)
    progress = selectors.indicator_page(indicator=indicator, user=request.user)
    return _csv(f"indicator-{indicator.pk}", CSV_HEADER, _progress_rows(progress))
