"""The request list: reference, title, state, status and how long each request has waited."""

import django_tables2 as tables
from django.template.defaultfilters import timesince
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assistance import selectors
from assistance.choices import Urgency
from assistance.models import AssistanceRequest
from core.tables import SECONDARY, StatusColumn, Table

NOWRAP = {"td": {"class": "text-nowrap"}}
SECONDARY_NOWRAP = {"th": {"class": "col-secondary"}, "td": {"class": "col-secondary text-nowrap"}}


class AssistanceRequestTable(Table):
    """Rows come from `selectors.request_list`; each fetched page is marked overdue or not."""

    reference = tables.Column(verbose_name=_("Reference"), attrs=NOWRAP, orderable=True, empty_values=())
    title = tables.Column(verbose_name=_("Title"), orderable=True)
    state = tables.Column(verbose_name=_("State"), accessor="state__name", attrs=SECONDARY, orderable=True)
    status = StatusColumn(verbose_name=_("Status"), orderable=True)
    assigned_officer = tables.Column(verbose_name=_("Officer"), attrs=SECONDARY, default="—")
    # Sorting by age puts the youngest first, as sorting by a duration would.
    created_at = tables.Column(verbose_name=_("Age"), attrs=SECONDARY_NOWRAP, orderable=True, order_by="-created_at")
    status_changed_at = tables.Column(
        verbose_name=_("In status"), attrs=NOWRAP, orderable=True, order_by="-status_changed_at"
    )

    optional_columns = ("state", "assigned_officer", "created_at")

    class Meta(Table.Meta):
        model = AssistanceRequest
        fields = ()

    def prepare_records(self, records):
        return selectors.with_overdue(records)

    def render_reference(self, value):
        if value:
            return format_html('<span class="font-monospace">{}</span>', value)
        return format_html('<span class="text-body-secondary">{}</span>', gettext("not registered"))

    def render_title(self, value, record):
        link = format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        if record.urgency == Urgency.HIGH:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', link, gettext("Urgent"))
        return link

    def render_created_at(self, value):
        local = localtime(value)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            local.isoformat(),
            date_format(local, "DATETIME_FORMAT"),
            timesince(value),
        )

    def render_status_changed_at(self, value, record):
        if getattr(record, "overdue", False):
            return format_html(
                '{} <span class="badge text-bg-danger" data-overdue>{}</span>', timesince(value), gettext("Overdue")
            )
        return timesince(value)

    def value_created_at(self, value):
        return value.isoformat()

    def value_status_changed_at(self, value):
        return value.isoformat()
