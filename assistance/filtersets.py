import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from assistance import selectors
from assistance.choices import Status
from assistance.models import AssistanceRequest, NeedsAssessment
from community.filtersets import SearchFilterSet
from community.models import CapabilityArea, MemberState
from core.choosers import ChooserFilterSet


class AssistanceRequestFilterSet(SearchFilterSet):
    """Shared by the request list, the board and the API."""

    search_fields = ("reference", "title", "need", "institution__name")
    state = django_filters.ModelChoiceFilter(
        label=_("Requesting state"), queryset=MemberState.objects.all(), empty_label=_("Any")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Capability area"),
        queryset=CapabilityArea.objects.all(),
        method="filter_area",
        help_text=_("Includes its sub-areas."),
        empty_label=_("Any"),
    )
    officer = django_filters.ModelChoiceFilter(
        label=_("Assigned officer"),
        field_name="assigned_officer",
        queryset=selectors.officer_choices(),
        null_label=_("Not yet assigned"),
        empty_label=_("Any"),
    )
    older_than = django_filters.NumberFilter(
        label=_("Older than (days)"),
        method="filter_older_than",
        min_value=0,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Overdue")), ("false", _("On time"))]),
    )

    class Meta:
        model = AssistanceRequest
        fields = ["q", "state", "status", "area", "officer", "older_than", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["officer"].queryset = selectors.officer_choices()
        self.filters["area"].field.label_from_instance = lambda area: "— " * area.depth + area.name

    @extend_schema_field(OpenApiTypes.INT)
    def filter_area(self, queryset, name, value):
        subtree = CapabilityArea.objects.filter(Q(pk=value.pk) | Q(path__startswith=f"{value.path}/"))
        # A subquery rather than a join, so a request in two matching areas is listed once.
        through = AssistanceRequest.areas.through.objects.filter(capabilityarea__in=subtree)
        return queryset.filter(pk__in=through.values("assistancerequest_id"))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_older_than(self, queryset, name, value):
        return queryset.filter(created_at__lte=timezone.now() - datetime.timedelta(days=int(value)))

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_overdue(self, queryset, name, value):
        query = selectors.overdue_q()
        return queryset.filter(query) if value else queryset.exclude(query)


class NeedsAssessmentFilterSet(ChooserFilterSet):
    # A number, not a choice: a list of choices would show every request's title.
    request = django_filters.NumberFilter(label=_("Request"), field_name="request_id")
    state = django_filters.ModelChoiceFilter(
        label=_("Requesting state"), field_name="request__state", queryset=MemberState.objects.all()
    )

    class Meta:
        model = NeedsAssessment
        fields = ["request", "state", "recommended_modality"]
