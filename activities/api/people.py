"""The people of an activity through the API: nominations (create within the caps, move,
participant confirmation), attendance (one sheet, all or nothing) and certificates (read, PDF,
issue, re-issue, revoke). Every write calls `activities.services_people`, as the pages do."""

from auditlog.context import auditlog_value
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from activities import services_people as people
from activities.certificates import certificate_pdf, verification_url
from activities.choices import NominationStatus
from activities.models import Activity, Attendance, Certificate, Nomination
from assistance.api.serializers import NamedChoiceField
from community.models import MemberState, Person
from core.api import DETAIL, ScopedModelViewSet, ScopedPrimaryKeyRelatedField

# --- serializers ---------------------------------------------------------------------------------


def nomination_status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(NominationStatus.choices, enum_name="NominationStatusEnum", **kwargs)


class NominationSerializer(serializers.ModelSerializer):
    status = nomination_status_field(read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    state_name = serializers.CharField(source="state.name", read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "activity",
            "state",
            "state_name",
            "person",
            "person_name",
            "post",
            "reason",
            "justification",
            "status",
            "status_changed_at",
            "participant_confirmed_at",
        ]
        read_only_fields = fields


class NominationCreateSerializer(serializers.Serializer):
    """The API's spelling of `services_people.nomination_create`: the service checks everything
    (required fields included), so the API and the page refuse alike."""

    activity = ScopedPrimaryKeyRelatedField(queryset=Activity.objects.all())
    state = serializers.PrimaryKeyRelatedField(queryset=MemberState.objects.all(), required=False, allow_null=True)
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    full_name = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.CharField(required=False, allow_blank=True, default="")
    post = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    justification = serializers.CharField(required=False, allow_blank=True, default="")


class NominationMoveSerializer(serializers.Serializer):
    to = nomination_status_field()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "nomination", "day", "present"]
        read_only_fields = fields


class MarkSerializer(serializers.Serializer):
    nomination = serializers.IntegerField()
    day = serializers.DateField()
    present = serializers.BooleanField()


class AttendanceSheetSerializer(serializers.Serializer):
    activity = ScopedPrimaryKeyRelatedField(queryset=Activity.objects.all())
    marks = MarkSerializer(many=True)


class RecordedSerializer(serializers.Serializer):
    saved = serializers.IntegerField()


class CertificateSerializer(serializers.ModelSerializer):
    verification_url = serializers.SerializerMethodField()
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    replaced = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "nomination",
            "code",
            "participant_name",
            "activity_title",
            "host",
            "start_date",
            "end_date",
            "days_attended",
            "hours",
            "issued_at",
            "valid",
            "revoked_at",
            "replaced",
            "replaced_by",
            "verification_url",
        ]
        read_only_fields = fields

    def get_verification_url(self, certificate) -> str:
        return verification_url(certificate)

    def get_replaced(self, certificate) -> bool:
        return certificate.replaced_by_id is not None


class IssueSerializer(serializers.Serializer):
    activity = ScopedPrimaryKeyRelatedField(queryset=Activity.objects.all())


class IssuedSerializer(serializers.Serializer):
    issued = CertificateSerializer(many=True)
    absent = serializers.IntegerField(help_text="Confirmed participants present on no day: no certificate.")
    already = serializers.IntegerField(help_text="Participants who already hold a valid certificate.")


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# --- viewsets ------------------------------------------------------------------------------------

REFUSALS = {
    400: OpenApiResponse(description="Field errors, as the page shows them."),
    403: OpenApiResponse(DETAIL, description="Not yours to do."),
    404: OpenApiResponse(DETAIL, description="Not among the records you may see."),
}


class ScopedReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read the records the user may see; every write is an action calling a service."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # As ScopedModelViewSet: name the token-authenticated actor for the audit log.
        context = auditlog_value.get(None)
        if context is not None and context.get("actor") is None and request.user.is_authenticated:
            context["actor"] = request.user

    def get_queryset(self):
        return self.queryset.for_user(self.request.user)


