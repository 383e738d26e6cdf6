"""The API base classes every app uses: the same AccessRule decides for the API as for the pages."""

import copy
from collections.abc import Mapping

from auditlog.context import auditlog_value
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator
from rest_framework.views import exception_handler as drf_exception_handler

from core.access import (
    may_keep,
    outside_scope_message,
    remember_related_visibility,
    remember_visibility,
    scope_move_message,
    scope_moves_refused,
    visible_or_none,
    visible_pk_or_none,
)
from core.models import Document
from core.versions import RecordChanged, claim, etag, refusal_message, versions_in_if_match
from core.workflow import InvalidTransition

VERSION_FIELD = "version"
# The answers that carry the record's version as an ETag.
VERSIONED_ACTIONS = frozenset({"retrieve", "update", "partial_update"})

# The body of every refusal: {"detail": "…"}.
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})


def is_versioned(model) -> bool:
    """Whether the records carry a version (core.models.BaseModel)."""
    return any(field.name == VERSION_FIELD for field in model._meta.concrete_fields)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This record is still in use and cannot be deleted."
    default_code = "in_use"


def _form_wording(field_class) -> dict:
    """DRF's messages for a missing, unknown or malformed value, in Django's form wording (and
    its translations), so that a page and the API refuse the same input in the same words."""
    required = str(forms.Field.default_error_messages["required"])
    # "empty": a list of related records left empty (ManyRelatedField takes these messages too).
    wording = {"required": required, "blank": required, "null": required, "empty": required}
    if issubclass(field_class, serializers.ChoiceField):
        text = str(forms.ChoiceField.default_error_messages["invalid_choice"])
        wording["invalid_choice"] = text.replace("%(value)s", "{input}")
    if issubclass(field_class, serializers.RelatedField):
        wording["does_not_exist"] = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    if issubclass(field_class, serializers.DateField):
        wording["invalid"] = str(forms.DateField.default_error_messages["invalid"])
    return wording


