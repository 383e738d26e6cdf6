"""What the page's forms and the API's serializers share: how an input that cannot be read is
refused. The rules themselves live in `matching.services`; these are only the words for a value
that is not even a number or a date, so that the page and the API refuse it alike."""

from django.utils.translation import gettext_lazy as _

NO_STATE = _("There is no such member state.")
NO_INSTITUTION = _("There is no such institution.")
NO_EXPERT = _("Choose an expert from the list.")
NO_PERSON = _("Choose a contact person from the list.")
BAD_DATE = _("Enter a date as YYYY-MM-DD.")
NO_DECISION = _("Choose to accept or to decline.")
