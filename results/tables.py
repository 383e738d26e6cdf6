"""The results lists' columns."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from community.tables import VisibilityColumn
from core.tables import DateColumn, StatusColumn, Table
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target


class ProgrammeTable(Table):
    """Rows come from `selectors.programme_list` (funders prefetched)."""

    name = tables.Column(verbose_name=_("Programme"), linkify=True, orderable=True)
    start_date = DateColumn(verbose_name=_("Starts"), orderable=True)
    end_date = DateColumn(verbose_name=_("Ends"), orderable=True)
    funders = tables.ManyToManyColumn(verbose_name=_("Development partners"), separator=", ")
    visibility = VisibilityColumn()

    class Meta(Table.Meta):
        model = Programme
        fields = ()


class ResultNodeTable(Table):
    code = tables.Column(verbose_name=_("Code"), orderable=True)
    title = tables.Column(verbose_name=_("Result"), linkify=True)
    level = tables.Column(verbose_name=_("Level"))
    programme = tables.Column(verbose_name=_("Programme"), linkify=True)

    class Meta(Table.Meta):
        model = ResultNode
        fields = ()


class IndicatorTable(Table):
    name = tables.Column(verbose_name=_("Indicator"), linkify=True, orderable=True)
    node = tables.Column(verbose_name=_("Result"))
    unit = tables.Column(verbose_name=_("Unit"))

    class Meta(Table.Meta):
        model = Indicator
        fields = ()


class PeriodTable(Table):
    label = tables.Column(verbose_name=_("Period"), linkify=True)
    programme = tables.Column(verbose_name=_("Programme"))
    start_date = DateColumn(verbose_name=_("Starts"))
    end_date = DateColumn(verbose_name=_("Ends"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta(Table.Meta):
        model = Period
        fields = ()


class TargetTable(Table):
    indicator = tables.Column(verbose_name=_("Indicator"), linkify=True)
    period = tables.Column(verbose_name=_("Period"))
    value = tables.Column(verbose_name=_("Target"))

    class Meta(Table.Meta):
        model = Target
        fields = ()


class MeasuredValueTable(Table):
    indicator = tables.Column(verbose_name=_("Indicator"))
    period = tables.Column(verbose_name=_("Period"))
    value = tables.Column(verbose_name=_("Value"), linkify=True)
    status = StatusColumn(verbose_name=_("Status"))

    class Meta(Table.Meta):
        model = MeasuredValue
        fields = ()