class ModelValidatingSerializer(serializers.ModelSerializer):
    """Runs the model's own `clean()` on the validated input, so the API refuses what the
    ModelForm refuses, with the same translated message on the same field: a rule about a
    record is written once, on the model, never again in a serializer.

    Uniqueness and database constraints are checked the model's way too (DRF's own unique
    validators word the same refusal differently), as a ModelForm checks them."""

    def get_validators(self):
        return []

    def build_standard_field(self, field_name, model_field):
        """A unique field is still checked with the other fields, in the model's words; a
        missing, unknown or malformed value is refused in the form's words."""
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs["error_messages"] = {**_form_wording(field_class), **kwargs.get("error_messages", {})}
        for validator in kwargs.get("validators", []):
            if isinstance(validator, UniqueValidator):
                model = model_field.model
                error = model().unique_error_message(model, (model_field.name,))
                validator.message = error.message % error.params
        return field_class, kwargs

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        kwargs["error_messages"] = {**_form_wording(field_class), **kwargs.get("error_messages", {})}
        return field_class, kwargs

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        record = copy.copy(self.instance) if self.instance is not None else model()
        fields = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in fields:
                setattr(record, name, value)
        try:
            record.clean()
            record.validate_unique()
            record.validate_constraints()
        except DjangoValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            # A rule about several fields is the API's non-field error, as it is the form's.
            raise DjangoValidationError(
                {
                    (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
                    for name, messages in error.error_dict.items()
                }
            ) from error
        for name in attrs:
            if name in fields:
                attrs[name] = getattr(record, name)  # clean() may normalise (an upper-case code)
        return attrs


def request_user(context):
    request = context.get("request")
    return getattr(request, "user", None)


def prefetched(record, relation: str):
    """The records of `record`'s to-many `relation` as prefetched with its page (None when they
    were not): read from the prefetch cache itself, since asking `record.<relation>.all()` makes
    a manager and a queryset per record and relation, more than the rest of an API row costs."""
    return getattr(record, "_prefetched_objects_cache", {}).get(relation)


class PrefetchedAttributeMixin:
    """A field showing a to-many relation reads it from the prefetch cache when its page was
    prefetched (`prefetched`), and asks the database otherwise."""

    def get_attribute(self, instance):
        records = prefetched(instance, self.source) if len(self.source_attrs) == 1 else None
        return super().get_attribute(instance) if records is None else records


class PrefetchedManyRelatedField(PrefetchedAttributeMixin, serializers.ManyRelatedField):
    """A to-many relation shown as a list of keys or codes."""


class VisibleManyRelatedField(PrefetchedManyRelatedField):
    """A to-many relation lists only the related records the user may see."""

    def to_representation(self, iterable):
        return [item for item in super().to_representation(iterable) if item is not None]


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record may only be chosen among those the requesting user can see, and is shown
    to them only if they can see it (null otherwise: not even its key, `visible_pk_or_none`)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return VisibleManyRelatedField(**list_kwargs)

    def to_representation(self, value):
        model = self.queryset.model if self.queryset is not None else self._related_model()
        if model is not None and visible_pk_or_none(request_user(self.context), model, value.pk) is None:
            return None
        return super().to_representation(value)

    def _related_model(self):
        model = getattr(getattr(self.parent, "Meta", None), "model", None)
        if model is None or "." in self.source:
            return None
        return getattr(model._meta.get_field(self.source), "related_model", None)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.for_user(request.user) if request else queryset.none()


class RelatedNameField(serializers.CharField):
    """What a related record is called (`source="facilitator.full_name"`), or null when the user
    may not see that record (`visible_or_none`): a shared record never names a restricted one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        related = getattr(instance, self.source_attrs[0], None)
        if visible_or_none(request_user(self.context), related) is None:
            return None
        return super().get_attribute(instance)


class VisibleRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """In answers, a related record's key is null when the user may not see that record."""

    target_class = ScopedPrimaryKeyRelatedField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["nullable"] = True
        return schema


class VisibleListSerializer(PrefetchedAttributeMixin, serializers.ListSerializer):
    """A list of records learns, before it is written out, whether the user may see each related
    record its fields name (`remember_visibility`): one query per related field for the whole
    page, instead of one per row, and never the keys of records the page does not show. Nested
    in a record (a plan's items), it reads them from the prefetch cache."""

    def to_representation(self, data):
        # A manager is asked for its records; a queryset (evaluated or not) is read as it is:
        # `.all()` would copy it without what it already read.
        records = list(data.all() if isinstance(data, models.Manager) else data)
        request = self.context.get("request")
        if records and request is not None:
            remember_fields_visibility(request.user, self.child.fields.values(), records)
        return super().to_representation(records)


def remember_fields_visibility(user, fields, records) -> None:
    model = type(records[0])
    for field in fields:
        if field.write_only or "." in field.source or field.source == "*":
            continue
        if isinstance(field, serializers.ListSerializer):
            _remember_nested_visibility(user, field, records)
            continue
        if isinstance(field, RelatedNameField):
            name = field.source_attrs[0]
        elif isinstance(field, ScopedPrimaryKeyRelatedField | VisibleManyRelatedField):
            name = field.source
        else:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a property, not a model field: asked row by row
            continue
        if model_field.many_to_one or (model_field.one_to_one and model_field.concrete):
            remember_related_visibility(user, records, name)
        elif model_field.many_to_many and all(prefetched(r, name) is not None for r in records):
            related = model_field.related_model._meta.concrete_model
            remember_visibility(user, related, {item.pk for r in records for item in prefetched(r, name)})


def _remember_nested_visibility(user, listing, records) -> None:
    """A list nested in each record (a plan's items) learns for every record of the page at once,
    not one query per record: when its relation was prefetched for all of them."""
    name = listing.source
    if not all(prefetched(record, name) is not None for record in records):
        return
    nested = [item for record in records for item in prefetched(record, name)]
    if nested:
        remember_fields_visibility(user, listing.child.fields.values(), nested)


class VisibleListMixin:
    """A serializer whose lists learn the related records' visibility once per page
    (`VisibleListSerializer`): every serializer that shows a related record through
    `ScopedPrimaryKeyRelatedField` or `RelatedNameField` lists this way. Its to-many relations
    (lists of codes or keys) are read from the prefetch cache (`PrefetchedManyRelatedField`)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        serializer = super().many_init(*args, **kwargs)
        if type(serializer) is serializers.ListSerializer:  # unless a serializer names its own
            serializer.__class__ = VisibleListSerializer
        return serializer

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if type(field) is serializers.ManyRelatedField:  # SlugRelatedField(many=True)…
                field.__class__ = PrefetchedManyRelatedField
        return fields


class ScopedModelSerializer(VisibleListMixin, ModelValidatingSerializer):
    """Related records are chosen among those the user sees; the model's rules apply, and empty
    required fields (related ones included) are refused in the words of the pages' forms ("This
    field is required.", not DRF's "may not be blank/null"), so a page and the API say the same.

    Every record also reads out its `version`; an update may send back the version it started
    from instead of an `If-Match` header (ScopedModelViewSet refuses it with 412 if stale)."""

    serializer_related_field = ScopedPrimaryKeyRelatedField
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The record's version, one more at every save (also the ETag). On an update: the "
        "version the change started from; a stale one is refused with 412.",
    )

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        if is_versioned(self.Meta.model) and VERSION_FIELD not in names:
            names.append(VERSION_FIELD)
        return names

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        attrs.pop(VERSION_FIELD, None)  # not an input of the record: read by the view set
        return attrs

    def validate(self, attrs):
        # Checked before the model's rules and uniqueness, so a refusal of a record outside the
        # user's scope never says whether a record like it exists there.
        request = self.context.get("request")
        model = self.Meta.model
        if request is not None and hasattr(model, "access"):
            record = copy.copy(self.instance) if self.instance is not None else model()
            for name, value in attrs.items():
                if name in {field.name for field in model._meta.concrete_fields}:
                    setattr(record, name, value)
            refused = scope_moves_refused(request.user, self.instance, record)
            if refused:
                raise serializers.ValidationError({name: [scope_move_message()] for name in refused})
            if not may_keep(request.user, record):
                raise PermissionDenied(outside_scope_message())
        return super().validate(attrs)


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A ModelViewSet over the records the user may see; a saved record must stay within what
    the user may change, or the whole write is rolled back (403)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # auditlog's middleware looked for the actor before DRF read the token: name it now,
        # so token-authenticated changes are recorded with who made them.
        context = auditlog_value.get(None)
        if context is not None and context.get("actor") is None and request.user.is_authenticated:
            context["actor"] = request.user

    def get_queryset(self):
        return self.queryset.for_user(self.request.user)

    def update(self, request, *args, **kwargs):
        # PUT and PATCH: refused with 412 if the record moved on from the version the client
        # started from (If-Match, or `version` in the body); claimed and saved in one transaction.
        # (A comment, not a docstring: the OpenAPI operation keeps the view set's description.)
        with transaction.atomic():
            self._claim_version(request)
            return super().update(request, *args, **kwargs)

    def _claim_version(self, request) -> None:
        record = self.get_object()
        wanted = started_versions(request)
        if wanted is None or not is_versioned(type(record)):
            return  # a client that sends no version is not checked (it SHOULD send If-Match)
        if not record.can_change(request.user):
            return  # refused for what it is (403) by the update itself, never told what changed
        started = record.version if record.version in wanted else min(wanted, default=0)
        try:
            if started not in wanted:
                raise RecordChanged(record, started, record.version)
            claim(record, started)
        except RecordChanged as changed:
            raise PreconditionFailed(changed, reader=request.user) from changed

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        answers_record = response.status_code == 200 and getattr(self, "action", None) in VERSIONED_ACTIONS
        if answers_record and isinstance(data, dict) and isinstance(data.get(VERSION_FIELD), int):
            response["ETag"] = etag(data[VERSION_FIELD])
        return response

    def _save_checked(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            if not obj.can_change(self.request.user):
                raise PermissionDenied("You may not save a record outside your own state or institution.")

    def perform_create(self, serializer):
        self._save_checked(serializer)

    def perform_update(self, serializer):
        self._save_checked(serializer)

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError as error:
            raise Conflict() from error


class DocumentSerializer(serializers.ModelSerializer):
    """A document attached to a record, with the link that serves it to those who may see the record."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "size", "mime_type", "url", "created_at"]

    @extend_schema_field(serializers.CharField())
    def get_url(self, document) -> str:
        return document.get_absolute_url()


def form_data(request):
    """The request's body, for a view that lets a page's form read it: refused (400) in DRF's
    words unless it is an object of fields (a JSON list would crash the form)."""
    if not isinstance(request.data, Mapping):
        message = serializers.Serializer.default_error_messages["invalid"]
        raise serializers.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: [message.format(datatype=type(request.data).__name__)]}
        )
    return request.data


