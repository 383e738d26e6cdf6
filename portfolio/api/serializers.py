from django.utils import timezone
from rest_framework import serializers

from community.models import CapabilityArea, Language
from core.api import ScopedModelSerializer
from portfolio.models import Practice
from portfolio.services import institution_spoken_for


class PracticeSerializer(ScopedModelSerializer):
    """An entry of the portfolio. `status` and the review fields change only through the
    `publish` and `request-update` actions (and an owner's edit of a flagged entry)."""

    areas = serializers.SlugRelatedField(slug_field="code", queryset=CapabilityArea.objects.all(), many=True)
    languages = serializers.SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), many=True, required=False
    )
    state_code = serializers.CharField(source="state.iso_code", read_only=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "title",
            "state",
            "state_code",
            "institution",
            "areas",
            "description",
            "results",
            "evidence",
            "in_operation_since",
            "target_population",
            "languages",
            "contact",
            "visibility",
            "status",
            "review_note",
            "reviewed_at",
            "reviewed_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "review_note", "reviewed_at", "reviewed_by"]

    def validate_areas(self, value):
        if not value:
            raise serializers.ValidationError("Name at least one capability area.")
        return value

    def validate_in_operation_since(self, value):
        if value and value > timezone.localdate():
            raise serializers.ValidationError("A practice to share must already be in operation.")
        return value

    def validate(self, attrs):
        def current(name):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)

        state, institution, contact = current("state"), current("institution"), current("contact")
        if state and institution and institution.state_id != state.pk:
            raise serializers.ValidationError({"institution": "This institution belongs to another member state."})
        if state and contact and contact.state_id and contact.state_id != state.pk:
            raise serializers.ValidationError({"contact": "This person works in another member state."})
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and institution_spoken_for(user) and not institution:
            raise serializers.ValidationError(
                {"institution": "A host coordinator's entries belong to their institution."}
            )
        return attrs


class ReviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
