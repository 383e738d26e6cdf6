from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core.api import DETAIL, ScopedModelViewSet, form_data
from portfolio import filtersets, selectors, services
from portfolio.api import serializers
from portfolio.forms import RequestUpdateForm
from portfolio.models import Practice

FORBIDDEN = "You may not save a record outside your own state or institution."


class PracticeViewSet(ScopedModelViewSet):
    """The portfolio of practices: drafts are seen by their owners and the secretariat only."""

    queryset = Practice.objects.all()
    serializer_class = serializers.PracticeSerializer
    filterset_class = filtersets.PracticeFilterSet
    search_fields = ["title", "description", "results"]
    ordering_fields = ["title", "updated_at", "in_operation_since", "reviewed_at"]

    def get_queryset(self):
        return selectors.practice_list(user=self.request.user)

    def _save_checked(self, serializer):
        instance = serializer.instance
        with transaction.atomic():
            practice = services.practice_save(
                practice_id=instance.pk if instance else None, actor=self.request.user, **serializer.validated_data
            )
            if not practice.can_change(self.request.user):
                raise PermissionDenied(FORBIDDEN)  # rolls the save back
        serializer.instance = practice

    def _review(self, service, **kwargs):
        """One review move: refused moves answer 409, moves the user may not make 403."""
        practice = self.get_object()
        practice = service(practice_id=practice.pk, actor=self.request.user, **kwargs)
        return Response(self.get_serializer(practice).data)

    @extend_schema(
        request=None,
        responses={
            200: serializers.PracticeSerializer,
            403: OpenApiResponse(DETAIL, description="Not the secretariat"),
            409: OpenApiResponse(DETAIL, description="Already published"),
        },
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft, or confirm a flagged entry is still current (officers)."""
        return self._review(services.practice_publish)

    @extend_schema(
        request=serializers.ReviewNoteSerializer,
        responses={
            200: serializers.PracticeSerializer,
            403: OpenApiResponse(DETAIL, description="Not the secretariat"),
            409: OpenApiResponse(DETAIL, description="Not published"),
        },
    )
    @action(detail=True, methods=["post"], url_path="request-update")
    def request_update(self, request, pk=None):
        """Ask the owners to bring a published entry up to date, with a note (officers)."""
        # The page's form reads the note, so both refuse the same input in the same words.
        form = RequestUpdateForm(form_data(request))
        if not form.is_valid():
            raise ValidationError(form.errors)
        return self._review(services.practice_request_update, note=form.cleaned_data["note"])
