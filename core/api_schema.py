"""The OpenAPI description of record versions, for every app's API at once: a record's GET, PUT
and PATCH answer an `ETag` (its version), PUT and PATCH take `If-Match` and may answer 412."""

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from core.api import VERSIONED_ACTIONS, ScopedModelSerializer, ScopedModelViewSet, is_versioned

UPDATES = frozenset({"update", "partial_update"})
# The OpenAPI documents made in this process, newest last (`RememberedSchemaGenerator`).
_SCHEMAS: dict[tuple, dict] = {}
_SCHEMAS_KEPT = 8
_SCHEMAS_LOCK = threading.Lock()
SCHEMA_SETTINGS = frozenset(
    {"ROOT_URLCONF", "INSTALLED_APPS", "LANGUAGES", "LANGUAGE_CODE", "REST_FRAMEWORK", "SPECTACULAR_SETTINGS"}
)

ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200],
    description='The record\'s version as a strong entity tag, e.g. `"7"`: send it back as `If-Match`.',
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description='The ETag of the version this change started from, e.g. `"7"` (`W/"7"` is taken as `"7"`). '
    "Clients SHOULD send it (or `version` in the body): a change that started from an older version is then "
    "refused with 412 instead of overwriting someone else's. Without either, the change is not checked.",
)
CHANGED = OpenApiResponse(
    inline_serializer(
        "VersionChanged",
        {
            "detail": serializers.CharField(),
            "version": serializers.IntegerField(help_text="The record's current version (also the ETag)."),
            "changes": inline_serializer(
                "VersionChange",
                {
                    "by": serializers.CharField(),
                    "at": serializers.DateTimeField(),
                    "fields": inline_serializer(
                        "VersionChangeField",
                        {"field": serializers.CharField(), "change": serializers.CharField()},
                        many=True,
                    ),
                },
                many=True,
            ),
        },
    ),
    description="Someone else changed the record since the version in If-Match (or `version`): what they "
    "changed, and the current version to start again from.",
)


class VersionedAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the ETag, If-Match and 412 of versioned records."""

    def _versioned(self) -> bool:
        view = self.view
        if not isinstance(view, ScopedModelViewSet) or getattr(view, "action", None) not in VERSIONED_ACTIONS:
            return False
        try:
            serializer_class = view.get_serializer_class()
        except AssertionError:
            return False
        return issubclass(serializer_class, ScopedModelSerializer) and is_versioned(serializer_class.Meta.model)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._versioned():
            parameters.append(ETAG)
            if self.view.action in UPDATES:
                parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._versioned() and self.view.action in UPDATES and "412" not in responses:
            responses["412"] = self._get_response_for_code(CHANGED, "412", direction=direction)
        return responses


class RememberedSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, remembering the documents it made in this process: a document
    depends only on the code, the language and the version asked for, and making one costs a
    worker about two seconds, which any signed-in user could otherwise ask for again and again.
    A few are kept (a `?version=` of one's own makes a new one, as before, but holds no memory)."""

    def get_schema(self, request=None, public=False):
        try:
            language = translation.get_supported_language_variant(translation.get_language() or "")
        except LookupError:  # ?lang= of a language the site does not have: its English text
            language = settings.LANGUAGE_CODE
        key = (language, self.api_version, public, self.urlconf, id(self.patterns))
        schema = _SCHEMAS.get(key)
        if schema is None:
            with translation.override(language):
                schema = super().get_schema(request=request, public=public)
            with _SCHEMAS_LOCK:  # a web process may answer on several threads
                while len(_SCHEMAS) >= _SCHEMAS_KEPT:
                    _SCHEMAS.pop(next(iter(_SCHEMAS)))
                _SCHEMAS[key] = schema
        return schema


@receiver(setting_changed)
def _forget_schemas(setting, **kwargs):
    """A test that changes what a document is made from gets one made anew."""
    if setting in SCHEMA_SETTINGS:
        with _SCHEMAS_LOCK:
            _SCHEMAS.clear()
