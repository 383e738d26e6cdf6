"""The form renderer writes selects, options and inputs exactly as Django's templates do."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from core.tests.test_filter_fields import project_filtersets
from core.widgets_written import WrittenWidgetsRenderer

GROUPED = [
    ("", "Any"),
    ('Ocean <&> "deep"', [("reef", "Reef & coast"), ("deep", mark_safe("<em>Deep</em> sea"))]),
    (3, 1234567),
    ("lazy", gettext_lazy("Open")),
    ("day", datetime.date(2026, 12, 1)),
]


class EveryWidget(forms.Form):
    plain = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=GROUPED, widget=forms.SelectMultiple(attrs={"size": 4}))
    answer = forms.NullBooleanField()
    disabled = forms.ChoiceField(choices=[("a", "A")], disabled=True)
    text = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": 'say "hi" <b>', "x": True}))
    number = forms.DecimalField(widget=forms.NumberInput(attrs={"step": Decimal("0.5"), "off": False}))
    mail = forms.EmailField(required=False)
    link = forms.URLField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hour = forms.TimeField()
    moment = forms.DateTimeField()
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}))


DATA = [
    None,
    {},
    {
        "plain": "deep",
        "several": ["reef", "3"],
        "answer": "true",
        "text": "<script>&amp;",
        "number": "12345.5",
        "mail": "a@b.test",
        "link": "example.org",
        "day": "2026-12-01",
        "hour": "09:30",
        "moment": "2026-12-01 09:30",
        "secret": 'p"w<',
        "hidden": "99999999999999999999",
        "search": "\u00e9t\u00e9",
        "phone": "+1 246",
    },
]


def written_both_ways(bound_field) -> tuple[str, str]:
    return _render(bound_field, WrittenWidgetsRenderer()), _render(bound_field, DjangoTemplates())


def _render(bound_field, renderer) -> str:
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({"id": bound_field.auto_id}, widget)
    return widget.render(bound_field.html_name, bound_field.value(), attrs=attrs, renderer=renderer)


@pytest.mark.parametrize("data", DATA, ids=["unbound", "empty", "filled"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_kind_of_widget_is_written_character_for_character(data, language):
    with override(language):
        form = EveryWidget(data=data)
        for field in form:
            ours, django = written_both_ways(field)
            assert ours == django, f"{field.name}:\nours:   {ours!r}\ndjango: {django!r}"


@pytest.mark.django_db
def test_every_filter_of_every_list_is_written_as_django_wrote_it(officer, belize, jamaica, monkeypatch):
    """Every filter, its lists written rather than taken from the kept options (compared with
    them in core/tests/test_data_version.py)."""
    from django.test import RequestFactory

    monkeypatch.setattr("core.choosers.kept_options", lambda choices: None)
    request = RequestFactory().get("/")
    request.user = officer
    widgets = set()
    for filterset_class in project_filtersets():
        queryset = filterset_class._meta.model._default_manager.all()
        filterset = filterset_class(data={}, queryset=queryset, request=request)
        for field in filterset.form:
            ours, django = written_both_ways(field)
            assert ours == django, f"{filterset_class.__name__}.{field.name}"
            widgets.add(type(field.field.widget).__name__)
    assert {"QuickSelect", "TextInput", "NumberInput"} <= widgets, widgets


def test_the_site_renders_forms_with_it():
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        assert isinstance(get_default_renderer(), WrittenWidgetsRenderer)
    finally:
        get_default_renderer.cache_clear()


class Radios(forms.Form):
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_other_templates_go_to_django():
    field = Radios(data={"radio": "b"})["radio"]
    ours = _render(field, WrittenWidgetsRenderer())
    assert 'type="radio"' in ours and "checked" in ours
    assert ours == _render(field, DjangoTemplates())
