from django import forms
from django.utils.translation import gettext_lazy as _

from community import selectors as community_selectors
from matching import conf
from matching import factors as registry


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
        for factor in registry.host_factors():
            self.fields[factor.name] = forms.FloatField(
                label=factor.label,
                help_text=factor.help,
                min_value=registry.MIN_WEIGHT,
                max_value=registry.MAX_WEIGHT,
                required=False,
                initial=initial_weights.get(factor.name, factor.default_weight),
                widget=forms.NumberInput(
                    attrs={"step": "0.5", "min": "0", "max": "10", "class": "form-control form-control-sm"}
                ),
            )
        self.order_fields([*registry.names(registry.HOST), "include_developing"])

    def has_weights(self) -> bool:
        return any(self.data.get(factor) not in (None, "") for factor in registry.names(registry.HOST))

    def weights(self) -> dict[str, float]:
        return {
            factor: (
                self.cleaned_data.get(factor)
                if self.cleaned_data.get(factor) is not None
                else self.fields[factor].initial
            )
            for factor in registry.names(registry.HOST)
        }


class InviteHostForm(forms.Form):
    """Whom to invite. The score and rank the invitation keeps are computed by the service."""

    state = forms.ModelChoiceField(queryset=community_selectors.memberstate_queryset(), label=_("Host state"))
    institution = forms.ModelChoiceField(
        queryset=community_selectors.institution_queryset(), label=_("Host institution"), required=False
    )
    message = forms.CharField(label=_("Message to the host"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InviteExpertForm(forms.Form):
    person = forms.ModelChoiceField(queryset=community_selectors.expert_queryset(), label=_("Expert"))
    message = forms.CharField(
        label=_("Message to the expert"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


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
