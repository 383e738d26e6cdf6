"""Choosing records among thousands (institutions, people, requests): a search box, never a list.

A model with many rows declares `choice_search` (the fields a chooser searches, e.g. `("name",
"acronym")`) and, if its label needs them, `choice_select_related`. Every form field and filter
pointing to such a model is then bounded:

- `SearchChoiceField` / `SearchMultipleChoiceField` (ModelChoiceField's validation, on the field's
  own scoped queryset: a key outside it is refused with the field's usual "Select a valid choice",
  whether or not the record exists) render a text input tied to a <datalist>;
- with JavaScript, htmx fills the datalist as the user types, from `choice_options` (at most
  CHOICE_LIMIT records the user may see, `for_user`);
- without, the input takes a record's key, its label as suggested ("Ministry of Health #12"), or
  a name that matches exactly one record.

`ScopedModelForm` swaps its fields to these by itself (`bound_choice_field`); filter sets use
`SearchChoiceFilter`. A form never lists every institution, person or request.

The lists that stay (200 states, 400 capability areas) are `QuickSelect`s: their options are
kept in the cache until one of the records changes (every select is written in Python by the
site's form renderer, `core.widgets_written`; 400 options took ~80 ms through the template
engine). `quick_selects(form)` swaps them in; ScopedModelForm and `ChooserFilterSet` (the base
of every filter set) call it.
"""

import hashlib
import re
from urllib.parse import urlencode

import django_filters
from django import forms
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import data_version
from core.kept_pages import note_read
from core.widgets_written import write_option, write_select

CHOICE_LIMIT = 20
OPTIONS_KEPT_FOR = 24 * 3600  # seconds; a change makes a new key at once, this only frees memory
MAX_SEARCH = 100  # characters of a search: longer is refused (400)
SEPARATOR = ";"  # between the records of a multiple choice (labels may hold commas)
_KEY = re.compile(r"^(?:.*#)?\s*(\d{1,18})$", re.S)


def is_searched(model) -> bool:
    """Whether records of `model` are chosen by search rather than from a list."""
    return bool(getattr(model, "choice_search", ()))


def choice_label(record) -> str:
    """What an option shows and the input keeps: the record's name and key ("Ministry #12")."""
    return f"{record} #{record.pk}"


def _with_labels(queryset):
    return queryset.select_related(*getattr(queryset.model, "choice_select_related", ()))


def search(queryset, text: str):
    """The records of `queryset` whose searched fields hold every word of `text`."""
    model = queryset.model
    for word in text.split():
        queryset = queryset.filter(
            Q.create([(f"{name}__icontains", word) for name in model.choice_search], connector=Q.OR)
        )
    return queryset


def options_for(queryset, text: str) -> list:
    """At most CHOICE_LIMIT records of `queryset` matching `text`, labels ready."""
    return list(_with_labels(search(queryset, text))[:CHOICE_LIMIT])


def _find(queryset, text: str):
    """The one record `text` names: its key (alone or after '#'), or a name that matches one
    record exactly; ValidationError otherwise (never saying whether a hidden record matches)."""
    key = _KEY.match(text)
    if key:
        found = queryset.filter(pk=int(key[1])).first()
    else:
        named = Q.create([(f"{name}__iexact", text) for name in queryset.model.choice_search], connector=Q.OR)
        matches = list(queryset.filter(named)[:2])
        if len(matches) > 1:
            raise ValidationError(
                _("Several records are called “%(value)s”: choose one from the suggestions."),
                code="ambiguous",
                params={"value": text},
            )
        found = matches[0] if matches else None
    if found is None:
        raise ValidationError(forms.ModelChoiceField.default_error_messages["invalid_choice"], code="invalid_choice")
    return found


class SearchInput(forms.TextInput):
    """A text input with a <datalist> of suggestions that htmx refreshes as the user types."""

    template_name = "core/widgets/search_input.html"
    multiple = False

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.queryset = None

    def format_value(self, value):
        """A record's label and key ("Ministry #12"), read once for the value shown."""
        if value in (None, "", []):
            return ""
        values = value if isinstance(value, list | tuple) else [value]
        keys = [getattr(item, "pk", item) for item in values]
        if self.queryset is None or not all(str(key).isdigit() for key in keys):
            return SEPARATOR.join(str(item) for item in values)  # the user's own text, kept
        found = {record.pk: record for record in _with_labels(self.queryset.filter(pk__in=keys))}
        return f"{SEPARATOR} ".join(choice_label(found[int(k)]) if int(k) in found else str(k) for k in keys)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        model = self.queryset.model
        widget["list_id"] = f"{widget['attrs'].get('id') or name}-options"
        query = urlencode({"field": name, **({"multiple": "1"} if self.multiple else {})})
        widget["options_url"] = f"{reverse('core:choice_options', args=[model._meta.label_lower])}?{query}"
        widget["multiple"] = self.multiple
        return context

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if self.multiple and value is not None and not isinstance(value, list):
            if hasattr(data, "getlist") and len(data.getlist(name)) > 1:
                return data.getlist(name)  # the API's ?x=1&x=2
            return [part.strip() for part in str(value).split(SEPARATOR) if part.strip()]
        return value


class SearchMultipleInput(SearchInput):
    multiple = True


