"""User management for the administrator: the list of accounts, invitations, deactivation;
and the page where an invited person sets their password."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import UserInviteForm
from accounts.models import User
from accounts.tables import UserTable
from core.access import require

PAGE_SIZE = 50
# Signing in from an invitation skips django-axes (there is no password attempt to count).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _require_manager(request) -> None:
    require(request.user, "manage_users", User, _("Only the administrator manages accounts."))


@login_required
def user_list(request):
    """Every account: role, state or institution, active, last sign-in, pending invitations."""
    _require_manager(request)
    users = User.objects.select_related("member_state", "institution").order_by("-is_active", "full_name", "email")
    table = UserTable(users).configure(request)
    context = {"table": table, "page_obj": table.page, "object_list": table.page.object_list}
    return render(request, "accounts/user_list.html", context)


@login_required
def user_invite(request):
    """Invite someone: the account is created without a password and they get a link by e-mail."""
    _require_manager(request)
    form = UserInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_invite(actor=request.user, user=form.instance)
        messages.success(
            request,
            _("%(name)s was invited: an e-mail with a link to set a password went to %(email)s.")
            % {"name": user, "email": user.email},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/user_invite.html", {"form": form})


@login_required
@require_POST
def user_resend_invitation(request, pk):
    _require_manager(request)
    try:
        user = services.user_resend_invitation(actor=request.user, user_id=pk)
    except User.DoesNotExist:
        return redirect("accounts:user_list")
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A new invitation went to %(email)s.") % {"email": user.email})
    return redirect("accounts:user_list")


@login_required
@require_POST
def user_set_active(request, pk):
    """Deactivate (`active=0`) or reactivate (`active=1`) an account."""
    _require_manager(request)
    active = request.POST.get("active") == "1"
    try:
        user = services.user_set_active(actor=request.user, user_id=pk, active=active)
    except User.DoesNotExist:
        return redirect("accounts:user_list")
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        text = _("%(name)s can sign in again.") if active else _("%(name)s can no longer sign in.")
        messages.success(request, text % {"name": user})
    return redirect("accounts:user_list")


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request, token):
    """The invited person chooses a password and is signed in; a link that is expired, used or
    replaced says so."""
    try:
        user = services.user_for_invitation(token=token)
    except services.InvitationInvalid as error:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_accept_invitation(token=token, password=form.cleaned_data["new_password1"])
        except services.InvitationInvalid as error:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Welcome to Attaché: your password is set and you are signed in."))
        return redirect("core:home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitee": user})
