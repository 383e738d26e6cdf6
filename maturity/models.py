"""Dated maturity assessments per state and capability area: together they form a time series."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.choices import MATURITY_LEVELS
from community.models import CapabilityArea, MemberState
from core.access import EVERYTHING, NOTHING, AccessRule, secretariat, secretariat_or_owner
from core.data_version import CountedQuerySet
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
        indexes = [
            models.Index(fields=["state", "area", "-assessed_on"], name="assessment_series"),
            # The API's list, newest first (`MaturityAssessmentViewSet.ordering`).
            models.Index(fields=["-assessed_on", "-created_at", "-id"], name="assessment_newest"),
        ]

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


class Audience(models.TextChoices):
    """Who reads a current assessment: the latest of every assessment is what the secretariat
    and the assessed state's own users see; everyone else sees the latest shared one."""

    ALL = "all", _("The secretariat and the state")
    SHARED = "shared", _("Every member")


class CurrentAssessmentQuerySet(CountedQuerySet):
    def for_user(self, user):
        """The current assessments as the user sees them: the latest of the assessments
        `MaturityAssessment.objects.for_user(user)` returns, per (state, area). Read from the
        assessments' own access rule: those who see every assessment read the `ALL` rows,
        the owners of a state (by their home state) read its `ALL` rows and the `SHARED` rows
        of the other states, everyone else the `SHARED` rows."""
        rule = MaturityAssessment.access
        visible = rule.view_q(user)
        if visible == NOTHING:
            return self.none()
        if visible == EVERYTHING:
            return self.filter(audience=Audience.ALL)
        owned = rule.owner_q(user, for_view=True)
        if owned == NOTHING:
            return self.filter(audience=Audience.SHARED)
        return self.filter((Q(audience=Audience.ALL) & owned) | (Q(audience=Audience.SHARED) & ~owned))


class CurrentAssessment(models.Model):
    """The current (latest) assessment of one state in one area for one audience, and its latest
    one by the secretariat or a peer review (which may confirm a self-assessment).

    Kept up to date by the maturity services whenever an assessment is recorded or deleted, so
    the map and the matching engine read one row per cell instead of ranking the whole history
    on every page. `maturity.services.current_assessments_rebuild` fills it from the history."""

    # Rewritten in bulk only (counted by its CountedQuerySet): no signal listener, fast deletes.
    changes_counted_in_bulk = True

    state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(CapabilityArea, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=8, choices=Audience.choices)
    assessment = models.ForeignKey(MaturityAssessment, on_delete=models.CASCADE, related_name="+")
    # Copied from the assessment, so a map cell needs no join.
    level = models.PositiveSmallIntegerField(choices=MATURITY_LEVELS)
    method = models.CharField(max_length=12, choices=AssessmentMethod.choices)
    assessed_on = models.DateField()
    confirmed = models.ForeignKey(MaturityAssessment, null=True, on_delete=models.CASCADE, related_name="+")
    confirmed_level = models.PositiveSmallIntegerField(null=True, choices=MATURITY_LEVELS)
    confirmed_method = models.CharField(max_length=12, blank=True, choices=AssessmentMethod.choices)
    confirmed_on = models.DateField(null=True)

    objects = CurrentAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["state", "area", "audience"]
        verbose_name = _("current assessment")
        verbose_name_plural = _("current assessments")
        constraints = [
            models.UniqueConstraint(fields=["state", "area", "audience"], name="current_assessment_once"),
            models.CheckConstraint(
                name="current_assessment_level_0_to_4", condition=models.Q(level__gte=0, level__lte=4)
            ),
        ]
        # The map reads a window of areas for a page of states; its column counts, all states per area.
        indexes = [models.Index(fields=["area", "audience", "level"], name="current_assessment_area")]

    def __str__(self):
        return f"{self.state_id} · {self.area_id} ({self.audience}): {self.level}"

    def get_absolute_url(self):
        return reverse("maturity:series", args=[self.state_id, self.area_id])

    @property
    def can_host(self) -> bool:
        return self.level >= CAN_HOST_LEVEL
