from django import forms
from rest_framework import serializers

from community.models import CapabilityArea, Language
from core.api import ScopedModelSerializer
from portfolio.models import Practice


class PracticeSerializer(ScopedModelSerializer):
    """An entry of the portfolio. `status` and the review fields change only through the
    `publish` and `request-update` actions (and an owner's edit of a flagged entry)."""

    # The rules are Practice.clean and services.practice_save (400 by field, as on the page);
    # an empty list of areas is refused in the form's words.
    areas = serializers.SlugRelatedField(
        slug_field="code",
        queryset=CapabilityArea.objects.all(),
        many=True,
        allow_empty=False,
        error_messages={"empty": forms.Field.default_error_messages["required"]},
    )
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


class ReviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
