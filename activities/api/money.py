"""The API of an activity's money and papers: budget lines (`/api/v1/budget-lines/`, filtered by
`?activity=`), their totals (`budget-lines/summary/` and `activities/{id}/budget-summary/`; per
activity, a page at a time, `budget-lines/by-activity/`), and an activity's documents
(`activities/{id}/documents/`: list, and upload as multipart). The same services as the pages
write, so both refuse the same input with the same message."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from activities import selectors_money, services_money
from activities.models import Activity, BudgetLine
from activities.services_money import BUDGET_FIELDS
from core.access import can
from core.api import DETAIL, DocumentSerializer, ScopedModelSerializer, ScopedModelViewSet
from core.forms import DocumentField


def _money_field(**kwargs):
    """An amount checked by the model's own validators (in `full_clean`, through the service), so
    a negative or too long amount is refused in the page's words, not DRF's."""
    return serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        error_messages={"invalid": forms.DecimalField.default_error_messages["invalid"]},
        **kwargs,
    )


class BudgetLineSerializer(ScopedModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    amount = _money_field(label=BudgetLine._meta.get_field("amount").verbose_name)
    actual = _money_field(label=BudgetLine._meta.get_field("actual").verbose_name, required=False, allow_null=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "activity", *BUDGET_FIELDS[:1], "category_label", *BUDGET_FIELDS[1:], "updated_at"]
        read_only_fields = ["updated_at"]


class BudgetLineUpdateSerializer(BudgetLineSerializer):
    """A line stays with its activity: only what it says changes."""

    class Meta(BudgetLineSerializer.Meta):
        read_only_fields = ["activity", "updated_at"]


def _total_row(name: str, *keys: tuple[str, serializers.Field]):
    return inline_serializer(
        name,
        {
            **dict(keys),
            "currency": serializers.CharField(),
            "budgeted": serializers.DecimalField(max_digits=14, decimal_places=2),
            "spent": serializers.DecimalField(max_digits=14, decimal_places=2),
            "remaining": serializers.DecimalField(max_digits=14, decimal_places=2),
            "lines": serializers.IntegerField(),
        },
        many=True,
    )


SUMMARY = inline_serializer(
    "BudgetSummary",
    {
        "by_currency": _total_row("BudgetTotalByCurrency"),
        "by_category": _total_row(
            "BudgetTotalByCategory",
            ("category", serializers.CharField()),
            ("category_label", serializers.CharField()),
        ),
        "by_funding_source": _total_row("BudgetTotalBySource", ("funding_source", serializers.CharField())),
    },
)
BY_ACTIVITY = _total_row(
    "BudgetTotalByActivity", ("activity", serializers.IntegerField()), ("activity__title", serializers.CharField())
)


CENT = Decimal("0.01")
AMOUNTS = ("budgeted", "spent", "remaining")


def _as_api_rows(rows) -> list[dict]:
    """Totals as the API gives amounts: strings with two decimals."""
    return [{key: str(value.quantize(CENT)) if key in AMOUNTS else value for key, value in row.items()} for row in rows]


def _summary_data(lines) -> dict:
    return {name: _as_api_rows(rows) for name, rows in selectors_money.budget_totals(lines).items()}


class BudgetLineViewSet(ScopedModelViewSet):
    """An activity's budget lines: the states taking part and the host institution read them, the
    secretariat adds, changes and removes them. Amounts are never added across currencies."""

    queryset = BudgetLine.objects.select_related("activity")
    serializer_class = BudgetLineSerializer
    filterset_fields = ["activity", "category", "currency", "funding_source"]
    ordering_fields = ["category", "amount", "updated_at"]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return BudgetLineUpdateSerializer
        return BudgetLineSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        activity = data.pop("activity")
        serializer.instance = services_money.budget_line_create(
            activity_id=activity.pk, actor=self.request.user, **data
        )

    def perform_update(self, serializer):
        serializer.instance = services_money.budget_line_update(
            line_id=serializer.instance.pk, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services_money.budget_line_delete(line_id=instance.pk, actor=self.request.user)

    @extend_schema(responses=SUMMARY)
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request):
        """Totals of the lines you see (filter with `?activity=` and the list's other filters): per
        currency, per category and per funding source, each split by currency (per activity:
        `by-activity/`)."""
        return Response(_summary_data(self.filter_queryset(self.get_queryset())))

    @extend_schema(responses=BY_ACTIVITY)
    @action(detail=False, methods=["get"], url_path="by-activity")
    def by_activity(self, request):
        """Totals of the lines you see per activity and currency, in the activities' order, a page
        at a time (filter with the list's filters)."""
        rows = self.paginate_queryset(selectors_money.totals_by_activity(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(_as_api_rows(selectors_money.with_remaining(rows)))


class ActivityBudgetSummaryView(GenericAPIView):
    """The totals of one activity's budget, for those who read its money."""

    permission_classes = [IsAuthenticated]
    queryset = Activity.objects.all()

    @extend_schema(responses={200: SUMMARY, 404: OpenApiResponse(DETAIL)})
    def get(self, request, pk):
        activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk)
        if not selectors_money.budget_readable(user=request.user, activity=activity):
            raise Http404
        return Response(_summary_data(selectors_money.budget_lines(user=request.user, activity=activity)))


class ActivityDocumentsUploadSerializer(serializers.Serializer):
    """Files to add (multipart/form-data, the field `documents` repeated), checked by the same
    field as the page's form (core.forms.DocumentField)."""

    documents = serializers.ListField(child=serializers.FileField(), help_text="One or more files.")


class ActivityDocumentsView(GenericAPIView):
    """An activity's documents: whoever sees the activity lists and downloads them; the
    secretariat and the host institution add more."""

    permission_classes = [IsAuthenticated]
    queryset = Activity.objects.all()
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser]

    def _activity(self, request, pk):
        return get_object_or_404(Activity.objects.for_user(request.user), pk=pk)

    @extend_schema(responses={200: DocumentSerializer(many=True), 404: OpenApiResponse(DETAIL)})
    def get(self, request, pk):
        activity = self._activity(request, pk)
        documents = activity.documents.order_by("-created_at")
        return Response(DocumentSerializer(documents, many=True).data)

    @extend_schema(
        request={"multipart/form-data": ActivityDocumentsUploadSerializer},
        responses={
            201: DocumentSerializer(many=True),
            400: OpenApiResponse(description="No file, or a file of a kind or size not accepted."),
            403: OpenApiResponse(DETAIL, description="Only the secretariat and the host institution add papers."),
            404: OpenApiResponse(DETAIL),
        },
    )
    def post(self, request, pk):
        activity = self._activity(request, pk)
        if not can(request.user, "prepare", activity):
            raise PermissionDenied("Only the secretariat and the host institution add papers to an activity.")
        try:
            uploads = DocumentField(multiple=True, required=False).clean(request.FILES.getlist("documents"))
        except DjangoValidationError as error:
            raise DjangoValidationError({"documents": error.messages}) from error
        added = services_money.activity_documents_add(activity_id=activity.pk, actor=request.user, documents=uploads)
        return Response(DocumentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)


def routes(router) -> None:
    router.register("budget-lines", BudgetLineViewSet, basename="budgetline")


urlpatterns = [
    path("activities/<int:pk>/budget-summary/", ActivityBudgetSummaryView.as_view(), name="activity-budget-summary"),
    path("activities/<int:pk>/documents/", ActivityDocumentsView.as_view(), name="activity-documents"),
]
