from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows who is filling it in, so its choices show only visible records."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)

    def _update_errors(self, errors):
        """A model rule about a field this form does not show (e.g. a person's institution,
        changed only by reassignment) is reported on the whole form instead of failing."""
        if hasattr(errors, "error_dict"):
            shown = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields or name == NON_FIELD_ERRORS else NON_FIELD_ERRORS
                shown.setdefault(key, []).extend(messages)
            errors = ValidationError(shown)
        super()._update_errors(errors)
