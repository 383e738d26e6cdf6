from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of practices")

    def ready(self):
        from auditlog.registry import auditlog

        from portfolio.models import Practice

        auditlog.register(Practice, m2m_fields={"areas", "languages"})
