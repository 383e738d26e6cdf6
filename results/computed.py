"""The built-in computed sources of indicators: figures worked out from Attaché's own data,
read through the other apps' selectors only. Registered from `results/register.py`."""

from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities import selectors_results as activity_reads
from maturity import selectors as maturity_reads
from results.sources import indicator_source_register

MATURITY_AT_LEVEL = "maturity.states_at_level"
OFFICIALS_TRAINED = "activities.officials_trained"


def _param(indicator, name, kind):
    value = (indicator.source_params or {}).get(name)
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValidationError({"source_params": _("Say the source's “%(name)s”.") % {"name": name}}) from None


def _by_state(isos) -> dict:
    counts = Counter(isos)
    return {"state": {iso: count for iso, count in sorted(counts.items())}} if counts else {}


def states_at_level(indicator, period) -> tuple[Decimal, dict]:
    """Member states whose current level in the area, at the period's end, is at least `level`."""
    rows = maturity_reads.states_at_level(
        area_code=_param(indicator, "area", str), level=_param(indicator, "level", int), on=period.end_date
    )
    return Decimal(len(rows)), _by_state(iso for iso, _level in rows)


def activity_ids_serving(node) -> set[int]:
    """The activities linked to the node's outputs: its own when it is an output, its
    descendants' otherwise (the tree is at most goal → outcome → output)."""
    from results.models import ResultNode

    nodes = list(ResultNode._base_manager.filter(programme=node.programme_id).values_list("pk", "parent_id"))
    wanted, frontier = {node.pk}, {node.pk}
    while frontier:
        frontier = {pk for pk, parent in nodes if parent in frontier} - wanted
        wanted |= frontier
    through = ResultNode.outputs.through
    return set(through.objects.filter(resultnode_id__in=wanted).values_list("activity_id", flat=True))


def officials_trained(indicator, period) -> tuple[Decimal, dict]:
    """Confirmed participants with attendance of the closed activities linked to the outputs."""
    trained = activity_reads.officials_trained(
        activity_ids=activity_ids_serving(indicator.node), start=period.start_date, end=period.end_date
    )
    return Decimal(len(trained)), _by_state(trained.values())


def register() -> None:
    indicator_source_register(
        code=MATURITY_AT_LEVEL,
        label=gettext_lazy("Member states at a maturity level or above in a capability area"),
        compute=states_at_level,
        params_help=gettext_lazy('{"area": "<capability area code>", "level": 3}'),
    )
    indicator_source_register(
        code=OFFICIALS_TRAINED,
        label=gettext_lazy("Officials trained in the activities serving the result"),
        compute=officials_trained,
    )
