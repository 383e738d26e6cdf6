"""The activity list: title, modality, host, dates and status (rows from `selectors.activity_list`)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from community.tables import VisibilityColumn
from core.tables import SECONDARY, DateColumn, StatusColumn, Table, VisibleRelatedColumn

NOWRAP = {"td": {"class": "text-nowrap"}}
SECONDARY_NOWRAP = {"th": {"class": "col-secondary"}, "td": {"class": "col-secondary text-nowrap"}}


class ActivityTable(Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True, orderable=True)
    modality = tables.Column(verbose_name=_("Modality"), attrs=SECONDARY, orderable=True)
    host_state = tables.Column(verbose_name=_("Host"), accessor="host_state__name", attrs=SECONDARY, orderable=True)
    host_institution = VisibleRelatedColumn(
        verbose_name=_("Host institution"), accessor="host_institution__name", attrs=SECONDARY
    )
    start_date = DateColumn(verbose_name=_("First day"), attrs=NOWRAP, orderable=True)
    end_date = DateColumn(verbose_name=_("Last day"), attrs=SECONDARY_NOWRAP, orderable=True)
    status = StatusColumn(verbose_name=_("Status"), orderable=True)
    officer = tables.Column(verbose_name=_("Officer"), attrs=SECONDARY)
    visibility = VisibilityColumn()

    optional_columns = ("modality", "host_institution", "end_date", "officer", "visibility")
    hidden_by_default = ("officer", "visibility")

    class Meta(Table.Meta):
        model = Activity
        fields = ()
