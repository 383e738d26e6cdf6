"""Matching's kept community, for `core.derived`: every process loads it again."""

from matching import supply_cache


def refresh_derived_data() -> None:
    supply_cache.bump()
