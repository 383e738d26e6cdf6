from rest_framework import serializers

from core.api import DocumentSerializer, ScopedModelSerializer
from followup.choices import Stage
from followup.models import ActionItem, ActionPlan, Evaluation, EvaluationAnswer


class EvaluationAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationAnswer
        fields = ["scores", "uses_results", "comment", "created_at"]


class EvaluationSerializer(serializers.ModelSerializer):
    """A questionnaire sent, with its answer linked to the respondent (the secretariat only)."""

    answer = EvaluationAnswerSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "activity",
            "stage",
            "respondent",
            "person",
            "institution",
            "email",
            "language",
            "question_set",
            "version",
            "sent_at",
            "reminders_sent",
            "answered_at",
            "answer",
        ]
        read_only_fields = fields


class ActionItemSerializer(ScopedModelSerializer):
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "plan",
            "description",
            "owner_person",
            "owner_name",
            "institution",
            "due_date",
            "status",
            "evidence",
            "documents",
        ]


class ActionPlanSerializer(ScopedModelSerializer):
    items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "activity", "state", "title", "group_work", "reviewed_at", "review_note", "items"]
        read_only_fields = ["reviewed_at", "review_note"]


class ReviewSerializer(serializers.Serializer):
    note = serializers.CharField()


class ScoreGroupSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    answers = serializers.IntegerField()
    overall = serializers.FloatField(allow_null=True)
    using_share = serializers.FloatField(allow_null=True)
    means = serializers.DictField(child=serializers.FloatField(allow_null=True))


class RetentionSerializer(serializers.Serializer):
    key = serializers.IntegerField()
    trained = serializers.IntegerField()
    in_post = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class ItemDocumentsUploadSerializer(serializers.Serializer):
    documents = serializers.ListField(child=serializers.FileField())


class SendSerializer(serializers.Serializer):
    activity = serializers.IntegerField()
    stage = serializers.ChoiceField(choices=Stage.choices)


class FollowUpReviewSerializer(serializers.Serializer):
    """The follow-up review of a request: the service checks every value, as on the page."""

    to = serializers.CharField(help_text="The request's next status: follow_up or closed.")
    evidence = serializers.CharField(allow_blank=True, default="")
    comment = serializers.CharField(allow_blank=True, default="")
    levels = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=4),
        default=dict,
        help_text="Capability area id → the requesting state's level (0–4), one per area of the request.",
    )
    statuses = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        default=dict,
        help_text="Linked action id → implementation status (optional).",
    )


class FollowUpReviewResultSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    status = serializers.CharField()
    assessments = serializers.ListField(child=serializers.IntegerField())
    reports = serializers.ListField(child=serializers.IntegerField())
