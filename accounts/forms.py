from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.emails import NormalizedEmailField, normalize_email
from accounts.models import User
from core.choosers import SearchChoiceField
from core.forms import VersionedFormMixin


class SignInForm(AuthenticationForm):
    # Addresses are stored normalised (case and Unicode compatibility forms folded), and the
    # lockout counts failures by the normalised address: "A@x", "a@x" and a fullwidth "Ａ@x"
    # share one allowance of failed sign-ins.
    username = NormalizedEmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class ProfileForm(VersionedFormMixin, forms.ModelForm):
    """What users set for themselves: the language their e-mails are written in. It carries the
    version of the account it was opened at (VersionedFormMixin), so a save after someone else's
    change (the administrator's, or the user's own in another window) is refused."""

    class Meta:
        model = User
        fields = ["preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = self.instance  # who reads what changed meanwhile: the account's holder


class UserInviteForm(forms.ModelForm):
    """Who to invite, with what role, for which state or institution, and in which language
    their e-mails are written. The model's own rules (a focal point acts for a state, a host
    coordinator for an institution) are checked by `User.clean`."""

    INVITABLE_ROLES = [Role.OFFICER, Role.FOCAL_POINT, Role.HOST_COORDINATOR, Role.EXPERT, Role.PARTNER]

    class Meta:
        model = User
        fields = ["full_name", "email", "role", "member_state", "institution", "preferred_language"]
        field_classes = {"email": NormalizedEmailField, "institution": SearchChoiceField}
        help_texts = {"preferred_language": _("The language of the invitation and of every later e-mail.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["role"].choices = [(role.value, role.label) for role in self.INVITABLE_ROLES]
        self.fields["member_state"].queryset = self.fields["member_state"].queryset.order_by("name")
        self.fields["institution"].queryset = (
            self.fields["institution"].queryset.select_related("state").order_by("name")
        )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, writing the message in the account's language (its link is built
    from SITE_URL by the template), as every other message Attaché sends. The address is
    normalised as accounts are, so a look-alike spelling reaches the same account or none."""

    email = NormalizedEmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        return (
            user
            for user in User.objects.filter(email=normalize_email(email), is_active=True)
            if user.has_usable_password()
        )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        with translation.override(context["user"].preferred_language or settings.LANGUAGE_CODE):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class TwoFactorCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )
