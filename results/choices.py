"""The fixed vocabularies of results frameworks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    GOAL = "goal", _("Goal")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


# The level a node's parent must have: an output serves an outcome, an outcome a goal.
PARENT_LEVEL = {Level.GOAL: None, Level.OUTCOME: Level.GOAL, Level.OUTPUT: Level.OUTCOME}


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class TargetFrequency(models.TextChoices):
    PER_PERIOD = "per_period", _("A target for each period")
    CUMULATIVE = "cumulative", _("Cumulative targets to date")
    END = "end", _("One target at the end of the programme")


class CumulativeMode(models.TextChoices):
    SUM = "sum", _("Add up the periods' values (e.g. officials trained)")
    LATEST = "latest", _("The latest value stands (e.g. states at a level)")


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


VALUE_STATUS_COLORS = {
    ValueStatus.DRAFT: "text-bg-light",
    ValueStatus.SUBMITTED: "text-bg-info",
    ValueStatus.RETURNED: "text-bg-warning",
    ValueStatus.APPROVED: "text-bg-success",
}

# Values that may still be edited: the others change only through a move.
EDITABLE_VALUE_STATUSES = (ValueStatus.DRAFT, ValueStatus.RETURNED)


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LOCKED = "locked", _("Locked (certified)")


MANUAL_SOURCE = "manual"
