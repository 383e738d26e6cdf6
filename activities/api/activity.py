"""The activities API: the same scoped reads, filters and services as the pages.

Status is never written directly: POST /activities/{id}/move/ calls `services.activity_move`
(200, 409 when the lifecycle refuses, 403 when the move is not yours to make)."""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from activities import filtersets, selectors, services
from activities.choices import ACTIVITY_MODALITIES, ActivityStatus
from activities.models import Activity
from assistance import selectors as request_selectors
from assistance.api.serializers import NamedChoiceField
from community.models import CapabilityArea, Language
from core.api import DETAIL, ScopedModelSerializer, ScopedModelViewSet

FORBIDDEN = "You may not save a record outside your own state or institution."


class ActivitySerializer(ScopedModelSerializer):
    """An activity. `status` and `reference` are read-only: status moves through …/move/."""

    modality = NamedChoiceField(ACTIVITY_MODALITIES, enum_name="ActivityModalityEnum")
    status = NamedChoiceField(ActivityStatus.choices, enum_name="ActivityStatusEnum", read_only=True)
    languages = serializers.SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), many=True, required=False
    )
    areas = serializers.SlugRelatedField(
        slug_field="code", queryset=CapabilityArea.objects.all(), many=True, required=False
    )
    officer = serializers.PrimaryKeyRelatedField(
        queryset=request_selectors.officer_choices(), allow_null=True, required=False
    )
    host_state_code = serializers.CharField(source="host_state.iso_code", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "reference",
            "title",
            "modality",
            "description",
            "host_state",
            "host_state_code",
            "host_institution",
            "requests",
            "states",
            "experts",
            "start_date",
            "end_date",
            "venue",
            "online_link",
            "languages",
            "areas",
            "status",
            "status_changed_at",
            "officer",
            "visibility",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "status", "status_changed_at"]

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        instance = self.instance
        if instance is not None:  # a partial update keeps what it does not name
            for name in services.ACTIVITY_FIELDS:
                data.setdefault(name, getattr(instance, name))
        return data


class ActivityMoveSerializer(serializers.Serializer):
    to = NamedChoiceField(ActivityStatus.choices, enum_name="ActivityStatusEnum")
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ActivityViewSet(ScopedModelViewSet):
    """Activities: the secretariat creates and changes them; the states taking part, the host
    institution and the experts read theirs; every other state reads the shared ones."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet
    ordering_fields = ["start_date", "title", "status_changed_at", "created_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.activity_api_queryset(user=self.request.user)

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    def _save_checked(self, serializer):
        instance = serializer.instance
        with transaction.atomic():
            activity = services.activity_save(
                activity_id=instance.pk if instance else None, actor=self.request.user, **serializer.service_fields()
            )
            if not activity.can_change(self.request.user):
                raise PermissionDenied(FORBIDDEN)  # rolls the save back
        serializer.instance = self._fresh(activity.pk)

    @extend_schema(
        request=ActivityMoveSerializer,
        responses={
            200: ActivitySerializer,
            403: OpenApiResponse(DETAIL, description="You may not make this move on this activity."),
            404: OpenApiResponse(DETAIL, description="No such activity among those you may see."),
            409: OpenApiResponse(
                DETAIL, description="Not a move of the lifecycle, its condition is not met, or no reason."
            ),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def move(self, request, pk=None):
        """Move the activity ({"to", "comment"}); the requests it serves follow."""
        activity = self.get_object()
        data = ActivityMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.activity_move(
            activity_id=activity.pk,
            to=data.validated_data["to"],
            actor=request.user,
            comment=data.validated_data["comment"],
        )
        return Response(self.get_serializer(self._fresh(activity.pk)).data)


def routes(router) -> None:
    router.register("activities", ActivityViewSet, basename="activity")
