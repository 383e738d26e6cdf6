"""Links in e-mails: always on settings.SITE_URL."""

from django import template

from core.notifications import absolute_url

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """A site path as a full link, e.g. `{{ record.get_absolute_url|absolute }}`."""
    return absolute_url(str(path))
