"""The registry's translatable data (django-modeltranslation): capability areas' names,
descriptions and level texts, and language names, each kept in English (the stored value, and the
fallback) and in French, Spanish and Dutch (`name_fr`, `name_es`, `name_nl`…).

Reading `area.name` gives the name in the interface language, or the English one when that
translation is empty; queries (`values_list("name")`, `order_by("name")`) read it the same way."""

from modeltranslation.translator import TranslationOptions, register

from community.models import AREA_TRANSLATED_FIELDS, CapabilityArea, Language


@register(CapabilityArea)
class CapabilityAreaTranslation(TranslationOptions):
    fields = AREA_TRANSLATED_FIELDS


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)
