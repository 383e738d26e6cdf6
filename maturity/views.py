"""The maturity map: the heatmap, one state's series in one area, and recording an assessment."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from community.models import CapabilityArea, MemberState
from core.access import can
from core.history import history_for
from core.htmx import render_page_or_partial
from core.views import redirect_after_post
from maturity import forms, selectors, services
from maturity.choices import CAN_HOST_LEVEL, AssessmentMethod
from maturity.models import MaturityAssessment


def add_url(*, state_id=None, area_id=None) -> str:
    """The "record an assessment" page, prefilled with a state and an area."""
    query = {key: value for key, value in (("state", state_id), ("area", area_id)) if value}
    url = reverse("maturity:assessment_add")
    return f"{url}?{urlencode(query)}" if query else url


def series_url_pattern() -> str:
    """The series page's URL with `{state}` and `{area}` for the ids: reversed once per page,
    so the map's cells are linked by string formatting."""
    state, area = 1234567891, 1987654321
    url = reverse("maturity:series", args=[state, area])
    return url.replace(str(state), "{state}").replace(str(area), "{area}")


def level_labels() -> dict[tuple[int, str], str]:
    """(level, method) → what a cell says in words after the state and the area, translated
    and escaped once per page (e.g. "level 3, peer review, can host")."""
    labels = {}
    for level, _name in forms.MATURITY_LEVELS:
        for method, method_label in AssessmentMethod.choices:
            text = _("level %(level)s, %(method)s") % {"level": level, "method": str(method_label).lower()}
            if level >= CAN_HOST_LEVEL:
                text += ", " + _("can host")
            labels[level, method] = escape(text)
    return labels


def heatmap_cells_html(heatmap: selectors.Heatmap) -> list[str]:
    """Each row's cells as HTML, built by string formatting from texts translated and escaped
    once per page (a page has thousands of cells: template tags per cell cost most of its time).
    Each cell links to the state's series in its area and says in words what its colour says."""
    url = series_url_pattern()
    labels = level_labels()
    # Translators: a map cell read aloud, e.g. "Belize, Accreditation: level 3, peer review".
    cell_label = escape(_("%(state)s, %(area)s: %(level)s"))
    unassessed = escape(_("%(state)s, %(area)s: not assessed"))
    host_mark = (
        '<span class="maturity-star" aria-hidden="true">★</span>'
        f'<span class="visually-hidden">{escape(_("can host"))}</span>'
    )
    empty_mark = f'<span aria-hidden="true">—</span><span class="visually-hidden">{escape(_("not assessed"))}</span>'
    area_names = [escape(column.area.name) for column in heatmap.columns]
    html = []
    for row in heatmap.rows:
        state_name = escape(row.state.name)
        cells = []
        for cell, area_name in zip(row.cells, area_names, strict=True):
            href = url.format(state=row.state.pk, area=cell.area.pk)
            current = cell.assessment
            if current is None:
                label = unassessed % {"state": state_name, "area": area_name}
                cells.append(
                    '<td class="maturity-cell maturity-empty">'
                    f'<a href="{href}" aria-label="{label}">{empty_mark}</a></td>'
                )
                continue
            level = current.level
            label = cell_label % {"state": state_name, "area": area_name, "level": labels[level, current.method]}
            mark = host_mark if level >= CAN_HOST_LEVEL else ""
            cells.append(
                f'<td class="maturity-cell maturity-level-{level}">'
                f'<a href="{href}" aria-label="{label}">{level}{mark}</a></td>'
            )
        html.append(mark_safe("".join(cells)))  # noqa: S308 -- every text in it was escaped above
    return html


class HeatmapView(LoginRequiredMixin, View):
    """A window of the map (a page of states × a page of areas), coloured by the current level,
    with who can host."""

    def get(self, request):
        form = forms.HeatmapFilterForm(request.GET or None, user=request.user)
        heatmap = selectors.maturity_heatmap(
            user=request.user,
            **form.filters(),
            state_page=request.GET.get("page", 1),
            area_page=request.GET.get("areas", 1),
        )
        context = {
            "form": form,
            "heatmap": heatmap,
            "rows": list(zip(heatmap.rows, heatmap_cells_html(heatmap), strict=True)),
            "levels": forms.MATURITY_LEVELS,
            "can_host_level": CAN_HOST_LEVEL,
            "can_record": services.can_record(request.user),
            "add_url": add_url(),
        }
        return render_page_or_partial(request, "maturity/heatmap.html", context, partial="heatmap")


class SeriesView(LoginRequiredMixin, View):
    """Every visible assessment of one state in one area, with a chart and the change log."""

    def get(self, request, state_pk, area_pk):
        state = get_object_or_404(MemberState.objects.for_user(request.user), pk=state_pk)
        area = get_object_or_404(CapabilityArea.objects.for_user(request.user).select_related("parent"), pk=area_pk)
        series = list(selectors.assessment_series(user=request.user, state=state, area=area))
        latest = series[-1] if series else None
        context = {
            "state": state,
            "area": area,
            "assessments": list(reversed(series)),
            "latest": latest,
            "chart": selectors.level_chart(series),
            "history": history_for(series),
            "can_record": services.can_record(request.user, state_id=state.pk),
            "add_url": add_url(state_id=state.pk, area_id=area.pk),
            "can_host_level": CAN_HOST_LEVEL,
        }
        return render(request, "maturity/series.html", context)


class AssessmentAddView(LoginRequiredMixin, View):
    """Record a new assessment; earlier ones stay in the series."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.can_record(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, *, status=200):
        template = "maturity/assessment_form.html"
        if self.request.htmx and self.request.htmx.target == "level-field":
            template += "#level-field"
        return render(self.request, template, {"form": form, "cancel_url": self.cancel_url(form)}, status=status)

    def cancel_url(self, form):
        state, area = form["state"].value(), form["area"].value()
        if state and area and str(state).isdigit() and str(area).isdigit():
            return reverse("maturity:series", args=[state, area])
        return reverse("maturity:heatmap")

    def get(self, request):
        initial = {key: request.GET[key] for key in ("state", "area", "level") if request.GET.get(key)}
        return self.render_form(forms.AssessmentForm(initial=initial, user=request.user))

    def post(self, request):
        form = forms.AssessmentForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                assessment = services.assessment_record(actor=request.user, **form.assessment_fields())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Assessment recorded: %(assessment)s.") % {"assessment": assessment})
                return redirect_after_post(request, assessment.get_absolute_url())
        return self.render_form(form, status=400)


class AssessmentDeleteView(LoginRequiredMixin, View):
    """The secretariat removes an assessment recorded by mistake."""

    def get_assessment(self, pk):
        assessment = get_object_or_404(
            MaturityAssessment.objects.for_user(self.request.user).select_related("state", "area"), pk=pk
        )
        if not can(self.request.user, "delete", assessment):
            raise PermissionDenied
        return assessment

    def get(self, request, pk):
        assessment = self.get_assessment(pk)
        context = {"object": assessment, "model_name": MaturityAssessment._meta.verbose_name}
        return render(request, "generic/object_delete.html", context)

    def post(self, request, pk):
        assessment = self.get_assessment(pk)
        url = assessment.get_absolute_url()
        services.assessment_delete(assessment_id=assessment.pk, actor=request.user)
        messages.success(request, _("Assessment deleted: %(assessment)s.") % {"assessment": assessment})
        return redirect_after_post(request, url)
