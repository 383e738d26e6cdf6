from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Requests for assistance")

    def ready(self):
        from assistance import models, services
        from core.audit import track

        services.register_workflow_rules()
        # Status moves have their own timeline (core.TransitionRecord), so the change log skips them.
        track(models.AssistanceRequest, m2m=("areas", "decisions", "actions"), exclude=("status", "status_changed_at"))
        track(models.NeedsAssessment)

        from assistance import register

        register.register()
