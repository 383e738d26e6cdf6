from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from core.audit import track
        from followup import lifecycle, register
        from followup.models import ActionItem, ActionPlan

        track(ActionPlan)
        track(ActionItem)
        lifecycle.guards_register()
        lifecycle.signals_register()
        register.register()
