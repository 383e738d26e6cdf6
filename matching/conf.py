"""The deployment's matching settings, with the defaults used when settings.py leaves them out.

ATTACHE_MATCH_WEIGHTS          relative weight of each host factor (officers may adjust per request),
                               by factor name; factors left out keep their registered default
ATTACHE_MATCH_EXPERT_WEIGHTS   relative weight of each expert factor, likewise
ATTACHE_MATCH_OPTIONS          thresholds and scales of the scoring core (see `DEFAULT_OPTIONS`)
"""

from django.conf import settings

from matching import factors

DEFAULT_OPTIONS = {
    # A host must be "established" (level 3) in at least one requested area, unless the officer asks.
    "min_host_level": 3,
    # A host must be at least this many levels above the requester in a requested area to host it.
    "min_level_gap": 1,
    # An assessment older than this many years counts for less in the capability factor…
    "old_assessment_years": 5,
    # …by this share (0: as much as a recent one; 1: nothing).
    "old_assessment_discount": 0.3,
    # Levels above the requester's that still count as useful: beyond this gap "best practice" earns
    # no more credit, so fit (size, language, legal system) decides between the candidates.
    "ideal_gap": 2,
    # Distance at which the cost factor falls to 1/e (about 37 %).
    "distance_scale_km": 4000.0,
    # This many public holidays (on working days) in the window take the holiday part of timing to 0.
    "holiday_scale": 10,
    # Working days a modality needs inside the window once public holidays are taken out.
    "required_days": {
        "attachment": 5,
        "study_visit": 2,
        "expert_mission": 2,
        "workshop": 3,
        "virtual": 1,
        "no_preference": 5,
    },
    # When a request gives no window: from this many days ahead, for this many days.
    "default_window_offset_days": 30,
    "default_window_days": 120,
    # An expert with none of the requested areas is proposed only if the need's words match their
    # expertise at least this well (relative to the best-matching expert).
    "expert_min_relevance": 0.3,
    # Experts of the requesting state are a conflict of interest unless this is True.
    "experts_from_requesting_state": False,
    # How many institutions to propose for each host state.
    "institutions_per_host": 3,
}


def _merged(name: str, default: dict) -> dict:
    configured = getattr(settings, name, None) or {}
    return {**default, **configured}


def _weights(name: str, kind: str) -> dict[str, float]:
    """The registered factors' default weights, overridden by the deployment's settings (names
    that are not registered factors are ignored)."""
    configured = getattr(settings, name, None) or {}
    defaults = factors.default_weights(kind)
    return {factor: float(configured.get(factor, default)) for factor, default in defaults.items()}


def host_weights() -> dict[str, float]:
    return _weights("ATTACHE_MATCH_WEIGHTS", factors.HOST)


def expert_weights() -> dict[str, float]:
    return _weights("ATTACHE_MATCH_EXPERT_WEIGHTS", factors.EXPERT)


def options() -> dict:
    return _merged("ATTACHE_MATCH_OPTIONS", DEFAULT_OPTIONS)
