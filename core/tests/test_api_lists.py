"""Every API list learns its related records' visibility once per page, whatever its serializer."""

from unittest import mock

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


def test_a_prefetched_relation_is_read_from_the_prefetch_cache(db, django_assert_num_queries):
    """A page's to-many relations are read from what was prefetched with it, not through a
    manager made per record (most of an API row's cost); a record whose relations were not
    prefetched still reads them."""
    from community.api.serializers import MemberStateSerializer
    from community.models import MemberState
    from community.tests.factories import LanguageFactory, MemberStateFactory

    english, french = LanguageFactory(code="en"), LanguageFactory(code="fr")
    MemberStateFactory(iso_code="BZ").official_languages.set([english])
    MemberStateFactory(iso_code="HT").official_languages.set([french, english])
    states = list(MemberState.objects.order_by("iso_code").prefetch_related("official_languages"))
    listing = MemberStateSerializer(states, many=True, context={})
    managers_made = []
    descriptor = type(MemberState.official_languages)
    make_manager = descriptor.__get__

    def counted(self, instance, cls=None):
        managers_made.append(instance)
        return make_manager(self, instance, cls)

    with mock.patch.object(descriptor, "__get__", counted), django_assert_num_queries(0):
        rows = listing.data
    assert managers_made == []
    assert [sorted(row["official_languages"]) for row in rows] == [["en"], ["en", "fr"]]
    # Not prefetched: asked of the database, one query for the record.
    unprefetched = MemberState.objects.get(iso_code="HT")
    with django_assert_num_queries(1):
        assert sorted(MemberStateSerializer(unprefetched, context={}).data["official_languages"]) == ["en", "fr"]