class NominationViewSet(ScopedModelViewSet):
    """Nominations the user may see (their state's, their host institution's, their own, or all
    for the secretariat). Create nominates within the modality's caps; `move` confirms,
    declines (with a comment) or withdraws; `confirm_participation` is the participant's yes."""

    queryset = Nomination.objects.select_related("state", "person").order_by("activity", "state__name", "pk")
    serializer_class = NominationSerializer
    filterset_fields = ["activity", "state", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return NominationCreateSerializer if self.action == "create" else NominationSerializer

    @extend_schema(request=NominationCreateSerializer, responses={201: NominationSerializer, **REFUSALS})
    def create(self, request, *args, **kwargs):
        data = NominationCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = data.validated_data
        nomination = people.nomination_create(
            actor=request.user,
            activity_id=values["activity"].pk,
            state_id=values["state"].pk if values.get("state") else None,
            person_id=values["person"].pk if values.get("person") else None,
            full_name=values["full_name"],
            email=values["email"],
            post=values["post"],
            reason=values["reason"],
            justification=values["justification"],
        )
        return Response(NominationSerializer(self.queryset.get(pk=nomination.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=NominationMoveSerializer,
        responses={
            200: NominationSerializer,
            409: OpenApiResponse(DETAIL, description="Not a legal move now."),
            **REFUSALS,
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def move(self, request, pk=None):
        nomination = self.get_object()
        data = NominationMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        people.nomination_transition(
            actor=request.user,
            nomination_id=nomination.pk,
            to=data.validated_data["to"],
            comment=data.validated_data["comment"],
        )
        return Response(NominationSerializer(self.queryset.get(pk=nomination.pk)).data)

    @extend_schema(request=None, responses={200: NominationSerializer, **REFUSALS})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def confirm_participation(self, request, pk=None):
        nomination = self.get_object()
        people.nomination_participant_confirm(actor=request.user, nomination_id=nomination.pk)
        return Response(NominationSerializer(self.queryset.get(pk=nomination.pk)).data)


class AttendanceViewSet(ScopedReadViewSet):
    """Attendance marks the user may see; `record` saves one activity's sheet, all or nothing."""

    queryset = Attendance.objects.order_by("nomination", "day")
    serializer_class = AttendanceSerializer
    filterset_fields = ["nomination", "nomination__activity", "day"]

    @extend_schema(request=AttendanceSheetSerializer, responses={200: RecordedSerializer, **REFUSALS})
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def record(self, request):
        sheet = AttendanceSheetSerializer(data=request.data, context=self.get_serializer_context())
        sheet.is_valid(raise_exception=True)
        marks = [(mark["nomination"], mark["day"], mark["present"]) for mark in sheet.validated_data["marks"]]
        saved = people.attendance_record(
            actor=request.user, activity_id=sheet.validated_data["activity"].pk, marks=marks
        )
        return Response({"saved": saved})


class CertificateViewSet(ScopedReadViewSet):
    """Certificates the user may see (their own, their state's, their host institution's, or
    all for the secretariat), with the PDF; the secretariat issues, re-issues and revokes."""

    queryset = Certificate.objects.order_by("-issued_at", "-pk")
    serializer_class = CertificateSerializer
    filterset_fields = ["nomination", "nomination__activity", "code"]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: OpenApiResponse(DETAIL)})
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def pdf(self, request, pk=None):
        certificate = self.get_object()
        response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
        return response

    @extend_schema(request=IssueSerializer, responses={200: IssuedSerializer, **REFUSALS})
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def issue(self, request):
        data = IssueSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        result = people.certificates_issue(actor=request.user, activity_id=data.validated_data["activity"].pk)
        body = {"issued": result.issued, "absent": result.absent, "already": result.already}
        return Response(IssuedSerializer(body).data)

    @extend_schema(request=None, responses={201: CertificateSerializer, **REFUSALS})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def reissue(self, request, pk=None):
        new = people.certificate_reissue(actor=request.user, certificate_id=self.get_object().pk)
        return Response(CertificateSerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RevokeSerializer, responses={200: CertificateSerializer, **REFUSALS})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def revoke(self, request, pk=None):
        data = RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revoked = people.certificate_revoke(
            actor=request.user, certificate_id=self.get_object().pk, reason=data.validated_data["reason"]
        )
        return Response(CertificateSerializer(revoked).data)


def routes(router) -> None:
    router.register("nominations", NominationViewSet, basename="nomination")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("certificates", CertificateViewSet, basename="certificate")
