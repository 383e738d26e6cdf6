"""The request lifecycle's statuses and the request's other choices. The legal moves are in
`assistance.workflow`; who may make them is the AssistanceRequest AccessRule."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REGISTERED = "registered", _("Registered")
    ASSESSING = "assessing", _("Needs assessment")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    ON_HOLD = "on_hold", _("On hold")
    MATCHING = "matching", _("Matching")
    HOST_CONFIRMED = "host_confirmed", _("Host confirmed")
    PLANNED = "planned", _("Planned")
    IN_DELIVERY = "in_delivery", _("In delivery")
    DELIVERED = "delivered", _("Delivered")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def finished(cls) -> frozenset:
        return frozenset({cls.DECLINED, cls.CLOSED, cls.WITHDRAWN})

    def get_color(self) -> str:
        if self in (Status.DECLINED, Status.WITHDRAWN):
            return "secondary"
        if self == Status.ON_HOLD:
            return "warning"
        if self in (Status.DRAFT, Status.SUBMITTED):
            return "info"
        if self == Status.CLOSED:
            return "dark"
        return "primary"


class Modality(models.TextChoices):
    ATTACHMENT = "attachment", _("Attachment")
    WORKSHOP = "workshop", _("Workshop or training course")
    EXPERT_MISSION = "expert_mission", _("Expert mission")
    STUDY_VISIT = "study_visit", _("Study visit")
    VIRTUAL = "virtual", _("Virtual session")
    NO_PREFERENCE = "no_preference", _("No preference")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class Channel(models.TextChoices):
    ONLINE = "online", _("Filed online")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")


# Statuses in which the secretariat looks for a host or an expert (peer matching).
MATCHABLE = frozenset({Status.APPROVED, Status.MATCHING, Status.HOST_CONFIRMED, Status.PLANNED})
