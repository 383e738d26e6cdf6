"""Charts drawn on the server as inline SVG (no script, no CDN): an indicator's approved figures
per period as bars, its targets as a line. The page shows the same numbers as a table."""

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from results.choices import ValueStatus

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


# --- markup ---------------------------------------------------------------------------------
# An indicator's chart and its table are written here rather than by a template: a programme's
# page shows one per indicator, and the template engine spent half the page on them.


def _unlocalised(value) -> str:
    """A figure as `{% localize off %}` writes it (a Decimal in full, "." for decimals)."""
    return conditional_escape(str(formats.localize(value, use_l10n=False)))


def _number(value, language: str) -> str:
    """`value|floatformat:"-2g"`: up to two decimals, grouped, localised."""
    return _formatted(value, language) if value is not None else ""


@lru_cache(maxsize=4096)
def _formatted(value, language: str) -> str:
    # A programme's page writes a thousand figures, few of them different. Equal numbers (8,
    # 8.0, Decimal("8.00")) share a key and are written alike with up to two decimals.
    return conditional_escape(floatformat(value, "-2g"))


def _word(text: str) -> str:
    return conditional_escape(gettext(text))


@lru_cache(maxsize=16)
def _words(language: str) -> dict:
    """The chart's fixed words in `language` (the active one when first asked): asked once per
    language, not a dozen times per indicator. Escaped as `{% translate %}` escapes them; the
    sentences with a name in them are not, as `{% blocktranslate %}` leaves its text."""
    return {
        "title_to_date": gettext(
            "%(name)s: approved to date (bars) and targets (line), per period. The table that follows gives "
            "every value."
        ),
        "title_per_period": gettext(
            "%(name)s: approved value (bars) and target (line), per period. The table that follows gives every value."
        ),
        "caption": gettext("%(name)s per period"),
        "approved_to_date": _word("Approved to date"),
        "approved_value": _word("Approved value"),
        "target": _word("Target"),
        "headings": (
            f'<th scope="col">{_word("Period")}</th><th scope="col" class="text-end">{_word("Target")}</th>'
            f'<th scope="col" class="text-end">{_word("Value")}</th><th scope="col">{_word("Status")}</th>'
            f'<th scope="col" class="text-end">{_word("Approved to date")}</th>'
        ),
        "summary": _word("The figures as a table"),
        "scrolls": _word("Table, scrolls sideways"),
        "download": _word("Download as CSV"),
        "statuses": {status: conditional_escape(label) for status, label in ValueStatus.choices},
    }


def _plain(number) -> str:
    """A coordinate as `{% localize off %}` writes it: the chart's ints and floats rounded to a
    tenth inside its 480 × 200 box are never written with an exponent, so str() is the same."""
    return str(number)


def _svg(progress, chart: Chart, language: str) -> str:
    indicator = progress.indicator
    title = _words(language)["title_to_date" if progress.cumulative else "title_per_period"]
    pk = _plain(indicator.pk)
    parts = [
        f'<svg viewBox="0 0 {_plain(chart.width)} {_plain(chart.height)}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"\n       aria-labelledby="chart-{pk}-title" class="d-block" '
        f'style="max-width: 480px">\n    <title id="chart-{pk}-title">'
        f"{title % {'name': conditional_escape(indicator.name)}}</title>\n    "
    ]
    left, right_edge = _plain(chart.left), _plain(chart.right_edge)
    text_x = _plain(chart.left - 6)
    for tick in chart.ticks:
        y = _plain(tick.y)
        parts.append(
            f'\n    <line x1="{left}" x2="{right_edge}" y1="{y}" y2="{y}" stroke="#dee2e6" stroke-width="1"></line>\n'
            f'    <text x="{text_x}" y="{y}" text-anchor="end" dominant-baseline="middle" font-size="11" '
            f'fill="#6c757d">{_number(tick.value, language)}</text>\n    '
        )
    parts.append("\n    ")
    label_y = _plain(chart.label_y)
    for bar in chart.bars:
        x, label = _plain(bar.x), conditional_escape(bar.label)
        parts.append("\n    ")
        if bar.value is not None:
            parts.append(
                f'<rect x="{x}" y="{_plain(bar.y)}" width="{_plain(bar.width)}" '
                f'height="{_plain(bar.height)}" fill="#0d6efd" data-value="{_unlocalised(bar.value)}">'
                f"<title>{label}: {_number(bar.value, language)}</title></rect>"
            )
        parts.append(
            f'\n    <text x="{x}" dx="{conditional_escape(floatformat(bar.width, 0))}" y="{label_y}" font-size="11" '
            f'fill="#495057" text-anchor="end">{conditional_escape(Truncator(bar.label).chars(10))}</text>\n    '
        )
    parts.append("\n    ")
    if len(chart.target_dots) > 1:
        parts.append(
            f'<polyline points="{conditional_escape(chart.target_points)}" fill="none" stroke="#d63384" '
            f'stroke-width="2" stroke-dasharray="5 3"></polyline>'
        )
    parts.append("\n    ")
    for x, y in chart.target_dots:
        parts.append(f'<circle cx="{_plain(x)}" cy="{_plain(y)}" r="4" fill="#d63384"></circle>')
    parts.append("\n  </svg>\n  ")
    return "".join(parts)


