from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from activities import models
        from core.audit import track

        # Status moves have their own history (core.TransitionRecord): the change log skips them.
        track(
            models.Activity,
            m2m=("requests", "states", "experts", "languages", "areas"),
            exclude=("status", "status_changed_at"),
        )
        track(models.Nomination, exclude=("status", "participant_confirmed_at"))
        for model in (models.Session, models.BudgetLine, models.ModalityRule, models.Attendance, models.Certificate):
            track(model)

        from activities import lifecycle, register

        lifecycle.guards_register()
        register.register()
