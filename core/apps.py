from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps

        from core.constraints import add_field_limits

        # Every app's models are loaded by now: give each its database field limits.
        add_field_limits(apps.get_app_configs())

        from core import data_version

        data_version.connect()

        from core import long_lived
        from core.translations import reuse_multilingual_queryset_classes

        long_lived.connect()
        reuse_multilingual_queryset_classes()

        from core.audit import track
        from core.models import Document

        track(Document)

        from django.utils.translation import gettext_lazy as _

        from core.documents import DOCUMENT_ATTACHED
        from core.events import event_register

        event_register(code=DOCUMENT_ATTACHED, text=_("%(title)s attached"), label=_("Documents"))
