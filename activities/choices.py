"""The fixed vocabularies of activities: their lifecycle, the kinds of session, budget categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from assistance.choices import Modality

# An activity is delivered in one definite way: "no preference" is a request's answer, not a plan's.
ACTIVITY_MODALITIES = [(value, label) for value, label in Modality.choices if value != Modality.NO_PREFERENCE]


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    IN_DELIVERY = "in_delivery", _("In delivery")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


STATUS_COLORS = {
    ActivityStatus.PROPOSED: "text-bg-light",
    ActivityStatus.PLANNED: "text-bg-info",
    ActivityStatus.CONFIRMED: "text-bg-primary",
    ActivityStatus.IN_DELIVERY: "text-bg-warning",
    ActivityStatus.DELIVERED: "text-bg-success",
    ActivityStatus.CLOSED: "text-bg-secondary",
    ActivityStatus.CANCELLED: "text-bg-dark",
}

# An activity in one of these states holds its dates: its host is busy, its experts booked.
LIVE = (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED, ActivityStatus.IN_DELIVERY)
# Started or over: what really happened.
STARTED = (ActivityStatus.IN_DELIVERY, ActivityStatus.DELIVERED, ActivityStatus.CLOSED)
DONE = (ActivityStatus.DELIVERED, ActivityStatus.CLOSED)


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Nominations that take a seat: counted against the modality's cap.
SEATED = (NominationStatus.PROPOSED, NominationStatus.CONFIRMED)


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    EXERCISE = "exercise", _("Exercise")
    GROUP_WORK = "group_work", _("Group work")
    SITE_VISIT = "site_visit", _("Site visit")
    BREAK = "break", _("Break")


class BudgetCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    SUBSISTENCE = "subsistence", _("Daily subsistence")
    VENUE = "venue", _("Venue and equipment")
    INTERPRETATION = "interpretation", _("Interpretation and translation")
    FEES = "fees", _("Expert fees")
    MATERIALS = "materials", _("Materials")
    OTHER = "other", _("Other")
