import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from community.filtersets import SearchFilterSet
from community.models import CapabilityArea, MemberState
from decisions import models
from decisions.choices import ImplementationStatus, Timeframe
from decisions.selectors import latest_reports


def _organ_choices():
    organs = models.Decision.objects.order_by("organ").values_list("organ", flat=True).distinct()
    return [(organ, organ) for organ in organs]


def _year_choices():
    return [(d.year, d.year) for d in models.Decision.objects.dates("date", "year", order="DESC")]


def _within(queryset, prefix: str, area: CapabilityArea):
    """Records whose capability area lies in the subtree of `area`."""
    return queryset.filter(
        Q(**{f"{prefix}area": area}) | Q(**{f"{prefix}area__path__startswith": f"{area.path}/"})
    )


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
    decision = django_filters.ModelChoiceFilter(
        label=_("Decision"), queryset=models.Decision.objects.all()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Capability area"), queryset=CapabilityArea.objects.all()
    )
    within = django_filters.ModelChoiceFilter(
        label=_("Within area"), queryset=CapabilityArea.objects.all(), method="filter_within"
    )
    timeframe = django_filters.ChoiceFilter(label=_("Timeframe"), choices=Timeframe.choices)

    class Meta:
        model = models.RequiredAction
        fields = ["q", "decision", "area", "within", "timeframe"]

    @extend_schema_field(OpenApiTypes.INT)  # the area's id; the method hides that from the schema
    def filter_within(self, queryset, name, value):
        return _within(queryset, "", value)


class ImplementationReportFilterSet(django_filters.FilterSet):
    state = django_filters.ModelChoiceFilter(
        label=_("Member state"), queryset=MemberState.objects.all()
    )
    action = django_filters.ModelChoiceFilter(
        label=_("Action"), queryset=models.RequiredAction.objects.all()
    )
    decision = django_filters.ModelChoiceFilter(
        label=_("Decision"), field_name="action__decision", queryset=models.Decision.objects.all()
    )
    within = django_filters.ModelChoiceFilter(
        label=_("Within area"), queryset=CapabilityArea.objects.all(), method="filter_within"
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ImplementationStatus.choices
    )
    current = django_filters.BooleanFilter(
        label=_("Current only"),
        method="filter_current",
        help_text=_("true: only the latest report of each state on each action."),
    )

    class Meta:
        model = models.ImplementationReport
        fields = ["state", "action", "decision", "within", "status", "current"]

    @extend_schema_field(OpenApiTypes.INT)  # the area's id; the method hides that from the schema
    def filter_within(self, queryset, name, value):
        return _within(queryset, "action__", value)

    def filter_current(self, queryset, name, value):
        latest = latest_reports().values("pk")
        return queryset.filter(pk__in=latest) if value else queryset.exclude(pk__in=latest)
