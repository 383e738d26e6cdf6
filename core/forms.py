import copy

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from core.access import may_keep, outside_scope_message, scope_move_message, scope_moves_refused
from core.choosers import bound_choice_field, quick_selects
from core.documents import MAX_DOCUMENTS, accept_attribute, document_validate
from core.versions import RecordChanged, claim

VERSION_FIELD = "version"


class VersionedFormMixin:
    """An edit form of an existing record carries, hidden, the version it was opened at; the
    view claims that version in the transaction that saves (`claim_version`), and a form that
    started from an older version is refused with what changed meanwhile (`refuse_changed`),
    the user's input kept. A form posted without it is refused too: every page renders it."""

    started_version: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()

    def add_version_field(self):
        record = self.instance
        if record.pk is None or not isinstance(getattr(record, VERSION_FIELD, None), int):
            return
        stale = _("This page is out of date: open the record again and make your changes there.")
        self.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=1,
            initial=record.version,
            error_messages={"required": stale, "invalid": stale, "min_value": stale},
        )

    def _post_clean(self):
        # The version is not the record's input: keep it apart, so services get only the fields.
        if VERSION_FIELD in self.fields:
            self.started_version = self.cleaned_data.pop(VERSION_FIELD, None)
            if VERSION_FIELD in self._errors:  # said above the form, not beside a hidden field
                self.add_error(None, self._errors.pop(VERSION_FIELD))
        super()._post_clean()

    def claim_version(self) -> None:
        """Inside the saving transaction: hold the record if still at the form's version, or
        raise core.versions.RecordChanged."""
        if self.started_version is not None:
            claim(self.instance, self.started_version)

    def refuse_changed(self, error: RecordChanged) -> None:
        """Say what changed; the next submit starts from the version the user has now seen."""
        self.add_error(None, error.message_for(getattr(self, "user", None)))
        self.data = self.data.copy()
        self.data[VERSION_FIELD] = str(error.current)


class ScopedModelForm(VersionedFormMixin, forms.ModelForm):
    """A ModelForm that knows who is filling it in, so its choices show only visible records (chosen
    by search for models with many rows, core.choosers) and
    the record cannot be moved out of (or into) a scope by one who may not (`scope_moves_refused`),
    and that carries the version of the record it edits (VersionedFormMixin)."""

    # Fields whose choices the form itself narrows to a handful: listed, not searched.
    listed_choices: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The record as saved, before the form writes the input onto it.
        self.saved = copy.copy(self.instance) if self.instance.pk is not None else None
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)
            # Institutions, people, requests: chosen by search, never listed in full.
            if name not in self.listed_choices:
                self.fields[name] = bound_choice_field(field)
        quick_selects(self)

    # False for a form that is only the input of a service which checks the scope itself.
    checks_scope = True

    def _post_clean(self):
        self._scope_refused = False
        super()._post_clean()
        if self._checks_scope() and not self._scope_refused:
            self._refuse_outside_scope()

    def _checks_scope(self) -> bool:
        return self.checks_scope and hasattr(type(self.instance), "access")

    def _refuse_outside_scope(self) -> bool:
        """Refuse a record moved out of the user's scope (on the field that moves it), or filled
        in outside it; True when refused. Checked before uniqueness, so the refusal is the same
        whether or not a record like it exists where the user may not look."""
        self._scope_refused = True
        moved = scope_moves_refused(self.user, self.saved, self.instance)
        for name in moved:
            self.add_error(name if name in self.fields else None, scope_move_message())
        if not moved and not may_keep(self.user, self.instance):
            self.add_error(None, outside_scope_message())
            return True
        return bool(moved)

    def validate_unique(self):
        if self._checks_scope() and self._refuse_outside_scope():
            return
        super().validate_unique()

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


def posted_version(data) -> int | None:
    """The version of the record a workflow button's page showed (its hidden `version` input),
    for `core.workflow.Workflow.move` to refuse a record changed since (RecordChanged); None
    when the post carries none."""
    try:
        return forms.IntegerField(required=False, min_value=1).clean(data.get(VERSION_FIELD))
    except ValidationError:
        return None


def form_add_errors(form, error: ValidationError) -> None:
    """Show a service's refusal (a ValidationError, by field or not) on the form that asked for
    it: each message beside its field when the form shows that field, above the form otherwise.
    The page then says exactly what the API says for the same input."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentField(forms.FileField):
    """An upload checked by the one document rule (`core.documents.document_validate`);
    `multiple=True` takes several files from one input and cleans to a list."""

    def __init__(self, *args, multiple: bool = False, **kwargs):
        self.multiple = multiple
        widget = MultipleFileInput if multiple else forms.ClearableFileInput
        kwargs.setdefault("widget", widget(attrs={"accept": accept_attribute()}))
        super().__init__(*args, **kwargs)

    def _clean_one(self, data, initial):
        upload = super().clean(data, initial)
        if upload:
            try:
                document_validate(upload)
            except ValidationError as error:
                # Several files: say which one; one file: the same message as the service's.
                message = f"{upload.name}: {error.messages[0]}" if self.multiple else error.messages[0]
                raise forms.ValidationError(message, code=error.code) from error
        return upload

    def clean(self, data, initial=None):
        if not self.multiple:
            return self._clean_one(data, initial)
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [self._clean_one(item, initial) for item in files if item]
        if not cleaned and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(cleaned) > MAX_DOCUMENTS:
            raise forms.ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_DOCUMENTS})
        return cleaned
