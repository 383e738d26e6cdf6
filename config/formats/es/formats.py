"""Django's own formats for this language, with ISO dates read and written first: date pickers
(`<input type="date">`) show only an ISO value, so an edit form would otherwise come up with
its dates empty. What people read stays Django's (see config/formats/en for why)."""

from django.conf.locale.es import formats as django_formats

DATE_INPUT_FORMATS = ["%Y-%m-%d", *django_formats.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    *django_formats.DATETIME_INPUT_FORMATS,
]
