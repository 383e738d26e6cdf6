"""The API base classes every app uses: the same AccessRule decides for the API as for the pages."""

import copy

from auditlog.context import auditlog_value
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator
from rest_framework.views import exception_handler as drf_exception_handler

from core.access import (
    may_keep,
    outside_scope_message,
    scope_move_message,
    scope_moves_refused,
    visible_or_none,
    visible_pk_or_none,
)
from core.models import Document
from core.workflow import InvalidTransition

# The body of every refusal: {"detail": "…"}.
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})


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


class VisibleManyRelatedField(serializers.ManyRelatedField):
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


class ScopedModelSerializer(ModelValidatingSerializer):
    """Related records are chosen among those the user sees; the model's rules apply, and empty
    required fields (related ones included) are refused in the words of the pages' forms ("This
    field is required.", not DRF's "may not be blank/null"), so a page and the API say the same."""

    serializer_related_field = ScopedPrimaryKeyRelatedField

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


class TransitionConflict(APIException):
    """A move the workflow refuses (not a legal move, a guard not met, a reason missing)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This move is not possible."
    default_code = "invalid_transition"


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
    return drf_exception_handler(exc, context)
