"""Base model, permission-aware querysets and the demo-data marker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import NOTHING, AccessRule, Visibility


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows the model's AccessRule."""

    def for_user(self, user):
        """Records the user may see; everything else behaves as if it did not exist."""
        return self.filter(self.model.access.view_q(user))

    def editable_by(self, user):
        """Records the user may change or delete."""
        q = self.model.access.change_q(user)
        return self.none() if q == NOTHING else self.filter(q)


class BaseModel(models.Model):
    """Timestamps and the permission-aware manager shared by all domain models."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = AccessRule()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def can_change(self, user) -> bool:
        return type(self).objects.editable_by(user).filter(pk=self.pk).exists()


class VisibilityChoices(models.TextChoices):
    RESTRICTED = Visibility.RESTRICTED, _("Restricted to the state and the secretariat")
    SHARED = Visibility.SHARED, _("Shared with all members")


def visibility_field():
    return models.CharField(
        _("visibility"),
        max_length=12,
        choices=VisibilityChoices.choices,
        default=VisibilityChoices.SHARED,
        db_index=True,
    )


class DatasetMarker(models.Model):
    """Says whether this database holds demo data, so demo data never mixes with real data."""

    is_demo = models.BooleanField(default=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dataset marker")

    def __str__(self):
        return "demo" if self.is_demo else "production"
