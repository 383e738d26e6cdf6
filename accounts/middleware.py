"""Cross-cutting rules for signed-in requests: pages are never kept by browsers or proxies, and
the roles that must use two-factor sign-in set it up before anything else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts import two_factor


def signed_in_user(request):
    """The signed-in user, or None, without opening a session the request did not bring (a
    load balancer's health check carries no cookie and must cost no session look-up)."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # not yet evaluated and no session to find a user in
    return user if user.is_authenticated else None


def is_verified(user) -> bool:
    """Whether this session passed a second step (django-otp's middleware says so)."""
    return bool(getattr(user, "is_verified", lambda: False)())


class NoStoreForSignedInMiddleware:
    """What a signed-in user sees is theirs alone: no shared proxy or browser cache keeps it
    (a later user of the same computer could page back to it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Evaluated after the view: a sign-in sets the user, a token-authenticated API call too.
        if signed_in_user(request) is not None:
            add_never_cache_headers(response)
        return response


class TwoFactorRequiredMiddleware:
    """Sends a user whose role must use two-factor sign-in, and whose session has not passed it,
    to set it up (or to sign in again with it) before any other page."""

    # Pages such a user still needs: setting it up, signing out, choosing the page language.
    ALLOWED_VIEWS = frozenset({"accounts:two_factor", "accounts:logout", "set_language", "healthz"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = signed_in_user(request)
        if user is None or not two_factor.two_factor_required(user) or is_verified(user):
            return None
        if request.resolver_match.view_name in self.ALLOWED_VIEWS:
            return None
        if two_factor.has_two_factor(user):
            # Signed in before the device was added (another browser): sign in again with it.
            logout(request)
            messages.info(request, _("Sign in again with your authenticator app."))
            return redirect(settings.LOGIN_URL)
        messages.warning(request, _("Your role must use two-factor sign-in. Set it up to continue."))
        return redirect("accounts:two_factor")
