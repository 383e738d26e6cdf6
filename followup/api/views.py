from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from activities import selectors_followup as activity_reads
from core.access import sees_everything
from core.api import DETAIL, DocumentSerializer, ScopedModelViewSet
from core.forms import DocumentField
from followup import selectors, services, services_review
from followup.api import serializers
from followup.choices import Stage
from followup.models import ActionItem, ActionPlan, Evaluation

FORBIDDEN = "You may not save a record outside your own state or institution."


class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Questionnaires sent and their answers, linked to the respondent: the secretariat only."""

    queryset = Evaluation.objects.all()
    serializer_class = serializers.EvaluationSerializer
    filterset_fields = ["activity", "stage", "respondent"]

    def get_queryset(self):
        return Evaluation.objects.for_user(self.request.user).select_related("answer").order_by("pk")

    @extend_schema(
        request=serializers.SendSerializer,
        responses={
            201: serializers.EvaluationSerializer(many=True),
            400: OpenApiResponse(description="No such stage, or the activity is not closed."),
            403: OpenApiResponse(DETAIL, description="Not the secretariat"),
            404: OpenApiResponse(DETAIL, description="No such activity among those you may see."),
        },
    )
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def send(self, request):
        """Send an activity's questionnaire (end or follow-up) to those not yet asked (the secretariat)."""
        data = serializers.SendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = activity_reads.activity_for_user(user=request.user, activity_id=data.validated_data["activity"])
        sent = services.evaluations_send(
            activity_id=activity.pk, stage=data.validated_data["stage"], actor=request.user
        )
        return Response(self.get_serializer(sent, many=True).data, status=status.HTTP_201_CREATED)


class ActionPlanViewSet(ScopedModelViewSet):
    """A state's action plan from an activity's group work, with its items."""

    queryset = ActionPlan.objects.all()
    serializer_class = serializers.ActionPlanSerializer
    filterset_fields = ["activity", "state"]

    def get_queryset(self):
        items = ActionItem.objects.prefetch_related("documents")
        return ActionPlan.objects.for_user(self.request.user).prefetch_related(Prefetch("items", queryset=items))

    @extend_schema(
        request=serializers.ReviewSerializer,
        responses={
            200: serializers.ActionPlanSerializer,
            403: OpenApiResponse(DETAIL, description="Not the secretariat"),
        },
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Record the follow-up's review of the plan (the secretariat)."""
        plan = self.get_object()
        data = serializers.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.actionplan_review(plan_id=plan.pk, note=data.validated_data["note"], actor=request.user)
        return Response(self.get_serializer(plan).data)


class ActionItemViewSet(ScopedModelViewSet):
    """Items of action plans: the state's focal points keep their own up to date."""

    queryset = ActionItem.objects.all()
    serializer_class = serializers.ActionItemSerializer
    filterset_fields = ["plan", "status"]

    def get_queryset(self):
        return ActionItem.objects.for_user(self.request.user).prefetch_related("documents")

    def _save_checked(self, serializer):
        instance = serializer.instance
        with transaction.atomic():
            item = services.actionitem_save(
                item_id=instance.pk if instance else None, actor=self.request.user, **serializer.validated_data
            )
        serializer.instance = item

    @extend_schema(
        request={"multipart/form-data": serializers.ItemDocumentsUploadSerializer},
        responses={
            201: DocumentSerializer(many=True),
            400: OpenApiResponse(description="No file, or a file of a kind or size not accepted."),
            403: OpenApiResponse(DETAIL, description="Not your state's item."),
            404: OpenApiResponse(DETAIL),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], parser_classes=[MultiPartParser])
    def documents(self, request, pk=None):
        """Attach evidence documents to an item (its state's focal points, the secretariat)."""
        item = self.get_object()
        try:
            uploads = DocumentField(multiple=True, required=False).clean(request.FILES.getlist("documents"))
        except DjangoValidationError as error:
            raise DjangoValidationError({"documents": error.messages}) from error
        added = services.actionitem_documents_add(item_id=item.pk, actor=request.user, documents=uploads)
        return Response(DocumentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)


GROUP = OpenApiParameter("by", str, enum=list(selectors.GROUPINGS), description="Group by (default: activity).")
STAGE = OpenApiParameter("stage", str, enum=list(Stage.values), description="One questionnaire only.")


class EvaluationScoresView(APIView):
    """Mean ratings per outcome and answer counts, grouped by activity, host state, modality,
    capability area or year (the secretariat)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[GROUP, STAGE], responses={200: serializers.ScoreGroupSerializer(many=True)})
    def get(self, request):
        if not sees_everything(request.user):
            raise PermissionDenied
        by = request.query_params.get("by") or "activity"
        stage = request.query_params.get("stage") or None
        if by not in selectors.GROUPINGS or (stage and stage not in Stage.values):
            raise ValidationError({"by" if by not in selectors.GROUPINGS else "stage": ["Not a valid choice."]})
        rows = selectors.evaluation_breakdown(by=by, stage=stage)
        return Response([{**row, "key": None if row["key"] is None else str(row["key"])} for row in rows])


class RetentionView(APIView):
    """Officials trained (confirmed, present, activity closed) and how many still hold the post
    they had, per activity or per member state (the secretariat)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("by", str, enum=["activity", "state"], description="Default: activity.")],
        responses={200: serializers.RetentionSerializer(many=True)},
    )
    def get(self, request):
        if not sees_everything(request.user):
            raise PermissionDenied
        by = request.query_params.get("by") or "activity"
        if by not in ("activity", "state"):
            raise ValidationError({"by": ["Not a valid choice."]})
        figures = selectors.retention_by(key=by)
        return Response([{"key": key, **figure.as_dict()} for key, figure in sorted(figures.items())])


class FollowUpReviewView(APIView):
    """Record a request's follow-up review: the state's maturity in the request's areas, optional
    implementation reports, and the request's move, all or nothing (as the page does)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=serializers.FollowUpReviewSerializer,
        responses={
            201: serializers.FollowUpReviewResultSerializer,
            400: OpenApiResponse(description="Field errors: a missing level or evidence, a refused move."),
            403: OpenApiResponse(DETAIL, description="May not move the request or record maturity."),
            404: OpenApiResponse(DETAIL, description="No such request among those you may see."),
        },
    )
    def post(self, request, pk: int):
        data = serializers.FollowUpReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            done = services_review.followup_review_record(request_id=pk, actor=request.user, **data.validated_data)
        except ObjectDoesNotExist as missing:
            raise NotFound from missing
        except DjangoPermissionDenied as refusal:
            raise PermissionDenied(str(refusal) or None) from refusal
        body = {
            "request": done["request"].pk,
            "status": done["request"].status,
            "assessments": [row.pk for row in done["assessments"]],
            "reports": [row.pk for row in done["reports"]],
        }
        return Response(body, status=status.HTTP_201_CREATED)
