from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of practices")

    def ready(self):
        from core.audit import track
        from portfolio.models import Practice

        # Review moves have their own history (core.TransitionRecord): the change log skips them.
        track(Practice, m2m=("areas", "languages"), exclude=("status", "reviewed_at", "reviewed_by", "review_note"))

        from portfolio import register

        register.register()
