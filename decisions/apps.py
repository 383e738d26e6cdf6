from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Community decisions")

    def ready(self):
        from core.audit import track
        from decisions import models

        track(models.Decision)
        track(models.RequiredAction)
        # Whether a report is current follows from the others; the log keeps what was reported.
        track(models.ImplementationReport, exclude=("is_current",))

        from decisions import derived, register

        derived.connect()
        register.register()
