from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from community import filtersets, models, selectors, services
from community.api import serializers
from core.api import ScopedModelViewSet


class MemberStateViewSet(ScopedModelViewSet):
    queryset = models.MemberState.objects.prefetch_related("official_languages")
    serializer_class = serializers.MemberStateSerializer
    filterset_class = filtersets.MemberStateFilterSet
    ordering_fields = ["name", "iso_code", "population"]


class InstitutionViewSet(ScopedModelViewSet):
    queryset = models.Institution.objects.prefetch_related("staff_languages")
    serializer_class = serializers.InstitutionSerializer
    filterset_class = filtersets.InstitutionFilterSet
    ordering_fields = ["name", "kind"]


class PersonViewSet(ScopedModelViewSet):
    queryset = models.Person.objects.prefetch_related("languages", "expertise_areas", "posts")
    serializer_class = serializers.PersonSerializer
    filterset_class = filtersets.PersonFilterSet
    ordering_fields = ["full_name"]

    def perform_create(self, serializer):
        try:
            serializer.instance = services.person_create(actor=self.request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise drf_serializers.ValidationError(error.message_dict) from error

    @extend_schema(request=serializers.ReassignSerializer, responses=serializers.PersonSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        """Move the person to a new post; the current post is closed and kept in the history."""
        person = self.get_object()
        data = serializers.ReassignSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            person = services.person_reassign(person_id=person.pk, actor=request.user, **data.validated_data)
        except DjangoValidationError as error:
            raise drf_serializers.ValidationError(error.message_dict) from error
        return Response(self.get_serializer(person).data)


class CommitteeMeetingViewSet(ScopedModelViewSet):
    queryset = models.CommitteeMeeting.objects.all()
    serializer_class = serializers.CommitteeMeetingSerializer
    filterset_class = filtersets.CommitteeMeetingFilterSet
    ordering_fields = ["date"]


class NetworkViewSet(ScopedModelViewSet):
    queryset = models.Network.objects.prefetch_related("areas")
    serializer_class = serializers.NetworkSerializer
    filterset_class = filtersets.NetworkFilterSet
    ordering_fields = ["name"]

    @extend_schema(
        request=serializers.NetworkMembershipSerializer, responses=serializers.NetworkMembershipSerializer(many=True)
    )
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        """The members the user may see; officers add members by POST."""
        network = self.get_object()
        if request.method == "POST":
            if not network.can_change(request.user):
                raise PermissionDenied
            serializer = serializers.NetworkMembershipSerializer(data=request.data, context={"request": request})
            serializer.is_valid(raise_exception=True)
            try:
                serializer.instance = services.network_add_member(
                    network=network, actor=request.user, **serializer.validated_data
                )
            except DjangoValidationError as error:
                raise drf_serializers.ValidationError(error.message_dict) from error
            return Response(serializer.data, status=201)
        members = selectors.network_members(network=network, user=request.user)
        return Response(serializers.NetworkMembershipSerializer(members, many=True).data)


class CapabilityAreaViewSet(ScopedModelViewSet):
    queryset = models.CapabilityArea.objects.select_related("parent")
    serializer_class = serializers.CapabilityAreaSerializer
    filterset_class = filtersets.CapabilityAreaFilterSet
    ordering_fields = ["path", "code", "name"]


class RegionalMeetingViewSet(ScopedModelViewSet):
    queryset = models.RegionalMeeting.objects.select_related("host_state").prefetch_related("attending_states", "areas")
    serializer_class = serializers.RegionalMeetingSerializer
    filterset_class = filtersets.RegionalMeetingFilterSet
    ordering_fields = ["start_date"]


class NonWorkingDayViewSet(ScopedModelViewSet):
    queryset = models.NonWorkingDay.objects.select_related("state")
    serializer_class = serializers.NonWorkingDaySerializer
    filterset_class = filtersets.NonWorkingDayFilterSet
    ordering_fields = ["date"]
