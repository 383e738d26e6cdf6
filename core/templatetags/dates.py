"""Dates as agendas write them: the weekday, then the date in the reader's own format."""

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def weekday_date(day, format_name: str = "DATE_FORMAT") -> str:
    """“Monday 28 October 2019” (“lundi 28 octobre 2019”); MONTH_DAY_FORMAT leaves out the year."""
    if not day:
        return ""
    return f"{date_format(day, 'l')} {date_format(day, format_name)}"
