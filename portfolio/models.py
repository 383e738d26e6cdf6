"""The supply side: systems and programmes a state or institution can share with others."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.models import CapabilityArea, Institution, Language, MemberState, Person
from core.access import AccessRule, Allow, secretariat
from core.models import BaseModel, visibility_field
from core.urls_helpers import record_url
from portfolio.choices import STATUS_COLORS, PracticeStatus
from portfolio.querysets import PracticeQuerySet

# The review moves (portfolio.workflow): the secretariat publishes and asks for updates; an
# owner's edit of an entry flagged for an update sends it back for review.
PRACTICE_ACTIONS = {
    "transition:published": secretariat(),
    "transition:needs_update": secretariat(),
    "transition:draft": Allow(frozenset({Role.FOCAL_POINT, Role.HOST_COORDINATOR}), own=True),
    "review": secretariat(),  # review every state's entries (and so choose any state's institutions)
}


class Practice(BaseModel):
    """One entry of the portfolio of practices (like the RIAL Portfolio of Programs)."""

    title = models.CharField(_("title"), max_length=250)
    state = models.ForeignKey(
        MemberState,
        verbose_name=_("member state"),
        on_delete=models.CASCADE,
        related_name="practices",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    areas = models.ManyToManyField(CapabilityArea, verbose_name=_("capability areas"), related_name="practices")
    description = models.TextField(_("description"))
    results = models.TextField(_("results"), blank=True)
    evidence = models.TextField(_("evidence of results"), blank=True)
    in_operation_since = models.DateField(_("in operation since"), null=True, blank=True)
    target_population = models.CharField(_("target population"), max_length=250, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
        db_index=True,
    )
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(
        _("review note"),
        blank=True,
        help_text=_("What the secretariat asked to be updated, or why the entry was flagged."),
    )
    visibility = visibility_field()

    transition_records = GenericRelation("core.TransitionRecord", related_query_name="practice")

    access = AccessRule(state="state", institution="institution", visibility=True, actions=PRACTICE_ACTIONS)
    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["state__name", "title"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        # The list's sorts.
        indexes = [
            models.Index(fields=["title", "id"], name="practice_title_sort"),
            models.Index(fields=["in_operation_since", "id"], name="practice_since_sort"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("portfolio:practice_detail", self.pk)

    def get_status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "text-bg-light")

    def clean(self):
        """The rules that hold whoever saves the entry, from the page or the API (the service
        calls this too): its institution and contact belong to its state, and it already runs."""
        errors = {}
        if self.state_id and self.institution_id and self.institution.state_id != self.state_id:
            errors["institution"] = _("This institution belongs to another member state.")
        if self.state_id and self.contact_id and self.contact.state_id and self.contact.state_id != self.state_id:
            errors["contact"] = _("This person works in another member state.")
        if self.in_operation_since and self.in_operation_since > timezone.localdate():
            errors["in_operation_since"] = _("A practice to share must already be in operation.")
        if errors:
            raise ValidationError(errors)