class RefusalsAsJSONMixin:
    """For an API view that serves a file (an iCalendar file): a refusal is JSON `{"detail": …}`
    like every other API refusal, whichever file format the request asked for."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class TransitionConflict(APIException):
    """A move the workflow refuses (not a legal move, a guard not met, a reason missing)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This move is not possible."
    default_code = "invalid_transition"


class PreconditionFailed(APIException):
    """An update that started from an older version of the record: 412, with what changed since
    (`{"detail", "version", "changes": [{"by", "at", "fields": [{"field", "change"}]}]}`)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "version_changed"

    def __init__(self, changed: RecordChanged, *, reader):
        super().__init__()
        self.current = changed.current
        changes = changed.changes_for(reader)
        self.detail = {
            "detail": refusal_message(changes),
            "version": changed.current,
            "changes": [
                {
                    "by": change.by,
                    "at": change.at,
                    # "change" is "" for a reader who may not change the record (core.versions).
                    "fields": [{"field": label, "change": values} for label, values in change.fields],
                }
                for change in changes
            ],
        }


def started_versions(request) -> list[int] | None:
    """The versions an update may start from: those of `If-Match`, or else `version` in the body
    (None: the client named none)."""
    wanted = versions_in_if_match(request.headers.get("If-Match", ""))
    if wanted is not None:
        return wanted
    body = request.data.get(VERSION_FIELD) if isinstance(request.data, dict) else None
    if isinstance(body, int) and not isinstance(body, bool):
        return [body]
    if isinstance(body, str) and body.isdigit():
        return [int(body)]
    return None  # absent, or malformed: the serializer refuses a malformed one by field


def exception_handler(exc, context):
    """DRF's handler, plus the workflow's refusal as 409 Conflict `{"detail": message}` in every
    app (a forbidden move is a PermissionDenied, which DRF already answers with 403), and a
    model's or service's ValidationError as 400 with the same messages by field as the page's form."""
    if isinstance(exc, InvalidTransition):
        exc = TransitionConflict(exc.message)
    elif isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if isinstance(exc, PreconditionFailed) and response is not None:
        response["ETag"] = etag(exc.current)
    return response
