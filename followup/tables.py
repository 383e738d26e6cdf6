import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import DateColumn, StatusColumn, Table
from followup.models import ActionItem, ActionPlan


class ActionPlanTable(Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True, orderable=True)
    state = tables.Column(verbose_name=_("Member state"), accessor="state__name", orderable=True)
    activity = tables.Column(verbose_name=_("Activity"), accessor="activity__title")
    items_count = tables.Column(verbose_name=_("Items"))
    overdue_count = tables.Column(verbose_name=_("Overdue"))
    reviewed_at = DateColumn(verbose_name=_("Reviewed"))

    class Meta(Table.Meta):
        model = ActionPlan
        fields = ()


class ActionItemTable(Table):
    description = tables.Column(verbose_name=_("What"), linkify=True)
    plan = tables.Column(verbose_name=_("Action plan"), accessor="plan__title")
    state = tables.Column(verbose_name=_("Member state"), accessor="plan__state__name")
    due_date = DateColumn(verbose_name=_("Due"), orderable=True)
    status = StatusColumn(verbose_name=_("Status"))

    class Meta(Table.Meta):
        model = ActionItem
        fields = ()
