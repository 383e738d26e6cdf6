"""Base model, permission-aware querysets, documents attached to any record, the demo-data marker
and the one workflow history."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from core.access import EVERYTHING, NOTHING, AccessRule, Visibility, or_parts
from core.data_version import CountedQuerySet
from core.inbox import Notification  # noqa: F401  (the in-product inbox, kept in its own module)
from core.urls_helpers import record_url


def crosses_to_many(model, lookup: str) -> bool:
    """Whether a lookup such as "members__state" passes through a to-many relation, so that
    filtering on it may return a record once per related row."""
    return to_many_hop(model, lookup) is not None


def to_many_hop(model, lookup: str) -> tuple[int, type] | None:
    """Where a lookup first passes through a to-many relation: the position of that relation
    among the lookup's names and the model that holds it ((1, Programme) for a node's
    "programme__funders"); None when it never does."""
    for index, name in enumerate(lookup.split("__")):
        if name == "pk":
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a lookup or transform ("in", "year") after the fields
            return None
        if field.many_to_many or field.one_to_many:
            return index, model
        if not field.is_relation:
            return None
        model = field.related_model
    return None


def choice_labels(field) -> dict:
    """value → label (lazy, translated when shown) of a field's choices, built once per field."""
    labels = field.__dict__.get("_choice_labels")
    if labels is None:
        labels = field.__dict__["_choice_labels"] = dict(field.flatchoices)  # TypeError: unhashable values
    return labels


_SCOPED_THROUGH_TO_MANY: dict = {}


def scoped_through_to_many(model) -> bool:
    """Whether one of the model's rule lookups crosses a to-many relation (see `_scoped`); the
    same for every query, so worked out once per model and rule."""
    rule = model.access
    key = (model, rule)
    if key not in _SCOPED_THROUGH_TO_MANY:
        _SCOPED_THROUGH_TO_MANY[key] = any(crosses_to_many(model, lookup) for lookup in rule.lookups())
    return _SCOPED_THROUGH_TO_MANY[key]


class ScopedQuerySet(CountedQuerySet):
    """A queryset that knows the model's AccessRule (and counts its bulk writes as changes)."""

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
        if scoped_through_to_many(self.model):
            return self.filter(_once_per_record(self.model, q))
        return self.filter(q)


def _once_per_record(model, q: Q) -> Q:
    """`q` written so that a record owned through a to-many relation comes once, not once per
    owner row: each OR-ed part that crosses such a relation becomes "a matching row exists" (a
    correlated EXISTS), the other parts stay plain conditions on the record. Selecting the
    records by key (`pk__in`) did the same, but PostgreSQL then joined every visible record
    before sorting; written this way, a list sorted by an index reads only the page it shows.
    A to-many relation reached through foreign keys asks it for the record at the end of those
    keys (`_through_to_one_prefix`)."""
    written = Q()
    for part in or_parts(q):
        if _q_crosses_to_many(model, part):
            part = _through_to_one_prefix(model, part) or Q(Exists(model._base_manager.filter(part, pk=OuterRef("pk"))))
        written |= part
    return written


def _through_to_one_prefix(model, part: Q) -> Q | None:
    """One condition reached through foreign keys and then a to-many relation (a target's
    `indicator__node__programme__funders`), written as "a matching row exists for the record at
    the end of the foreign keys" (the programme the page's row already joins), not for the row
    itself: the subquery reads the programme's funders by index instead of joining the whole
    chain again for every row. Asked as an IN list instead, PostgreSQL hashed every session of
    the community to sort a page of them; as this EXISTS it walks the sort's index (the results
    and activities pages of three roles at global scale: 1,435 → 1,097 ms of SQL in all). None
    when the relation the model itself holds is to-many, or the part is more than one condition."""
    if len(part.children) != 1 or part.negated or not isinstance(part.children[0], tuple):
        return None
    lookup, value = part.children[0]
    hop = to_many_hop(model, lookup)
    if hop is None or hop[0] == 0:
        return None
    index, related = hop
    names = lookup.split("__")
    prefix, rest = "__".join(names[:index]), "__".join(names[index:])
    return Q(Exists(related._base_manager.filter(**{rest: value}, pk=OuterRef(prefix))))


def _q_crosses_to_many(model, q: Q) -> bool:
    return any(
        _q_crosses_to_many(model, child)
        if isinstance(child, Q)
        else isinstance(child, tuple) and crosses_to_many(model, child[0])
        for child in q.children
    )


