"""The activity list's filters, shared by the page and the API (`/api/v1/activities/`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from activities.choices import ACTIVITY_MODALITIES, ActivityStatus
from activities.models import Activity
from community.filtersets import SearchFilterSet
from community.models import MemberState

DATE = forms.DateInput(attrs={"type": "date"})


class ActivityFilterSet(SearchFilterSet):
    search_fields = ("reference", "title", "description", "venue")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices, empty_label=_("Any"))
    modality = django_filters.ChoiceFilter(label=_("Modality"), choices=ACTIVITY_MODALITIES, empty_label=_("Any"))
    host_state = django_filters.ModelChoiceFilter(
        label=_("Host state"), queryset=MemberState.objects.all(), empty_label=_("Any")
    )
    date_from = django_filters.DateFilter(label=_("Held from"), field_name="end_date", lookup_expr="gte", widget=DATE)
    date_to = django_filters.DateFilter(label=_("Held until"), field_name="start_date", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Activity
        fields = ["q", "status", "modality", "host_state", "date_from", "date_to"]
