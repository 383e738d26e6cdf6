"""Serializers of the matching API. The ranking serializers read the selector's dataclasses, so
the API, the page and `attache match --json` show the same numbers and reasons."""

from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assistance.selectors import request_queryset
from community import selectors as community_selectors
from core.api import ScopedPrimaryKeyRelatedField, VisibleListMixin
from matching import factors as registry
from matching import inputs
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion, MatchWeights
from matching.services import host_answer_arguments


def weight_field(name: str, **kwargs) -> serializers.FloatField:
    """A weight from 0 to 10, refused in the same words as the page and the service."""
    message = registry.weight_message(name)
    return serializers.FloatField(
        min_value=registry.MIN_WEIGHT,
        max_value=registry.MAX_WEIGHT,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        **kwargs,
    )


class MatchQuerySerializer(serializers.Serializer):
    """Query parameters of GET /requests/{id}/matches/: the officer's weights for this ranking."""

    top = serializers.IntegerField(min_value=1, required=False, help_text="How many hosts to return (default: all).")
    expert_top = serializers.IntegerField(min_value=1, required=False, default=10)
    include_developing = serializers.BooleanField(required=False, allow_null=True, default=None)
    include_unconfirmed = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Also propose hosts on self-assessed levels nobody has confirmed (default: as kept for the request).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in registry.names(registry.HOST):
            self.fields[factor] = weight_field(factor, required=False)


class PlainSerializer(serializers.Serializer):
    """Plain fields read straight from attributes, written without DRF's per-field steps: a
    matches answer holds thousands of these rows (every host's factors, reasons and "why not
    higher"), and DRF's generic path cost more than ranking the hosts."""

    @cached_property
    def _plain(self) -> list[tuple[str, str, object]]:
        return [(name, field.source, field.to_representation) for name, field in self.fields.items()]

    def to_representation(self, instance):
        row = {}
        for name, source, represent in self._plain:
            value = getattr(instance, source)
            row[name] = None if value is None else represent(value)
        return row


class FactorSerializer(PlainSerializer):
    factor = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(help_text="0..1")
    weight = serializers.FloatField(help_text="share of the score, 0..1")
    points = serializers.FloatField(help_text="contribution to the score, 0..100")


class ReasonSerializer(PlainSerializer):
    factor = serializers.CharField()
    text = serializers.CharField()


class ComparisonSerializer(PlainSerializer):
    factor = serializers.CharField()
    value = serializers.FloatField()
    top_value = serializers.FloatField()
    points_behind = serializers.FloatField(source="gap")


class InstitutionProposalSerializer(PlainSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    relevance = serializers.FloatField()
    because = serializers.CharField()
    regional = serializers.BooleanField(help_text="a regional institution, hosting from its seat")


class InvitationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class CandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    id = serializers.IntegerField(help_text="member state id (hosts) or person id (experts)")
    name = serializers.CharField()
    detail = serializers.CharField(help_text="ISO code of a state; post of an expert")
    score = serializers.FloatField(help_text="0..100")
    factors = FactorSerializer(many=True)
    reasons = ReasonSerializer(many=True)
    why_not_higher = ComparisonSerializer(many=True, source="comparison")
    points_behind = serializers.FloatField(help_text="points behind the top candidate")
    institutions = InstitutionProposalSerializer(many=True)
    invitation = InvitationRefSerializer(allow_null=True)


class ExcludedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    detail = serializers.CharField()
    reason = serializers.CharField(source="excluded_because")
    invitation = InvitationRefSerializer(allow_null=True)


class HostingBalanceSerializer(serializers.Serializer):
    state = serializers.IntegerField(source="state_id")
    name = serializers.CharField()
    hosted = serializers.IntegerField(help_text="activities hosted in any area in the last `months` months")
    months = serializers.IntegerField()
    last_hosted = serializers.DateField(allow_null=True, help_text="first day of the latest activity hosted")


class MatchExclusionSerializer(serializers.ModelSerializer):
    """A state, institution or expert left out of a request's ranking by the officer."""

    target = serializers.SerializerMethodField()
    excluded_by = serializers.StringRelatedField()

    class Meta:
        model = MatchExclusion
        fields = ["id", "request", "state", "institution", "person", "target", "reason", "excluded_by", "created_at"]
        read_only_fields = fields

    def get_target(self, exclusion) -> str:
        return str(exclusion.target)


class MatchExclusionCreateSerializer(serializers.Serializer):
    """What to leave out of the ranking (one of state, institution, person) and why: read as
    plain numbers, so that the service's rules and words decide, as on the page."""

    state = serializers.IntegerField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.NO_STATE}
    )
    institution = serializers.IntegerField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.NO_INSTITUTION}
    )
    person = serializers.IntegerField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.NO_EXPERT}
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class MatchesSerializer(serializers.Serializer):
    request = serializers.SerializerMethodField()
    window = serializers.SerializerMethodField()
    weights = serializers.DictField(child=serializers.FloatField())
    include_developing = serializers.BooleanField()
    include_unconfirmed = serializers.BooleanField()
    exclusions = serializers.SerializerMethodField()
    host_count = serializers.IntegerField(help_text="eligible hosts in all")
    hosts = CandidateSerializer(many=True)
    excluded = ExcludedSerializer(many=True)
    expert_count = serializers.IntegerField()
    experts = CandidateSerializer(many=True)
    experts_excluded = ExcludedSerializer(many=True)
    hosting_balance = HostingBalanceSerializer(many=True, help_text="how much each proposed host hosted lately")

    @extend_schema_field(MatchExclusionSerializer(many=True))
    def get_exclusions(self, matches) -> list:
        return MatchExclusionSerializer(matches.exclusions, many=True).data

    @extend_schema_field(serializers.DictField())
    def get_request(self, matches) -> dict:
        assistance_request = matches.assistance_request
        state = assistance_request.state
        return {
            "id": assistance_request.pk,
            "reference": assistance_request.reference,
            "title": assistance_request.title,
            "status": assistance_request.status,
            "state": {"id": state.pk, "name": state.name, "iso_code": state.iso_code},
        }

    def get_window(self, matches) -> dict:
        return {
            "start": matches.window[0].isoformat(),
            "end": matches.window[1].isoformat(),
            "given": matches.window_given,
        }


