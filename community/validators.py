"""Rules about registry records that other apps' records follow too, written once.

Models call them from `clean()`, so a ModelForm and the API (through `core.api`'s
model-validating serializer) refuse the same input with the same translated message."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ISO_CODE_MESSAGE = _("Enter the two-letter ISO 3166 code, e.g. BZ.")


def validate_institution_in_state(*, institution, state, field: str = "institution") -> None:
    """A record of one member state may only name an institution of that state (or a regional
    body, which has no state): a person's, a practice's, a request's institution."""
    if institution is not None and institution.state_id and state is not None and institution.state_id != state.pk:
        raise ValidationError({field: _("This institution belongs to another member state.")})


def validate_iso_code(value: str) -> None:
    if len(value) != 2 or not value.isalpha():
        raise ValidationError({"iso_code": ISO_CODE_MESSAGE})


def validate_time_zone(value: str) -> None:
    """An IANA time zone name the standard library knows (America/Port_of_Spain)."""
    import zoneinfo

    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as America/Port_of_Spain."), params={"value": value}
        )
