"""Public holidays, extra non-working days and working days: the one calendar matching and
activity planning share.

Holidays come from the `holidays` package, per country (ISO 3166 alpha-2 code) and year, cached
for the life of the process (they never change for a past year and rarely for a future one; a
restart picks up a new package release). A country the package does not know has no public
holidays, only weekends.

Besides statutory holidays a state may keep other days off (Carnival Monday and Tuesday in
Trinidad and Tobago): the app that keeps them registers one source with
`extra_days_source_register` (so `core` names no app), read once per call, never cached, so an
edit counts at once. `non_working_days` merges both; working days are Monday to Friday minus them.

Holiday names: the package names some countries' holidays in several languages (Haiti in French,
Haitian Creole, Spanish and English; Suriname in Dutch and English). `holidays_between(...,
language=...)` and `localised_public_holidays` give them in the reader's language where the package
has it, else in English where it has that, else in the country's own.
"""

import datetime
import functools
from collections.abc import Callable, Iterable

import holidays as holidays_lib
from django.utils import translation

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())

# (ISO codes or None for all, first day, last day) -> [(ISO code, date, name)]
ExtraDaysSource = Callable[[Iterable[str] | None, datetime.date, datetime.date], list[tuple[str, datetime.date, str]]]
_extra_days_source: list[ExtraDaysSource] = []


def extra_days_source_register(source: ExtraDaysSource) -> None:
    """The one source of extra non-working days (registering again replaces it)."""
    _extra_days_source[:] = [source]


def extra_days(countries: Iterable[str] | None, start: datetime.date, end: datetime.date) -> list[tuple]:
    """(ISO code, date, name) of the extra non-working days from start to end (one query)."""
    if not _extra_days_source or end < start:
        return []
    codes = None if countries is None else [code.upper() for code in countries if code]
    return [(code.upper(), day, name) for code, day, name in _extra_days_source[0](codes, start, end)]


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


def non_working_days_by_country(
    countries: Iterable[str], start: datetime.date, end: datetime.date
) -> dict[str, list[tuple[datetime.date, str, bool]]]:
    """Each country's public holidays and extra non-working days from start to end, by date, as
    (date, name, whether it is a statutory public holiday), in one query for all of them; a day
    that is both is listed once, as the public holiday."""
    codes = [code.upper() for code in countries if code]
    found: dict[str, dict[datetime.date, tuple[str, bool]]] = {
        code: {day: (name, True) for day, name in holidays_between(code, start, end)} for code in codes
    }
    for code, day, name in extra_days(codes, start, end):
        found.setdefault(code, {}).setdefault(day, (name, False))
    return {
        code: [(day, name, statutory) for day, (name, statutory) in sorted(days.items())]
        for code, days in found.items()
    }


def non_working_days(country: str, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """Public holidays and the state's extra non-working days from start to end, by date (one
    query); a day that is both is listed once, as the public holiday."""
    days = non_working_days_by_country([country], start, end).get(country.upper(), []) if country else []
    return [(day, name) for day, name, _statutory in days]


class WorkCalendar:
    """One country's working days over a span of years, loaded once (one query for the extra
    days): what a loop over days asks, without a query per day."""

    def __init__(self, country: str, start: datetime.date, end: datetime.date):
        self.country = country
        self.first, self.last = datetime.date(start.year, 1, 1), datetime.date(end.year, 12, 31)
        self.closed = dict(non_working_days(country, self.first, self.last))

    def _extend(self, day: datetime.date) -> None:
        # A search that runs past the loaded years loads the next one (rare: windows are short).
        if day > self.last:
            nxt = datetime.date(day.year, 12, 31)
            self.closed.update(non_working_days(self.country, self.last + datetime.timedelta(days=1), nxt))
            self.last = nxt
        elif day < self.first:
            prev = datetime.date(day.year, 1, 1)
            self.closed.update(non_working_days(self.country, prev, self.first - datetime.timedelta(days=1)))
            self.first = prev

    def is_working_day(self, day: datetime.date) -> bool:
        self._extend(day)
        return day.weekday() not in WEEKEND and day not in self.closed

    def between(self, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
        self._extend(start)
        self._extend(end)
        return [(day, name) for day, name in sorted(self.closed.items()) if start <= day <= end]

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        if end < start:
            return 0
        return sum(
            1 for offset in range((end - start).days + 1) if self.is_working_day(start + datetime.timedelta(offset))
        )

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (before it when negative); `start` itself
        does not count. With 0, the first working day on or after `start`."""
        step = 1 if days >= 0 else -1
        day = start
        if days == 0:
            while not self.is_working_day(day):
                day += datetime.timedelta(days=1)
            return day
        remaining = abs(days)
        while remaining:
            day += datetime.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day


def is_working_day(country: str, day: datetime.date) -> bool:
    """A weekday that is neither a public holiday nor an extra non-working day of the country."""
    return WorkCalendar(country, day, day).is_working_day(day)


def working_days_between(country: str, start: datetime.date, end: datetime.date) -> int:
    """How many working days from start to end, both included (0 when end is before start)."""
    if end < start:
        return 0
    return WorkCalendar(country, start, end).working_days_between(start, end)


def add_working_days(country: str, start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (before it when negative); `start` itself does
    not count. With 0, the first working day on or after `start`."""
    return WorkCalendar(country, start, start).add_working_days(start, days)
