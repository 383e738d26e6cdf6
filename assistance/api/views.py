"""The requests API: the same scoped querysets, filters and services as the pages.

Status is never written directly: POST /requests/{id}/transitions/ calls services.request_transition."""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status as http
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from assistance import filtersets, selectors, services
from assistance.api import serializers
from assistance.choices import Status
from assistance.exceptions import InvalidTransition, TransitionForbidden
from assistance.models import AssistanceRequest, NeedsAssessment
from core.api import ScopedModelViewSet

DETAIL = inline_serializer("Detail", {"detail": drf_serializers.CharField()})


class Refused(APIException):
    """The move is not part of the lifecycle, or its guard is not met."""

    status_code = http.HTTP_400_BAD_REQUEST
    default_detail = "This move is not possible."
    default_code = "refused"


class Conflict(APIException):
    status_code = http.HTTP_409_CONFLICT
    default_detail = "Only drafts can be changed through the API."
    default_code = "conflict"


class AssistanceRequestViewSet(ScopedModelViewSet):
    """Requests for technical assistance. Create files a request (focal points: for their own
    state); update is for drafts only; status moves through the `transitions` action."""

    queryset = AssistanceRequest.objects.select_related(
        "state", "institution", "focal_point", "assigned_officer"
    ).prefetch_related("areas", "decisions", "actions", "documents")
    serializer_class = serializers.AssistanceRequestSerializer
    filterset_class = filtersets.AssistanceRequestFilterSet
    ordering_fields = ["created_at", "status_changed_at", "reference", "urgency", "window_start"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _fresh(self, pk):
        return self.queryset.get(pk=pk)

    def perform_create(self, serializer):
        user = self.request.user
        with transaction.atomic():
            obj = services.request_file(
                form=serializer.as_form(), actor=user, submit=serializer.validated_data.get("submit", False)
            )
            if not obj.can_change(user):
                raise PermissionDenied("You may not file a request for another member state.")
        serializer.instance = self._fresh(obj.pk)

    def perform_update(self, serializer):
        obj = serializer.instance
        if obj.status != Status.DRAFT:
            raise Conflict()
        services.request_update(form=serializer.as_form(obj), actor=self.request.user)
        serializer.instance = self._fresh(obj.pk)

    @extend_schema(methods=["GET"], responses=serializers.TransitionsSerializer)
    @extend_schema(
        methods=["POST"],
        request=serializers.TransitionSerializer,
        responses={
            200: serializers.AssistanceRequestSerializer,
            400: OpenApiResponse(DETAIL, description="Not a move of the lifecycle, or its condition is not met."),
            403: OpenApiResponse(DETAIL, description="Your role may not make this move on this request."),
            404: OpenApiResponse(DETAIL, description="No such request among those you may see."),
        },
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def transitions(self, request, pk=None):
        """GET: the moves you may make now and the request's history. POST {"to", "comment"}: make one."""
        obj = self.get_object()
        if request.method == "GET":
            timeline = selectors.request_timeline(request=obj)
            totals = {total.status.value: int(total.duration.total_seconds()) for total in timeline.totals}
            allowed = [
                {"to": move.value, "label": move.label, "comment_required": move in services.REASON_REQUIRED}
                for move in services.allowed_transitions(obj, request.user)
            ]
            data = {
                "status": obj.status,
                "allowed": allowed,
                "history": [entry.change for entry in timeline.entries],
                "time_in_status": totals,
            }
            return Response(serializers.TransitionsSerializer(data).data)
        move = serializers.TransitionSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        try:
            services.request_transition(
                request_id=obj.pk,
                to=move.validated_data["to"],
                actor=request.user,
                comment=move.validated_data["comment"],
            )
        except InvalidTransition as exc:
            raise Refused(exc.message) from exc
        except TransitionForbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(self.get_serializer(self._fresh(obj.pk)).data)

    @extend_schema(
        request=serializers.AssignSerializer,
        responses={
            200: serializers.AssistanceRequestSerializer,
            403: OpenApiResponse(DETAIL),
            404: OpenApiResponse(DETAIL),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def assign(self, request, pk=None):
        """Route the request to an active secretariat officer ({"officer": id}, or null to unassign)."""
        obj = self.get_object()
        if not request.user.is_secretariat:
            raise PermissionDenied("Only the secretariat routes requests.")
        data = serializers.AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.request_assign(request_id=obj.pk, officer=data.validated_data["officer"], actor=request.user)
        return Response(self.get_serializer(self._fresh(obj.pk)).data)


class NeedsAssessmentViewSet(ScopedModelViewSet):
    """Needs assessments, recorded by the secretariat before approval. The first one moves a
    registered request to assessing."""

    queryset = NeedsAssessment.objects.select_related("request", "assessed_by")
    serializer_class = serializers.NeedsAssessmentSerializer
    filterset_class = filtersets.NeedsAssessmentFilterSet
    ordering_fields = ["assessed_on", "created_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    FIELDS = ("stakeholders", "baseline", "gaps", "recommended_modality", "risks", "assessed_on")

    def _save(self, serializer, request_obj, fields):
        try:
            assessment = services.needs_assessment_save(request_id=request_obj.pk, actor=self.request.user, **fields)
        except InvalidTransition as exc:
            raise Refused(exc.message) from exc
        serializer.instance = self.queryset.get(pk=assessment.pk)

    def perform_create(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name in self.FIELDS}
        request_obj = serializer.validated_data["request"]
        if "baseline" not in data:
            data["baseline"] = services.baseline_for(request_obj, user=self.request.user)
        self._save(serializer, request_obj, data)

    def perform_update(self, serializer):
        instance = serializer.instance
        data = {name: serializer.validated_data.get(name, getattr(instance, name)) for name in self.FIELDS}
        self._save(serializer, instance.request, data)
