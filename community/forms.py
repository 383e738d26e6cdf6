from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from community import models
from community.choices import InstitutionStatus
from core.access import can_on_every
from core.forms import ScopedModelForm
from core.translations import StoredLanguageFormMixin, translation_fields


class RegistryForm(ScopedModelForm):
    """Institutions are labelled with their state's code, so their choices bring the state along
    (one query for the list of choices, not one per institution)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is models.Institution:
                field.queryset = queryset.select_related("state")


class OwnedStateFormMixin:
    """Owners (focal points, host coordinators) only ever choose their own state; those who
    change every record (the secretariat) choose any."""

    def limit_state_choices(self):
        if "state" in self.fields and not can_on_every(self.user, "change", self._meta.model):
            home = self.user.home_state_id
            if home is None:
                # Experts own their profile, not a state: they keep the state it has.
                self.fields["state"].disabled = True
                return
            self.fields["state"].queryset = models.MemberState.objects.filter(pk=home)
            self.fields["state"].required = True
            self.fields["state"].empty_label = None  # their one state, already chosen
            self.fields["state"].initial = home


class MemberStateForm(ScopedModelForm):
    class Meta:
        model = models.MemberState
        fields = [
            "name",
            "iso_code",
            "membership",
            "single_market",
            "official_languages",
            "sub_region",
            "capital",
            "latitude",
            "longitude",
            "population",
            "legal_tradition",
            "time_zone",
        ]
        widgets = {"official_languages": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name the wrong field instead of reporting the database constraint on the whole form.
        for name, limit in (("latitude", 90), ("longitude", 180)):
            self.fields[name].validators += [MinValueValidator(-limit), MaxValueValidator(limit)]


class InstitutionForm(OwnedStateFormMixin, RegistryForm):
    class Meta:
        model = models.Institution
        fields = [
            "name",
            "acronym",
            "kind",
            "state",
            "seat",
            "parent",
            "description",
            "website",
            "email",
            "visibility",
            "group_capacity",
            "staff_languages",
            "status",
            "closed_on",
        ]
        widgets = {"closed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_state_choices()
        # A form that leaves the status out keeps the record's (a new institution is active).
        self.fields["status"].required = False

    def clean_status(self):
        return self.cleaned_data.get("status") or self.instance.status or InstitutionStatus.ACTIVE


class CapabilityAreaForm(StoredLanguageFormMixin, ScopedModelForm):
    """An area's name, description and level texts in English, then their translations."""

    translated_fields = models.AREA_TRANSLATED_FIELDS

    class Meta:
        model = models.CapabilityArea
        fields = [
            "code",
            "name",
            "parent",
            "description",
            "level_0",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            *translation_fields(["name", "description"]),
            *translation_fields([f"level_{n}" for n in range(5)]),
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [f"level_{n}" for n in range(5)]
            + translation_fields(["description"])
            + translation_fields([f"level_{n}" for n in range(5)])
        }


class PersonForm(OwnedStateFormMixin, RegistryForm):
    start_date = forms.DateField(
        label=_("in this post since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Starts the person's history of posts."),
    )

    class Meta:
        model = models.Person
        fields = models.PERSON_INPUT_FIELDS
        widgets = {"languages": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_state_choices()
        if self.instance.pk:
            # After creation a change of post is a reassignment, which keeps the history.
            for name in ("post", "institution", "start_date"):
                self.fields.pop(name)


class ReassignForm(RegistryForm):
    """A new post for a person: the current one is closed, the record and its history stay."""

    # Only the input of `services.person_reassign`, which decides who may move whom where.
    checks_scope = False

    class Meta:
        model = models.PostHeld
        fields = ["post", "institution", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}


class CommitteeMeetingForm(RegistryForm):
    class Meta:
        model = models.CommitteeMeeting
        fields = ["committee", "date", "place", "agenda", "visibility"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = self.fields["committee"].queryset.editable_by(self.user)


class NetworkForm(ScopedModelForm):
    class Meta:
        model = models.Network
        fields = ["name", "description", "areas", "established"]
        widgets = {"established": forms.DateInput(attrs={"type": "date"})}


class NetworkMembershipForm(ScopedModelForm):
    class Meta:
        model = models.NetworkMembership
        fields = ["person", "role", "joined"]
        widgets = {"joined": forms.DateInput(attrs={"type": "date"})}


class RegionalMeetingForm(ScopedModelForm):
    class Meta:
        model = models.RegionalMeeting
        fields = [
            "body",
            "title",
            "start_date",
            "end_date",
            "host_state",
            "venue",
            "attending_states",
            "agenda",
            "areas",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "attending_states": forms.CheckboxSelectMultiple,
        }


class NonWorkingDayForm(ScopedModelForm):
    class Meta:
        model = models.NonWorkingDay
        fields = ["state", "date", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
