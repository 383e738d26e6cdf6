from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def active(cls) -> frozenset:
        """An invitation still standing: waiting for an answer, or accepted."""
        return frozenset({cls.INVITED, cls.ACCEPTED})

    def get_color(self) -> str:
        return {
            InvitationStatus.INVITED: "info",
            InvitationStatus.ACCEPTED: "success",
            InvitationStatus.DECLINED: "danger",
            InvitationStatus.WITHDRAWN: "secondary",
        }[self]
