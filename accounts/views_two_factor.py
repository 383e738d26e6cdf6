"""Two-factor sign-in pages: the second step of signing in, and setting it up, seeing and
renewing recovery codes, and turning it off on the account's own page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import two_factor
from accounts.forms import TwoFactorCodeForm
from accounts.models import User

# The account that gave the right password and now owes its second step, kept in the
# (not yet signed-in) session for a few minutes.
PENDING_SIGN_IN = "accounts_two_factor_pending"
PENDING_SECONDS = 300


def pending_sign_in(request) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING_SIGN_IN) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


@never_cache
@sensitive_post_parameters("code")
def two_factor_verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    user, pending = pending_sign_in(request)
    if user is None:
        request.session.pop(PENDING_SIGN_IN, None)
        messages.info(request, _("Sign in with your e-mail address and password first."))
        return redirect(settings.LOGIN_URL)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.must_wait(user):
            form.add_error("code", _("Too many wrong codes in a row: wait a few seconds, then try again."))
            return render(request, "accounts/two_factor_verify.html", {"form": form})
        device = two_factor.device_for_code(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_SIGN_IN]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if two_factor.is_recovery_device(device):
                left = len(two_factor.recovery_codes(user))
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(count)d is left.",
                        "You used a recovery code: %(count)d are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(pending["next"])
        form.add_error("code", _("That code is not right. Check the time on your phone, or use a recovery code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@sensitive_post_parameters("code")
def two_factor_manage(request):
    """Set up two-factor sign-in (scan, confirm with a code), or, once it is on, see the
    recovery codes, make new ones or turn it off."""
    user = request.user
    if two_factor.has_two_factor(user):
        disable_form = TwoFactorCodeForm()
        disable_form.fields["code"].widget.attrs.pop("autofocus")  # the page is to read, not to turn it off
        context = {
            "enabled": True,
            "codes": two_factor.recovery_codes(user),
            "required": two_factor.two_factor_required(user),
            "form": disable_form,
        }
        return render(request, "accounts/two_factor.html", context)
    device = two_factor.authenticator_to_enrol(user)
    form = TwoFactorCodeForm(request.POST or None)
    form.fields["code"].help_text = _("The six digits your authenticator app shows for Attaché.")
    if request.method == "POST" and form.is_valid():
        codes = two_factor.two_factor_enable(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        form.add_error("code", _("That code is not right. Check the time on your phone and try the next code."))
    context = {
        "enabled": False,
        "qr_code": two_factor.qr_code_svg(device),
        "manual_key": two_factor.manual_key(device),
        "form": form,
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_POST
def two_factor_recovery_codes(request):
    """New recovery codes; the old ones stop working."""
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two_factor")
    codes = two_factor.recovery_codes_regenerate(user=request.user)
    messages.success(request, _("New recovery codes were made; the old ones no longer work."))
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@login_required
@require_POST
@sensitive_post_parameters("code")
def two_factor_disable(request):
    """Turn two-factor sign-in off, with a current code as proof; not for roles that need it."""
    user = request.user
    if two_factor.two_factor_required(user):
        messages.error(request, _("Your role must use two-factor sign-in: it cannot be turned off."))
        return redirect("accounts:two_factor")
    form = TwoFactorCodeForm(request.POST)
    if not form.is_valid() or two_factor.device_for_code(user, form.cleaned_data["code"]) is None:
        messages.error(request, _("That code is not right: two-factor sign-in is still on."))
        return redirect("accounts:two_factor")
    two_factor.two_factor_disable(user=user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:profile")
