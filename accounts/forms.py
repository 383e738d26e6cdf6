from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        # Addresses are stored in lower case and matched without regard to case; django-axes
        # counts failures by the address as typed, so "A@x" and "a@x" would each get their own
        # allowance of failed sign-ins. One spelling per address keeps the lockout whole.
        return self.cleaned_data["username"].lower()


class ProfileForm(forms.ModelForm):
    """What users set for themselves: the language their e-mails are written in."""

    class Meta:
        model = User
        fields = ["preferred_language"]
