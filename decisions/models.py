"""Decisions of the community's organs, the national actions they require, and who has done what."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.models import CapabilityArea, MemberState
from core.access import AccessRule, secretariat, secretariat_or_owner
from core.data_version import CountedQuerySet
from core.models import BaseModel
from core.urls_helpers import record_url
from decisions.choices import ImplementationStatus, Timeframe


class Decision(BaseModel):
    """A decision of an organ of the community (e.g. the Conference of Heads of Government, COTED)."""

    organ = models.CharField(_("organ"), max_length=150)
    meeting = models.CharField(_("meeting"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"), blank=True)

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["-date", "reference"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        # The list's and the API's sort orders.
        indexes = [
            models.Index(fields=["-date", "reference"], name="decision_recent"),
            models.Index(fields=["organ", "-date"], name="decision_organ"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self):
        return record_url("decisions:decision_detail", self.pk)


class RequiredAction(BaseModel):
    """A national action a decision requires of every member state."""

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("description"))
    area = models.ForeignKey(
        CapabilityArea,
        verbose_name=_("capability area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    timeframe = models.CharField(_("timeframe"), max_length=10, choices=Timeframe.choices, default=Timeframe.MEDIUM)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["decision", "position", "pk"]
        verbose_name = _("required action")
        verbose_name_plural = _("required actions")

    def __str__(self):
        return f"{self.decision.reference} §{self.position}: {self.description[:60]}"

    @property
    def short_label(self) -> str:
        return f"{self.decision.reference} §{self.position}"

    def get_absolute_url(self):
        return self.decision.get_absolute_url() + f"#action-{self.pk}"


class ImplementationReport(BaseModel):
    """One report of a state's status on one action; the latest report is the current status.

    Reports are never edited: each update is a new row, so the history is kept. `is_current`
    marks the latest report of each state on each action (as `selectors.latest_reports` finds it
    from the history), so pages read current statuses without ranking the whole history: the
    services keep it in the transaction that adds or removes a report, and
    `services.implementation_current_rebuild` sets it again after a bulk load."""

    state = models.ForeignKey(
        MemberState, verbose_name=_("member state"), on_delete=models.CASCADE, related_name="implementation_reports"
    )
    action = models.ForeignKey(
        RequiredAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=26, choices=ImplementationStatus.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    status_date = models.DateField(_("as of"))
    reported_by = models.ForeignKey(
        "accounts.User", verbose_name=_("reported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # db_default: rows written without the ORM (bulk loads) start as history until a rebuild.
    is_current = models.BooleanField(_("current"), default=False, db_default=False, editable=False)

    # Everyone reads the compliance record. A report is recorded (`record`), never edited: the
    # secretariat records for every state and focal points for their own; only the secretariat
    # marks an action verified (`verify`) and removes a report filed in error.
    access = AccessRule(
        state="state",
        everyone_reads=True,
        owners_edit=False,
        add_action="record",
        actions={"record": secretariat_or_owner(Role.FOCAL_POINT), "verify": secretariat()},
    )

    class Meta:
        ordering = ["state", "action", "-status_date", "-created_at"]
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        indexes = [
            models.Index(fields=["state", "action", "-status_date"], name="implementation_series"),
            # The heatmap's window and the compliance counts read the current statuses by action.
            models.Index(
                fields=["action", "state", "status"], condition=models.Q(is_current=True), name="implementation_current"
            ),
            # The API's default order.
            models.Index(fields=["-status_date", "-created_at", "-id"], name="implementation_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "action"], condition=models.Q(is_current=True), name="implementation_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.state} · {self.action.short_label}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("decisions:implementation_series", args=[self.state_id, self.action_id])

    def get_status_color(self) -> str:
        return ImplementationStatus(self.status).get_color()


class ActionTally(models.Model):
    """How many current reports one required action has: complied with, not applicable, and in
    all. Kept by the services in the transaction that moves `ImplementationReport.is_current`
    (under the action's lock), and counted again by `services.implementation_current_rebuild`
    after a bulk load; the decisions list sums its actions' tallies instead of counting the
    current reports of every decision on every page. Written by upsert, never `save()`: a
    tally has no change history and no version."""

    # Rewritten in bulk only (counted by its CountedQuerySet): no signal listener, fast deletes.
    changes_counted_in_bulk = True

    action = models.OneToOneField(RequiredAction, primary_key=True, on_delete=models.CASCADE, related_name="tally")
    complied = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)
    reported = models.PositiveIntegerField(default=0)

    objects = CountedQuerySet.as_manager()

    class Meta:
        verbose_name = _("action tally")
        verbose_name_plural = _("action tallies")

    def __str__(self):
        return f"{self.action_id}: {self.complied}/{self.reported}"
