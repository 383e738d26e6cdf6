from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ScopedModelViewSet
from maturity import filtersets, selectors, services
from maturity.api import serializers
from maturity.models import MaturityAssessment


class MaturityAssessmentViewSet(ScopedModelViewSet):
    """Dated maturity assessments: a time series, so they are added, never edited.

    Recording goes through `assessment_record` (focal points: self-assessments of their own
    state; the secretariat: every method). Only the secretariat deletes an assessment."""

    queryset = MaturityAssessment.objects.select_related("state", "area", "recorded_by").prefetch_related("documents")
    serializer_class = serializers.MaturityAssessmentSerializer
    filterset_class = filtersets.MaturityAssessmentFilterSet
    ordering_fields = ["assessed_on", "level", "created_at"]
    ordering = ["-assessed_on", "-created_at", "-pk"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.assessment_record(actor=self.request.user, **data)
        except DjangoValidationError as error:
            raise drf_serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error

    def perform_destroy(self, instance):
        services.assessment_delete(assessment_id=instance.pk, actor=self.request.user)

    @extend_schema(responses=serializers.CurrentLevelSerializer(many=True))
    @action(detail=False, methods=["get"])
    def current(self, request):
        """The latest visible assessment per state and area, by state then area. The list filters
        apply first, so `date_to` gives the map as it stood on a date and `method` the latest of
        one kind."""
        history = self._current_filterset(self.get_queryset().select_related(None).prefetch_related(None))
        if self._asks_for_today(history.form.cleaned_data):
            rows = self._current_filterset(selectors.current_level_table(user=request.user)).qs
        else:
            rows = selectors.levels_as_of(history.qs)
        page = self.paginate_queryset(rows)
        if page is not None:
            return self.get_paginated_response(serializers.CurrentLevelSerializer(page, many=True).data)
        return Response(serializers.CurrentLevelSerializer(rows, many=True).data, status=status.HTTP_200_OK)

    def _current_filterset(self, queryset):
        """The list's filters over `queryset` (assessments, or the current table: the fields they
        filter have the same names); a bad filter is refused (400) as on the list."""
        filterset = self.filterset_class(self.request.query_params, queryset=queryset, request=self.request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset

    @staticmethod
    def _asks_for_today(filters) -> bool:
        """Whether the maintained current table answers: no method asked (it keeps the latest of
        every kind) and no date before today (no assessment is dated in the future); `state`,
        `area`, `within` and `date_from` filter its rows as they would the history's winners."""
        on = filters.get("date_to")
        return not filters.get("method") and (on is None or on >= timezone.localdate())
