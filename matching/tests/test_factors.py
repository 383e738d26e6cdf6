"""The factor registry: a factor declared once is scored, weighted, explained, shown and stored
by name everywhere; registering one needs no migration."""

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from matching import conf, forms, selectors, services
from matching import factors as registry
from matching.api.serializers import MatchQuerySerializer


def favour_guyana() -> registry.Factor:
    """A test factor: 1 for Guyana, 0 for every other state, with its reason."""
    return registry.Factor(
        registry.HOST,
        "favourite",
        "Favourite",
        "Favoured by the test.",
        10.0,
        lambda ctx: (np.array(ctx.supply.iso_codes) == "GY").astype(np.float64),
        lambda ctx, i: ["the test's favourite"] if ctx.supply.iso_codes[i] == "GY" else [],
    )


def hosts(matches):
    return [candidate.detail for candidate in matches.hosts]


def test_the_built_in_factors_are_registered_in_order():
    assert registry.names(registry.HOST) == (
        "capability",
        "fit",
        "relevance",
        "track_record",
        "load",
        "timing",
        "cost",
        "burden",
    )
    assert registry.names(registry.EXPERT) == (
        "expertise",
        "relevance",
        "languages",
        "availability",
        "track_record",
        "cost",
    )
    assert conf.host_weights()["capability"] == 3.0 and conf.expert_weights()["expertise"] == 3.0


def test_a_name_is_registered_once_per_kind():
    capability = registry.get(registry.HOST, "capability")
    with pytest.raises(ValueError):
        registry.register_factor(capability)
    with pytest.raises(ValueError):
        registry.Factor(registry.HOST, "heavy", "Heavy", "", 11.0, capability.score, capability.explain)


def test_a_new_factor_changes_the_ranking_without_a_migration(belize_request, demo_officer):
    # Guyana's level is its own self-assessment: proposed because the officer includes those.
    before = selectors.request_matches(
        assistance_request=belize_request, include_developing=True, include_unconfirmed=True
    )
    assert "GY" in hosts(before) and hosts(before)[0] != "GY"

    registry.register_factor(favour_guyana())
    try:
        # The officer keeps a weight for it, by name: no column, no migration.
        services.match_weights_save(
            assistance_request_id=belize_request.pk,
            actor=demo_officer,
            weights={"favourite": 10, "capability": 0, "relevance": 0},
            include_developing=True,
            include_unconfirmed=True,
        )
        after = selectors.request_matches(assistance_request=belize_request)
        assert hosts(after)[0] == "GY"
        top = after.hosts[0]
        assert [bar.factor for bar in top.factors][-1] == "favourite" and top.factors[-1].label == "Favourite"
        assert ("favourite", "Favourite", ["the test's favourite"]) in top.reason_groups
        assert after.weights["favourite"] == 10
        assert "favourite" in forms.WeightsForm().fields
        assert "favourite" in MatchQuerySerializer().fields
        call_command("makemigrations", "matching", "--check", "--dry-run", verbosity=0)
    finally:
        registry.unregister_factor(registry.HOST, "favourite")
    # Gone again: the saved weight for it is ignored, the ranking is the old one with those weights.
    assert "favourite" not in selectors.request_matches(assistance_request=belize_request).weights


def test_weights_are_validated_by_name_and_range():
    registry.validate_weights({"capability": 0, "cost": 10, "fit": 2.5})
    for bad in ({"nonsense": 1}, {"cost": 10.5}, {"cost": -0.1}, {"cost": "3"}, {"cost": True}, ["cost"]):
        with pytest.raises(ValidationError):
            registry.validate_weights(bad)
    with pytest.raises(ValidationError):
        registry.validate_weights({"expertise": 1}, registry.HOST)
    registry.validate_weights({"expertise": 1}, registry.EXPERT)
