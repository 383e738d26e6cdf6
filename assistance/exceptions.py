from django.core.exceptions import PermissionDenied


class InvalidTransition(Exception):
    """The move is not part of the lifecycle, or its guard is not met (answered with 400)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionForbidden(PermissionDenied):
    """The actor's role may not make this move on this request (answered with 403)."""
