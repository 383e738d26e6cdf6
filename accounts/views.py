import time

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import two_factor
from accounts.forms import PasswordResetForm, ProfileForm, SignInForm
from accounts.models import User
from accounts.throttle import password_reset_throttled
from accounts.views_two_factor import PENDING_SIGN_IN
from core.versions import RecordChanged


class SignInView(auth_views.LoginView):
    """Sign in by e-mail; django-axes locks an address out after repeated failures. An account
    with two-factor sign-in is signed in only after its second step."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING_SIGN_IN] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:two_factor_verify")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, throttled per address and per client address; the answer is the same
    whether or not the address has an account."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form):
        if password_reset_throttled(self.request, form.cleaned_data["email"]):
            form.add_error(None, _("Too many reset links were asked for. Wait an hour, then try again."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class SignOutView(auth_views.LogoutView):
    """Sign out, and say so on the sign-in page the user lands on."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.info(request, _("You are signed out."))
        return response


@login_required
def profile(request):
    """The user's own account, where they choose the language of their e-mails."""
    # The account itself, not the request's lazy stand-in for it: the version claim and the
    # change history look the record's model up from its type.
    account = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim_version()  # refuses a save that started from an older version
                account.save(update_fields=["preferred_language"])
        except RecordChanged as error:
            form.refuse_changed(error)  # the page again, the user's choice kept
        else:
            messages.success(request, _("Your preferences were saved."))
            return redirect("accounts:profile")
    context = {"object": account, "form": form, "two_factor_on": two_factor.has_two_factor(account)}
    return render(request, "accounts/profile.html", context)
