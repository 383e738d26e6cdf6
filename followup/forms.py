from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DocumentField, ScopedModelForm
from followup.choices import UsesResults
from followup.models import ActionItem, ActionPlan
from followup.questions import SCALE, outcomes

RATING_CHOICES = [(value, str(value)) for value in SCALE]


class AnswerForm(forms.Form):
    """The questionnaire: one 1–5 rating per outcome of the link's question set, then use on the
    job and a comment. The rules are `EvaluationAnswer.clean()` (the service runs it)."""

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        for outcome in outcomes(version):
            self.fields[f"score_{outcome.key}"] = forms.TypedChoiceField(
                label=outcome.question,
                help_text=outcome.label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
        self.fields["uses_results"] = forms.ChoiceField(
            label=_("Are you using the results on the job?"),
            choices=UsesResults.choices,
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to tell us?"), required=False, max_length=4000, widget=forms.Textarea
        )
        self.outcome_keys = [outcome.key for outcome in outcomes(version)]

    def scores(self) -> dict:
        return {key: self.cleaned_data[f"score_{key}"] for key in self.outcome_keys}

    def rating_fields(self):
        return [self[f"score_{key}"] for key in self.outcome_keys]


class ActionPlanForm(ScopedModelForm):
    class Meta:
        model = ActionPlan
        fields = ["activity", "state", "title", "group_work"]


class ActionItemForm(ScopedModelForm):
    documents = DocumentField(
        label=_("Evidence documents"),
        multiple=True,
        required=False,
        help_text=_("A decision, a circular, a report: what shows the item was done."),
    )

    class Meta:
        model = ActionItem
        fields = ["plan", "description", "owner_person", "owner_name", "institution", "due_date", "status", "evidence"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def _post_clean(self):
        # Files uploaded with the form are evidence for "done", as the service counts them.
        self.instance.evidence_documents_added = bool(self.cleaned_data.get("documents"))
        super()._post_clean()


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("What the follow-up review found"), widget=forms.Textarea(attrs={"rows": 3}))


class SendForm(forms.Form):
    stage = forms.ChoiceField(choices=[])
