from rest_framework import serializers

from community.choices import MembershipKind
from community.models import CapabilityArea
from core.api import ScopedModelSerializer
from decisions.models import Decision, ImplementationReport, RequiredAction


class RequiredActionSerializer(ScopedModelSerializer):
    """A national action a decision requires of every member state."""

    short_label = serializers.CharField(read_only=True)

    class Meta:
        model = RequiredAction
        fields = [
            "id",
            "decision",
            "position",
            "short_label",
            "description",
            "area",
            "timeframe",
            "due_date",
            "created_at",
            "updated_at",
        ]


class NestedActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredAction
        fields = ["id", "position", "description", "area", "timeframe", "due_date"]
        read_only_fields = fields


class DecisionSerializer(ScopedModelSerializer):
    """A decision of an organ of the community, with its required actions (read only here;
    actions are written through /actions/)."""

    actions = NestedActionSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "reference",
            "title",
            "organ",
            "meeting",
            "date",
            "text",
            "actions",
            "created_at",
            "updated_at",
        ]


class ImplementationReportSerializer(ScopedModelSerializer):
    """One report of a state's status on an action. Reports are added through the
    `implementation_report` service and never edited: a new status is a new report."""

    state_iso = serializers.CharField(source="state.iso_code", read_only=True)
    decision = serializers.IntegerField(source="action.decision_id", read_only=True)
    reported_by = serializers.StringRelatedField(read_only=True)
    status_date = serializers.DateField(required=False, help_text="As-of date; today when left out.")

    class Meta:
        model = ImplementationReport
        fields = [
            "id",
            "state",
            "state_iso",
            "action",
            "decision",
            "status",
            "evidence",
            "status_date",
            "reported_by",
            "created_at",
        ]


class StateComplianceSerializer(serializers.Serializer):
    """A member state's compliance: complied over applicable actions, as a percentage."""

    state = serializers.IntegerField(source="state.pk")
    state_name = serializers.CharField(source="state.name")
    state_iso = serializers.CharField(source="state.iso_code")
    complied = serializers.IntegerField(source="score.complied")
    applicable = serializers.IntegerField(source="score.applicable")
    compliance = serializers.FloatField(source="score.percent", allow_null=True)


class ComplianceSerializer(serializers.Serializer):
    actions = serializers.IntegerField()
    complied = serializers.IntegerField(source="overall.complied")
    applicable = serializers.IntegerField(source="overall.applicable")
    compliance = serializers.FloatField(source="overall.percent", allow_null=True)
    states = StateComplianceSerializer(many=True)


class ComplianceQuerySerializer(serializers.Serializer):
    """The compliance endpoint's filters: the same as the implementation map's."""

    decision = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.all(), required=False)
    within = serializers.PrimaryKeyRelatedField(
        queryset=CapabilityArea.objects.all(),
        required=False,
        help_text="A capability area: its whole subtree counts.",
    )
    sub_region = serializers.CharField(required=False, allow_blank=True, default="")
    membership = serializers.ChoiceField(choices=MembershipKind.choices, required=False, allow_blank=True, default="")