def _figure(progress, chart: Chart, language: str) -> str:
    words = _words(language)
    approved = words["approved_to_date"] if progress.cumulative else words["approved_value"]
    return (
        '\n<figure class="results-chart mb-1">\n  \n  '
        + _svg(progress, chart, language)
        + '\n  <figcaption class="small text-body-secondary">\n    <span class="d-inline-block me-2"><span '
        'aria-hidden="true" class="d-inline-block align-middle" style="width:.8em;height:.8em;background:#0d6efd">'
        f"</span> {approved}</span>\n    "
        '<span class="d-inline-block"><span aria-hidden="true" class="d-inline-block align-middle" '
        'style="width:.8em;height:.8em;background:#d63384;border-radius:50%"></span> '
        f"{words['target']}</span>\n  </figcaption>\n</figure>\n"
    )


def _table(progress, language: str) -> str:
    indicator, words = progress.indicator, _words(language)
    rows = []
    for point in progress.points:
        value = point.value
        rows.append(
            f'\n      <tr>\n        <th scope="row">{conditional_escape(point.period.label)}</th>\n'
            f'        <td class="text-end">{_number(point.target, language) or "—"}</td>\n'
            f'        <td class="text-end">{_number(value.value, language) if value else "—"}</td>\n'
            "        <td>"
            + (
                f'<span class="badge {conditional_escape(value.get_status_color())}">'
                f"{words['statuses'].get(value.status) or conditional_escape(value.get_status_display())}</span>"
                if value
                else ""
            )
            + f'</td>\n        <td class="text-end">{_number(point.to_date, language) or "—"}</td>\n      </tr>\n    '
        )
    caption = words["caption"] % {"name": conditional_escape(indicator.name)}
    return (
        f'\n<details class="mb-2">\n  <summary class="small">{words["summary"]}</summary>\n'
        '  <div class="table-responsive" tabindex="0" role="region" '
        f'aria-label="{words["scrolls"]}">\n'
        '  <table class="table table-sm w-auto mt-2 small">\n'
        f'    <caption class="visually-hidden">{caption}</caption>\n'
        f"    <thead><tr>{words['headings']}</tr></thead>\n    <tbody>{''.join(rows)}</tbody>\n  </table>\n  </div>\n"
        f'  <a class="small" href="{reverse("results:indicator_csv", args=[indicator.pk])}" download>'
        f"{words['download']}</a>\n</details>\n"
    )


def chart_html(progress) -> str:
    """An indicator's chart (`progress.chart`, if any) and its figures as a table for screen
    readers, in the reader's language and number format (`{% indicator_chart progress %}`)."""
    chart, language = getattr(progress, "chart", None), get_language()
    figure = _figure(progress, chart, language) if chart else ""
    return mark_safe("\n\n\n" + figure + _table(progress, language) + "\n")  # noqa: S308
