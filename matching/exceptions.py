from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError


class MatchingError(ValidationError):
    """A brokering step that the rules refuse, about one input (`field`, e.g. "state" or
    "reason") or about the step as a whole (`field=None`).

    The rule is written once, in the service; the page adds the message to its form's field and
    the API answers 400 `{field: [message]}` (or `{"detail": message}` for the step as a whole),
    so both refuse the same input with the same words."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__({field or NON_FIELD_ERRORS: [message]})
        self.text = message
        self.field = field


class NotYourInvitation(PermissionDenied):
    """The user may see the invitation but not answer it (answered with 403)."""
