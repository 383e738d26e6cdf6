from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from community.choices import MATURITY_LEVELS, MembershipKind
from community.models import CapabilityArea, MemberState
from core.access import can_on_every
from core.forms import DocumentField, ScopedModelForm
from maturity import selectors
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment
from maturity.services import allowed_methods


class AreaChoiceField(forms.ModelChoiceField):
    """Capability areas in taxonomy order, sub-areas indented under their parent."""

    def label_from_instance(self, obj):
        return "\u2003" * obj.depth + obj.name


class HeatmapFilterForm(forms.Form):
    """The heatmap's filters: which part of the taxonomy, which states."""

    within = AreaChoiceField(
        label=_("Area family"),
        queryset=CapabilityArea.objects.none(),
        required=False,
        empty_label=_("All areas, page by page"),
    )
    sub_region = forms.ChoiceField(label=_("Sub-region"), required=False)
    membership = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[("", _("Full and associate members")), *MembershipKind.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The families (top areas) are offered; a sub-area asked for in a link is kept too.
        chosen = self.data.get(self.add_prefix("within")) if self.is_bound else None
        offered = Q(parent__isnull=True)
        if chosen and str(chosen).isdigit():
            offered |= Q(pk=chosen)
        self.fields["within"].queryset = CapabilityArea.objects.for_user(user).filter(offered).order_by("path")
        self.fields["sub_region"].choices = [("", _("All sub-regions"))] + [
            (name, name) for name in selectors.sub_regions(user=user)
        ]

    def filters(self) -> dict:
        """The selector's keyword arguments; filters that did not validate are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def level_label(level: int, text: str = ""):
    """A level's radio label: the generic name, then what it means in the chosen area."""
    name = dict(MATURITY_LEVELS)[level]
    if not text:
        return name
    return format_html(
        '<span class="fw-semibold">{}</span><span class="d-block small text-body-secondary">{}</span>', name, text
    )


class AssessmentForm(ScopedModelForm):
    """A dated assessment of one state in one area; focal points assess their own state only."""

    area = AreaChoiceField(label=_("Capability area"), queryset=CapabilityArea.objects.all())
    evidence_file = DocumentField(label=_("Evidence document"), required=False)

    class Meta:
        model = MaturityAssessment
        fields = [
            "state",
            "area",
            "level",
            "method",
            "assessed_on",
            "assessor",
            "evidence",
            "notes",
            "visibility",
        ]
        widgets = {
            "level": forms.RadioSelect,
            "method": forms.RadioSelect,
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "evidence": _("What the level rests on: laws, procedures, reports, a site visit."),
            "visibility": _("Restricted assessments are seen only by the state and the secretariat."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        methods = allowed_methods(user)
        self.fields["method"].choices = [
            (value, label) for value, label in AssessmentMethod.choices if value in methods
        ]
        if len(methods) == 1:
            self.fields["method"].initial = methods[0]
        if not can_on_every(user, "record", MaturityAssessment):
            # A focal point's state is fixed: a posted value is ignored, the own state is used.
            self.fields["state"].queryset = MemberState.objects.filter(pk=user.member_state_id)
            self.fields["state"].initial = self.initial["state"] = user.member_state_id
            self.fields["state"].disabled = True
            self.fields["state"].help_text = _("Focal points assess their own state.")
        self.fields["assessed_on"].initial = timezone.localdate
        self.fields["evidence_file"].help_text = _("A document or an image, up to %(mb)d MB.") % {
            "mb": settings.DOCUMENT_MAX_MB
        }
        self.chosen_area = self.selected_area()
        texts = dict(self.chosen_area.level_texts()) if self.chosen_area else {}
        self.fields["level"].choices = [
            (level, level_label(level, texts.get(level, ""))) for level, _label in MATURITY_LEVELS
        ]

    def selected_area(self) -> CapabilityArea | None:
        """The area chosen so far (posted, or prefilled), whose level texts label the levels."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("area"))
        else:
            value = self.initial.get("area")
        if isinstance(value, CapabilityArea):
            return value
        if not value:
            return None
        try:
            return self.fields["area"].queryset.get(pk=value)
        except (ValueError, TypeError, ValidationError, CapabilityArea.DoesNotExist):
            return None

    def assessment_fields(self) -> dict:
        """What the service records, from the cleaned form."""
        data = dict(self.cleaned_data)
        data["evidence_file"] = data.get("evidence_file") or None
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's validation errors beside the fields they are about."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.error_dict.items():
            self.add_error(name if name in self.fields else None, messages)
