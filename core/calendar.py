"""Public holidays and working days: the one calendar matching and activity planning share.

Holidays come from the `holidays` package, per country (ISO 3166 alpha-2 code) and year, cached
for the life of the process (they never change for a past year and rarely for a future one; a
restart picks up a new package release). A country the package does not know has no public
holidays, only weekends. Working days are Monday to Friday minus the country's public holidays.
"""

import datetime
import functools

import holidays as holidays_lib

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())


@functools.lru_cache(maxsize=4096)
def public_holidays(country: str, year: int) -> tuple[tuple[datetime.date, str], ...]:
    """A country's public holidays in one year, by date (none if the country is unknown)."""
    if not country:
        return ()
    try:
        calendar = holidays_lib.country_holidays(country.upper(), years=year)
    except NotImplementedError:
        return ()
    return tuple(sorted(calendar.items()))


@functools.lru_cache(maxsize=4096)
def _holiday_dates(country: str, year: int) -> frozenset[datetime.date]:
    return frozenset(day for day, _name in public_holidays(country, year))


def holidays_between(country: str, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """The country's public holidays from start to end (both included), by date."""
    return [
        (day, name)
        for year in range(start.year, end.year + 1)
        for day, name in public_holidays(country, year)
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
