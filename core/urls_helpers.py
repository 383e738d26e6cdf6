from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, path, reverse

# A key no record has, reversed once per address and split around (`record_url`).
_MARKER = "9081726354"
_record_url_parts: dict[tuple, tuple[str, str]] = {}


def crud_urls(views, model_name: str, *, prefix: str | None = None):
    """The five paths of a registry model: list, add, detail, edit, delete."""
    camel = "".join(part.title() for part in model_name.split("_"))
    base = f"{model_name}s" if prefix is None else prefix
    base = f"{base}/" if base else ""  # "" mounts the list at the app's own root
    key = model_name.replace("_", "")
    view = lambda kind: getattr(views, f"{camel}{kind}View").as_view()  # noqa: E731
    return [
        path(base, view("List"), name=f"{key}_list"),
        path(f"{base}add/", view("Edit"), name=f"{key}_add"),
        path(f"{base}<int:pk>/", view("Detail"), name=f"{key}_detail"),
        path(f"{base}<int:pk>/edit/", view("Edit"), name=f"{key}_edit"),
        path(f"{base}<int:pk>/delete/", view("Delete"), name=f"{key}_delete"),
    ]


def record_url(viewname: str, pk) -> str:
    """`reverse(viewname, args=[pk])` for an address whose one argument is a record's key, for the
    cost of one reverse per process: the address of a marker key, split around it (a list or a
    board reversed a link for each of its rows, which took longer than writing the rows)."""
    if pk is None:
        return reverse(viewname, args=[pk])  # an unsaved record: Django's own error
    key = (viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    parts = _record_url_parts.get(key)
    if parts is None:
        head, tail = reverse(viewname, args=[int(_MARKER)]).rsplit(_MARKER, 1)
        parts = _record_url_parts[key] = (head, tail)
    return f"{parts[0]}{int(pk)}{parts[1]}"
