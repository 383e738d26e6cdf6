import django_filters
from django.utils.translation import gettext_lazy as _

from community.filtersets import AreaSubtreeFilter, SearchFilterSet
from community.models import CapabilityArea, MemberState
from core.choosers import ChooserFilterSet
from decisions import models
from decisions.choices import ImplementationStatus, Timeframe
from decisions.selectors import current_or_history


def _organ_choices():
    organs = models.Decision.objects.order_by("organ").values_list("organ", flat=True).distinct()
    return [(organ, organ) for organ in organs]


def _year_choices():
    return [(d.year, d.year) for d in models.Decision.objects.dates("date", "year", order="DESC")]


class DecisionFilterSet(SearchFilterSet):
    search_fields = ("reference", "title", "organ", "meeting", "text")
    organ = django_filters.ChoiceFilter(label=_("Organ"), choices=_organ_choices)
    year = django_filters.TypedChoiceFilter(
        label=_("Year"), field_name="date", lookup_expr="year", choices=_year_choices, coerce=int
    )

    class Meta:
        model = models.Decision
        fields = ["q", "organ", "year"]


class RequiredActionFilterSet(SearchFilterSet):
    search_fields = ("description", "decision__reference", "decision__title")
    decision = django_filters.ModelChoiceFilter(label=_("Decision"), queryset=models.Decision.objects.all())
    area = django_filters.ModelChoiceFilter(label=_("Capability area"), queryset=CapabilityArea.objects.all())
    within = AreaSubtreeFilter()
    timeframe = django_filters.ChoiceFilter(label=_("Timeframe"), choices=Timeframe.choices)

    class Meta:
        model = models.RequiredAction
        fields = ["q", "decision", "area", "within", "timeframe"]


class ImplementationReportFilterSet(ChooserFilterSet):
    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=MemberState.objects.all())
    action = django_filters.ModelChoiceFilter(label=_("Action"), queryset=models.RequiredAction.objects.all())
    decision = django_filters.ModelChoiceFilter(
        label=_("Decision"), field_name="action__decision", queryset=models.Decision.objects.all()
    )
    within = AreaSubtreeFilter(area_field="action__area")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ImplementationStatus.choices)
    current = django_filters.BooleanFilter(
        label=_("Current only"),
        method="filter_current",
        help_text=_("true: only the latest report of each state on each action."),
    )

    class Meta:
        model = models.ImplementationReport
        fields = ["state", "action", "decision", "within", "status", "current"]

    def filter_current(self, queryset, name, value):
        return current_or_history(queryset, user=self.request.user, current=value)
