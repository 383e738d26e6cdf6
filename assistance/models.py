"""Requests for technical assistance from member states, from intake to approval and beyond."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistance.choices import Channel, Modality, Status, Urgency
from community.models import CapabilityArea, Institution, MemberState
from core.access import AccessRule, ReadThrough, Visibility, can, secretariat, secretariat_or_owner
from core.models import BaseModel, ScopedQuerySet, visibility_field
from core.urls_helpers import record_url
from decisions.models import Decision, RequiredAction

# Focal points submit and withdraw their own state's requests; the secretariat makes every move.
REQUESTER_MOVES = frozenset({Status.SUBMITTED, Status.WITHDRAWN})

REQUEST_ACTIONS = {
    **{
        f"transition:{status}": secretariat_or_owner(Role.FOCAL_POINT) if status in REQUESTER_MOVES else secretariat()
        for status in Status
        if status != Status.DRAFT
    },
    "file": secretariat_or_owner(Role.FOCAL_POINT),  # file a request (a focal point: for their own state)
    "record_received": secretariat(),  # record a letter or e-mail for any state, dated as received
    "view_draft": secretariat(),  # read other states' drafts
    "correct": secretariat(),  # correct and complete a request at any time before it is over
    "attach": secretariat_or_owner(Role.FOCAL_POINT),  # add documents (a focal point: their state's)
    "assign": secretariat(),  # route a request to an officer
    "assess": secretariat(),  # record the needs assessment
    "match": secretariat(),  # look for a host or an expert
}


class AssistanceRequestQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """A draft is its state's own workspace: other states never see it, whatever its visibility."""
        visible = super().for_user(user)
        draft_state = self._draft_state(user)
        if draft_state is None:
            return visible
        return visible.exclude(~models.Q(state_id=draft_state), status=Status.DRAFT)

    def in_status(self, status, *, user):
        """Those in `status` among these requests (already narrowed to what `user` may see). For
        drafts, `for_user`'s rule is spelt out as the one state whose drafts the user sees, so that
        the database walks that state's drafts only (index `request_state_board`), not every
        state's to find them."""
        in_status = self.filter(status=status)
        draft_state = self._draft_state(user) if status == Status.DRAFT else None
        return in_status if draft_state is None else in_status.filter(state_id=draft_state)

    def _draft_state(self, user) -> int | None:
        """The one state whose drafts the user may see (0: none), None when every state's."""
        if not user.is_authenticated or can(user, "view_draft", self.model):
            return None
        return user.home_state_id or 0


# What a person fills in on a request, on the page and through the API alike (status, reference
# and routing are the workflow's).
REQUEST_INPUT_FIELDS = (
    "channel",
    "received_on",
    "state",
    "institution",
    "focal_point",
    "title",
    "need",
    "decisions",
    "actions",
    "areas",
    "modality",
    "officials_count",
    "window_start",
    "window_end",
    "urgency",
    "visibility",
)


