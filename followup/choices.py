from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    END = "end", _("End of the activity")
    FOLLOW_UP = "follow_up", _("Six months later")


class Respondent(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    EXPERT = "expert", _("Expert")
    HOST = "host", _("Host institution")


class UsesResults(models.TextChoices):
    YES = "yes", _("Yes, regularly")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")
    NO = "no", _("No")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Items that still count: an overdue item is one of these past its due date.
ITEM_PENDING = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)
ITEM_STATUS_COLORS = {
    ItemStatus.OPEN: "text-bg-light",
    ItemStatus.IN_PROGRESS: "text-bg-info",
    ItemStatus.DONE: "text-bg-success",
    ItemStatus.DROPPED: "text-bg-secondary",
}

# Reminders for an unanswered questionnaire, in days after it was sent.
REMINDER_DAYS = (7, 14)
# The follow-up questionnaire goes about six months after the activity's last day.
FOLLOW_UP_AFTER_DAYS = 182
# How far back the scheduler looks for a questionnaire it has not sent yet: it never writes to
# people about an activity long past (e.g. when the scheduler first starts on old data).
SEND_WINDOW_DAYS = 30
# Host coordinators and states see aggregates only from this many answers, so none is traceable.
MIN_ANSWERS_SHOWN = 3
