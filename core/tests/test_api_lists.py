"""Every API list learns its related records' visibility once per page, whatever its serializer."""

import django.apps
from django.urls import get_resolver
from rest_framework import serializers

from core.api import RelatedNameField, ScopedPrimaryKeyRelatedField, VisibleListSerializer, VisibleManyRelatedField

SHOWS_SCOPED = (ScopedPrimaryKeyRelatedField, RelatedNameField, VisibleManyRelatedField)


def _project_model_serializers():
    """Every ModelSerializer of the project's apps: the URLconf imports each API's serializers."""
    get_resolver().url_patterns  # noqa: B018

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    apps = {config.name for config in django.apps.apps.get_app_configs() if not config.path.count("site-packages")}
    return {
        cls
        for cls in below(serializers.ModelSerializer)
        if cls.__module__.split(".")[0] in apps and hasattr(cls, "Meta")
    }


def test_every_serializer_showing_a_scoped_relation_lists_through_the_visible_list():
    """A list that asks row by row whether the user may see a related record makes one query per
    row (the host invitations a focal point reads did, 41 queries for a page)."""
    checked, wrong = 0, []
    for cls in _project_model_serializers():
        listing = cls(many=True, context={})
        if not any(isinstance(field, SHOWS_SCOPED) for field in listing.child.fields.values()):
            continue
        checked += 1
        if not isinstance(listing, VisibleListSerializer):
            wrong.append(f"{cls.__module__}.{cls.__name__}")
    assert checked > 20 and wrong == []
