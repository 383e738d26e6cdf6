from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ScopedModelViewSet
from decisions import filtersets, selectors, services
from decisions.api import serializers
from decisions.models import Decision, ImplementationReport, RequiredAction


class DecisionViewSet(ScopedModelViewSet):
    """Decisions of the community's organs with their required actions; the secretariat writes."""

    queryset = Decision.objects.prefetch_related("actions")
    serializer_class = serializers.DecisionSerializer
    filterset_class = filtersets.DecisionFilterSet
    ordering_fields = ["date", "reference", "organ"]
    ordering = ["-date", "reference"]


class RequiredActionViewSet(ScopedModelViewSet):
    """National actions required by decisions; the secretariat writes."""

    queryset = RequiredAction.objects.select_related("decision")
    serializer_class = serializers.RequiredActionSerializer
    filterset_class = filtersets.RequiredActionFilterSet
    ordering_fields = ["position", "due_date", "timeframe"]
    ordering = ["-decision__date", "decision__reference", "position", "pk"]


COMPLIANCE_PARAMETERS = [
    OpenApiParameter("decision", OpenApiTypes.INT, description="Only this decision's actions."),
    OpenApiParameter("within", OpenApiTypes.INT, description="Only actions in this capability area's subtree."),
    OpenApiParameter("sub_region", OpenApiTypes.STR, description="Only member states of this sub-region."),
    OpenApiParameter(
        "membership",
        OpenApiTypes.STR,
        enum=["full", "associate"],
        description="Only full or associate members.",
    ),
]


class ImplementationReportViewSet(ScopedModelViewSet):
    """Reports of each state's status on each action: a time series, so reports are added, never
    edited. Adding goes through `implementation_report` (focal points for their own state; only
    the secretariat verifies); only the secretariat deletes a report filed in error."""

    queryset = ImplementationReport.objects.select_related("state", "action", "reported_by")
    serializer_class = serializers.ImplementationReportSerializer
    filterset_class = filtersets.ImplementationReportFilterSet
    ordering_fields = ["status_date", "created_at"]
    ordering = ["-status_date", "-created_at", "-pk"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        try:
            serializer.instance = services.implementation_report(actor=self.request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise drf_serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error

    def perform_destroy(self, instance):
        services.implementation_report_delete(actor=self.request.user, report=instance)

    @extend_schema(parameters=COMPLIANCE_PARAMETERS, responses=serializers.ComplianceSerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def compliance(self, request):
        """Compliance per member state from the current statuses: actions done or verified over
        those that apply (no report counts as not started), optionally for one decision or one
        capability-area subtree."""
        query = serializers.ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        actions, rows, overall = selectors.state_compliance(user=request.user, **query.validated_data)
        data = {
            "actions": actions,
            "overall": overall,
            "states": [{"state": state, "score": score} for state, score in rows],
        }
        return Response(serializers.ComplianceSerializer(data).data)
