"""One view per page that also serves its fragments to htmx (NetBox's htmx_partial)."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request) -> bool:
    """Whether htmx asks for a fragment: an htmx request that is not a boosted page load."""
    return bool(getattr(request, "htmx", False) and not request.htmx.boosted)


def render_page_or_partial(request, template: str, context: dict, *, partial: str, status: int = 200):
    """Render `template`, or only its `{% partialdef partial %}` when htmx asks for a fragment.

    The response varies on HX-Request, so a cache never serves the fragment as the page."""
    name = f"{template}#{partial}" if wants_partial(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
