from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Peer matching")

    def ready(self):
        from auditlog.registry import auditlog

        from assistance.choices import Status
        from assistance.workflow import request_workflow
        from matching import services
        from matching.models import ExpertInvitation, HostInvitation, MatchWeights

        auditlog.register(HostInvitation)
        auditlog.register(ExpertInvitation)
        auditlog.register(MatchWeights)
        # The lifecycle's rule "host_confirmed needs an accepted invitation" lives with the invitations.
        request_workflow.add_guard(Status.HOST_CONFIRMED, services.guard_host_confirmed)
        request_workflow.before_enter(Status.HOST_CONFIRMED, services.confirmed_host)

        from matching import register

        register.register()
