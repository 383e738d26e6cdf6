"""The maturity map's derived table, for `core.derived`."""

from maturity.services import current_assessments_rebuild


def refresh_derived_data() -> None:
    current_assessments_rebuild()
