from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from assistance import selectors
from assistance.choices import Channel, Modality
from assistance.models import REQUEST_INPUT_FIELDS, AssistanceRequest, NeedsAssessment
from community.choices import MATURITY_LEVELS
from community.models import CapabilityArea, Institution, MemberState
from core.access import can
from core.forms import DocumentField, ScopedModelForm
from decisions.models import RequiredAction


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, area):
        return "— " * area.depth + area.name


class FocalPointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user} ({user.member_state})" if user.member_state_id else str(user)


class ActionChoiceField(forms.ModelMultipleChoiceField):
    """A required national action, with its full text: people choose by what it says."""

    def label_from_instance(self, action):
        return f"{action.short_label}: {action.description}"


class AssistanceRequestForm(ScopedModelForm):
    """File or correct a request.

    A focal point files online for their own state: the state is not a choice. An officer
    registering a request received by letter or e-mail says how and when it came, for which
    state, and who the focal point is.

    The form only reads the input: the rules (the institution and focal point belong to the
    state, the window, what a submitted request needs) are the model's and the service's, so
    the page and the API refuse the same things with the same words. A draft may be saved with
    only its title."""

    MAIL_FIELDS = ("channel", "received_on", "state", "focal_point")

    areas = AreaChoiceField(
        label=_("Capability areas"),
        queryset=CapabilityArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The areas where help is needed (needed to submit)."),
    )
    actions = ActionChoiceField(
        label=_("Linked actions"),
        queryset=RequiredAction.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The national actions of community decisions this request helps to implement."),
    )
    focal_point = FocalPointChoiceField(label=_("Focal point"), queryset=User.objects.none(), required=False)
    documents = DocumentField(multiple=True, label=_("Attachments"), required=False)

    class Meta:
        model = AssistanceRequest
        fields = REQUEST_INPUT_FIELDS
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "window_start": forms.DateInput(attrs={"type": "date"}),
            "window_end": forms.DateInput(attrs={"type": "date"}),
            "need": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "need": _("What the state needs to be able to do, and why now (needed to submit)."),
            "officials_count": _("How many officials would take part."),
            "window_start": _("The earliest date the activity could start."),
            "window_end": _("The latest date it should be over."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # An officer records mail for any state; a request filed online keeps its state and channel.
        self.may_record_received = can(user, "record_received", AssistanceRequest)
        self.records_mail = self.may_record_received and (
            self.instance.pk is None or self.instance.channel != Channel.ONLINE
        )
        if self.records_mail:
            self.fields["channel"].choices = [
                (Channel.LETTER, Channel.LETTER.label),
                (Channel.EMAIL, Channel.EMAIL.label),
            ]
            if self.instance.pk is None:
                self.initial.setdefault("channel", Channel.LETTER)
                self.initial.setdefault("received_on", timezone.localdate())
            self.fields["state"].queryset = MemberState.objects.all()
            self.fields["focal_point"].queryset = (
                User.objects.filter(role=Role.FOCAL_POINT, is_active=True)
                .select_related("member_state")
                .order_by("full_name")
            )
            self.fields["institution"].queryset = Institution.objects.filter(state__isnull=False).select_related(
                "state"
            )
        else:
            for name in self.MAIL_FIELDS:
                del self.fields[name]
            if self.instance.pk is None and user.member_state_id:
                self.instance.state_id = user.member_state_id  # forced again by the service
            self.fields["institution"].queryset = Institution.objects.for_user(user).filter(
                state_id=self.instance.state_id
            )
        self.fields["actions"].queryset = RequiredAction.objects.for_user(user).select_related("decision")
        self.fields["documents"].help_text = _(
            "The letter, terms of reference or any supporting document (several files allowed, %(mb)d MB each)."
        ) % {"mb": settings.DOCUMENT_MAX_MB}
        if not self.records_mail:
            self.fields["window_start"].help_text = _("The earliest date the activity could start (needed to submit).")
            self.fields["window_end"].help_text = _("The latest date it should be over (needed to submit).")
        # Files never come back with a form that has errors: say so rather than show them as kept.
        self.files_to_choose_again = False

    def add_error(self, field, error):
        """Any error sends the form back, and a browser never sends chosen files back with it."""
        super().add_error(field, error)
        if self.files.get("documents"):
            self.files_to_choose_again = True

    def service_fields(self) -> dict:
        """The keyword arguments of services.request_file / request_update: the request's own
        fields shown on this form (attachments are passed apart)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class RequestDocumentsForm(forms.Form):
    """Add documents to a request after it was filed (the formal letter, terms of reference)."""

    documents = DocumentField(multiple=True, label=_("Documents to add"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].help_text = _(
            "The formal letter, terms of reference or any supporting document (%(mb)d MB each)."
        ) % {"mb": settings.DOCUMENT_MAX_MB}


class TransitionForm(forms.Form):
    """One workflow button: the status to move to and why. The service decides if the move is allowed."""

    to = forms.CharField(max_length=20)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    # The version of the request the page showed: a request changed since is not moved.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


# The page and the API refuse an officer who cannot be assigned in these words.
ASSIGN_REFUSAL = _("Choose an active secretariat officer.")


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Assigned officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not assigned"),
        error_messages={"invalid_choice": ASSIGN_REFUSAL},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = selectors.officer_choices()


class NeedsAssessmentForm(ScopedModelForm):
    """What the secretariat found before approval; one baseline level (0–4) per requested area,
    pre-filled from the maturity map. A revision carries the assessment's version, and the
    assessment never moves to a request outside the user's scope (ScopedModelForm)."""

    class Meta:
        model = NeedsAssessment
        fields = ["stakeholders", "gaps", "recommended_modality", "risks"]
        widgets = {
            "stakeholders": forms.Textarea(attrs={"rows": 3}),
            "gaps": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "stakeholders": _(
                "Who was consulted, e.g. the ministry, the national committee, the accreditation council."
            ),
            "gaps": _("What is missing between where the state stands and where it needs to be."),
        }

    def __init__(self, *args, areas, map_levels: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        recorded = self.instance.baseline if self.instance.pk else {}
        if not self.instance.pk:
            self.initial.setdefault("recommended_modality", Modality.ATTACHMENT)
        for area in self.areas:
            from_map = map_levels.get(area.code)
            self.fields[self.baseline_field(area)] = forms.TypedChoiceField(
                label=_("Baseline: %(area)s") % {"area": area.name},
                choices=[("", _("Not known"))] + [(level, label) for level, label in MATURITY_LEVELS],
                coerce=int,
                empty_value=None,
                required=False,
                initial=recorded.get(area.code, from_map),
                help_text=(
                    _("Maturity map: level %(level)s.") % {"level": from_map}
                    if from_map is not None
                    else _("Not yet on the maturity map.")
                ),
            )

    @staticmethod
    def baseline_field(area) -> str:
        return f"baseline_{area.code}"

    def baseline_fields(self):
        return [self[self.baseline_field(area)] for area in self.areas]

    def other_fields(self):
        return [self[name] for name in self._meta.fields]

    def service_fields(self) -> dict:
        """The keyword arguments of services.needs_assessment_save."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["baseline"] = {
            area.code: self.cleaned_data[self.baseline_field(area)]
            for area in self.areas
            if self.cleaned_data.get(self.baseline_field(area)) is not None
        }
        return data
