"""Translatable data, the one way (django-modeltranslation; each app registers its fields in its
`translation.py`).

A translated field such as a capability area's `name` is stored in English (the `name` column and
`name_en`) with one column per other interface language (`name_fr`, `name_es`, `name_nl`).
Reading `area.name`, in a page, a query or the API, gives the reader's language, English when that
translation is empty. Writing is explicit, so that an officer reading French cannot overwrite the
French text by saving the English fallback: forms and the API write `name` as the English text and
each translation in its own field (`name_fr` on forms; `translations` in the API).
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

STORED_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def other_languages() -> list[tuple[str, str]]:
    """The interface languages other than the stored one: (code, name)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != STORED_LANGUAGE]


def translation_fields(fields) -> list[str]:
    """The translation columns of these fields, field by field: name_fr, name_es, …"""
    return [build_localized_fieldname(field, code) for field in fields for code, _name in other_languages()]


class StoredLanguageFormMixin:
    """A ModelForm whose translated fields (`translated_fields`) are the English text, whatever
    the reader's language, with a labelled field for each translation (list them in Meta.fields
    with `translation_fields`)."""

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        with translation.override(STORED_LANGUAGE):
            super().__init__(*args, **kwargs)
        for field in self.translated_fields:
            if field in self.fields:
                english = dict(settings.LANGUAGES)[STORED_LANGUAGE]
                self.fields[field].label = _("%(field)s (%(language)s)") % {
                    "field": self.fields[field].label,
                    "language": english,
                }
            for code, language in other_languages():
                name = build_localized_fieldname(field, code)
                if name in self.fields:
                    self.fields[name].label = _("%(field)s (%(language)s)") % {
                        "field": capfirst(self._meta.model._meta.get_field(field).verbose_name),
                        "language": language,
                    }
                    self.fields[name].required = False

    def _post_clean(self):
        # The form's values go to the English columns (messages stay lazy: shown in the reader's).
        with translation.override(STORED_LANGUAGE):
            super()._post_clean()


@extend_schema_field(
    {
        "type": "object",
        "description": 'The translations, by language code: {"fr": {"name": "…"}}. An empty or '
        "missing text falls back to the English one.",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
    }
)
class TranslationsField(serializers.Field):
    """The translations of a record's translated fields, read and written as one object:
    {"fr": {"name": "Accréditation"}, "es": {...}}."""

    def __init__(self, fields, **kwargs):
        self.translated = tuple(fields)
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return {
            code: {field: getattr(instance, build_localized_fieldname(field, code)) or "" for field in self.translated}
            for code, _name in other_languages()
        }

    def to_internal_value(self, data):
        codes = dict(other_languages())
        if not isinstance(data, dict):
            raise serializers.ValidationError(_("Give the translations by language code."))
        values = {}
        for code, texts in data.items():
            if code not in codes:
                raise serializers.ValidationError(_("%(code)s is not a language of the interface.") % {"code": code})
            if not isinstance(texts, dict) or any(
                field not in self.translated or not isinstance(text, str) for field, text in texts.items()
            ):
                raise serializers.ValidationError(
                    _("Give the texts of %(fields)s by field name.") % {"fields": ", ".join(self.translated)}
                )
            values.update({build_localized_fieldname(field, code): text for field, text in texts.items()})
        return values


class StoredLanguageSerializerMixin:
    """Reads translated fields in the request's language (English when not translated); writes
    them as the English text (translations through a `TranslationsField`)."""

    def validate(self, attrs):
        # The model's rules read the values where they will be saved (their messages stay lazy).
        with translation.override(STORED_LANGUAGE):
            return super().validate(attrs)

    def save(self, **kwargs):
        with translation.override(STORED_LANGUAGE):
            return super().save(**kwargs)


_multilingual_classes: dict[type, type] = {}
_make_multilingual_class = None  # django-modeltranslation's own factory, once replaced


def multilingual_queryset_factory(old_cls, instantiate=True):
    """django-modeltranslation's factory, making each class once (a module-level function, so a
    pickled queryset still names it)."""
    made = _multilingual_classes.get(old_cls)
    if made is None:
        made = _multilingual_classes[old_cls] = _make_multilingual_class(old_cls, instantiate=False)
    return made() if instantiate else made


def reuse_multilingual_queryset_classes() -> None:
    """django-modeltranslation makes a new queryset class each time a translated model's manager
    hands out a queryset of a custom class (ours are `ScopedQuerySet`s): about a hundred classes
    per page of the activities API, each a reference cycle only a full garbage collection frees.
    The class depends only on the class it extends, so it is made once per class and reused."""
    global _make_multilingual_class
    from modeltranslation import manager

    if manager.multilingual_queryset_factory is not multilingual_queryset_factory:
        _make_multilingual_class = manager.multilingual_queryset_factory
        manager.multilingual_queryset_factory = multilingual_queryset_factory
