from django.db import models
from django.utils.translation import gettext_lazy as _


class Timeframe(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")
    NO_ACTION_REQUIRED = "no_action_required", _("No action required")
    REGIONAL_ACTION_REQUIRED = "regional_action_required", _("Regional action required")

    @classmethod
    def complied(cls) -> frozenset:
        return frozenset({cls.DONE, cls.VERIFIED})

    @classmethod
    def not_applicable(cls) -> frozenset:
        """Statuses left out of a state's compliance: nothing for the state itself to do."""
        return frozenset({cls.NO_ACTION_REQUIRED, cls.REGIONAL_ACTION_REQUIRED})

    def get_color(self) -> str:
        return {
            "not_started": "danger",
            "in_progress": "warning",
            "done": "success",
            "verified": "primary",
            "no_action_required": "secondary",
            "regional_action_required": "info",
        }[self.value]
