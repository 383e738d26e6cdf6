"""Reads of the portfolio: who sees which entries, and which entries are due for review."""

import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest

from core.access import EVERYTHING
from core.models import ScopedQuerySet
from portfolio.choices import PracticeStatus


class PracticeQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Entries the user may read.

        On top of the AccessRule (restricted entries stay with their state and the secretariat),
        a draft has not been reviewed yet: only the secretariat and the entry's owners (who may
        change it) see it. Everyone else sees published entries and those flagged for an update.
        """
        visible = super().for_user(user)
        if not user.is_authenticated:
            return visible
        changeable = self.model.access.change_q(user)
        if changeable == EVERYTHING:
            return visible
        return visible.filter(Q(status__in=PracticeStatus.listed()) | changeable)

    def listed(self):
        return self.filter(status__in=PracticeStatus.listed())

    def last_looked_at(self):
        """Annotate `last_looked_at`: the later of the last review and the last update."""
        return self.annotate(last_looked_at=Greatest(Coalesce("reviewed_at", "updated_at"), "updated_at"))

    def stale(self, *, before: datetime.datetime):
        """Published entries nobody has reviewed or updated since `before`."""
        return self.last_looked_at().filter(status=PracticeStatus.PUBLISHED, last_looked_at__lt=before)
