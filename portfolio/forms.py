from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import OwnedStateFormMixin
from community.models import Institution
from core.access import can
from core.forms import ScopedModelForm
from portfolio.models import Practice
from portfolio.services import institution_spoken_for


class AreaChoiceField(forms.ModelMultipleChoiceField):
    """Capability areas indented under their parent, as in the taxonomy."""

    def label_from_instance(self, obj):
        return "\u2003" * obj.depth + obj.name


class PracticeForm(OwnedStateFormMixin, ScopedModelForm):
    """An entry of the portfolio. The status is never a form field: it moves through the review
    buttons and services only. The form only reads the input; the rules are `Practice.clean`
    and `services.practice_save`, the same for the API."""

    class Meta:
        model = Practice
        fields = [
            "title",
            "state",
            "institution",
            "areas",
            "description",
            "results",
            "evidence",
            "in_operation_since",
            "target_population",
            "languages",
            "contact",
            "visibility",
        ]
        field_classes = {"areas": AreaChoiceField}
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "in_operation_since": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "title": _("The system or programme you can share, e.g. “Accreditation of programmes”."),
            "results": _("What the system has achieved: institutions served, people placed, states helped."),
            "evidence": _("Where the results can be checked: reports, statistics, evaluations, links."),
            "target_population": _("Who it serves, e.g. “job seekers and employers”, “tertiary institutions”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_state_choices()
        institutions = self.fields["institution"]
        institutions.queryset = institutions.queryset.filter(state__isnull=False).select_related("state")
        spoken_for = institution_spoken_for(self.user)
        reviews_all = can(self.user, "review", Practice)
        if spoken_for:
            # A host coordinator speaks for one institution: its entries are that institution's.
            # (that the entry names it is the service's rule, said as the API says it)
            institutions.queryset = Institution.objects.filter(pk=spoken_for)
            institutions.empty_label = None
        elif not reviews_all and self.user.home_state_id:
            institutions.queryset = institutions.queryset.filter(state=self.user.home_state_id)
        contacts = self.fields["contact"]
        contacts.queryset = contacts.queryset.select_related("state")
        if not reviews_all and self.user.home_state_id:
            # Owners name someone of their own state; the state's only choice is filled in.
            contacts.queryset = contacts.queryset.filter(state=self.user.home_state_id)
            self.fields["state"].empty_label = None
            if not self.instance.pk:
                self.initial["state"] = self.initial.get("state") or self.user.home_state_id
                if spoken_for:
                    self.initial["institution"] = self.initial.get("institution") or spoken_for


class RequestUpdateForm(forms.Form):
    note = forms.CharField(
        label=_("What needs updating?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The owners see this note on the entry."),
    )
