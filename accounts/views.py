from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    """Sign in by e-mail; django-axes locks an address out after repeated failures."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"object": request.user})
