from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community registry")

    def ready(self):
        from community import (
            audit,  # noqa: F401  (registers the models with the change log)
            register,
        )

        register.register()
