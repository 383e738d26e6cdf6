"""Forms of an activity's money and papers, and of the modality rules. They check the input
(with the version an edit started from, and the scope a line stays in: ScopedModelForm); the
services (activities/services_money.py) write it, with the model's own rules."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from activities.models import BudgetLine, ModalityRule
from activities.services_money import BUDGET_FIELDS, RULE_FIELDS
from core.forms import DocumentField, ScopedModelForm


class BudgetLineForm(ScopedModelForm):
    class Meta:
        model = BudgetLine
        fields = BUDGET_FIELDS
        widgets = {
            "currency": forms.TextInput(attrs={"size": 3, "autocapitalize": "characters", "class": "text-uppercase"}),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "actual": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
        }
        help_texts = {"actual": _("What was really spent; leave empty until it is known.")}


class ActivityDocumentsForm(forms.Form):
    documents = DocumentField(multiple=True, label=_("Files to add"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].help_text = _(
            "Concept notes, programmes, reports or presentations (%(mb)d MB each)."
        ) % {"mb": settings.DOCUMENT_MAX_MB}


class ModalityRuleForm(ScopedModelForm):
    class Meta:
        model = ModalityRule
        fields = RULE_FIELDS
