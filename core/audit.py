"""Registering models with the change log (django-auditlog)."""

from auditlog.registry import auditlog

# The id, timestamps and version change on every save (or never) and say nothing a reader needs.
UNTRACKED = frozenset({"id", "created_at", "updated_at", "version"})


def track(model, *, m2m: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> None:
    """Record who changed what on `model`: its own columns and the named many-to-many fields.

    Listing the fields keeps reverse relations (a state's institutions, a request's
    documents) out of every entry."""
    fields = [f.name for f in model._meta.concrete_fields if f.name not in UNTRACKED | set(exclude)]
    auditlog.register(model, include_fields=fields + list(m2m), m2m_fields=set(m2m))
