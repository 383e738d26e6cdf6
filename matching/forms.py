"""The page's forms: they only read the input. The rules (a state never hosts itself, a decline
needs a reason, weights go from 0 to 10, …) are the services'; a view adds a service's refusal
to its form's field, so the page shows it where the API names it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matching import conf, inputs
from matching import factors as registry
from matching.services import host_answer_arguments


def weight_field(factor, initial: float) -> forms.FloatField:
    """A weight from 0 to 10, refused in the same words as the service and the API."""
    message = registry.weight_message(factor.name)
    return forms.FloatField(
        label=factor.label,
        help_text=factor.help,
        min_value=registry.MIN_WEIGHT,
        max_value=registry.MAX_WEIGHT,
        required=False,
        initial=initial,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(
            attrs={"step": "0.5", "min": "0", "max": "10", "class": "form-control form-control-sm"}
        ),
    )


# The ranking's switches, besides the weights.
SWITCHES = ("include_developing", "include_unconfirmed")


class WeightsForm(forms.Form):
    """The officer's weights for one ranking (GET re-ranks; POST keeps them for the request)."""

    include_developing = forms.BooleanField(
        label=_("Also propose hosts below level 3"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    include_unconfirmed = forms.BooleanField(
        label=_("Also propose hosts on unconfirmed self-assessments"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, initial_weights: dict[str, float] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_weights = initial_weights or conf.host_weights()
        for factor in registry.host_factors():
            self.fields[factor.name] = weight_field(factor, initial_weights.get(factor.name, factor.default_weight))
        self.order_fields([*registry.names(registry.HOST), *SWITCHES])

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

    state = forms.IntegerField(label=_("Host state"), required=False, error_messages={"invalid": inputs.NO_STATE})
    institution = forms.IntegerField(
        label=_("Host institution"), required=False, error_messages={"invalid": inputs.NO_INSTITUTION}
    )
    message = forms.CharField(label=_("Message to the host"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InviteExpertForm(forms.Form):
    person = forms.IntegerField(label=_("Expert"), required=False, error_messages={"invalid": inputs.NO_EXPERT})
    message = forms.CharField(
        label=_("Message to the expert"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AnswerForm(forms.Form):
    """Accept or decline; a host accepting may name its contact and propose dates or conditions."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={"required": inputs.NO_DECISION, "invalid_choice": inputs.NO_DECISION},
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    contact_person = forms.IntegerField(
        label=_("Contact person"), required=False, error_messages={"invalid": inputs.NO_PERSON}
    )
    contact_name = forms.CharField(label=_("Contact name"), required=False)
    contact_email = forms.CharField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), required=False)
    proposed_start = forms.DateField(
        label=_("Proposed start"), required=False, error_messages={"invalid": inputs.BAD_DATE}
    )
    proposed_end = forms.DateField(label=_("Proposed end"), required=False, error_messages={"invalid": inputs.BAD_DATE})
    conditions = forms.CharField(
        label=_("Dates or conditions you propose"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    @property
    def accepts(self) -> bool:
        return self.cleaned_data["decision"] == "accept"

    def host_answer(self) -> dict:
        """The contact and proposal, as the service's keyword arguments."""
        return host_answer_arguments(self.cleaned_data)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False)


class ExclusionForm(forms.Form):
    """One state, institution or expert to leave out of the request's ranking, and why. Which one
    and whether the reason is given are the service's rules (`match_exclusion_create`)."""

    state = forms.IntegerField(label=_("Member state"), required=False, error_messages={"invalid": inputs.NO_STATE})
    institution = forms.IntegerField(
        label=_("Institution"), required=False, error_messages={"invalid": inputs.NO_INSTITUTION}
    )
    person = forms.IntegerField(label=_("Expert"), required=False, error_messages={"invalid": inputs.NO_EXPERT})
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExclusionRemoveForm(forms.Form):
    """Putting a left-out candidate back takes no input: the exclusion is in the address."""
