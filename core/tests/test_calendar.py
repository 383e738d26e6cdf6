import datetime

import pytest
from django.utils import translation

from core import calendar

# The calendar reads the extra non-working days kept in the registry.
pytestmark = pytest.mark.django_db

D = datetime.date


def test_jamaica_public_holidays_come_from_the_holidays_package():
    days = dict(calendar.public_holidays("JM", 2026))
    assert days[D(2026, 4, 3)] == "Good Friday"
    assert days[D(2026, 8, 1)] == "Emancipation Day"
    assert D(2026, 4, 2) not in days


def test_an_unknown_country_has_no_public_holidays():
    assert calendar.public_holidays("XX", 2026) == ()
    assert calendar.public_holidays("", 2026) == ()


def test_holidays_are_cached_per_country_and_year():
    calendar.public_holidays.cache_clear()
    calendar.public_holidays("JM", 2027)
    calendar.public_holidays("jm".upper(), 2027)
    calendar.public_holidays("JM", 2028)
    info = calendar.public_holidays.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_weekends_and_public_holidays_are_not_working_days():
    assert calendar.is_working_day("JM", D(2026, 4, 2))  # Thursday
    assert not calendar.is_working_day("JM", D(2026, 4, 3))  # Good Friday
    assert not calendar.is_working_day("JM", D(2026, 4, 4))  # Saturday
    assert calendar.is_working_day("XX", D(2026, 4, 3))  # no holidays known: a plain Friday


def test_working_days_between_counts_both_ends_and_leaves_out_holidays():
    # Monday 30 March to Friday 10 April 2026: ten weekdays, minus Good Friday and Easter Monday.
    assert calendar.working_days_between("JM", D(2026, 3, 30), D(2026, 4, 10)) == 8
    assert calendar.working_days_between("XX", D(2026, 3, 30), D(2026, 4, 10)) == 10
    assert calendar.working_days_between("JM", D(2026, 4, 2), D(2026, 4, 2)) == 1
    assert calendar.working_days_between("JM", D(2026, 4, 10), D(2026, 4, 9)) == 0


def test_a_holiday_on_a_weekend_costs_no_working_day():
    # Emancipation Day 2026 falls on a Saturday; Independence Day (6 August) on a Thursday.
    assert calendar.working_days_between("JM", D(2026, 7, 27), D(2026, 8, 7)) == 9


def test_add_working_days_skips_weekends_and_holidays():
    assert calendar.add_working_days("JM", D(2026, 4, 2), 1) == D(2026, 4, 7)  # over Easter
    assert calendar.add_working_days("JM", D(2026, 4, 7), -1) == D(2026, 4, 2)
    assert calendar.add_working_days("JM", D(2026, 4, 4), 0) == D(2026, 4, 7)
    assert calendar.add_working_days("JM", D(2026, 4, 7), 0) == D(2026, 4, 7)
    # Five working days of an attachment starting on Monday 30 March end on Tuesday 7 April.
    assert calendar.add_working_days("JM", D(2026, 3, 30), 4) == D(2026, 4, 7)


def test_holidays_between_spans_years():
    names = [name for _day, name in calendar.holidays_between("JM", D(2026, 12, 20), D(2027, 1, 5))]
    assert names == ["Christmas Day", "Boxing Day", "New Year's Day"]


def test_holiday_names_follow_the_reader_where_the_package_has_them():
    haiti_new_year = D(2026, 1, 1)
    with translation.override("fr"):
        assert "Nouvel An" in dict(calendar.localised_public_holidays("HT", 2026))[haiti_new_year]
    with translation.override("es"):
        assert "Año Nuevo" in dict(calendar.localised_public_holidays("HT", 2026))[haiti_new_year]
    with translation.override("en"):
        assert "New Year's Day" in dict(calendar.localised_public_holidays("HT", 2026))[haiti_new_year]
        # Suriname's holidays are named in Dutch by default; an English reader gets English.
        assert dict(calendar.localised_public_holidays("SR", 2026))[haiti_new_year] == "New Year's Day"
    with translation.override("nl"):
        assert dict(calendar.localised_public_holidays("SR", 2026))[haiti_new_year] == "Nieuwjaarsdag"
        # Jamaica's are named in English only: English stands in.
        assert dict(calendar.localised_public_holidays("JM", 2026))[haiti_new_year] == "New Year's Day"


def test_the_closest_language_the_package_has_is_chosen():
    assert calendar.holiday_language("HT", "fr") == "fr_HT"
    assert calendar.holiday_language("HT", "ht") == "ht"
    assert calendar.holiday_language("GY", "fr") == "en_GY"
    assert calendar.holiday_language("JM", "fr") is None
    assert calendar.holiday_language("XX", "fr") is None
    assert calendar.holiday_language("HT", None) is None
