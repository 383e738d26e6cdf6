"""`{% detail_panels object %}`: the panels other apps registered for this record's page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.registry import detail_panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def detail_panels(context, record) -> str:
    """Each registered panel with something to show the signed-in user, rendered in order."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return ""
    # Each part is a rendered template (escaped by its own autoescaping): the join is as safe.
    return mark_safe(  # noqa: S308
        "".join(
            render_to_string(name, {**panel_context, "object": record}, request=request)
            for name, panel_context in detail_panels_for(record, user)
        )
    )
