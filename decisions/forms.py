from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.choices import MembershipKind
from community.models import CapabilityArea, MemberState
from core.choosers import QuickSelect
from core.forms import ScopedModelForm
from decisions import models
from decisions.services import reportable_statuses


class AreaChoiceField(forms.ModelChoiceField):
    """Capability areas shown as an indented tree."""

    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


class DecisionForm(ScopedModelForm):
    class Meta:
        model = models.Decision
        fields = ["reference", "title", "organ", "meeting", "date", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 6}),
        }


class RequiredActionForm(ScopedModelForm):
    """A national action of a decision; the decision comes from the page, not the form."""

    area = AreaChoiceField(label=_("Capability area"), queryset=CapabilityArea.objects.all(), required=False)

    class Meta:
        model = models.RequiredAction
        fields = ["position", "description", "area", "timeframe", "due_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
        }


class ImplementationReportForm(forms.Form):
    """A new status for one state on one action; saved by the `implementation_report` service."""

    status = forms.ChoiceField(label=_("Status"))
    status_date = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows the status: an act, a gazette notice, a report, a web address."),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"status_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "---------"), *reportable_statuses(user)]


class ImplementationFilterForm(forms.Form):
    """The heatmap's filters; every field is optional and an invalid one is simply ignored."""

    decision = forms.ModelChoiceField(
        label=_("Decision"),
        queryset=models.Decision.objects.none(),
        required=False,
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    within = AreaChoiceField(
        label=_("Capability area"),
        queryset=CapabilityArea.objects.none(),
        required=False,
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    sub_region = forms.ChoiceField(label=_("Sub-region"), required=False)
    membership = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[("", _("All members")), *MembershipKind.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = models.Decision.objects.for_user(user).only("pk", "reference", "title")
        self.fields["within"].queryset = CapabilityArea.objects.for_user(user).only("pk", "name", "path")
        regions = (
            MemberState.objects.for_user(user)
            .exclude(sub_region="")
            .order_by("sub_region")
            .values_list("sub_region", flat=True)
            .distinct()
        )
        self.fields["sub_region"].choices = lambda: [
            ("", _("All sub-regions")),
            *((r, r) for r in regions),
        ]
        for field in self.fields.values():  # rendered plainly; invalid filters are listed above the map
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> dict:
        """The valid filters, as keyword arguments for the heatmap selectors."""
        self.is_valid()
        for name in self.errors:
            self.fields[name].widget.attrs["aria-invalid"] = "true"
        data = getattr(self, "cleaned_data", {})
        return {
            "decision": data.get("decision"),
            "within": data.get("within"),
            "sub_region": data.get("sub_region", ""),
            "membership": data.get("membership", ""),
        }
