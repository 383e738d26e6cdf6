from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm, SignInForm


class SignInView(auth_views.LoginView):
    """Sign in by e-mail; django-axes locks an address out after repeated failures."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


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
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        request.user.save(update_fields=["preferred_language"])
        messages.success(request, _("Your preferences were saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"object": request.user, "form": form})
