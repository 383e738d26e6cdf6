from django.urls import path


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
