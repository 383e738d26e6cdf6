from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    NEEDS_UPDATE = "needs_update", _("Needs update")

    @classmethod
    def listed(cls) -> frozenset:
        """Statuses every member may read: the entry has been reviewed by the secretariat once."""
        return frozenset({cls.PUBLISHED, cls.NEEDS_UPDATE})


# Who moves an entry, from where to where. The secretariat reviews (publish, ask for an
# update, confirm a flagged entry is still current); an owner's edit of a flagged entry sends
# it back for review; the staleness job flags published entries nobody has looked at.
TRANSITIONS = {
    PracticeStatus.DRAFT: {PracticeStatus.PUBLISHED},
    PracticeStatus.PUBLISHED: {PracticeStatus.NEEDS_UPDATE},
    PracticeStatus.NEEDS_UPDATE: {PracticeStatus.PUBLISHED, PracticeStatus.DRAFT},
}

STATUS_COLORS = {
    PracticeStatus.DRAFT: "text-bg-secondary",
    PracticeStatus.PUBLISHED: "text-bg-success",
    PracticeStatus.NEEDS_UPDATE: "text-bg-warning",
}