def version_field():
    """The count of a record's saves (VersionedMixin)."""
    # db_default: rows written without the ORM (older migrations, restores) start at 1 too.
    return models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)


class VersionedMixin:
    """A record whose `version` (declared with `version_field()`) counts its saves: every save
    through the ORM adds one in the database itself (`version = version + 1`), so two saves at
    once are both counted. A page form or an API update that started from an older version is
    refused (`core.versions`). Every domain model has it through BaseModel; a model with another
    base (the user account) mixes it in."""

    # Columns a save may write alone without making a new version: bookkeeping that nobody
    # edits (the time of a sign-in), which must not make an open form out of date.
    unversioned_fields: frozenset[str] = frozenset()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._state.adding or self.pk is None or update_fields == ():
            return super().save(*args, **kwargs)
        if update_fields is not None and set(update_fields) <= self.unversioned_fields:
            return super().save(*args, **kwargs)
        # The database adds one, so saves that race are each counted; the instance then holds the
        # number its own save produced (exact whenever the row was locked or claimed first).
        saved_from = self.version
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        self._saved_from_version = saved_from
        self.version = models.F("version") + 1
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = saved_from
            raise
        finally:
            del self._saved_from_version
        self.version = saved_from + 1
        return None

    def get_additional_data(self) -> dict | None:
        """Stored with each change-log entry (django-auditlog): the version the change made, so
        a refused edit can show what changed since the version it started from."""
        saved_from = getattr(self, "_saved_from_version", None)
        return {"version": saved_from + 1} if saved_from is not None else None


class BaseModel(VersionedMixin, models.Model):
    """Timestamps, the record's version (VersionedMixin) and the permission-aware manager shared
    by all domain models."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = version_field()

    access = AccessRule()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """`get_<field>_display()` as Django's, without translating every choice's label on each
        call (Django hashes the whole list of lazy labels to find one): a list of a hundred
        records shows a hundred statuses."""
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value (a list, a dict): Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)

    def can_change(self, user) -> bool:
        return type(self).objects.editable_by(user).filter(pk=self.pk).exists()


class VisibilityChoices(models.TextChoices):
    RESTRICTED = Visibility.RESTRICTED, _("Restricted to the state and the secretariat")
    SHARED = Visibility.SHARED, _("Shared with all members")


def visibility_field(default: str = VisibilityChoices.SHARED):
    """Who may read a record beyond its state and the secretariat; `default` is what a new record
    gets when nobody chooses (a state's request starts restricted: sharing is a choice)."""
    return models.CharField(
        _("visibility"),
        max_length=12,
        choices=VisibilityChoices.choices,
        default=default,
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


class DocumentQuerySet(CountedQuerySet):
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
        return record_url("core:document_download", self.pk)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class TransitionRecord(models.Model):
    """One move of a record along its workflow (a request's lifecycle, a practice's review):
    who made it, from where, to where, and why. Written only by `core.workflow.Workflow.move`.

    The record is generic (content type + id) so that every workflow keeps one history; the
    status values are those of the workflow named in `workflow`, which also gives their labels."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField(_("workflow"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_system = models.BooleanField(_("made by the system"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    # What the system itself says about the move, worded when read (core.events).
    event = models.CharField(_("event"), max_length=60, blank=True)
    event_params = models.JSONField(_("event parameters"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="transition_record_idx")]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"

    def _label(self, value: str) -> str:
        from core.workflow import status_label

        return status_label(self.workflow, value)

    def get_from_status_display(self) -> str:
        return self._label(self.from_status) if self.from_status else ""

    def get_to_status_display(self) -> str:
        return self._label(self.to_status)

    @property
    def event_text(self) -> str:
        """The system's own note on the move, in the reader's language ("" when there is none)."""
        if not self.event:
            return ""
        from core.events import event_render

        return event_render(self.event, self.event_params)

    @property
    def actor_display(self) -> str:
        """Who made the move, as people read it: "Dwayne Clarke", "System, on behalf of Tanisha
        Brown", or "the system" for a move no person caused (e.g. a scheduled job)."""
        if self.by_system and self.on_behalf_of_id:
            return _("System, on behalf of %(user)s") % {"user": self.on_behalf_of}
        if self.actor_id:
            return str(self.actor)
        return str(_("the system"))


class DataVersion(models.Model):
    """How many changes one kind of record has seen (`core.data_version`): what a process keeps
    between requests is built at the counters it read, and is stale once one of them moved."""

    label = models.CharField(_("kind of record"), max_length=100, primary_key=True)
    changes = models.BigIntegerField(_("changes"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.label}: {self.changes}"
