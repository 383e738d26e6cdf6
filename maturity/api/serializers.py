from rest_framework import serializers

from core.api import ScopedModelSerializer
from maturity.models import MaturityAssessment


class MaturityAssessmentSerializer(ScopedModelSerializer):
    """One dated assessment; new ones are recorded through the same service as the pages."""

    state_iso = serializers.CharField(source="state.iso_code", read_only=True)
    area_code = serializers.CharField(source="area.code", read_only=True)
    can_host = serializers.BooleanField(read_only=True)
    recorded_by = serializers.StringRelatedField(read_only=True)
    evidence_file = serializers.FileField(write_only=True, required=False, allow_null=True)
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = MaturityAssessment
        fields = [
            "id",
            "state",
            "state_iso",
            "area",
            "area_code",
            "level",
            "can_host",
            "method",
            "assessed_on",
            "assessor",
            "evidence",
            "evidence_file",
            "evidence_url",
            "notes",
            "visibility",
            "recorded_by",
            "created_at",
            "updated_at",
        ]

    def get_evidence_url(self, obj) -> str | None:
        """The evidence document, served only to those who may see the assessment."""
        document = obj.evidence_document
        if document is None:
            return None
        url = document.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CurrentLevelSerializer(serializers.Serializer):
    """The latest assessment of one state in one area."""

    state = serializers.IntegerField(source="state_id")
    area = serializers.IntegerField(source="area_id")
    level = serializers.IntegerField()
    can_host = serializers.BooleanField()
    method = serializers.CharField()
    assessed_on = serializers.DateField()
    assessment = serializers.IntegerField(source="assessment_id")
