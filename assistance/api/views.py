"""The requests API: the same scoped querysets, filters and services as the pages.

Status is never written directly: POST /requests/{id}/transitions/ calls services.request_transition."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from assistance import filtersets, selectors, services
from assistance.api import serializers
from assistance.models import AssistanceRequest, NeedsAssessment
from assistance.workflow import request_workflow
from core.api import DETAIL, DocumentSerializer, ScopedModelViewSet
from core.forms import DocumentField


class AssistanceRequestViewSet(ScopedModelViewSet):
    """Requests for technical assistance. Create files a request (focal points: for their own
    state); update follows the page's rule (`services.request_is_editable`), documents are added
    through the `documents` action (`services.request_may_attach`);
    status moves through the `transitions` action. A refused move answers 409 Conflict, a move
    the user may not make 403."""

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
            assistance_request = services.request_file(
                actor=user, submit=serializer.validated_data.get("submit", False), **serializer.service_fields()
            )
            if not assistance_request.can_change(user):
                raise PermissionDenied("You may not file a request for another member state.")
        serializer.instance = self._fresh(assistance_request.pk)

    def perform_update(self, serializer):
        assistance_request = serializer.instance
        services.request_update(
            request_id=assistance_request.pk,
            actor=self.request.user,
            submit=serializer.validated_data.get("submit", False),
            **serializer.service_fields(),
        )
        serializer.instance = self._fresh(assistance_request.pk)

    @extend_schema(
        request={"multipart/form-data": serializers.DocumentsUploadSerializer},
        responses={
            201: DocumentSerializer(many=True),
            400: OpenApiResponse(description="No file, or a file of a kind or size not accepted."),
            403: OpenApiResponse(DETAIL, description="Not yours to add to, or the request is over."),
            404: OpenApiResponse(DETAIL),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], parser_classes=[MultiPartParser])
    def documents(self, request, pk=None):
        """Add documents (the formal letter, terms of reference) to a request that is not over:
        the secretariat to any, a focal point to their own state's."""
        assistance_request = self.get_object()
        try:
            uploads = DocumentField(multiple=True, required=False).clean(request.FILES.getlist("documents"))
        except DjangoValidationError as error:
            raise DjangoValidationError({"documents": error.messages}) from error
        added = services.request_documents_add(request_id=assistance_request.pk, actor=request.user, documents=uploads)
        return Response(DocumentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=serializers.TransitionsSerializer)
    @extend_schema(
        methods=["POST"],
        request=serializers.TransitionSerializer,
        responses={
            200: serializers.AssistanceRequestSerializer,
            403: OpenApiResponse(DETAIL, description="You may not make this move on this request."),
            404: OpenApiResponse(DETAIL, description="No such request among those you may see."),
            409: OpenApiResponse(
                DETAIL, description="Not a move of the lifecycle, its condition is not met, or no reason."
            ),
        },
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def transitions(self, request, pk=None):
        """GET: the moves you may make now and the request's history. POST {"to", "comment"}: make one."""
        assistance_request = self.get_object()
        if request.method == "GET":
            timeline = selectors.request_timeline(assistance_request=assistance_request)
            totals = {total.status.value: int(total.duration.total_seconds()) for total in timeline.totals}
            allowed = [
                {"to": move.value, "label": move.label, "comment_required": move in request_workflow.reason_required}
                for move in services.allowed_transitions(assistance_request, request.user)
            ]
            data = {
                "status": assistance_request.status,
                "allowed": allowed,
                "history": [entry.change for entry in timeline.entries],
                "time_in_status": totals,
            }
            return Response(serializers.TransitionsSerializer(data).data)
        move = serializers.TransitionSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        services.request_transition(
            request_id=assistance_request.pk,
            to=move.validated_data["to"],
            actor=request.user,
            comment=move.validated_data["comment"],
        )
        return Response(self.get_serializer(self._fresh(assistance_request.pk)).data)

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
        assistance_request = self.get_object()
        data = serializers.AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.request_assign(
            request_id=assistance_request.pk, officer=data.validated_data["officer"], actor=request.user
        )
        return Response(self.get_serializer(self._fresh(assistance_request.pk)).data)


class NeedsAssessmentViewSet(ScopedModelViewSet):
    """Needs assessments, recorded by the secretariat before approval. The first one moves a
    registered request to assessing."""

    queryset = NeedsAssessment.objects.select_related("request", "assessed_by")
    serializer_class = serializers.NeedsAssessmentSerializer
    filterset_class = filtersets.NeedsAssessmentFilterSet
    ordering_fields = ["assessed_on", "created_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    FIELDS = ("stakeholders", "baseline", "gaps", "recommended_modality", "risks", "assessed_on")

    def _save(self, serializer, assistance_request, fields):
        assessment = services.needs_assessment_save(request_id=assistance_request.pk, actor=self.request.user, **fields)
        serializer.instance = self.queryset.get(pk=assessment.pk)

    def perform_create(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name in self.FIELDS}
        assistance_request = serializer.validated_data["request"]
        if "baseline" not in data:
            data["baseline"] = services.baseline_for(assistance_request, user=self.request.user)
        self._save(serializer, assistance_request, data)

    def perform_update(self, serializer):
        instance = serializer.instance
        data = {name: serializer.validated_data.get(name, getattr(instance, name)) for name in self.FIELDS}
        self._save(serializer, instance.request, data)
