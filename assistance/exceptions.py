"""The lifecycle's errors are the workflow's own, the same in every app (core.workflow)."""

from core.workflow import InvalidTransition, TransitionForbidden

__all__ = ["InvalidTransition", "TransitionForbidden"]
