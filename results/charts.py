"""Charts drawn on the server as inline SVG (no script, no CDN): an indicator's approved figures
per period as bars, its targets as a line. The page shows the same numbers as a table."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    target_points: str
    target_dots: list[tuple[float, float]]
    ticks: list[Tick]
    baseline_y: float
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - 8


def _nice_step(top: Decimal) -> Decimal:
    """A round step for four grid lines at or above `top`: 1, 2, 2.5 or 5 times a power of ten
    (2.5 only from 25 up, so whole figures stay whole)."""
    if top <= 0:
        return Decimal(1) / 4
    power = Decimal(10) ** (top / 4).adjusted()
    factors = (1, 2, Decimal("2.5"), 5, 10) if power >= 10 else (1, 2, 5, 10)
    return next(factor * power for factor in factors if 4 * factor * power >= top)


def progress_chart(progress) -> Chart | None:
    """The chart of one indicator's `selectors.Progress`, or None with nothing to draw."""
    plotted = [(p.period.label, p.to_date if progress.cumulative else p.approved, p.target) for p in progress.points]
    numbers = [n for _label, actual, target in plotted for n in (actual, target) if n is not None]
    if not plotted or not numbers:
        return None
    step = _nice_step(max(max(numbers), Decimal(0)))
    top = 4 * step
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / len(plotted)

    def y_of(number) -> float:
        return round(TOP + inner_h - float(max(number, Decimal(0)) / top) * inner_h, 1)

    bars, dots = [], []
    for index, (label, actual, target) in enumerate(plotted):
        x = LEFT + index * slot
        if actual is not None:
            y = y_of(actual)
            bars.append(
                Bar(round(x + slot * 0.2, 1), y, round(slot * 0.6, 1), round(TOP + inner_h - y, 1), label, actual)
            )
        else:
            bars.append(Bar(round(x + slot * 0.2, 1), TOP + inner_h, round(slot * 0.6, 1), 0, label, None))
        if target is not None:
            dots.append((round(x + slot / 2, 1), y_of(target)))
    ticks = [Tick(y_of(step * n), (step * n).normalize()) for n in range(5)]
    points = " ".join(f"{x},{y}" for x, y in dots)
    return Chart(WIDTH, HEIGHT, bars, points, dots, ticks, TOP + inner_h)
