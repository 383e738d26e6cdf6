import django_filters
from django.utils.translation import gettext_lazy as _

from community.filtersets import AreaSubtreeFilter
from community.models import CapabilityArea, MemberState
from core.choosers import ChooserFilterSet
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment


class MaturityAssessmentFilterSet(ChooserFilterSet):
    """Assessments by state, area (or a whole subtree of the taxonomy), method and date."""

    state = django_filters.ModelChoiceFilter(label=_("Member state"), queryset=MemberState.objects.all())
    area = django_filters.ModelChoiceFilter(label=_("Capability area"), queryset=CapabilityArea.objects.all())
    within = AreaSubtreeFilter(help_text=_("The area and all its sub-areas."))
    method = django_filters.ChoiceFilter(label=_("Method"), choices=AssessmentMethod.choices)
    date_from = django_filters.DateFilter(label=_("Assessed from"), field_name="assessed_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Assessed until"), field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = MaturityAssessment
        fields = ["state", "area", "within", "method", "date_from", "date_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            for name in ("state", "area", "within"):
                self.filters[name].queryset = self.filters[name].queryset.for_user(request.user)
