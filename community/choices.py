from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipKind(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")


class LegalTradition(models.TextChoices):
    COMMON_LAW = "common_law", _("Common law")
    CIVIL_LAW = "civil_law", _("Civil law")
    MIXED = "mixed", _("Mixed")


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    AGENCY = "agency", _("Agency")
    NATIONAL_COMMITTEE = "national_committee", _("National committee")
    REGIONAL_BODY = "regional_body", _("Regional body")
    UNIVERSITY = "university", _("University")
    ACCREDITATION_BODY = "accreditation_body", _("Accreditation body")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner")
    OTHER = "other", _("Other")


class InstitutionStatus(models.TextChoices):
    """Whether an institution still works: a closed one is kept for the record, never proposed."""

    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class NetworkRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    RESOURCE = "resource", _("Resource person")


MATURITY_LEVELS = [
    (0, _("0 · Absent")),
    (1, _("1 · Initial")),
    (2, _("2 · Developing")),
    (3, _("3 · Established")),
    (4, _("4 · Model")),
]
