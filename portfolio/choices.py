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


STATUS_COLORS = {
    PracticeStatus.DRAFT: "text-bg-secondary",
    PracticeStatus.PUBLISHED: "text-bg-success",
    PracticeStatus.NEEDS_UPDATE: "text-bg-warning",
}
