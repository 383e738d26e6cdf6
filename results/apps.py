from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Results frameworks")

    def ready(self):
        from core.audit import track
        from results import models

        # Status moves have their own history (core.TransitionRecord): the change log skips them.
        track(models.Programme, m2m=("funders",))
        track(models.ResultNode, m2m=("outputs",))
        for model in (models.Indicator, models.Target):
            track(model)
        track(models.Period, exclude=("status", "status_changed_at"))
        track(models.MeasuredValue, exclude=("status", "status_changed_at"))

        from results import register, workflow

        workflow.guards_register()
        register.register()
