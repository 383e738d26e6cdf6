"""The user menu's notification badge and demo outbox link."""

from django import template
from django.contrib.auth import get_user_model

from core.access import can
from core.inbox import UNREAD_BADGE_CAP, unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> str:
    """The signed-in user's unread notifications as the badge shows them: "" for none, "3", or
    "99+" beyond the cap (one bounded query)."""
    user = context.get("user")
    count = unread_count(user) if user is not None else 0
    if not count:
        return ""
    return f"{UNREAD_BADGE_CAP}+" if count > UNREAD_BADGE_CAP else str(count)


@register.simple_tag(takes_context=True)
def shows_outbox(context) -> bool:
    """Whether the user menu links to the demo outbox: a demo site, and someone who may read it."""
    from core.views_outbox import outbox_enabled

    user = context.get("user")
    return user is not None and outbox_enabled() and can(user, "read_outbox", get_user_model())
