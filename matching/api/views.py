"""The matching API: a request's ranking and kept weights, and invitations as resources with
answer actions.

The same selectors and services as the pages; the same rules: the ranking is the secretariat's
(404 if the request is not visible, 403 if visible but not brokered by the user); only the
secretariat invites (403); only the invitee (or the secretariat on its behalf) answers (403); a
rule of the service refuses with 400 `{field: [message]}` (`{"detail": message}` for the step as
a whole), the page's field and words; a move the workflow refuses is a 409, as in every app
(`core.api.exception_handler`)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import DETAIL
from matching import conf, selectors, services
from matching import factors as registry
from matching.api import serializers
from matching.exceptions import MatchingError
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion


def _refused(error: MatchingError) -> ValidationError:
    if error.field:
        return ValidationError({error.field: [error.text]})
    return ValidationError({"detail": error.text})


def _read(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


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
        data = _read(serializers.MatchQuerySerializer, request.query_params).validated_data
        weights = None
        names = registry.names(registry.HOST)
        if any(factor in data for factor in names):
            saved = selectors.saved_weights(assistance_request)
            weights = {
                **(saved.as_dict() if saved else conf.host_weights()),
                **{factor: data[factor] for factor in names if factor in data},
            }
        matches = selectors.request_matches(
            assistance_request=assistance_request,
            user=request.user,
            weights=weights,
            include_developing=data.get("include_developing"),
            include_unconfirmed=data.get("include_unconfirmed"),
            top=data.get("top"),
            expert_top=data["expert_top"],
        )
        return Response(serializers.MatchesSerializer(matches).data)


class RequestMatchWeightsView(APIView):
    """The weights kept for a request's ranking (GET), and keeping new ones (PUT): factor names
    (0–10; a factor left out has its default) and `include_developing`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MatchWeightsSerializer)
    def get(self, request, pk):
        assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
        saved = selectors.saved_weights(assistance_request)
        return Response(serializers.MatchWeightsSerializer.of(saved, conf.host_weights()))

    @extend_schema(
        request=serializers.MatchWeightsSerializer,
        responses={200: serializers.MatchWeightsSerializer, 400: DETAIL, 403: DETAIL},
    )
    def put(self, request, pk):
        assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
        given = _read(serializers.MatchWeightsSerializer, request.data)
        try:
            saved = services.match_weights_save(
                assistance_request_id=assistance_request.pk,
                actor=request.user,
                weights=given.weights(),
                include_developing=given.validated_data["include_developing"],
                include_unconfirmed=given.validated_data["include_unconfirmed"],
            )
        except MatchingError as error:
            raise _refused(error) from error
        return Response(serializers.MatchWeightsSerializer.of(saved, conf.host_weights()))


