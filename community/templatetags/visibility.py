"""`{% visibility_badge record %}`: shared or restricted, as every page and list shows it."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.access import Visibility

register = template.Library()


@register.simple_tag
def visibility_badge(record) -> SafeString:
    if record.visibility == Visibility.RESTRICTED:
        return format_html('<span class="badge text-bg-warning">{}</span>', gettext("Restricted"))
    return format_html('<span class="badge text-bg-light border">{}</span>', gettext("Shared"))
