"""The results pages' forms. They only read the input: the rules are the models' clean() and
`results.services`, the same for the API. Statuses are never form fields: they move through
the workflow buttons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ScopedModelForm
from results import sources
from results.choices import MANUAL_SOURCE
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def source_choices():
    return [(MANUAL_SOURCE, _("Entered by hand")), *[(s.code, s.label) for s in sources.indicator_sources()]]


class ProgrammeForm(ScopedModelForm):
    class Meta:
        model = Programme
        fields = ["name", "start_date", "end_date", "funders", "description", "visibility"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "funders": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class ResultNodeForm(ScopedModelForm):
    class Meta:
        model = ResultNode
        fields = ["programme", "level", "parent", "code", "title", "position", "outputs"]
        widgets = {"outputs": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {"outputs": _("For an output only: the activities that serve it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance.programme_id if self.instance.programme_id else None
        parents = self.fields["parent"].queryset.select_related("programme")
        if programme:
            parents = parents.filter(programme=programme).exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.exclude(level="output")


class IndicatorForm(ScopedModelForm):
    source = forms.ChoiceField(label=_("Source"), choices=source_choices)

    class Meta:
        model = Indicator
        fields = [
            "node",
            "name",
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_frequency",
            "cumulative_mode",
            "disaggregation",
            "source",
            "source_params",
            "position",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DATE,
            "disaggregation": forms.TextInput(),
            "source_params": forms.TextInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = self.fields["node"].queryset.select_related("programme")
        if self.instance.node_id:
            self.fields["node"].queryset = self.fields["node"].queryset.filter(
                programme=self.instance.node.programme_id
            )
        helps = [f"{s.label}: {s.params_help}" for s in sources.indicator_sources() if s.params_help]
        self.fields["source_params"].help_text = " · ".join(str(h) for h in helps)


class PeriodForm(ScopedModelForm):
    class Meta:
        model = Period
        fields = ["programme", "label", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class _IndicatorPeriodForm(ScopedModelForm):
    """A target or a value: its periods are the indicator's programme's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.instance.indicator if self.instance.indicator_id else None
        if indicator is not None:
            self.fields["indicator"].queryset = self.fields["indicator"].queryset.filter(pk=indicator.pk)
            self.fields["period"].queryset = self.fields["period"].queryset.filter(
                programme=indicator.node.programme_id
            )


class TargetForm(_IndicatorPeriodForm):
    class Meta:
        model = Target
        fields = ["indicator", "period", "value"]


class MeasuredValueForm(_IndicatorPeriodForm):
    class Meta:
        model = MeasuredValue
        fields = ["indicator", "period", "value", "disaggregated", "source_note"]
        widgets = {"source_note": forms.Textarea(attrs={"rows": 2}), "disaggregated": forms.Textarea(attrs={"rows": 2})}


class ReasonForm(forms.Form):
    """Why a value is returned or a certified period reopened: required, kept in the history."""

    reason = forms.CharField(label=_("Why?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class LinkActivitiesForm(forms.Form):
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities serving this output"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = queryset
