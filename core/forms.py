from django import forms


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that knows who is filling it in, so its choices show only visible records."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)
