"""A translated model's querysets reuse one class per queryset class (core.translations)."""

import pickle

import pytest
from django.utils import translation
from modeltranslation import manager

from community.models import CapabilityArea
from community.tests.factories import CapabilityAreaFactory
from core import translations

pytestmark = pytest.mark.django_db


def test_querysets_of_a_translated_model_share_their_class_and_still_translate():
    first, second = CapabilityArea.objects.all(), CapabilityArea.objects.filter(code="x")
    assert type(first) is type(second)
    assert isinstance(first, manager.MultilingualQuerySet)
    assert manager.multilingual_queryset_factory is translations.multilingual_queryset_factory
    area = CapabilityAreaFactory(name="Labour inspection", name_fr="Inspection du travail")
    with translation.override("fr"):
        assert CapabilityArea.objects.get(pk=area.pk).name == "Inspection du travail"
        assert list(CapabilityArea.objects.filter(name="Inspection du travail")) == [area]


def test_a_pickled_queryset_comes_back_with_its_rows():
    area = CapabilityAreaFactory()
    rows = CapabilityArea.objects.filter(pk=area.pk)
    list(rows)
    again = pickle.loads(pickle.dumps(rows))
    assert type(again) is type(rows) and list(again) == [area]
