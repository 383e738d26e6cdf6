"""The implementation map's derived flag, for `core.derived`."""

from decisions.services import implementation_current_rebuild


def refresh_derived_data() -> None:
    implementation_current_rebuild()
