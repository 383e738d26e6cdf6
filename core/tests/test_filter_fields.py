"""`{% filter_field %}` writes what django-bootstrap5 wrote for every filter of every list."""

import importlib

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html

from core.templatetags.filter_fields import filter_field

BOOTSTRAP = Template(
    '{% load django_bootstrap5 %}{% bootstrap_field field size="sm" server_side_validation=False show_help=show_help %}'
)


def bootstrap_field(field, show_help=True) -> str:
    return BOOTSTRAP.render(Context({"field": field, "show_help": show_help}))


def assert_same_markup(ours, theirs):
    assert parse_html(str(ours)) == parse_html(theirs), f"\nours:   {ours}\ntheirs: {theirs}"


def project_filtersets():
    for app in apps.get_app_configs():
        if app.path.startswith(str(apps.get_app_config("core").path.rsplit("/", 1)[0])):
            try:
                importlib.import_module(f"{app.name}.filtersets")
            except ModuleNotFoundError:
                pass
    found, pending = [], list(django_filters.FilterSet.__subclasses__())
    while pending:
        filterset = pending.pop()
        pending += filterset.__subclasses__()
        if filterset._meta.model is not None and not filterset.__module__.startswith("django_filters"):
            found.append(filterset)
    return sorted(found, key=lambda filterset: filterset.__qualname__)


def bad_data(form) -> QueryDict:
    """A value no filter accepts as it stands, in every field (several for a multiple choice)."""
    data = QueryDict(mutable=True)
    for name in form.fields:
        data.setlist(name, ["not <valid>", "-1"])
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("show_help", [True, False])
def test_every_filter_of_every_list_is_written_as_django_bootstrap5_wrote_it(officer, belize, jamaica, show_help):
    request = RequestFactory().get("/")
    request.user = officer
    filtersets = project_filtersets()
    assert len(filtersets) >= 10, filtersets
    compared = set()
    for filterset_class in filtersets:
        queryset = filterset_class._meta.model._default_manager.all()
        for data in (None, {}, "bad"):
            filterset = filterset_class(data=data, queryset=queryset, request=request)
            if data == "bad":
                filterset = filterset_class(data=bad_data(filterset.form), queryset=queryset, request=request)
            for field in filterset.form:
                assert_same_markup(filter_field(field, show_help), bootstrap_field(field, show_help))
                compared.add((type(field.field.widget).__name__, bool(field.errors)))
    kinds = {kind for kind, _ in compared}
    assert {"TextInput", "QuickSelect", "CheckboxSelectMultiple", "NumberInput", "SearchInput"} <= kinds, kinds
    assert ("NumberInput", True) in compared and ("CheckboxSelectMultiple", True) in compared


class ChoicesForm(forms.Form):
    grouped = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "columns"}),
        choices=[("Ocean", [("reef", "Reef & coast"), ("deep", "Deep sea")]), ("land", "Land")],
        help_text="Pick <em>any</em>.",
    )
    one = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")], required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False, label="Notes <b>")
    kept = forms.CharField(widget=forms.HiddenInput, required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "placeholder": "yyyy-mm-dd"}))


@pytest.mark.parametrize("data", [None, {"grouped": ["reef", "nope"], "one": "z", "notes": "x", "when": "soon"}])
def test_grouped_check_boxes_radio_buttons_hidden_and_other_widgets_as_django_bootstrap5_wrote_them(data):
    form = ChoicesForm(data=data)
    for field in form:
        assert_same_markup(filter_field(field), bootstrap_field(field))
    if data:
        assert form["grouped"].errors and form["one"].errors and form["when"].errors


def test_a_filter_shows_its_label_once_and_its_error_next_to_it():
    form = ChoicesForm(data={"when": "soon"})
    html = str(filter_field(form["when"]))
    assert html.count("<label") == 1 and '<label for="id_when" class="form-label">When</label>' in html
    assert 'class="form-control form-control-sm"' in html and 'placeholder="yyyy-mm-dd"' in html
    assert 'aria-invalid="true"' in html and '<div class="invalid-feedback d-block">Enter a valid date.</div>' in html
