from django.core.exceptions import PermissionDenied


class MatchingError(Exception):
    """A brokering step that the rules do not allow (answered with 400 by the API)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotYourInvitation(PermissionDenied):
    """The user may see the invitation but not answer it (answered with 403)."""
