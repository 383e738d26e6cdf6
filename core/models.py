"""Base model, permission-aware querysets and the demo-data marker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import EVERYTHING, NOTHING, AccessRule, Visibility


def crosses_to_many(model, lookup: str) -> bool:
    """Whether a lookup such as "members__state" passes through a to-many relation, so that
    filtering on it may return a record once per related row."""
    for name in lookup.split("__"):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows the model's AccessRule."""

    def for_user(self, user):
        """Records the user may see; everything else behaves as if it did not exist."""
        return self._scoped(self.model.access.view_q(user))

    def editable_by(self, user):
        """Records the user may change or delete."""
        return self._scoped(self.model.access.change_q(user))

    def _scoped(self, q):
        if q == NOTHING:
            return self.none()
        if q == EVERYTHING:
            return self.all()
        if any(crosses_to_many(self.model, lookup) for lookup in self.model.access.lookups()):
            # Ownership through a to-many relation would repeat a record once per owner row:
            # select the records by key instead, so lists and counts stay free of duplicates.
            return self.filter(pk__in=self.model._base_manager.filter(q).values("pk"))
        return self.filter(q)


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
