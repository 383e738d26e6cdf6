"""Failed sign-ins, on top of django-axes: addresses are counted in their one normalised
spelling, and a client address that fails against many accounts (a password sprayed across
the community) is locked out as a whole, whatever account it tries next."""

from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_cool_off, get_lockout_message
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from accounts.emails import normalize_email


def axes_username(request, credentials) -> str | None:
    """The name django-axes counts failures by (AXES_USERNAME_CALLABLE): the normalised address,
    whatever spelling was typed and whichever form (ours, the admin's) sent it."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return normalize_email(username) if isinstance(username, str) else None


def accounts_failed_from(ip_address: str) -> int:
    """How many different accounts (existing or not) failed to sign in from this client address
    within the cool-off period."""
    since = timezone.now() - get_cool_off()
    return (
        AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
        .values("username")
        .distinct()
        .count()
    )


def is_spraying(ip_address: str | None) -> bool:
    return bool(ip_address) and accounts_failed_from(ip_address) >= settings.ATTACHE_SIGNIN_ACCOUNTS_PER_IP


class SprayLockoutBackend:
    """Listed before django-axes' backend: refuses every sign-in from a client address that has
    failed against too many accounts, with axes' own lockout answer (its middleware turns the
    flag into the locked-out page). Like axes' backend it only refuses, never signs anyone in,
    so it has no get_user() (Django's test client signs in with the first backend that has)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not settings.AXES_ENABLED:
            return None
        if is_spraying(get_client_ip_address(request)):
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied(get_lockout_message())
        return None
