"""The implementation map's cells and compliance figures, rendered in Python.

A window of the map holds a thousand status cells and the area table a compliance figure per
state and area: through the template engine, with a `{% url %}` and translated labels in each,
they cost more than the rest of the page. Here every translated word is looked up once per call
and the cells are joined from one escaped format string."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

CELL = (
    '<td class="heatmap-cell bg-{color}-subtle status-{status}"><a class="text-{color}-emphasis" '
    'href="{prefix}{state}/{action}/"><span aria-hidden="true">'
    '{abbreviation}</span><span class="visually-hidden">{name}, {action_label}: {label}</span></a></td>'
)


@register.simple_tag(takes_context=True)
def heatmap_cells(context, row, series_prefix: str):
    """The `<td>` cells of one state's row: each links to the state's history on the action
    (`series_prefix` + "<state>/<action>/") and says the status as text, not only as colour."""
    name = conditional_escape(row.state.name)
    prefix = conditional_escape(series_prefix)
    # Each action's label and each status's words, escaped once for the whole map (its render).
    actions = context.render_context.setdefault("heatmap_action_labels", {})
    words = context.render_context.setdefault("heatmap_status_words", {})
    html = []
    for cell in row.cells:
        action, style = cell.action, cell.style
        action_label = actions.get(action.pk) or actions.setdefault(action.pk, conditional_escape(action.short_label))
        label, abbreviation = words.get(style.status) or words.setdefault(
            style.status, (conditional_escape(style.label), conditional_escape(style.abbreviation))
        )
        html.append(
            CELL.format(
                color=style.color,
                status=style.status,
                prefix=prefix,
                state=int(row.state.pk),
                action=int(action.pk),
                name=name,
                action_label=action_label,
                label=label,
                abbreviation=abbreviation,
            )
        )
    return mark_safe("".join(html))  # every value above is escaped or a number


@register.simple_tag
def compliance(score):
    """A `Score` as text with a small bar beside it (the bar only repeats the text); "n/a" when
    no action applies. The same markup as decisions/progress.html."""
    return compliance_html(score.percent, score.complied, score.applicable)


@register.simple_tag
def compact_compliance_cells(scores):
    """The area table's cells of one state: the percentage only, with "x of y" as its title, or
    `compliance` ("n/a") when no action applies; in one call: a window has a thousand of them,
    and a template tag call each cost more than the map."""
    of = conditional_escape(gettext("%(complied)s of %(applicable)s"))
    cells = [_compact(score, of) if score.percent is not None else compliance(score) for score in scores]
    return mark_safe("".join(f'<td class="text-end text-nowrap">{cell}</td>' for cell in cells))


def _compact(score, escaped_of: str) -> str:
    # The words come escaped; the numbers are integers, which need no escaping.
    title = escaped_of % {"complied": int(score.complied), "applicable": int(score.applicable)}
    return f'<span title="{title}">{whole_percent(score.percent)}&nbsp;%</span>'


def whole_percent(percent: float) -> int:
    """`percent` rounded half up, as floatformat(percent, 0) shows it (percentages are ≥ 0)."""
    return int(Decimal(repr(percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def compliance_html(percent, complied, applicable):
    if percent is None:
        return format_html(
            '<span class="text-body-secondary" title="{}">{}</span>', gettext("No applicable action"), gettext("n/a")
        )
    of = gettext("%(complied)s of %(applicable)s") % {"complied": complied, "applicable": applicable}
    return format_html(
        '<span class="compliance"><span class="compliance-bar" aria-hidden="true"><span style="width: {}%"></span>'
        '</span><span class="compliance-text"><strong>{}&nbsp;%</strong> <small class="text-body-secondary">{}'
        "</small></span></span>",
        floatformat(percent, "0u"),
        floatformat(percent, 0),
        of,
    )
