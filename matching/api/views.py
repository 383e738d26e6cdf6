"""The matching API: a request's ranking, and invitations as resources with answer actions.

The same selectors and services as the pages; the same rules: the ranking is the secretariat's
(404 if the request is not visible, 403 if visible but not brokered by the user); only the
secretariat invites (403); only the invitee (or the secretariat on its behalf) answers (403);
a step the rules refuse is a 400."""

from django.db.models import Case, IntegerField, Value, When
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from assistance.exceptions import InvalidTransition
from matching import conf, selectors, services
from matching import factors as registry
from matching.api import serializers
from matching.choices import InvitationStatus
from matching.exceptions import MatchingError
from matching.models import ExpertInvitation, HostInvitation


def _refused(error) -> ValidationError:
    return ValidationError({"detail": getattr(error, "message", str(error))})


class RequestMatchesView(APIView):
    """Ranked host states (with proposed institutions) and experts for a request, each with its
    per-factor contributions, reasons and "why not higher"; excluded candidates with the reason.
    Factor names as query parameters (0–10) re-rank with those weights."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            serializers.MatchQuerySerializer,
            *[
                OpenApiParameter(factor.name, float, description=f"weight of {factor.name}, 0–10")
                for factor in registry.host_factors()
            ],
        ],
        responses=serializers.MatchesSerializer,
    )
    def get(self, request, pk):
        assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
        query = serializers.MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        weights = None
        names = registry.names(registry.HOST)
        if any(factor in data for factor in names):
            saved = selectors.saved_weights(assistance_request)
            weights = {
                **(saved.as_dict() if saved else conf.host_weights()),
                **{factor: data[factor] for factor in names if factor in data},
            }
        matches = selectors.request_matches(
            request=assistance_request,
            user=request.user,
            weights=weights,
            include_developing=data.get("include_developing"),
            top=data.get("top"),
            expert_top=data["expert_top"],
        )
        return Response(serializers.MatchesSerializer(matches).data)


class InvitationViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Shared by host and expert invitations: list and read what the user may see; create invites
    (the secretariat); accept, decline and withdraw are actions."""

    filterset_fields = ["request", "status"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return (
            self.queryset.for_user(self.request.user)
            .annotate(
                open_first=Case(
                    When(status=InvitationStatus.INVITED, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("open_first", "-created_at", "-pk")
        )

    def _answer(self, respond, *, accept: bool, reason: str):
        invitation = self.get_object()
        try:
            invitation = respond(invitation_id=invitation.pk, actor=self.request.user, accept=accept, reason=reason)
        except (MatchingError, InvalidTransition) as error:
            raise _refused(error) from error
        return Response(self.get_serializer(self.queryset.get(pk=invitation.pk)).data)

    def _withdraw(self, withdraw, reason: str):
        invitation = self.get_object()
        try:
            withdraw(invitation_id=invitation.pk, actor=self.request.user, reason=reason)
        except (MatchingError, InvalidTransition) as error:
            raise _refused(error) from error
        return Response(self.get_serializer(self.queryset.get(pk=invitation.pk)).data)

    def _created(self, invitation):
        serializer = self.get_serializer(self.queryset.get(pk=invitation.pk))
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class HostInvitationViewSet(InvitationViewSet):
    """Invitations to host a request. POST creates one (the request moves to `matching`)."""

    queryset = HostInvitation.objects.select_related("request", "state", "institution")
    serializer_class = serializers.HostInvitationSerializer
    filterset_fields = ["request", "status", "state", "institution"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            invitation = services.invite_host(
                request_id=data["request"].pk,
                state_id=data["state"].pk,
                actor=request.user,
                institution_id=data["institution"].pk if data.get("institution") else None,
                message=data.get("message", ""),
            )
        except (MatchingError, InvalidTransition) as error:
            raise _refused(error) from error
        return self._created(invitation)

    @extend_schema(request=serializers.AnswerSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def accept(self, request, pk=None):
        """Accept to host: the request moves to `host_confirmed`."""
        return self._answer(services.host_respond, accept=True, reason=request.data.get("reason", ""))

    @extend_schema(request=serializers.ReasonRequiredSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decline(self, request, pk=None):
        """Decline, with a reason: the officer is told and the state is not proposed again."""
        return self._answer(services.host_respond, accept=False, reason=request.data.get("reason", ""))

    @extend_schema(request=serializers.ReasonRequiredSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def withdraw(self, request, pk=None):
        """The secretariat withdraws an invitation still waiting for an answer."""
        return self._withdraw(services.withdraw_host_invitation, request.data.get("reason", ""))


class ExpertInvitationViewSet(InvitationViewSet):
    """Invitations to serve as an expert on a request."""

    queryset = ExpertInvitation.objects.select_related("request", "person")
    serializer_class = serializers.ExpertInvitationSerializer
    filterset_fields = ["request", "status", "person"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            invitation = services.invite_expert(
                request_id=data["request"].pk,
                person_id=data["person"].pk,
                actor=request.user,
                message=data.get("message", ""),
            )
        except (MatchingError, InvalidTransition) as error:
            raise _refused(error) from error
        return self._created(invitation)

    @extend_schema(request=serializers.AnswerSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def accept(self, request, pk=None):
        return self._answer(services.expert_respond, accept=True, reason=request.data.get("reason", ""))

    @extend_schema(request=serializers.ReasonRequiredSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decline(self, request, pk=None):
        return self._answer(services.expert_respond, accept=False, reason=request.data.get("reason", ""))

    @extend_schema(request=serializers.ReasonRequiredSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def withdraw(self, request, pk=None):
        return self._withdraw(services.withdraw_expert_invitation, request.data.get("reason", ""))
