from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Community decisions")

    def ready(self):
        from auditlog.registry import auditlog

        from decisions import models

        auditlog.register(models.Decision)
        auditlog.register(models.RequiredAction)
        auditlog.register(models.ImplementationReport)
