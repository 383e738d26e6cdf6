"""The decisions list: each decision with its organ, date, actions and compliance."""

import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import SECONDARY, DateColumn, Table, order_empty_last
from decisions import models
from decisions.templatetags.implementation_map import compliance_html


class DecisionTable(Table):
    """Rows come from `selectors.decision_list`, which annotates the counts and the percentage."""

    reference = tables.Column(verbose_name=_("Decision"), orderable=True)
    organ = tables.Column(verbose_name=_("Organ"), attrs=SECONDARY, orderable=True)
    date = DateColumn(
        verbose_name=_("Date"),
        attrs={"th": {"class": "col-secondary"}, "td": {"class": "text-nowrap col-secondary"}},
        orderable=True,
    )
    action_count = tables.Column(
        verbose_name=_("Actions"),
        attrs={"th": {"class": "text-end col-secondary"}, "td": {"class": "text-end col-secondary"}},
        orderable=True,
    )
    compliance_percent = tables.Column(
        verbose_name=_("Compliance"), attrs={"td": {"class": "compliance-cell"}}, orderable=True, empty_values=()
    )

    optional_columns = ("organ", "date", "action_count")
    stylesheet = "decisions/decisions.css"

    class Meta(Table.Meta):
        model = models.Decision
        fields = ()

    def render_reference(self, value, record):
        return format_html(
            '<a class="text-nowrap" href="{}">{}</a><br>{}'
            ' <small class="d-md-none text-body-secondary text-nowrap">· {}</small>',
            record.get_absolute_url(),
            value,
            record.title,
            date_format(record.date, "DATE_FORMAT"),
        )

    def order_compliance_percent(self, queryset, is_descending):
        # By the percentage `selectors.decision_list` annotates, in the database; a decision
        # with no applicable action has none ("n/a") and comes after every figure.
        return order_empty_last(queryset, "compliance_percent", is_descending)

    def render_compliance_percent(self, value, record):
        return compliance_html(value, record.complied_count, record.applicable_count)

    def value_compliance_percent(self, value):
        return "" if value is None else round(value)
