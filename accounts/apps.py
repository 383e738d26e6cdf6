from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import register
        from accounts.models import User
        from core.audit import track

        # Who changed an account, so a refused profile form can say what changed meanwhile.
        # Neither the password hash nor the time of each sign-in belongs in the history.
        track(User, exclude=("password", "last_login"))
        register.register()