class RequestExclusionsView(APIView):
    """The states, institutions and experts left out of a request's ranking by the officer (GET),
    and leaving one more out (POST: one of `state`, `institution`, `person`, and a `reason`).
    The secretariat's, as the ranking: 403 for anyone else."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MatchExclusionSerializer(many=True))
    def get(self, request, pk):
        assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
        exclusions = selectors.request_exclusions(assistance_request=assistance_request)
        return Response(serializers.MatchExclusionSerializer(exclusions, many=True).data)

    @extend_schema(
        request=serializers.MatchExclusionCreateSerializer,
        responses={201: serializers.MatchExclusionSerializer, 400: DETAIL, 403: DETAIL},
    )
    def post(self, request, pk):
        assistance_request = selectors.request_for_matching(user=request.user, pk=pk)
        data = _read(serializers.MatchExclusionCreateSerializer, request.data).validated_data
        try:
            exclusion = services.match_exclusion_create(
                assistance_request_id=assistance_request.pk,
                actor=request.user,
                reason=data["reason"],
                state_id=data["state"],
                institution_id=data["institution"],
                person_id=data["person"],
            )
        except MatchingError as error:
            raise _refused(error) from error
        return Response(serializers.MatchExclusionSerializer(exclusion).data, status=status.HTTP_201_CREATED)


class MatchExclusionView(APIView):
    """One exclusion: DELETE puts the state, institution or expert back in the ranking (the
    request's history keeps both steps)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, 403: DETAIL, 404: DETAIL})
    def delete(self, request, pk):
        exclusion = get_object_or_404(MatchExclusion.objects.for_user(request.user), pk=pk)
        try:
            services.match_exclusion_remove(exclusion_id=exclusion.pk, actor=request.user)
        except MatchingError as error:
            raise _refused(error) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Shared by host and expert invitations: list and read what the user may see; create invites
    (the secretariat); accept, decline and withdraw are actions."""

    filterset_fields = ["request", "status"]
    ordering_fields = ["created_at"]
    answer_serializer = serializers.AnswerSerializer

    def get_queryset(self):
        return selectors.open_first(self.queryset.for_user(self.request.user))

    def _step(self, call):
        """Run one service step; answer with the invitation as it now is."""
        try:
            invitation = call()
        except MatchingError as error:
            raise _refused(error) from error
        return self.get_serializer(self.queryset.get(pk=invitation.pk))

    def _answer(self, answer, *, accept: bool):
        invitation = self.get_object()
        given = _read(self.answer_serializer, self.request.data)
        extra = given.host_answer() if accept and hasattr(given, "host_answer") else {}
        serializer = self._step(
            lambda: answer(
                invitation_id=invitation.pk,
                actor=self.request.user,
                accept=accept,
                reason=given.validated_data["reason"],
                **extra,
            )
        )
        return Response(serializer.data)

    def _withdraw(self, withdraw):
        invitation = self.get_object()
        given = _read(serializers.WithdrawSerializer, self.request.data)
        serializer = self._step(
            lambda: withdraw(
                invitation_id=invitation.pk, actor=self.request.user, reason=given.validated_data["reason"]
            )
        )
        return Response(serializer.data)


class HostInvitationViewSet(InvitationViewSet):
    """Invitations to host a request. POST creates one (the request moves to `matching`)."""

    queryset = HostInvitation.objects.all()  # the serializer shows keys: no related row is read
    serializer_class = serializers.HostInvitationSerializer
    filterset_fields = ["request", "status", "state", "institution"]
    answer_serializer = serializers.HostAnswerSerializer

    @extend_schema(
        request=serializers.HostInvitationCreateSerializer,
        responses={201: serializers.HostInvitationSerializer, 400: DETAIL, 403: DETAIL, 409: DETAIL},
    )
    def create(self, request, *args, **kwargs):
        data = _read(serializers.HostInvitationCreateSerializer, request.data, context={"request": request})
        data = data.validated_data
        serializer = self._step(
            lambda: services.host_invitation_create(
                assistance_request_id=data["request"].pk,
                state_id=data.get("state"),
                actor=request.user,
                institution_id=data.get("institution"),
                message=data["message"],
            )
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.HostAnswerSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def accept(self, request, pk=None):
        """Accept to host, naming the contact and proposing dates or conditions if wished: the
        request moves to `host_confirmed`."""
        return self._answer(services.host_invitation_answer, accept=True)

    @extend_schema(request=serializers.AnswerSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decline(self, request, pk=None):
        """Decline, with a reason: the officer is told and the state is not proposed again."""
        return self._answer(services.host_invitation_answer, accept=False)

    @extend_schema(request=serializers.WithdrawSerializer, responses=serializers.HostInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def withdraw(self, request, pk=None):
        """The secretariat withdraws an invitation still waiting for an answer."""
        return self._withdraw(services.host_invitation_withdraw)


class ExpertInvitationViewSet(InvitationViewSet):
    """Invitations to serve as an expert on a request."""

    queryset = ExpertInvitation.objects.all()  # the serializer shows keys: no related row is read
    serializer_class = serializers.ExpertInvitationSerializer
    filterset_fields = ["request", "status", "person"]

    @extend_schema(
        request=serializers.ExpertInvitationCreateSerializer,
        responses={201: serializers.ExpertInvitationSerializer, 400: DETAIL, 403: DETAIL, 409: DETAIL},
    )
    def create(self, request, *args, **kwargs):
        data = _read(serializers.ExpertInvitationCreateSerializer, request.data, context={"request": request})
        data = data.validated_data
        serializer = self._step(
            lambda: services.expert_invitation_create(
                assistance_request_id=data["request"].pk,
                person_id=data.get("person"),
                actor=request.user,
                message=data["message"],
            )
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.AnswerSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def accept(self, request, pk=None):
        return self._answer(services.expert_invitation_answer, accept=True)

    @extend_schema(request=serializers.AnswerSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decline(self, request, pk=None):
        return self._answer(services.expert_invitation_answer, accept=False)

    @extend_schema(request=serializers.WithdrawSerializer, responses=serializers.ExpertInvitationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def withdraw(self, request, pk=None):
        return self._withdraw(services.expert_invitation_withdraw)
