from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of practices")

    def ready(self):
        from core.audit import track
        from portfolio.models import Practice

        track(Practice, m2m=("areas", "languages"))

        from portfolio import register

        register.register()
