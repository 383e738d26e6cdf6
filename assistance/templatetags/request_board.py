"""The board's cards, written in Python: the same markup as a template loop over the cards, at a
fraction of its cost for the hundred and more cards of a board (a card through the template
engine took ~100 µs, its translated labels and "time in status" each rendered anew; as
core.choosers.QuickSelect does for a select's options)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()

_CARD = """
<article class="card mb-2 shadow-sm{}">
  <div class="card-body p-2">
    <div class="small text-body-secondary d-flex justify-content-between gap-2">
      <span class="font-monospace">{}</span>
      <span>{}</span>
    </div>
    <h3 class="h6 my-1"><a class="stretched-link text-decoration-none" href="{}">{}</a></h3>
    <div class="small">{}</div>
    <div class="small text-body-secondary mt-1">
      {}
      {}
      {}
    </div>
    <div class="small">{}</div>
  </div>
</article>
"""


@register.simple_tag
def board_cards(cards) -> str:
    """The cards (`assistance.selectors.BoardCard`) of one page of a board column."""
    if not cards:
        return ""
    # The labels every card shares, translated once for the page.
    labels = {
        "not_registered": _("not registered"),
        "since": _("%(since)s in this status"),
        "overdue": format_html('<span class="badge text-bg-danger">{}</span>', _("Overdue")),
        "urgent": format_html('<span class="badge text-bg-danger">{}</span>', _("Urgent")),
        "unassigned": format_html("<em>{}</em>", _("Not yet assigned")),
    }
    return mark_safe("".join(_card(card, labels) for card in cards))


def _card(card, labels) -> str:
    # The translation's own text is markup, as {% blocktranslate %} takes it; the duration is escaped.
    since = labels["since"] % {"since": conditional_escape(timesince(card.status_changed_at))}
    return format_html(
        _CARD,
        " border-danger" if card.overdue else "",
        card.reference or labels["not_registered"],
        card.state_code,
        card.url,
        card.title,
        ", ".join(card.areas),
        mark_safe(since),
        labels["overdue"] if card.overdue else "",
        labels["urgent"] if card.urgent else "",
        card.officer or labels["unassigned"],
    )
