"""Two-factor sign-in through django-otp: an authenticator app (TOTP) and single-use recovery
codes. Optional for everyone; required for the roles in ATTACHE_2FA_REQUIRED_ROLES."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def two_factor_required(user: User) -> bool:
    return user.role in settings.ATTACHE_2FA_REQUIRED_ROLES


def has_two_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def authenticator_to_enrol(user: User) -> TOTPDevice:
    """The authenticator the user is setting up: the same secret until they confirm it, so the
    QR code they scanned stays valid while the page reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no image request, no outside service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="")


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32 in groups of four, for typing into an app that cannot scan."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def clean_code(code: str) -> str:
    return "".join(code.split()).lower()


@transaction.atomic
def two_factor_enable(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns new recovery codes, or None when
    the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(clean_code(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace every recovery code with a new set; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes(user: User) -> list[str]:
    """The recovery codes not used yet."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


def must_wait(user: User) -> bool:
    """Whether a wrong code was entered so recently that django-otp refuses the next one for now
    (the wait doubles with each wrong code)."""
    return any(not device.verify_is_allowed()[0] for device in devices_for_user(user, confirmed=True))


@transaction.atomic
def device_for_code(user: User, code: str):
    """The device (authenticator or recovery codes) that accepts this code, or None; a recovery
    code is used up by this. django-otp slows down repeated wrong guesses per device."""
    code = clean_code(code)
    if not code:
        return None
    devices = list(devices_for_user(user, confirmed=True, for_verify=True))
    for device in devices:
        if device.verify_token(code):
            # The person is proven: the code was tried on their other devices first, and those
            # misses must not make their next sign-in wait.
            for other in devices:
                if other != device and other.throttling_failure_count:
                    other.throttle_reset()
            return device
    return None


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def is_recovery_device(device) -> bool:
    return isinstance(device, StaticDevice)
