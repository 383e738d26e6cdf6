"""Following up what an activity changed (capability 8 of DESIGN.md): evaluations at the end of
each activity and six months later, the action plans states draw up in group work, and whether
the officials trained are still where their training is used (computed from the people
registry's post history, so it has no table of its own).

Who sees what:
- evaluations and their answers are the secretariat's: answers are linked to their respondent
  for the secretariat only; everyone else who reads an activity gets aggregates
  (`followup.selectors`), and host coordinators and states only from three answers up;
- an action plan belongs to its state: the state's focal points and users read it, the
  secretariat writes and reviews it, and the state's focal points keep its items up to date.
"""

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from core.access import AccessRule, secretariat
from core.models import BaseModel
from core.urls_helpers import record_url
from followup.choices import ITEM_PENDING, ITEM_STATUS_COLORS, ItemStatus, Respondent, Stage, UsesResults
from followup.questions import CURRENT_VERSION, SCALE, outcomes


class Evaluation(BaseModel):
    """One questionnaire sent to one respondent about one activity: the link's record."""

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evaluations"
    )
    stage = models.CharField(_("when"), max_length=10, choices=Stage.choices)
    respondent = models.CharField(_("respondent"), max_length=12, choices=Respondent.choices)
    person = models.ForeignKey(
        "community.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    institution = models.ForeignKey(
        "community.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=8)
    question_set = models.PositiveSmallIntegerField(_("question set"), default=CURRENT_VERSION)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    # The secretariat's only: who answered what is never shown to the host or the states.
    access = AccessRule()

    class Meta:
        ordering = ["activity", "stage", "respondent", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "stage", "email"], name="evaluation_one_per_address_and_stage"),
        ]

    def __str__(self):
        who = self.person or self.institution or self.email
        return f"{who} — {self.get_stage_display()}"

    def get_absolute_url(self):
        return reverse("followup:activity_evaluation", args=[self.activity_id])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class EvaluationAnswer(BaseModel):
    """What one respondent answered; one per link (the one-to-one key refuses a second)."""

    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="answer"
    )
    scores = models.JSONField(_("ratings"), default=dict, help_text=_("Outcome → rating from 1 to 5."))
    uses_results = models.CharField(
        _("are you using the results on the job?"), max_length=8, choices=UsesResults.choices
    )
    comment = models.TextField(_("anything else"), blank=True, max_length=4000)

    access = AccessRule()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self):
        return str(self.evaluation)

    def clean(self):
        version = self.evaluation.question_set if self.evaluation_id else CURRENT_VERSION
        errors = {}
        for outcome in outcomes(version):
            if self.scores.get(outcome.key) not in SCALE:
                errors[f"score_{outcome.key}"] = _("Choose a rating from 1 to 5.")
        unknown = set(self.scores) - {outcome.key for outcome in outcomes(version)}
        if unknown:
            errors["scores"] = _("Unknown questions: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)

    @property
    def mean(self) -> float:
        values = list(self.scores.values())
        return sum(values) / len(values) if values else 0.0


class ActionPlan(BaseModel):
    """What a state's officials committed to do after an activity (its group work on a national
    action plan), reviewed at the follow-up."""

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="action_plans"
    )
    state = models.ForeignKey(
        "community.MemberState", verbose_name=_("member state"), on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=250)
    group_work = models.TextField(_("from the group work"), blank=True)
    reviewed_at = models.DateField(_("reviewed at the follow-up"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    # The state's people read it; the secretariat writes and reviews it; the state's focal
    # points keep its items up to date (ActionItem).
    access = AccessRule(
        state="state", owners={"state": {Role.FOCAL_POINT}}, owners_edit=False, actions={"review": secretariat()}
    )

    class Meta:
        ordering = ["state__name", "-pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [models.UniqueConstraint(fields=["activity", "state"], name="actionplan_one_per_state")]
        indexes = [models.Index(fields=["title", "id"], name="actionplan_title_sort")]  # the list's sort

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("followup:actionplan_detail", self.pk)


class ActionItem(BaseModel):
    """One commitment of an action plan: who does what by when, and the evidence it was done."""

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="items")
    description = models.CharField(_("what"), max_length=400)
    owner_person = models.ForeignKey(
        "community.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    owner_name = models.CharField(
        _("owner (name)"), max_length=150, blank=True, help_text=_("When the owner is not in the registry.")
    )
    institution = models.ForeignKey(
        "community.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    evidence = models.TextField(_("evidence"), blank=True)

    documents = GenericRelation("core.Document")

    access = AccessRule(state="plan__state", owners={"state": {Role.FOCAL_POINT}})

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["due_date", "id"], name="actionitem_due_sort")]  # the list's order

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("followup:actionplan_detail", args=[self.plan_id]) + f"#item-{self.pk}"

    def get_status_color(self) -> str:
        return ITEM_STATUS_COLORS.get(self.status, "text-bg-light")

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status in ITEM_PENDING and self.due_date < (today or timezone.localdate())

    def clean(self):
        errors = {}
        if not self.owner_person_id and not self.owner_name.strip():
            errors["owner_name"] = _("Name the owner, from the registry or by name.")
        has_document = getattr(self, "evidence_documents_added", False) or (
            self.pk is not None and self.documents.exists()
        )
        if self.status == ItemStatus.DONE and not self.evidence.strip() and not has_document:
            errors["evidence"] = _("Say what shows it was done, or attach a document to the item.")
        if errors:
            raise ValidationError(errors)
