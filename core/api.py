"""The API base classes every app uses: the same AccessRule decides for the API as for the pages."""

from auditlog.context import auditlog_value
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.models import Document
from core.workflow import InvalidTransition

# A required field left empty, as the pages' forms say it (Django's translation).
FORM_REQUIRED = forms.Field.default_error_messages["required"]

# The body of every refusal: {"detail": "…"}.
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record may only be chosen among those the requesting user can see."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.for_user(request.user) if request else queryset.none()


class ScopedModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose related fields offer only the records the user can see, and whose
    empty required fields are refused in the words of the pages' forms ("This field is
    required.", not DRF's "may not be blank/null"), so a page and the API say the same."""

    serializer_related_field = ScopedPrimaryKeyRelatedField

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, kwargs = super().build_field(field_name, info, model_class, nested_depth)
        if not kwargs.get("read_only"):
            messages = kwargs.setdefault("error_messages", {})
            for kind in ("blank", "null", "empty"):
                messages.setdefault(kind, FORM_REQUIRED)
        return field_class, kwargs


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This record is still in use and cannot be deleted."
    default_code = "in_use"


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
