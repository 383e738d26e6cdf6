"""`{% main_menu as menu %}`: the navigation the registered apps offer the signed-in user."""

from django import template

from core.registry import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list:
    """The menu entries (links and drop-downs) the user may follow, in order."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return menu_for(user) if user is not None else []
