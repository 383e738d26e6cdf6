from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Capability maturity")

    def ready(self):
        from core.audit import track
        from maturity.models import MaturityAssessment

        track(MaturityAssessment)

        from maturity import register

        register.register()
