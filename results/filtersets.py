import django_filters
from django.utils.translation import gettext_lazy as _

from community.filtersets import SearchFilterSet
from results.choices import ValueStatus
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target


class ProgrammeFilterSet(SearchFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = Programme
        fields = ["q"]


class _PartFilterSet(SearchFilterSet):
    """A programme's parts, filtered by programme (`?programme=<id>`)."""

    programme_path = "programme"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        programmes = Programme.objects.for_user(user) if user is not None else Programme.objects.none()
        self.filters["programme"] = django_filters.ModelChoiceFilter(
            label=_("Programme"), field_name=self.programme_path, queryset=programmes
        )
        self.filters["programme"].parent = self


def _by_id(label):
    """A related record by id: a number, so the filter never lists records the user cannot see."""
    return django_filters.NumberFilter(label=label)


class ResultNodeFilterSet(_PartFilterSet):
    search_fields = ("code", "title")

    class Meta:
        model = ResultNode
        fields = ["q", "level"]


class IndicatorFilterSet(_PartFilterSet):
    search_fields = ("name", "definition")
    programme_path = "node__programme"
    node = _by_id(_("Result"))

    class Meta:
        model = Indicator
        fields = ["q", "node"]


class PeriodFilterSet(_PartFilterSet):
    search_fields = ("label",)

    class Meta:
        model = Period
        fields = ["q"]


class TargetFilterSet(_PartFilterSet):
    search_fields = ("indicator__name",)
    programme_path = "indicator__node__programme"
    indicator = _by_id(_("Indicator"))
    period = _by_id(_("Period"))

    class Meta:
        model = Target
        fields = ["q", "indicator", "period"]


class MeasuredValueFilterSet(_PartFilterSet):
    search_fields = ("indicator__name", "source_note")
    programme_path = "indicator__node__programme"
    indicator = _by_id(_("Indicator"))
    period = _by_id(_("Period"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ValueStatus.choices)

    class Meta:
        model = MeasuredValue
        fields = ["q", "indicator", "period", "status"]
