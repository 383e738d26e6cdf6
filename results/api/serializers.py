from rest_framework import serializers

from core.api import ScopedModelSerializer
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target


class ProgrammeSerializer(ScopedModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "start_date",
            "end_date",
            "funders",
            "description",
            "visibility",
            "created_at",
            "updated_at",
        ]


class ResultNodeSerializer(ScopedModelSerializer):
    class Meta:
        model = ResultNode
        fields = ["id", "programme", "parent", "level", "code", "title", "position", "outputs"]
        extra_kwargs = {"outputs": {"required": False}}


class IndicatorSerializer(ScopedModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "node",
            "name",
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_frequency",
            "cumulative_mode",
            "disaggregation",
            "source",
            "source_params",
            "position",
        ]


class PeriodSerializer(ScopedModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "programme", "label", "start_date", "end_date", "status", "status_changed_at"]
        read_only_fields = ["status", "status_changed_at"]


class TargetSerializer(ScopedModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "indicator", "period", "value"]


class MeasuredValueSerializer(ScopedModelSerializer):
    """A figure; `status` moves only through the submit, approve and return actions."""

    class Meta:
        model = MeasuredValue
        fields = ["id", "indicator", "period", "value", "disaggregated", "source_note", "status", "status_changed_at"]
        read_only_fields = ["status", "status_changed_at"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ComputeSerializer(serializers.Serializer):
    period = serializers.IntegerField()
