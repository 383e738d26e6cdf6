"""How accounts plug into the site: the administrator's user management in the menu.

Called once from `AccountsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.registry import menu_item_register


def register() -> None:
    menu_item_register(label=_("Users"), url_name="accounts:user_list", order=95, permissions=[("manage_users", User)])
