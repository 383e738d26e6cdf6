"""Computed indicator sources: how an indicator's value is worked out from the system's own data.

Each source is registered once with `indicator_source_register(code=, label=, compute=)`, where
`compute(indicator, period)` returns `(value, disaggregated)`: the total and, by dimension, the
parts that add up to it (`{"state": {"BZ": 2, "JM": 1}}`). The built-in sources live in
`results/computed.py` and read other apps through their selectors only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

Compute = Callable[..., tuple[Decimal, dict]]


@dataclass(frozen=True)
class IndicatorSource:
    code: str
    label: str
    compute: Compute
    params_help: str = ""


_SOURCES: dict[str, IndicatorSource] = {}


def indicator_source_register(*, code: str, label, compute: Compute, params_help: str = "") -> None:
    if code in _SOURCES and _SOURCES[code].compute is not compute:
        raise ValueError(f"An indicator source named {code!r} is already registered.")
    _SOURCES[code] = IndicatorSource(code=code, label=label, compute=compute, params_help=params_help)


def indicator_source(code: str) -> IndicatorSource | None:
    return _SOURCES.get(code)


def indicator_sources() -> list[IndicatorSource]:
    return list(_SOURCES.values())