class _Bounded:
    """Keeps the widget's queryset the field's (scoped) queryset, and never lists its choices."""

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        self._queryset = None if queryset is None else queryset.all()
        self.widget.queryset = self._queryset
        self.widget.choices = ()  # a search box lists nothing

    queryset = property(_get_queryset, _set_queryset)


class SearchChoiceField(_Bounded, forms.ModelChoiceField):
    """One record, chosen by search: `ModelChoiceField` bounded (see the module docstring)."""

    widget = SearchInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = value.pk
        text = str(value).strip()
        if len(text) > MAX_SEARCH + 20:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return _find(self.queryset, text)

    def prepare_value(self, value):
        return getattr(value, "pk", value)


class SearchMultipleChoiceField(_Bounded, forms.ModelMultipleChoiceField):
    """Several records, chosen by search, separated by ";" in one input (or repeated in a URL)."""

    widget = SearchMultipleInput

    def clean(self, value):
        value = self.prepare_value(value)
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        keys = [_find(self.queryset, str(item).strip()).pk for item in value if str(item).strip()]
        records = self.queryset.filter(pk__in=keys)
        self.run_validators(value)
        return records

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return [getattr(item, "pk", item) for item in value]
        return value


def bound_choice_field(field: forms.Field) -> forms.Field:
    """`field` itself, or, for a ModelChoiceField over a searched model, the same field bounded
    (label, help text, required, queryset kept)."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or isinstance(field, _Bounded) or not is_searched(queryset.model):
        return field
    if isinstance(field, forms.ModelMultipleChoiceField):
        bounded = SearchMultipleChoiceField
    elif isinstance(field, forms.ModelChoiceField):
        bounded = SearchChoiceField
    else:
        return field
    kwargs = {
        "queryset": queryset,
        "required": field.required,
        "label": field.label,
        "help_text": field.help_text,
        "initial": field.initial,
        "disabled": field.disabled,
    }
    if bounded is SearchChoiceField:
        kwargs["to_field_name"] = None
    bounded_field = bounded(**kwargs)
    bounded_field.error_messages.update(field.error_messages)
    return bounded_field


@extend_schema_field(OpenApiTypes.INT)
class SearchChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter on a record of a searched model: its key (`?institution=12`), or its label as the
    page's search box suggests it; the queryset is what the user may see."""

    field_class = SearchChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.pop("null_label", None)
        super().__init__(*args, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = getattr(request, "user", None)
        if hasattr(queryset, "for_user"):
            return queryset.for_user(user) if user is not None else queryset.none()
        return queryset


def searched_model(label: str):
    """The model named by `label` ("community.institution") if its records are chosen by search."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if is_searched(model) and hasattr(model._default_manager, "for_user") else None


class QuickSelect(forms.Select):
    """forms.Select whose model's options are kept: rendered once into the cache (`kept_options`)
    and the chosen ones marked in the kept markup, so a list of 400 areas is read from the
    database and written again only after one of them changed. Any other list is written by the
    site's form renderer (`core.widgets_written`), as every select is."""

    def render(self, name, value, attrs=None, renderer=None):
        kept = kept_options(self.choices)
        if kept is None:
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        for chosen in {str(chosen) for chosen in self.format_value(value)}:
            option = format_html('<option value="{}">', chosen)
            kept = kept.replace(option, option[:-1] + " selected>", 1)
        return mark_safe(write_select(name, attrs, kept))  # noqa: S308 - written escaped


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    pass


def kept_options(choices) -> str | None:
    """A model choice field's <option>s, none chosen, from the cache or rendered and kept now,
    named by the query, the labelling function, the language and the data version of the tables
    read (`core.data_version`). None for other choices, or while the open transaction has
    changes not yet committed (what it reads may still be rolled back)."""
    if not isinstance(choices, ModelChoiceIterator) or data_version.pending():
        return None
    field = choices.field
    labelling = getattr(getattr(field.label_from_instance, "__func__", field.label_from_instance), "__code__", None)
    if labelling is None:  # labelled by a callable object: nothing names it reliably
        return None
    query, version, models = data_version.queryset_version(choices.queryset)
    note_read(*models)  # a page kept with these options is stale when they are
    named = (query, version, str(field.empty_label), labelling.co_filename, labelling.co_firstlineno, get_language())
    key = "options:" + hashlib.sha256(repr(named).encode()).hexdigest()
    options = cache.get(key)
    if options is None:
        options = "".join(write_option(str(value), label) for value, label in choices)
        cache.set(key, options, OPTIONS_KEPT_FOR)
    return options


def quick_selects(form, *, narrow: bool = False) -> None:
    """Render the form's plain <select>s with QuickSelect (same markup, a fraction of the time);
    `narrow`: read only the columns the labels need (a model's `choice_only`), for a filter form
    whose chosen record serves as a filter value only."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        only = getattr(getattr(queryset, "model", None), "choice_only", ())
        if narrow and only and not queryset.query.deferred_loading[0]:
            field.queryset = queryset.only(*only)
        if type(field.widget) is forms.Select:
            field.widget.__class__ = QuickSelect
        elif type(field.widget) is forms.SelectMultiple:
            field.widget.__class__ = QuickSelectMultiple


class ChooserFilterSet(django_filters.FilterSet):
    """The base of every filter set: its lists render quickly (`quick_selects`); filters on
    searched models are `SearchChoiceFilter`s."""

    @property
    def form(self):
        fresh = not hasattr(self, "_form")
        form = super().form
        if fresh:
            quick_selects(form, narrow=True)
        return form
