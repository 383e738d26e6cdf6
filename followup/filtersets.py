import django_filters
from django.utils.translation import gettext_lazy as _

from community.filtersets import SearchFilterSet
from community.models import MemberState
from followup.choices import ItemStatus
from followup.models import ActionItem, ActionPlan


class ActionPlanFilterSet(SearchFilterSet):
    search_fields = ("title", "group_work", "activity__title")
    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=MemberState.objects.all())

    class Meta:
        model = ActionPlan
        fields = ["q", "state"]


class ActionItemFilterSet(SearchFilterSet):
    search_fields = ("description", "owner_name", "owner_person__full_name")
    state = django_filters.ModelChoiceFilter(
        label=_("Member state"), field_name="plan__state", queryset=MemberState.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ItemStatus.choices)

    class Meta:
        model = ActionItem
        fields = ["q", "state", "status"]
