"""The activity form, shared by "new", "edit" and "plan from a request". It only reads the
input: the rules are `Activity.clean` and `services.activity_save`, the same for the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from assistance import selectors as request_selectors
from core.forms import ScopedModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AreaChoiceField(forms.ModelMultipleChoiceField):
    """Capability areas indented under their parent, as in the taxonomy."""

    def label_from_instance(self, obj):
        return "\u2003" * obj.depth + obj.name


class ActivityForm(ScopedModelForm):
    """Everything an officer sets on an activity; status moves only through the lifecycle buttons."""

    class Meta:
        model = Activity
        fields = [
            "title",
            "modality",
            "description",
            "host_state",
            "host_institution",
            "requests",
            "states",
            "experts",
            "start_date",
            "end_date",
            "venue",
            "online_link",
            "languages",
            "areas",
            "officer",
            "visibility",
        ]
        field_classes = {"areas": AreaChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": DATE,
            "end_date": DATE,
            "languages": forms.CheckboxSelectMultiple,
            "states": forms.SelectMultiple(attrs={"size": 6}),
            "requests": forms.SelectMultiple(attrs={"size": 5}),
            "experts": forms.SelectMultiple(attrs={"size": 5}),
            "areas": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "end_date": _("Counted in working days of the host state, as the modality's rule says."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = request_selectors.officer_choices()
        self.fields["experts"].queryset = self.fields["experts"].queryset.filter(is_expert=True)
        self.fields["host_institution"].queryset = (
            self.fields["host_institution"].queryset.filter(state__isnull=False).select_related("state")
        )
        self.fields["requests"].queryset = self.fields["requests"].queryset.select_related("state")
        if not self.instance.pk and "officer" not in self.initial:
            self.initial["officer"] = self.user.pk

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=20)
    comment = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    # The version of the activity the page showed: an activity changed since is not moved.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
