import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from community import models
from community.choices import InstitutionKind, InstitutionStatus, MembershipKind
from core.access import sees_everything
from core.choosers import ChooserFilterSet, SearchChoiceFilter

# At most this many related records matching a search are named by key (see SearchFilterSet).
RELATED_MATCHES = 200


def yes_no_any(label):
    """A yes/no filter whose empty choice reads "Any" rather than django-filter's "Unknown"."""
    choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
    return django_filters.BooleanFilter(label=label, widget=forms.Select(choices=choices))


@extend_schema_field(OpenApiTypes.INT)
class AreaSubtreeFilter(django_filters.ModelChoiceFilter):
    """Records in a capability area or any area below it (the taxonomy's materialised path).

    `area_field` is the lookup from the filtered model to its area ("" for areas themselves)."""

    def __init__(self, *args, area_field: str = "area", distinct: bool = False, **kwargs):
        kwargs.setdefault("queryset", models.CapabilityArea.objects.all())
        kwargs.setdefault("label", _("Within area"))
        super().__init__(*args, **kwargs)
        self.area_field, self.subtree_distinct = area_field, distinct

    def filter(self, qs, value):
        if not value:
            return qs
        own = self.area_field or "pk"
        path = f"{self.area_field}__path" if self.area_field else "path"
        qs = qs.filter(Q(**{own: value.pk}) | Q(**{f"{path}__startswith": f"{value.path}/"}))
        return qs.distinct() if self.subtree_distinct else qs


class SearchFilterSet(ChooserFilterSet):
    """A filter set with a `q` box searching the fields in `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("Search"), method="search")

    def search(self, queryset, name, value):
        query = Q()
        for field in self.search_fields:
            query |= self._matches(queryset.model, field, value.strip())
        return queryset.filter(query)

    def _matches(self, model, field: str, text: str) -> Q:
        """The records whose `field` holds `text`. A related record's name (`institution__name`)
        matches among the related records the user may see, not through a join: a shared request
        is never found by its restricted institution's name, and the database reads the matching
        institutions once instead of joining one per request."""
        if "__" not in field:
            return Q(**{f"{field}__icontains": text})
        relation, related_field = field.rsplit("__", 1)
        related = model._meta.get_field(relation.split("__")[0]).related_model
        if "__" in relation or not hasattr(related, "access"):
            return Q(**{f"{field}__icontains": text})
        user = getattr(self.request, "user", None)
        if user is None:
            return Q(pk__in=[])
        candidates = related._base_manager.all() if sees_everything(user) else related.objects.for_user(user)
        matching = candidates.filter(**{f"{related_field}__icontains": text}).values_list("pk", flat=True)
        # A few matches are read first and named by key, so the database can combine every part
        # of the search through indexes (a subquery would make it read every row).
        keys = list(matching[: RELATED_MATCHES + 1])
        return Q(**{f"{relation}__in": keys if len(keys) <= RELATED_MATCHES else matching})


class MemberStateFilterSet(SearchFilterSet):
    search_fields = ("name", "iso_code", "capital")
    membership = django_filters.ChoiceFilter(label=_("Membership"), choices=MembershipKind.choices)
    single_market = yes_no_any(_("Single market"))
    sub_region = django_filters.CharFilter(label=_("Sub-region"), lookup_expr="iexact")
    language = django_filters.CharFilter(label=_("Language"), field_name="official_languages__code", distinct=True)

    class Meta:
        model = models.MemberState
        fields = ["q", "membership", "single_market", "sub_region", "language"]


class InstitutionFilterSet(SearchFilterSet):
    search_fields = ("name", "acronym", "description")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InstitutionKind.choices)
    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=models.MemberState.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InstitutionStatus.choices)

    class Meta:
        model = models.Institution
        fields = ["q", "kind", "state", "status", "visibility"]


class PersonFilterSet(SearchFilterSet):
    search_fields = ("full_name", "post", "expertise", "email")
    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=models.MemberState.objects.all())
    institution = SearchChoiceFilter(label=_("Institution"), queryset=models.Institution.objects.all())
    area = django_filters.ModelChoiceFilter(
        label=_("Area of expertise"),
        field_name="expertise_areas",
        queryset=models.CapabilityArea.objects.all(),
        distinct=True,
    )
    is_expert = yes_no_any(_("Expert"))
    network = django_filters.ModelChoiceFilter(
        label=_("Network"), field_name="networks", queryset=models.Network.objects.all(), distinct=True
    )

    class Meta:
        model = models.Person
        fields = ["q", "state", "institution", "area", "is_expert", "network"]


class CommitteeMeetingFilterSet(SearchFilterSet):
    search_fields = ("committee__name", "place", "agenda")
    state = django_filters.ModelChoiceFilter(
        label=_("Member state"), field_name="committee__state", queryset=models.MemberState.objects.all()
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = models.CommitteeMeeting
        fields = ["q", "state", "date_from", "date_to"]


class NetworkFilterSet(SearchFilterSet):
    search_fields = ("name", "description")
    area = django_filters.ModelChoiceFilter(
        label=_("Capability area"), field_name="areas", queryset=models.CapabilityArea.objects.all(), distinct=True
    )

    class Meta:
        model = models.Network
        fields = ["q", "area"]


class CapabilityAreaFilterSet(SearchFilterSet):
    search_fields = ("code", "name", "description")
    within = AreaSubtreeFilter(label=_("Within"), area_field="")

    class Meta:
        model = models.CapabilityArea
        fields = ["q", "within"]


class RegionalMeetingFilterSet(SearchFilterSet):
    search_fields = ("body", "title", "venue", "agenda")
    state = django_filters.ModelChoiceFilter(
        label=_("Held in"), field_name="host_state", queryset=models.MemberState.objects.all()
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="end_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Until"), field_name="start_date", lookup_expr="lte")

    class Meta:
        model = models.RegionalMeeting
        fields = ["q", "state", "date_from", "date_to"]


class NonWorkingDayFilterSet(SearchFilterSet):
    search_fields = ("name",)
    state = django_filters.ModelChoiceFilter(
        label=_("Member state"), field_name="state", queryset=models.MemberState.objects.all()
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte")

    class Meta:
        model = models.NonWorkingDay
        fields = ["q", "state", "date_from", "date_to"]
