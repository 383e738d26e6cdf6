"""The match factors: each declared once, with its name, label, default weight, scoring function
and explanation, in a registry the engine, the reasons, the settings, the forms, the API and the
pages all read.

A factor scores every candidate at once (a NumPy vector of values from 0 to 1, from a
`scoring.HostContext` or `scoring.ExpertContext`) and explains one candidate (a list of
plain-language reasons, from an `explain.ReasonContext`). Weights are stored by factor name
(`MatchWeights.weights`), so adding a factor is a `register_factor` call and needs no migration:

    register_factor(Factor(
        kind=HOST, name="funding", label=_("Funding"), help=_("A partner funds this area there."),
        default_weight=1.0, score=funding_score, explain=funding_reasons,
    ))

The built-in factors are declared at the end of this module and registered on first use, so the
registry itself depends on nothing and the engine and the reasons can both read it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HOST = "host"
EXPERT = "expert"
KINDS = (HOST, EXPERT)
MIN_WEIGHT, MAX_WEIGHT = 0.0, 10.0


@dataclass(frozen=True)
class Factor:
    """One match factor of host states (`HOST`) or experts (`EXPERT`).

    score(context) -> array of values from 0 to 1, one per candidate (vectorised: never a loop
    over candidates). explain(context, i) -> reason texts for candidate i."""

    kind: str
    name: str
    label: Any
    help: Any
    default_weight: float
    score: Callable
    explain: Callable

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown factor kind {self.kind!r}")
        if not MIN_WEIGHT <= self.default_weight <= MAX_WEIGHT:
            raise ValueError(f"Default weight of {self.name!r} must be from {MIN_WEIGHT} to {MAX_WEIGHT}")


_registry: dict[str, dict[str, Factor]] = {HOST: {}, EXPERT: {}}
_builtins_loaded = False


def register_factor(factor: Factor) -> Factor:
    """Add a factor (at the end of its kind's order); a name is registered once per kind."""
    _load_builtins()
    if factor.name in _registry[factor.kind]:
        raise ValueError(f"A {factor.kind} factor named {factor.name!r} is already registered")
    _registry[factor.kind][factor.name] = factor
    return factor


def unregister_factor(kind: str, name: str) -> None:
    """Remove a factor (a deployment that does not want one; tests that registered their own)."""
    _load_builtins()
    del _registry[kind][name]


def factors(kind: str) -> tuple[Factor, ...]:
    """The registered factors of a kind, in the order they were registered."""
    _load_builtins()
    return tuple(_registry[kind].values())


def host_factors() -> tuple[Factor, ...]:
    return factors(HOST)


def expert_factors() -> tuple[Factor, ...]:
    return factors(EXPERT)


def names(kind: str) -> tuple[str, ...]:
    return tuple(factor.name for factor in factors(kind))


def get(kind: str, name: str) -> Factor | None:
    _load_builtins()
    return _registry[kind].get(name)


def default_weights(kind: str) -> dict[str, float]:
    return {factor.name: factor.default_weight for factor in factors(kind)}


def label(kind: str, name: str) -> str:
    factor = get(kind, name)
    return str(factor.label) if factor else name


def validate_weights(value: Mapping, kind: str = HOST) -> None:
    """Weights are a mapping of known factor names to numbers from 0 to 10 (a ValidationError
    with a translated message otherwise): for the model, the service, the form and the API."""
    if not isinstance(value, Mapping):
        raise ValidationError(gettext("Weights are given by factor name."), code="invalid")
    known = names(kind)
    for name, weight in value.items():
        if name not in known:
            raise ValidationError(
                gettext("%(factor)s is not a match factor.") % {"factor": name}, code="unknown", params={"factor": name}
            )
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not MIN_WEIGHT <= weight <= MAX_WEIGHT:
            raise ValidationError(weight_message(name), code="out_of_range", params={"factor": name})


def weight_message(name: str) -> str:
    """The one refusal of a weight that is not a number from 0 to 10: the form, the API and the
    service all say it, so the page and the API refuse a weight in the same words."""
    return gettext("Weights go from 0 to 10 (%(factor)s).") % {"factor": name}


# --- the built-in factors -------------------------------------------------------------------


def _load_builtins() -> None:
    """Declare the built-in factors once. Their functions live in the engine (`scoring`) and the
    reasons (`explain`), which read this registry: hence the import here rather than at the top."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True
    from matching import explain, scoring

    builtins = [
        Factor(
            HOST,
            "capability",
            _("Capability"),
            _("Current maturity in the requested areas and the gap to the requesting state."),
            3.0,
            scoring.host_capability,
            explain.capability_reasons,
        ),
        Factor(
            HOST,
            "fit",
            _("Fit"),
            _(
                "A shared language (official, or one its institutions' staff work in or its practices are "
                "offered in), similar population, sub-region and legal tradition."
            ),
            2.0,
            scoring.host_fit,
            explain.fit_reasons,
        ),
        Factor(
            HOST,
            "relevance",
            _("Relevance"),
            _(
                "How well its practices, institutions and past activities match the request: its capability "
                "areas first, then the words of the statement of need (generic words left out)."
            ),
            3.0,
            scoring.host_relevance,
            explain.relevance_reasons,
        ),
        Factor(
            HOST,
            "track_record",
            _("Track record"),
            _("Activities hosted before in these areas, and their ratings."),
            1.0,
            scoring.host_track_record,
            explain.track_record_reasons,
        ),
        Factor(
            HOST,
            "load",
            _("Load"),
            _("What it already hosts in the requested window (higher is freer)."),
            1.0,
            scoring.host_load,
            explain.load_reasons,
        ),
        Factor(
            HOST,
            "timing",
            _("Timing"),
            _(
                "A relevant committee or regional meeting in the window; officials away at a regional "
                "meeting; public holidays and other non-working days in the window."
            ),
            1.0,
            scoring.host_timing,
            explain.timing_reasons,
        ),
        Factor(
            HOST,
            "cost",
            _("Cost"),
            _("Travel distance between capitals (higher is closer); the same for all in a virtual session."),
            1.0,
            scoring.host_cost,
            explain.cost_reasons,
        ),
        Factor(
            HOST,
            "burden",
            _("Sharing the burden"),
            _("Activities it hosted lately, in any area (higher has hosted less)."),
            1.0,
            scoring.host_burden,
            explain.burden_reasons,
        ),
        Factor(
            EXPERT,
            "expertise",
            _("Expertise"),
            _("Requested areas among the expert's areas of expertise."),
            3.0,
            scoring.expert_expertise,
            explain.expertise_reasons,
        ),
        Factor(
            EXPERT,
            "relevance",
            _("Relevance"),
            _("How well the expert's expertise matches the statement of need."),
            2.0,
            scoring.expert_relevance,
            explain.expert_relevance_reasons,
        ),
        Factor(
            EXPERT,
            "languages",
            _("Languages"),
            _("Works in an official language of the requesting state."),
            1.0,
            scoring.expert_languages,
            explain.languages_reasons,
        ),
        Factor(
            EXPERT,
            "availability",
            _("Availability"),
            _("Other invitations in the requested window (higher is freer)."),
            1.0,
            scoring.expert_availability,
            explain.availability_reasons,
        ),
        Factor(
            EXPERT,
            "track_record",
            _("Track record"),
            _("Activities delivered with them, and how their participants rated them."),
            1.0,
            scoring.expert_track_record,
            explain.expert_track_record_reasons,
        ),
        Factor(
            EXPERT,
            "cost",
            _("Cost"),
            _("The expert's travel to the requesting state (higher is closer); none in a virtual session."),
            1.0,
            scoring.expert_cost,
            explain.expert_cost_reasons,
        ),
    ]
    for factor in builtins:
        _registry[factor.kind][factor.name] = factor
