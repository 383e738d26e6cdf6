"""`{% can "action" target as name %}`: templates ask the access rules, never the user's role;
`{% visibility_badge record %}` shows whether a record is shared or restricted."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.access import Visibility, visible_or_none
from core.access import can as can_act
from core.access import sees_everything as sees_every_record

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, target) -> bool:
    """Whether the signed-in user may take `action` on `target` (a record or a model class)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return target is not None and can_act(user, action, target)


@register.simple_tag(takes_context=True)
def sees_everything(context) -> bool:
    """Whether the signed-in user reads every record (the secretariat): a page may then show
    values, such as a history's old values, that could name any record."""
    request = context.get("request")
    return sees_every_record(getattr(request, "user", None) or context.get("user"))


@register.simple_tag(takes_context=True)
def visible(context, record):
    """`{% visible object.institution as institution %}`: the related record if the signed-in user
    may see it, None otherwise, so a shared record never names a restricted one it points to."""
    request = context.get("request")
    return visible_or_none(getattr(request, "user", None) or context.get("user"), record)


@register.simple_tag
def visibility_badge(record) -> SafeString:
    """Shared or restricted, as every page and list shows it (community.tables.VisibilityColumn)."""
    if record.visibility == Visibility.RESTRICTED:
        return format_html('<span class="badge text-bg-warning">{}</span>', gettext("Restricted"))
    return format_html('<span class="badge text-bg-light border">{}</span>', gettext("Shared"))
