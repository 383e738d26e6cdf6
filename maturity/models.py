"""Dated maturity assessments per state and capability area: together they form a time series."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.choices import MATURITY_LEVELS
from community.models import CapabilityArea, MemberState
from core.access import AccessRule, secretariat, secretariat_or_owner
from core.models import BaseModel, DocumentKind, visibility_field
from maturity.choices import CAN_HOST_LEVEL, AssessmentMethod


class MaturityAssessment(BaseModel):
    """Where one state stood in one capability area on one date, and how we know."""

    state = models.ForeignKey(
        MemberState, verbose_name=_("member state"), on_delete=models.CASCADE, related_name="assessments"
    )
    area = models.ForeignKey(
        CapabilityArea, verbose_name=_("capability area"), on_delete=models.CASCADE, related_name="assessments"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=MATURITY_LEVELS, validators=[MinValueValidator(0), MaxValueValidator(4)]
    )
    method = models.CharField(_("method"), max_length=12, choices=AssessmentMethod.choices)
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.CharField(
        _("assessor"),
        max_length=200,
        blank=True,
        help_text=_("Who assessed: a person, a peer state's team or the secretariat."),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = visibility_field()
    # The evidence document, downloaded through core:document_download.
    documents = GenericRelation("core.Document")

    # A time series: assessments are recorded, never edited by the state. Focal points record
    # self-assessments of their own state and neither change nor delete any assessment (an
    # earlier one stays as the history); the secretariat records every method and removes an
    # assessment recorded by mistake.
    access = AccessRule(
        state="state",
        visibility=True,
        owners_edit=False,
        add_action="record",
        actions={
            "record": secretariat_or_owner(Role.FOCAL_POINT),
            f"record:{AssessmentMethod.SELF}": secretariat_or_owner(Role.FOCAL_POINT),
            f"record:{AssessmentMethod.PEER}": secretariat(),
            f"record:{AssessmentMethod.SECRETARIAT}": secretariat(),
        },
    )

    class Meta:
        ordering = ["state", "area", "-assessed_on", "-created_at"]
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        constraints = [
            models.CheckConstraint(name="assessment_level_0_to_4", condition=models.Q(level__gte=0, level__lte=4)),
        ]
        indexes = [models.Index(fields=["state", "area", "-assessed_on"], name="assessment_series")]

    def __str__(self):
        return f"{self.state} · {self.area}: {self.level} ({date_format(self.assessed_on, 'DATE_FORMAT')})"

    def get_absolute_url(self):
        return reverse("maturity:series", args=[self.state_id, self.area_id])

    @property
    def evidence_document(self):
        """The evidence document, if one was uploaded (from the prefetched documents when there are)."""
        return next((document for document in self.documents.all() if document.kind == DocumentKind.EVIDENCE), None)

    @property
    def can_host(self) -> bool:
        return self.level >= CAN_HOST_LEVEL
