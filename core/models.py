"""Base model, permission-aware querysets, documents attached to any record and the demo-data marker."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
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


class DocumentKind(models.TextChoices):
    ATTACHMENT = "attachment", _("Supporting document")
    EVIDENCE = "evidence", _("Evidence")


class DocumentQuerySet(models.QuerySet):
    def for_record(self, record):
        """The documents attached to one record, oldest first."""
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk).order_by("created_at", "pk")


class Document(models.Model):
    """A file attached to any record (a request's letter, an assessment's evidence).

    It belongs to its record through a generic relation, and whoever may see the record may
    download it through `core:document_download`; it is never served from MEDIA_URL. A model
    that carries documents declares `documents = GenericRelation("core.Document")`, so they are
    listed and deleted with it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="documents/%Y/", max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.ATTACHMENT)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    mime_type = models.CharField(_("content type"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["content_type", "object_id"], name="document_record")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:document_download", args=[self.pk])

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
