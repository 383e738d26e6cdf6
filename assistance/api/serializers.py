import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_field
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.choices import Role
from accounts.models import User
from assistance import selectors, services
from assistance.choices import Channel, Modality, Status
from assistance.forms import ASSIGN_REFUSAL
from assistance.models import REQUEST_INPUT_FIELDS, AssistanceRequest, NeedsAssessment
from community.models import CapabilityArea, MemberState
from core.access import can
from core.api import DocumentSerializer, ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from core.models import TransitionRecord


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as one named enum (e.g. RequestStatusEnum), whatever the field is
    called: `status`, `from_status` and `to` are the same lifecycle."""

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices=choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        enum = build_choice_field(serializers.ChoiceField(choices=field.choices))
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={key: enum[key] for key in ("type", "enum") if key in enum},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Status.choices, enum_name="RequestStatusEnum", **kwargs)


def modality_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Modality.choices, enum_name="ModalityEnum", **kwargs)


class AssistanceRequestSerializer(ScopedModelSerializer):
    """A request. Status is read-only: it moves only through POST …/transitions/.

    A focal point files for their own state (state, channel, received_on and focal_point are
    set for them); the secretariat records requests received by letter or e-mail for any state."""

    areas = serializers.SlugRelatedField(
        slug_field="code", queryset=CapabilityArea.objects.all(), many=True, required=False
    )
    focal_point = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.FOCAL_POINT, is_active=True), allow_null=True, required=False
    )
    state = ScopedPrimaryKeyRelatedField(queryset=MemberState.objects.all(), required=False)
    status = status_field(read_only=True)
    modality = modality_field(required=False)
    documents = DocumentSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    age_days = serializers.SerializerMethodField()
    days_in_status = serializers.SerializerMethodField()
    submit = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Submit the draft now (a letter or e-mail recorded by the secretariat is then registered too); "
        "the need, the areas and, for a request filed online, the window are needed to submit.",
    )

    class Meta:
        model = AssistanceRequest
        fields = [
            "id",
            "reference",
            *REQUEST_INPUT_FIELDS,
            "status",
            "status_changed_at",
            "assigned_officer",
            "overdue",
            "age_days",
            "days_in_status",
            "documents",
            "submit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "status", "status_changed_at", "assigned_officer"]

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, obj) -> bool:
        return services.is_overdue(obj)

    def get_age_days(self, obj) -> int:
        return obj.age.days

    def get_days_in_status(self, obj) -> int:
        return obj.time_in_status.days

    def validate(self, attrs):
        """Only reads the input: the rules are the model's and the service's (the same as the
        page's form), refused as 400 by field through core.api.exception_handler."""
        user = self.context["request"].user
        if can(user, "record_received", AssistanceRequest):
            if attrs.get("state") is None and self.instance is None:
                raise serializers.ValidationError({"state": forms.Field.default_error_messages["required"]})
            if self.instance is None and attrs.get("channel", Channel.ONLINE) == Channel.ONLINE:
                attrs["channel"] = Channel.LETTER  # the secretariat records what came by mail
        return attrs

    def service_fields(self) -> dict:
        """The keyword arguments of services.request_file / request_update (not `submit`)."""
        return {name: value for name, value in self.validated_data.items() if name != "submit"}


class TransitionRecordSerializer(serializers.ModelSerializer):
    """One move of the request: `actor` as people read it ("System, on behalf of …" for a move
    that followed from an event)."""

    actor = serializers.CharField(source="actor_display", read_only=True)
    on_behalf_of = serializers.StringRelatedField()
    from_status = NamedChoiceField([("", "—"), *Status.choices], enum_name="RequestStatusOrBlankEnum")
    to_status = status_field()
    event_text = serializers.CharField(
        read_only=True, help_text="What the system said about the move, in the language of the API request."
    )

    class Meta:
        model = TransitionRecord
        fields = [
            "from_status",
            "to_status",
            "actor",
            "by_system",
            "on_behalf_of",
            "comment",
            "event",
            "event_params",
            "event_text",
            "at",
        ]


class AllowedMoveSerializer(serializers.Serializer):
    to = status_field()
    label = serializers.CharField()
    comment_required = serializers.BooleanField()


class TransitionsSerializer(serializers.Serializer):
    """What the user may do with the request now, and where it has been."""

    status = status_field()
    allowed = AllowedMoveSerializer(many=True)
    history = TransitionRecordSerializer(many=True)
    time_in_status = serializers.DictField(child=serializers.IntegerField(), help_text="Seconds spent in each status.")


class TransitionSerializer(serializers.Serializer):
    to = status_field()
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DocumentsUploadSerializer(serializers.Serializer):
    """Files to add to a request (multipart/form-data, the field `documents` repeated); checked
    by the same field as the page's form (core.forms.DocumentField)."""

    documents = serializers.ListField(child=serializers.FileField(), help_text="One or more files.")


class AssignSerializer(serializers.Serializer):
    officer = serializers.PrimaryKeyRelatedField(
        queryset=selectors.officer_choices(),
        allow_null=True,
        error_messages={"does_not_exist": ASSIGN_REFUSAL, "incorrect_type": ASSIGN_REFUSAL},
    )


class NeedsAssessmentSerializer(ScopedModelSerializer):
    """Recorded by the secretariat through services.needs_assessment_save. A missing baseline is
    pre-filled from the maturity map."""

    baseline = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=4),
        required=False,
        help_text="Level 0–4 per requested capability area code.",
    )
    recommended_modality = modality_field()
    assessed_by = serializers.StringRelatedField()

    class Meta:
        model = NeedsAssessment
        fields = [
            "id",
            "request",
            "stakeholders",
            "baseline",
            "gaps",
            "recommended_modality",
            "risks",
            "assessed_by",
            "assessed_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["assessed_by"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["request"].read_only = True  # an assessment belongs to one request for good
        return fields

    def validate(self, attrs):
        request = attrs.get("request") or self.instance.request
        if self.instance is None and NeedsAssessment.objects.filter(request=request).exists():
            raise serializers.ValidationError({"request": _("This request already has a needs assessment: update it.")})
        if "baseline" in attrs:
            codes = set(request.areas.values_list("code", flat=True))
            unknown = sorted(set(attrs["baseline"]) - codes)
            if unknown:
                raise serializers.ValidationError(
                    {"baseline": _("Not among the request's areas: %(codes)s.") % {"codes": ", ".join(unknown)}}
                )
        if attrs.get("assessed_on") and attrs["assessed_on"] > timezone.localdate() + datetime.timedelta(days=1):
            raise serializers.ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
        return attrs
