"""Public holidays and working days: the one calendar matching and activity planning share.

Holidays come from the `holidays` package, per country (ISO 3166 alpha-2 code) and year, cached
for the life of the process (they never change for a past year and rarely for a future one; a
restart picks up a new package release). A country the package does not know has no public
holidays, only weekends. Working days are Monday to Friday minus the country's public holidays.

Holiday names: the package names some countries' holidays in several languages (Haiti in French,
Haitian Creole, Spanish and English; Suriname in Dutch and English). `holidays_between(...,
language=...)` and `localised_public_holidays` give them in the reader's language where the package
has it, else in English where it has that, else in the country's own.
"""

import datetime
import functools

import holidays as holidays_lib
from django.utils import translation

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())


@functools.lru_cache(maxsize=4096)
def public_holidays(country: str, year: int, language: str | None = None) -> tuple[tuple[datetime.date, str], ...]:
    """A country's public holidays in one year, by date (none if the country is unknown); named
    in `language` (an interface language code such as "fr") when the package can, else in its
    default for the country."""
    if not country:
        return ()
    try:
        calendar = holidays_lib.country_holidays(
            country.upper(), years=year, language=holiday_language(country, language)
        )
    except NotImplementedError:
        return ()
    return tuple(sorted(calendar.items()))


@functools.lru_cache(maxsize=1024)
def holiday_language(country: str, language: str | None) -> str | None:
    """The package's language for a country's holiday names closest to `language`: the same
    language (any regional variant, the country's first), else English, else None (the country's
    default)."""
    if not country or not language:
        return None
    try:
        supported = holidays_lib.country_holidays(country.upper()).supported_languages
    except NotImplementedError:
        return None
    for wanted in (language.split("-")[0].lower(), "en"):
        variants = [code for code in supported if code.split("_")[0].lower() == wanted]
        variants.sort(key=lambda code: (code != wanted, code != f"{wanted}_{country.upper()}", code))
        if variants:
            return variants[0]
    return None


def localised_public_holidays(country: str, year: int) -> tuple[tuple[datetime.date, str], ...]:
    """`public_holidays` named in the active interface language (see `holiday_language`)."""
    return public_holidays(country, year, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _holiday_dates(country: str, year: int) -> frozenset[datetime.date]:
    return frozenset(day for day, _name in public_holidays(country, year))


def holidays_between(
    country: str, start: datetime.date, end: datetime.date, language: str | None = None
) -> list[tuple[datetime.date, str]]:
    """The country's public holidays from start to end (both included), by date, named in
    `language` where the package can."""
    return [
        (day, name)
        for year in range(start.year, end.year + 1)
        for day, name in public_holidays(country, year, language)
        if start <= day <= end
    ]


def is_working_day(country: str, day: datetime.date) -> bool:
    """A weekday that is not one of the country's public holidays."""
    return day.weekday() not in WEEKEND and day not in _holiday_dates(country, day.year)


def working_days_between(country: str, start: datetime.date, end: datetime.date) -> int:
    """How many working days from start to end, both included (0 when end is before start)."""
    if end < start:
        return 0
    weekdays = sum(1 for offset in range((end - start).days + 1) if (start.weekday() + offset) % 7 not in WEEKEND)
    holidays = {day for day, _name in holidays_between(country, start, end) if day.weekday() not in WEEKEND}
    return weekdays - len(holidays)


def add_working_days(country: str, start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (before it when negative); `start` itself does
    not count. With 0, the first working day on or after `start`."""
    step = 1 if days >= 0 else -1
    day = start
    if days == 0:
        while not is_working_day(country, day):
            day += datetime.timedelta(days=1)
        return day
    remaining = abs(days)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(country, day):
            remaining -= 1
    return day
