"""Timeline entries the system wrote as frozen text ("Needs assessment started.", "Registered on
receipt.") become events (core.TransitionRecord.event), worded in each reader's language.

Only entries recognised exactly are changed: the English text, or its translation in one of the
site's languages at the time of the migration. Anything a person typed stays as typed."""

from django.conf import settings
from django.db import migrations
from django.utils import translation

# code → the English text the system used to store
SYSTEM_COMMENTS = {
    "assistance.registered_on_receipt": "Registered on receipt.",
    "assistance.assessment_started": "Needs assessment started.",
}


def _spellings(text: str) -> set[str]:
    """The text as it may have been stored: in English and in every interface language."""
    found = {text}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(translation.gettext(text))
    return found


def comments_to_events(apps, schema_editor):
    TransitionRecord = apps.get_model("core", "TransitionRecord")
    for code, text in SYSTEM_COMMENTS.items():
        TransitionRecord.objects.filter(workflow="request", event="", comment__in=_spellings(text)).update(
            event=code, comment=""
        )


def events_to_comments(apps, schema_editor):
    TransitionRecord = apps.get_model("core", "TransitionRecord")
    for code, text in SYSTEM_COMMENTS.items():
        TransitionRecord.objects.filter(workflow="request", event=code).update(event="", comment=text)


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0006_request_draft_fields_restricted_by_default"),
        ("core", "0005_transition_record_event"),
    ]

    operations = [migrations.RunPython(comments_to_events, events_to_comments)]
