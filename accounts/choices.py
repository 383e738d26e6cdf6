from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Secretariat administrator")
    OFFICER = "officer", _("Secretariat officer")
    FOCAL_POINT = "focal_point", _("Member-state focal point")
    HOST_COORDINATOR = "host_coordinator", _("Host coordinator")
    EXPERT = "expert", _("Expert or facilitator")
    PARTNER = "partner", _("Development partner")

    @classmethod
    def secretariat(cls) -> frozenset:
        return frozenset({cls.ADMIN, cls.OFFICER})

    @classmethod
    def owner_roles(cls) -> frozenset:
        """Roles that own records of their own: a state, an institution or a profile."""
        return frozenset({cls.FOCAL_POINT, cls.HOST_COORDINATOR, cls.EXPERT})
