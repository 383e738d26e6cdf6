"""The agenda in the API: sessions as resources (list filtered by activity, create, update,
delete, and `move` up, down or to another day) and the calendar files of an activity and of a
participant under /api/v1/activities/.

The writes call the same services as the pages (`activities.services_agenda`), so the same input
is refused with the same message on the same field (400); a reader who may not change the agenda
gets 403; a hidden activity or session is a 404."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from activities import services_agenda
from activities.models import Session
from activities.views.agenda import activity_calendar_download, participant_calendar_download
from core.api import DETAIL, RefusalsAsJSONMixin, RelatedNameField, ScopedModelSerializer, ScopedModelViewSet


class SessionSerializer(ScopedModelSerializer):
    minutes = serializers.IntegerField(read_only=True)
    facilitator_name = RelatedNameField(source="facilitator.full_name", default="")

    class Meta:
        model = Session
        fields = [
            "id",
            "activity",
            "day",
            "start_time",
            "end_time",
            "position",
            "title",
            "kind",
            "facilitator",
            "facilitator_name",
            "method",
            "notes",
            "minutes",
        ]
        read_only_fields = ["position"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            fields["activity"].read_only = True  # a session stays in its activity
        return fields

    def service_arguments(self) -> dict:
        data = {**self._current(), **self.validated_data}
        facilitator = data.get("facilitator")
        return {
            "day": data.get("day"),
            "start_time": data.get("start_time"),
            "end_time": data.get("end_time"),
            "title": data.get("title", ""),
            "kind": data.get("kind") or "plenary",
            "facilitator_id": facilitator.pk if facilitator else None,
            "method": data.get("method", ""),
            "notes": data.get("notes", ""),
        }

    def _current(self) -> dict:
        """A partial update keeps what it does not name."""
        session = self.instance
        if session is None:
            return {}
        names = ("day", "start_time", "end_time", "title", "kind", "facilitator", "method", "notes")
        return {name: getattr(session, name) for name in names}


class SessionMoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["up", "down"], required=False)
    day = serializers.DateField(required=False)


def _as_api(error: DjangoPermissionDenied) -> PermissionDenied:
    return PermissionDenied(str(error) or None)


class SessionViewSet(ScopedModelViewSet):
    """The sessions of the activities the user reads (an expert: the ones they lead).
    Filter with `?activity=<id>` and `?day=YYYY-MM-DD`."""

    queryset = Session.objects.select_related("facilitator").order_by("activity", "day", "position", "start_time")
    serializer_class = SessionSerializer
    filterset_fields = ["activity", "day", "kind"]
    search_fields = ["title", "method", "notes"]

    def perform_create(self, serializer):
        try:
            serializer.instance = services_agenda.session_save(
                actor=self.request.user,
                activity_id=serializer.validated_data["activity"].pk,
                **serializer.service_arguments(),
            )
        except DjangoPermissionDenied as error:
            raise _as_api(error) from error

    def perform_update(self, serializer):
        try:
            serializer.instance = services_agenda.session_save(
                actor=self.request.user, session_id=serializer.instance.pk, **serializer.service_arguments()
            )
        except DjangoPermissionDenied as error:
            raise _as_api(error) from error

    def perform_destroy(self, instance):
        try:
            services_agenda.session_delete(actor=self.request.user, session_id=instance.pk)
        except DjangoPermissionDenied as error:
            raise _as_api(error) from error

    @extend_schema(
        request=SessionMoveSerializer,
        responses={200: SessionSerializer, 400: OpenApiResponse(description="Field errors"), 403: DETAIL},
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the session one place up or down its day (`direction`), or to another day (`day`),
        keeping its times there."""
        session = self.get_object()
        move = SessionMoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        try:
            session = services_agenda.session_move(
                actor=request.user,
                session_id=session.pk,
                direction=move.validated_data.get("direction", ""),
                day=move.validated_data.get("day"),
            )
        except DjangoPermissionDenied as error:
            raise _as_api(error) from error
        return Response(SessionSerializer(session, context=self.get_serializer_context()).data)


class CalendarRenderer(renderers.BaseRenderer):
    """text/calendar; a refusal's JSON body is still written as JSON."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


CALENDAR = OpenApiResponse(response=OpenApiTypes.BINARY, description="An iCalendar file (RFC 5545), text/calendar.")


class ActivityCalendarView(RefusalsAsJSONMixin, APIView):
    """The activity's sessions as an iCalendar file, timed in the host's time zone (404 when the
    activity is hidden from the user)."""

    permission_classes = [IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, CalendarRenderer]

    @extend_schema(operation_id="activities_calendar", responses={(200, "text/calendar"): CALENDAR, 404: DETAIL})
    def get(self, request, pk):
        return activity_calendar_download(request.user, pk)


class ParticipantCalendarView(RefusalsAsJSONMixin, APIView):
    """One participant's sessions (the days they attend) as an iCalendar file: for the
    nominee, their state's focal point, the host institution and the secretariat (404 otherwise)."""

    permission_classes = [IsAuthenticated]
    renderer_classes = [renderers.JSONRenderer, CalendarRenderer]

    @extend_schema(
        operation_id="activities_participant_calendar", responses={(200, "text/calendar"): CALENDAR, 404: DETAIL}
    )
    def get(self, request, pk, nomination_pk):
        return participant_calendar_download(request.user, pk, nomination_pk)


def routes(router) -> None:
    router.register("sessions", SessionViewSet)


urlpatterns = [
    path("activities/<int:pk>/calendar.ics", ActivityCalendarView.as_view(), name="activity-calendar"),
    path(
        "activities/<int:pk>/calendar/<int:nomination_pk>.ics",
        ParticipantCalendarView.as_view(),
        name="participant-calendar",
    ),
]
