"""Pages that read the same way everywhere: filters left empty say "Any", and dates are written
in one format per language, never a format a template chose for itself."""

import datetime
import importlib
import re
from pathlib import Path

import django_filters
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

ROOT = Path(settings.BASE_DIR)
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT"}
# `|date:"…"` or `|date:'…'` in a template; the machine-readable ISO forms are allowed in attributes.
DATE_FILTER = re.compile(r"""\|date:(["'])(?P<format>[^"']*)\1""")
MACHINE_READABLE = re.compile(r"""(datetime|data-[\w-]+)="\{\{[^}]*\|date:(["'])(c|Y-m-d)\2""")


def _project_filtersets() -> list[type[django_filters.FilterSet]]:
    found = set()
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(ROOT) or not (Path(config.path) / "filtersets.py").exists():
            continue
        module = importlib.import_module(f"{config.name}.filtersets")
        found |= {
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, django_filters.FilterSet)
            and value.__module__ == module.__name__
            and value._meta.model is not None
        }
    return sorted(found, key=lambda cls: cls.__qualname__)


FILTERSETS = _project_filtersets()


def test_the_project_has_filtersets_to_check():
    assert len(FILTERSETS) >= 8, FILTERSETS


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_filter_left_empty_reads_any(filterset, db):
    form = filterset(queryset=filterset._meta.model.objects.none()).form
    for name, field in form.fields.items():
        if getattr(field, "empty_label", None) is not None:
            assert str(field.empty_label) != "---------", f"{filterset.__name__}.{name}"
        for value, label in getattr(field.widget, "choices", []):
            if value in ("", None):
                assert str(label) not in ("---------", "Unknown"), f"{filterset.__name__}.{name}: {label}"


def test_an_empty_choice_filter_says_any():
    from community.filtersets import InstitutionFilterSet
    from community.models import Institution

    form = InstitutionFilterSet(queryset=Institution.objects.none()).form
    assert list(form.fields["kind"].choices)[0] == ("", "Any")
    assert form.fields["state"].empty_label == "Any"


@pytest.mark.parametrize(
    ("language", "date", "datetime_"),
    [
        ("en", "4 March 2026", "4 March 2026, 14:05"),
        ("fr", "4 mars 2026", "4 mars 2026 14:05"),
        ("nl", "4 maart 2026", "4 maart 2026 14:05"),
    ],
)
def test_one_date_format_per_language_day_before_month(language, date, datetime_):
    with translation.override(language):
        assert date_format(datetime.date(2026, 3, 4), "DATE_FORMAT") == date
        assert date_format(datetime.datetime(2026, 3, 4, 14, 5), "DATETIME_FORMAT") == datetime_


def test_english_typed_dates_are_read_day_before_month():
    from django import forms

    with translation.override("en"):
        assert forms.DateField().clean("04/03/2026") == datetime.date(2026, 3, 4)
        assert forms.DateField().clean("2026-03-04") == datetime.date(2026, 3, 4)


def test_no_template_writes_a_date_in_a_format_of_its_own():
    offenders = []
    for template in sorted(ROOT.glob("*/templates/**/*.html")):
        text = MACHINE_READABLE.sub("", template.read_text())
        for match in DATE_FILTER.finditer(text):
            if match["format"] not in NAMED_FORMATS:
                offenders.append(f"{template.relative_to(ROOT)}: {match[0]}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("language", ["en", "fr", "es", "nl"])
def test_a_date_picker_shows_the_stored_date_in_every_language(language):
    """`<input type="date">` shows only an ISO value: any other and the edit form comes up empty."""
    from django import forms

    class MeetingForm(forms.Form):
        date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override(language):
        form = MeetingForm(initial={"date": datetime.date(2026, 1, 8)})
        assert 'value="2026-01-08"' in str(form["date"])
        assert MeetingForm({"date": "2026-01-08"}).is_valid()