class AssistanceRequest(BaseModel):
    """A member state's request for help, tracked through the lifecycle in `assistance.workflow`."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True, editable=False)
    state = models.ForeignKey(
        MemberState, verbose_name=_("requesting state"), on_delete=models.PROTECT, related_name="requests"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("requesting institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests_filed",
    )
    # A draft keeps what is there: only submitting needs the need, the areas and the window
    # (`assistance.services.request_missing_for_submission`, the guard of `submitted`).
    title = models.CharField(_("title"), max_length=250)
    need = models.TextField(_("statement of need"), blank=True)
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("linked decisions"), blank=True, related_name="requests"
    )
    actions = models.ManyToManyField(
        RequiredAction, verbose_name=_("linked actions"), blank=True, related_name="requests"
    )
    areas = models.ManyToManyField(
        CapabilityArea, verbose_name=_("capability areas"), blank=True, related_name="requests"
    )
    modality = models.CharField(
        _("preferred modality"), max_length=16, choices=Modality.choices, default=Modality.NO_PREFERENCE
    )
    officials_count = models.PositiveSmallIntegerField(
        _("number of officials"), default=2, validators=[MinValueValidator(1)]
    )
    window_start = models.DateField(_("earliest start"), null=True, blank=True)
    window_end = models.DateField(_("latest end"), null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    visibility = visibility_field(default=Visibility.RESTRICTED)  # sharing is a deliberate choice
    channel = models.CharField(_("received by"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, editable=False)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests_assigned",
    )
    # The host that accepted (written by matching when the request enters host_confirmed): where
    # the activity that serves the request is planned. Empty for an expert-led request.
    host_state = models.ForeignKey(
        MemberState,
        verbose_name=_("confirmed host state"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="requests_hosted",
    )
    host_institution = models.ForeignKey(
        Institution,
        verbose_name=_("confirmed host institution"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="requests_hosted",
    )

    # The letter, e-mail or supporting documents, downloaded through core:document_download.
    documents = GenericRelation("core.Document")
    transition_records = GenericRelation("core.TransitionRecord", related_query_name="assistance_request")

    # Hosts and experts read what they are invited to, or accepted, to serve, even restricted.
    access = AccessRule(
        state="state",
        visibility=True,
        actions=REQUEST_ACTIONS,
        read_through=(
            ReadThrough("matching.HostInvitation", "request", {"status__in": ("invited", "accepted")}),
            ReadThrough("matching.ExpertInvitation", "request", {"status__in": ("invited", "accepted")}),
        ),
    )
    objects = AssistanceRequestQuerySet.as_manager()
    # A hundred thousand: forms and filters choose one by search (core.choosers).
    choice_search = ("reference", "title")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            # A board column's page, walked in the column's order (`selectors.BOARD_ORDER`); what
            # `for_user` reads (state, visibility) rides along, so a column is counted from the
            # index alone whoever looks.
            models.Index(
                fields=["status", "status_changed_at", "id"],
                include=["state", "visibility"],
                name="request_board_order",
            ),
            # The home worklists: an officer's requests, and the overdue ones, longest waiting first.
            models.Index(fields=["assigned_officer", "status_changed_at"], name="request_officer_waiting"),
            # The same page within one state: the board filtered by state, and a focal point's
            # drafts column (their state's drafts only, `in_status`).
            models.Index(
                fields=["state", "status", "status_changed_at", "id"],
                include=["visibility"],
                name="request_state_board",
            ),
            # The list's sorts with the key that breaks their ties (read backwards when descending,
            # the default newest-first order too), and the default order within a status or a state.
            models.Index(fields=["created_at", "id"], name="request_created_sort"),
            models.Index(fields=["status_changed_at", "id"], name="request_status_since_sort"),
            models.Index(fields=["title", "id"], name="request_title_sort"),
            models.Index(fields=["status", "id"], name="request_status_sort"),
            models.Index(fields=["status", "created_at"], name="request_status_created"),
            models.Index(fields=["state", "created_at"], name="request_state_created"),
        ]
        constraints = [
            models.CheckConstraint(
                name="request_window_ordered",
                condition=models.Q(window_start__isnull=True)
                | models.Q(window_end__isnull=True)
                | models.Q(window_end__gte=models.F("window_start")),
            ),
        ]

    def __str__(self):
        """Its reference and title once registered; until then its title alone."""
        return f"{self.reference} · {self.title}" if self.reference else self.title

    def clean(self):
        """The rules that hold whoever saves the request, from the page or the API (the service
        calls this too): the institution and the focal point belong to the requesting state, the
        window is in order, and nothing is received in the future."""
        errors = {}
        state_id = self.state_id
        if state_id and self.institution_id and self.institution.state_id != state_id:
            errors["institution"] = _("This institution belongs to another member state.")
        if state_id and self.focal_point_id and self.focal_point.member_state_id != state_id:
            errors["focal_point"] = _("This focal point acts for another member state.")
        if self.window_start and self.window_end and self.window_end < self.window_start:
            errors["window_end"] = _("The window must end on or after its start.")
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("A request cannot be received in the future.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return record_url("assistance:request_detail", self.pk)

    def get_status_color(self) -> str:
        return Status(self.status).get_color()

    @property
    def age(self):
        return timezone.now() - self.created_at

    @property
    def time_in_status(self):
        return timezone.now() - self.status_changed_at


class ReferenceCounter(models.Model):
    """The last reference number issued in a year; locked while a number is issued."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class NeedsAssessment(BaseModel):
    """What the secretariat found before approving: who was consulted, where the state stands, the gaps."""

    request = models.OneToOneField(AssistanceRequest, on_delete=models.CASCADE, related_name="needs_assessment")
    stakeholders = models.TextField(_("stakeholders consulted"))
    baseline = models.JSONField(
        _("baseline maturity"),
        default=dict,
        blank=True,
        help_text=_("Level per capability area code, pre-filled from the maturity map."),
    )
    gaps = models.TextField(_("gaps"))
    recommended_modality = models.CharField(_("recommended modality"), max_length=16, choices=Modality.choices)
    risks = models.TextField(_("risks"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)

    access = AccessRule(state="request__state", visibility="request__visibility", owners_edit=False)

    class Meta:
        ordering = ["-assessed_on"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")

    def __str__(self):
        return _("Needs assessment of %(request)s") % {"request": self.request}

    def get_absolute_url(self):
        return self.request.get_absolute_url() + "#needs-assessment"
