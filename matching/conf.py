"""The deployment's matching settings, with the defaults used when settings.py leaves them out.

ATTACHE_MATCH_WEIGHTS          relative weight of each host factor (officers may adjust per request),
                               by factor name; factors left out keep their registered default
ATTACHE_MATCH_EXPERT_WEIGHTS   relative weight of each expert factor, likewise
ATTACHE_MATCH_OPTIONS          thresholds and scales of the scoring core (see `DEFAULT_OPTIONS`)
ATTACHE_MATCH_WORKERS          processes re-ranking the open requests (default: every core available)
"""

import os

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
    # How many host states the matches page shows with their reasons (the officer may ask for all).
    "hosts_shown": 10,
    # Sharing the burden: activities hosted (in any area) this many months back count against a
    # state; this many of them take its burden factor to 1/e (about 37 %).
    "burden_horizon_months": 24,
    "burden_scale": 3.0,
    # Modalities whose group of officials must fit the host's stated capacity.
    "capacity_modalities": ["study_visit"],
    # Relevance is taxonomy first: the share of it a document earns by being in the requested
    # capability areas; the words of the need earn the rest.
    "relevance_area_share": 0.6,
    # A language the host works in without it being official (its institutions' staff, its
    # practices) counts for this share of a shared official language.
    "working_language_credit": 0.8,
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


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # no sched_getaffinity (macOS)
        return os.cpu_count() or 1


def workers() -> int:
    """How many processes re-rank the open requests (at least one)."""
    configured = getattr(settings, "ATTACHE_MATCH_WORKERS", None)
    return max(int(configured), 1) if configured else cores()
