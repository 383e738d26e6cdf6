"""The results API: the same services as the pages, scoped by the same access rules."""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core.api import DETAIL, ScopedModelViewSet
from results import filtersets, services
from results.api import serializers
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target

FORBIDDEN = "You may not save a record outside your own state or institution."


class _ServiceViewSet(ScopedModelViewSet):
    """Saves go through the app's service (`service(actor=, <id_name>=, **fields)`)."""

    service = None
    id_name = ""

    def _save_checked(self, serializer):
        instance = serializer.instance
        with transaction.atomic():
            record = type(self).service(
                actor=self.request.user,
                **{self.id_name: instance.pk if instance else None},
                **serializer.validated_data,
            )
            if not record.can_change(self.request.user):
                raise PermissionDenied(FORBIDDEN)
        serializer.instance = record


class ProgrammeViewSet(_ServiceViewSet):
    """Programmes: a development partner reads only those it funds."""

    queryset = Programme.objects.prefetch_related("funders")
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet
    service = services.programme_save
    id_name = "programme_id"


class ResultNodeViewSet(_ServiceViewSet):
    queryset = ResultNode.objects.prefetch_related("outputs")
    serializer_class = serializers.ResultNodeSerializer
    filterset_class = filtersets.ResultNodeFilterSet
    service = services.node_save
    id_name = "node_id"


MOVE_RESPONSES = {
    403: OpenApiResponse(DETAIL, description="Not the secretariat"),
    409: OpenApiResponse(DETAIL, description="Not a legal move now (e.g. the period is locked)"),
}


class IndicatorViewSet(_ServiceViewSet):
    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet
    service = services.indicator_save
    id_name = "indicator_id"

    @extend_schema(
        request=serializers.ComputeSerializer, responses={200: serializers.MeasuredValueSerializer, **MOVE_RESPONSES}
    )
    @action(detail=True, methods=["post"])
    def compute(self, request, pk=None):
        """Work out a computed indicator's value for a period, saved as a draft (officers)."""
        indicator = self.get_object()
        body = serializers.ComputeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        period = Period.objects.for_user(request.user).filter(pk=body.validated_data["period"]).first()
        if period is None:
            raise ValidationError({"period": ["Unknown period."]})
        value = services.indicator_compute(indicator_id=indicator.pk, period_id=period.pk, actor=request.user)
        return Response(serializers.MeasuredValueSerializer(value, context={"request": request}).data)


class PeriodViewSet(_ServiceViewSet):
    queryset = Period.objects.all()
    serializer_class = serializers.PeriodSerializer
    filterset_class = filtersets.PeriodFilterSet
    service = services.period_save
    id_name = "period_id"

    @extend_schema(request=None, responses={200: serializers.PeriodSerializer, **MOVE_RESPONSES})
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        """Certify the period: its values and targets are frozen (officers)."""
        period = services.period_lock(period_id=self.get_object().pk, actor=request.user)
        return Response(self.get_serializer(period).data)

    @extend_schema(
        request=serializers.ReasonSerializer, responses={200: serializers.PeriodSerializer, **MOVE_RESPONSES}
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """The audited reopening of a certified period, saying why (officers)."""
        period = self.get_object()
        body = serializers.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        period = services.period_reopen(period_id=period.pk, actor=request.user, reason=body.validated_data["reason"])
        return Response(self.get_serializer(period).data)


class TargetViewSet(_ServiceViewSet):
    queryset = Target.objects.all()
    serializer_class = serializers.TargetSerializer
    filterset_class = filtersets.TargetFilterSet
    service = services.target_save
    id_name = "target_id"


class MeasuredValueViewSet(_ServiceViewSet):
    """Figures: readers outside the secretariat see approved ones only."""

    queryset = MeasuredValue.objects.all()
    serializer_class = serializers.MeasuredValueSerializer
    filterset_class = filtersets.MeasuredValueFilterSet
    service = services.value_save
    id_name = "value_id"

    def _move(self, service, **kwargs):
        value = service(value_id=self.get_object().pk, actor=self.request.user, **kwargs)
        return Response(self.get_serializer(value).data)

    def _comment(self):
        body = serializers.CommentSerializer(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data.get("comment", "")

    @extend_schema(
        request=serializers.CommentSerializer, responses={200: serializers.MeasuredValueSerializer, **MOVE_RESPONSES}
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft or returned figure for approval (officers)."""
        return self._move(services.value_submit, comment=self._comment())

    @extend_schema(
        request=serializers.CommentSerializer, responses={200: serializers.MeasuredValueSerializer, **MOVE_RESPONSES}
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted figure (officers)."""
        return self._move(services.value_approve, comment=self._comment())

    @extend_schema(
        request=serializers.ReasonSerializer, responses={200: serializers.MeasuredValueSerializer, **MOVE_RESPONSES}
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Return a figure for correction, saying why (officers)."""
        body = serializers.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._move(services.value_return, reason=body.validated_data["reason"])
