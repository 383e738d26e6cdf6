import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from community.filtersets import AreaSubtreeFilter, SearchFilterSet
from community.models import CapabilityArea, Institution, Language, MemberState
from core.choosers import SearchChoiceFilter
from portfolio.choices import PracticeStatus
from portfolio.models import Practice


@extend_schema_field(OpenApiTypes.STR)
class AreaCodeFilter(django_filters.ModelMultipleChoiceFilter):
    """Capability areas by code (`?area=a&area=b`: entries tagged with any of them)."""


class PracticeFilterSet(SearchFilterSet):
    """The catalogue's filters, shared by the page and the API (`/api/v1/practices/`)."""

    search_fields = ("title", "description", "results")
    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=MemberState.objects.all())
    within = AreaSubtreeFilter(label=_("Capability area"), area_field="areas", distinct=True)
    area = AreaCodeFilter(
        label=_("Tagged with area"),
        field_name="areas__code",
        to_field_name="code",
        queryset=CapabilityArea.objects.all(),
        distinct=True,
    )
    population = django_filters.CharFilter(
        label=_("Target population"), field_name="target_population", lookup_expr="icontains"
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        field_name="languages",
        to_field_name="code",
        queryset=Language.objects.all(),
        distinct=True,
    )
    institution = SearchChoiceFilter(label=_("Institution"), queryset=Institution.objects.filter(state__isnull=False))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PracticeStatus.choices)

    class Meta:
        model = Practice
        fields = ["q", "state", "within", "area", "population", "language", "institution", "status"]


class PracticeCatalogueFilterSet(PracticeFilterSet):
    """The catalogue page asks for one area (with its sub-areas); exact tags are for the API."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("area", "institution"):
            self.filters.pop(name)
