from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Requests for assistance")

    def ready(self):
        from auditlog.registry import auditlog

        from assistance import models

        auditlog.register(models.AssistanceRequest, m2m_fields={"areas", "decisions", "actions"}, exclude_fields=["status", "status_changed_at"])
        auditlog.register(models.NeedsAssessment)
        auditlog.register(models.RequestDocument)
