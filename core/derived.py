"""Tables kept derived from others (current maturity levels, current implementation statuses,
matching's kept community): their services keep them right row by row, but a bulk load goes round
the services, so afterwards `refresh_derived_data()` refreshes them all.

The one hook: an app that keeps derived data exposes `refresh_derived_data()` in its `derived`
module (`maturity/derived.py`…). The demo loaders, `attache refresh_derived` and the page
benchmark's community builder call it."""

import importlib

from django.apps import apps

from core import data_version


def refresh_derived_data() -> list[str]:
    """Call every app's hook, in INSTALLED_APPS order; returns the names of the hooks called."""
    called = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.derived")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.derived":
                raise
            continue
        if module.__name__ == __name__:
            continue  # this module: the hook of the hooks
        module.refresh_derived_data()
        called.append(f"{config.name}.derived")
    data_version.changed_everything()  # what went round the services is counted too
    return called
