from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Institution, MemberState, Person
from matching import conf
from matching.explain import FACTOR_HELP, FACTOR_LABELS


class WeightsForm(forms.Form):
    """The officer's weights for one ranking (GET re-ranks; POST keeps them for the request)."""

    include_developing = forms.BooleanField(
        label=_("Also propose hosts below level 3"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, initial_weights: dict[str, float] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_weights = initial_weights or conf.host_weights()
        for factor in conf.HOST_FACTORS:
            self.fields[factor] = forms.FloatField(
                label=FACTOR_LABELS[factor],
                help_text=FACTOR_HELP[factor],
                min_value=0,
                max_value=10,
                required=False,
                initial=initial_weights.get(factor, 0.0),
                widget=forms.NumberInput(
                    attrs={"step": "0.5", "min": "0", "max": "10", "class": "form-control form-control-sm"}
                ),
            )
        self.order_fields([*conf.HOST_FACTORS, "include_developing"])

    def has_weights(self) -> bool:
        return any(self.data.get(factor) not in (None, "") for factor in conf.HOST_FACTORS)

    def weights(self) -> dict[str, float]:
        return {
            factor: (
                self.cleaned_data.get(factor)
                if self.cleaned_data.get(factor) is not None
                else self.fields[factor].initial
            )
            for factor in conf.HOST_FACTORS
        }


class InviteHostForm(forms.Form):
    state = forms.ModelChoiceField(queryset=MemberState.objects.all(), label=_("Host state"))
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.all(), label=_("Host institution"), required=False
    )
    message = forms.CharField(label=_("Message to the host"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    rank = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class InviteExpertForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.filter(is_expert=True), label=_("Expert"))
    message = forms.CharField(
        label=_("Message to the expert"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    rank = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class RespondForm(forms.Form):
    """Accept, or decline with a reason."""

    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the invitation is declined."))
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
