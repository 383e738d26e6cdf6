"""The administrator's list of accounts, on the one table layer (core.tables)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.tables import SECONDARY, Table


class UserTable(Table):
    name = tables.TemplateColumn(
        template_name="accounts/user_cells/name.html",
        verbose_name=_("Name"),
        order_by=("full_name", "email"),
        orderable=True,
    )
    role = tables.TemplateColumn(
        template_name="accounts/user_cells/role.html", verbose_name=_("Role and status"), orderable=True
    )
    home = tables.TemplateColumn(
        template_name="accounts/user_cells/home.html", verbose_name=_("State or institution"), attrs=SECONDARY
    )
    last_login = tables.TemplateColumn(
        template_name="accounts/user_cells/last_login.html",
        verbose_name=_("Last sign-in"),
        attrs=SECONDARY,
        orderable=True,
    )
    actions = tables.TemplateColumn(
        template_name="accounts/user_cells/actions.html",
        verbose_name=_("Actions"),
        attrs={"th": {"class": "visually-hidden-focusable"}, "td": {"class": "text-end"}},
    )

    optional_columns = ("home", "last_login")

    class Meta(Table.Meta):
        model = User
        fields = ()
        empty_text = _("No accounts yet.")

    @property
    def caption(self) -> str:
        return str(_("Users"))