# What every invitation shows. The score and rank are the candidate's standing when invited,
# computed by the server: never taken from the request body.
INVITATION_FIELDS = (
    "status",
    "message",
    "score",
    "rank",
    "reason",
    "invited_by",
    "responded_by",
    "responded_at",
    "created_at",
    "updated_at",
)
INVITATION_READ_ONLY = ("status", "score", "rank", "reason", "invited_by", "responded_by", "responded_at")


class HostInvitationSerializer(VisibleListMixin, serializers.ModelSerializer):
    request = ScopedPrimaryKeyRelatedField(queryset=request_queryset())
    state = serializers.PrimaryKeyRelatedField(queryset=community_selectors.memberstate_queryset())
    institution = serializers.PrimaryKeyRelatedField(
        queryset=community_selectors.institution_queryset(), required=False, allow_null=True
    )

    class Meta:
        model = HostInvitation
        fields = [
            "id",
            "request",
            "state",
            "institution",
            *INVITATION_FIELDS,
        ]
        read_only_fields = INVITATION_READ_ONLY


class ExpertInvitationSerializer(VisibleListMixin, serializers.ModelSerializer):
    request = ScopedPrimaryKeyRelatedField(queryset=request_queryset())
    person = serializers.PrimaryKeyRelatedField(queryset=community_selectors.expert_queryset())

    class Meta:
        model = ExpertInvitation
        fields = [
            "id",
            "request",
            "person",
            *INVITATION_FIELDS,
        ]
        read_only_fields = INVITATION_READ_ONLY


class HostInvitationCreateSerializer(serializers.Serializer):
    """Whom to invite to host: read as plain numbers, so that the service's rules (and words)
    decide, as on the page."""

    request = ScopedPrimaryKeyRelatedField(queryset=request_queryset())
    state = serializers.IntegerField(required=False, allow_null=True, error_messages={"invalid": inputs.NO_STATE})
    institution = serializers.IntegerField(
        required=False, allow_null=True, error_messages={"invalid": inputs.NO_INSTITUTION}
    )
    message = serializers.CharField(required=False, allow_blank=True, default="")


class ExpertInvitationCreateSerializer(serializers.Serializer):
    request = ScopedPrimaryKeyRelatedField(queryset=request_queryset())
    person = serializers.IntegerField(required=False, allow_null=True, error_messages={"invalid": inputs.NO_EXPERT})
    message = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    """Accepting or declining; a decline needs a reason (the service says so)."""

    reason = serializers.CharField(required=False, allow_blank=True, default="")


class HostAnswerSerializer(AnswerSerializer):
    """Accepting to host may name the contact and propose dates or conditions."""

    contact_person = serializers.IntegerField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.NO_PERSON}
    )
    contact_name = serializers.CharField(required=False, allow_blank=True, default="")
    contact_email = serializers.CharField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="")
    proposed_start = serializers.DateField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.BAD_DATE}
    )
    proposed_end = serializers.DateField(
        required=False, allow_null=True, default=None, error_messages={"invalid": inputs.BAD_DATE}
    )
    conditions = serializers.CharField(required=False, allow_blank=True, default="")

    def host_answer(self) -> dict:
        return host_answer_arguments(self.validated_data)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# The ranking's switches kept with the weights.
SWITCHES = ("include_developing", "include_unconfirmed")


class MatchWeightsSerializer(serializers.Serializer):
    """The weights kept for one request's ranking: every registered host factor (0–10) and
    whether hosts below level 3 are proposed."""

    include_developing = serializers.BooleanField(required=False, default=False)
    include_unconfirmed = serializers.BooleanField(required=False, default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in registry.names(registry.HOST):
            self.fields[factor] = weight_field(factor, required=False, allow_null=True)

    def weights(self) -> dict[str, float]:
        return {
            name: value for name, value in self.validated_data.items() if name not in SWITCHES and value is not None
        }

    @staticmethod
    def of(saved: MatchWeights | None, defaults: dict[str, float]) -> dict:
        weights = saved.as_dict() if saved else defaults
        return {**weights, **{switch: getattr(saved, switch) if saved else False for switch in SWITCHES}}
