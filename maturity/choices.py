from django.db import models
from django.utils.translation import gettext_lazy as _

from community.choices import MATURITY_LEVELS  # noqa: F401  (re-exported for forms)

CAN_HOST_LEVEL = 3  # "established" or better: the state's system works and can be shown to others


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer review")
    SECRETARIAT = "secretariat", _("Secretariat assessment")
