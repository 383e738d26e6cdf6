"""Activities: attachments, workshops, expert missions, study visits and virtual sessions, with
their agenda, participants, attendance, money and certificates (capability 7 of DESIGN.md).

Who sees what is declared once per model in its AccessRule:

- the secretariat sees and changes everything;
- the states taking part (the requesting states and those invited to a regional workshop) read
  their activities, and their focal points nominate officials;
- the host coordinator of the host institution reads the activity and prepares its agenda,
  attendance and papers;
- an expert reads the activities and sessions they facilitate;
- every other state reads an activity only when it is shared, and never its people or money.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from activities.choices import (
    ACTIVITY_MODALITIES,
    SEATED,
    STATUS_COLORS,
    ActivityStatus,
    BudgetCategory,
    NominationStatus,
    SessionKind,
)
from community.models import CapabilityArea, Institution, Language, MemberState, Person
from core.access import AccessRule, Allow, ReadThrough, secretariat, secretariat_or_owner
from core.models import BaseModel, Visibility, visibility_field
from core.urls_helpers import record_url

# The longest activity planned in one piece; a longer programme is several activities.
MAX_ACTIVITY_DAYS = 60
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}
HOST = Role.HOST_COORDINATOR

ACTIVITY_ACTIONS = {
    **{f"transition:{status}": secretariat() for status in ActivityStatus if status != ActivityStatus.PROPOSED},
    # Build the agenda, record attendance, attach papers: the secretariat and the host institution.
    "prepare": secretariat_or_owner(HOST),
    # Nominate officials: the secretariat for any state, a focal point for their own state, when
    # that state takes part.
    "nominate": secretariat_or_owner(Role.FOCAL_POINT),
    "confirm_nominations": secretariat(),
    "budget": secretariat(),
    "certify": secretariat(),
}


class ModalityRule(BaseModel):
    """How many people and how many working days an activity of one modality takes, set by the
    secretariat. Modalities with no row use `activities.rules.DEFAULT_RULES`, from practice."""

    modality = models.CharField(_("modality"), max_length=16, choices=ACTIVITY_MODALITIES, unique=True)
    min_people = models.PositiveSmallIntegerField(_("fewest people"), validators=[MaxValueValidator(500)])
    max_people = models.PositiveSmallIntegerField(
        _("most people"), null=True, blank=True, validators=[MaxValueValidator(500)], help_text=_("Empty: no cap.")
    )
    max_people_justified = models.PositiveSmallIntegerField(
        _("most people, when justified"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
        help_text=_("A higher cap a nomination may reach when its justification is written down."),
    )
    min_days = models.PositiveSmallIntegerField(_("fewest working days"), validators=[MaxValueValidator(60)])
    max_days = models.PositiveSmallIntegerField(_("most working days"), validators=[MaxValueValidator(60)])
    default_days = models.PositiveSmallIntegerField(_("usual working days"), validators=[MaxValueValidator(60)])
    counts_experts = models.BooleanField(
        _("the cap counts experts"),
        default=False,
        help_text=_("For an expert mission the people counted are the experts sent, not the officials."),
    )

    access = AccessRule(everyone_reads=True)

    class Meta:
        ordering = ["modality"]
        verbose_name = _("modality rule")
        verbose_name_plural = _("modality rules")
        constraints = [
            models.CheckConstraint(
                name="modalityrule_people_order",
                condition=models.Q(max_people__isnull=True) | models.Q(max_people__gte=models.F("min_people")),
            ),
            models.CheckConstraint(
                name="modalityrule_days_order",
                condition=models.Q(max_days__gte=models.F("min_days"))
                & models.Q(default_days__gte=models.F("min_days"))
                & models.Q(default_days__lte=models.F("max_days")),
            ),
        ]

    def __str__(self):
        return self.get_modality_display()

    def get_absolute_url(self):
        return reverse("activities:modalityrule_list")

    def clean(self):
        errors = {}
        if self.max_people is not None and self.min_people is not None and self.max_people < self.min_people:
            errors["max_people"] = _("The cap cannot be below the fewest people.")
        if self.max_people_justified is not None and (
            self.max_people is None or self.max_people_justified <= self.max_people
        ):
            errors["max_people_justified"] = _("The justified cap must be above the ordinary cap.")
        if None not in (self.min_days, self.max_days, self.default_days):
            if self.max_days < self.min_days:
                errors["max_days"] = _("The most working days cannot be below the fewest.")
            elif not self.min_days <= self.default_days <= self.max_days:
                errors["default_days"] = _("The usual length must lie between the fewest and the most working days.")
        if errors:
            raise ValidationError(errors)


class Activity(BaseModel):
    """One piece of cooperation delivered: who hosts it, whom it serves, when and where."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=250)
    modality = models.CharField(_("modality"), max_length=16, choices=ACTIVITY_MODALITIES)
    description = models.TextField(_("purpose"), blank=True)
    host_state = models.ForeignKey(
        MemberState, verbose_name=_("host state"), on_delete=models.PROTECT, related_name="activities_hosted"
    )
    host_institution = models.ForeignKey(
        Institution,
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities_hosted",
    )
    requests = models.ManyToManyField(
        "assistance.AssistanceRequest",
        verbose_name=_("requests served"),
        blank=True,
        related_name="activities",
        help_text=_("A regional workshop may serve many requests, or none when the secretariat starts it."),
    )
    states = models.ManyToManyField(
        MemberState,
        verbose_name=_("states taking part"),
        blank=True,
        related_name="activities",
        help_text=_("The requesting states and those invited: their focal points nominate officials."),
    )
    experts = models.ManyToManyField(
        Person, verbose_name=_("experts and facilitators"), blank=True, related_name="activities_led"
    )
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    areas = models.ManyToManyField(
        CapabilityArea, verbose_name=_("capability areas"), blank=True, related_name="activities"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PROPOSED,
        editable=False,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, editable=False)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities_managed",
    )
    visibility = visibility_field(default=Visibility.RESTRICTED)

    documents = GenericRelation("core.Document")
    transition_records = GenericRelation("core.TransitionRecord", related_query_name="activity")

    # The experts named on it read it, as do those who lead one of its sessions and its
    # nominees with an account (they open their own calendar and certificate from it).
    access = AccessRule(
        state="states",
        institution="host_institution",
        person="experts",
        visibility=True,
        owners={"state": {Role.FOCAL_POINT}, "institution": {HOST}, "person": {Role.EXPERT}},
        owners_edit=False,
        actions=ACTIVITY_ACTIONS,
        read_through=(
            ReadThrough("activities.Session", "activity"),
            ReadThrough("activities.Nomination", "activity", {"status__in": SEATED}),
        ),
    )

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                name="activity_dates_in_order",
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            ),
        ]
        indexes = [
            models.Index(fields=["host_state", "start_date"], name="activity_host_start"),
            # The list's order (newest first), read backwards: a page reads only its rows.
            models.Index(fields=["start_date", "id"], name="activity_start"),
            # The list's other sorts: a page of 10,000 activities reads its rows, sorts nothing.
            models.Index(fields=["title", "id"], name="activity_title_sort"),
            models.Index(fields=["end_date", "id"], name="activity_end_sort"),
            models.Index(fields=["status", "id"], name="activity_status_sort"),
            models.Index(fields=["modality", "id"], name="activity_modality_sort"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("activities:activity_detail", self.pk)

    def get_status_color(self) -> str:
        return STATUS_COLORS.get(self.status, "text-bg-light")

    @property
    def days(self) -> list[datetime.date]:
        """Every calendar day from the first to the last (weekends included: site visits happen)."""
        if not (self.start_date and self.end_date):
            return []
        return [self.start_date + datetime.timedelta(days=n) for n in range((self.end_date - self.start_date).days + 1)]

    @property
    def time_zone(self) -> str:
        return self.host_state.time_zone or settings.TIME_ZONE

    def clean(self):
        errors = {}
        if (
            self.host_state_id
            and self.host_institution_id
            and self.host_institution.state_id
            not in (
                None,
                self.host_state_id,
            )
        ):
            errors["host_institution"] = _("This institution belongs to another member state.")
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = _("The last day cannot be before the first.")
            elif (self.end_date - self.start_date).days + 1 > MAX_ACTIVITY_DAYS:
                errors["end_date"] = _("An activity lasts at most %(days)s days; plan a longer programme in parts.") % {
                    "days": MAX_ACTIVITY_DAYS
                }
        elif bool(self.start_date) != bool(self.end_date):
            errors["end_date" if self.start_date else "start_date"] = _("Give both the first and the last day.")
        if errors:
            raise ValidationError(errors)


class Session(BaseModel):
    """One slot of the agenda: a plenary, an exercise, group work, a site visit or a break."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    position = models.PositiveSmallIntegerField(_("order in the day"), default=0)
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices, default=SessionKind.PLENARY)
    facilitator = models.ForeignKey(
        Person,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_led",
    )
    method = models.CharField(_("method"), max_length=250, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    # The agenda is read by all who read the activity; an expert reads the sessions they lead,
    # a nominee the agenda of the activity they are nominated to; only the secretariat and the
    # host institution change it.
    access = AccessRule(
        state="activity__states",
        institution="activity__host_institution",
        person="facilitator",
        visibility="activity__visibility",
        owners={"state": frozenset(), "institution": {HOST}, "person": {Role.EXPERT}},
        owners_edit=("institution",),
        read_through=(ReadThrough("activities.Nomination", "activity", {"status__in": SEATED}, field="activity"),),
    )

    class Meta:
        ordering = ["day", "position", "start_time", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start", condition=models.Q(end_time__gt=models.F("start_time"))
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity_agenda", args=[self.activity_id]) + f"#session-{self.pk}"

    @property
    def minutes(self) -> int:
        start = datetime.datetime.combine(self.day, self.start_time)
        return int((datetime.datetime.combine(self.day, self.end_time) - start).total_seconds() // 60)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A session ends after it starts.")
        activity = self.activity if self.activity_id else None
        if activity and self.day and activity.start_date and not activity.start_date <= self.day <= activity.end_date:
            errors["day"] = _("Choose a day of the activity (%(first)s to %(last)s).") % {
                "first": activity.start_date,
                "last": activity.end_date,
            }
        if errors:
            raise ValidationError(errors)


NOMINATION_ACTIONS = {
    "transition:confirmed": secretariat(),
    "transition:declined": secretariat(),
    "transition:withdrawn": secretariat_or_owner(Role.FOCAL_POINT),
    # The nominee (with an account) or their focal point confirms they will take part; not the
    # host coordinator, who owns every nomination of the activity through its institution.
    "participant_confirm": Allow(Role.secretariat() | {Role.FOCAL_POINT, Role.EXPERT}, own=True),
}


class Nomination(BaseModel):
    """An official put forward by a state taking part; once confirmed, a participant."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="nominations"
    )
    state = models.ForeignKey(
        MemberState, verbose_name=_("nominating state"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(Person, verbose_name=_("nominee"), on_delete=models.PROTECT, related_name="nominations")
    post = models.CharField(_("post"), max_length=200)
    reason = models.TextField(_("why this official"))
    justification = models.TextField(
        _("justification for a larger group"),
        blank=True,
        help_text=_("Needed only beyond the ordinary cap, where the modality allows it (a study visit of 4 or 5)."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.PROPOSED,
        editable=False,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, editable=False)
    participant_confirmed_at = models.DateTimeField(_("participation confirmed"), null=True, blank=True, editable=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    transition_records = GenericRelation("core.TransitionRecord", related_query_name="nomination")

    # People are personal data: their state, the host institution and the secretariat see them,
    # and the nominee themself; never the other states, even when the activity is shared.
    access = AccessRule(
        state="state",
        institution="activity__host_institution",
        person="person",
        owners={"state": {Role.FOCAL_POINT}, "institution": {HOST}, "person": {Role.FOCAL_POINT, Role.EXPERT, HOST}},
        owners_edit=("state",),
        actions=NOMINATION_ACTIONS,
    )

    class Meta:
        ordering = ["activity", "state__name", "person__full_name"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=models.Q(status__in=["proposed", "confirmed"]),
                name="nomination_one_seat_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person.full_name} ({self.activity})"

    def get_absolute_url(self):
        return reverse("activities:activity_people", args=[self.activity_id]) + f"#nomination-{self.pk}"

    def get_status_color(self) -> str:
        return {
            NominationStatus.CONFIRMED: "text-bg-success",
            NominationStatus.DECLINED: "text-bg-dark",
            NominationStatus.WITHDRAWN: "text-bg-secondary",
        }.get(self.status, "text-bg-light")


class Attendance(BaseModel):
    """Whether a confirmed participant was there on one day of the activity."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    access = AccessRule(
        state="nomination__state",
        institution="nomination__activity__host_institution",
        person="nomination__person",
        owners={"state": frozenset(), "institution": {HOST}, "person": {Role.FOCAL_POINT, Role.EXPERT, HOST}},
        owners_edit=("institution",),
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["nomination", "day"], name="attendance_once_per_day")]

    def __str__(self):
        return f"{self.nomination.person.full_name}, {self.day}"


class BudgetLine(BaseModel):
    """Money planned for an activity, and what was really spent, by category and funding source."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=16, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=250, blank=True)
    amount = models.DecimalField(_("budgeted"), **MONEY)
    actual = models.DecimalField(_("spent"), null=True, blank=True, **MONEY)
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("ISO 4217 code, e.g. USD, XCD.")
    )
    funding_source = models.CharField(_("funding source"), max_length=200)

    # The states taking part and the host institution read the money; the secretariat changes it.
    access = AccessRule(
        state="activity__states",
        institution="activity__host_institution",
        owners={"state": frozenset(), "institution": {HOST}},
        owners_edit=False,
    )

    class Meta:
        ordering = ["activity", "category", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount} {self.currency}"

    def get_absolute_url(self):
        return reverse("activities:activity_budget", args=[self.activity_id])

    def clean(self):
        self.currency = (self.currency or "").upper()
        if not (len(self.currency) == 3 and self.currency.isascii() and self.currency.isalpha()):
            raise ValidationError({"currency": _("Give a three-letter currency code such as USD or XCD.")})


def new_certificate_code() -> str:
    """Twelve characters from an alphabet without look-alikes, in three groups (K7QX-M2RT-9HCW)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(BaseModel):
    """A certificate of participation as issued: what it says is kept as it was printed, so a
    later correction of a name or a date is a re-issue, and the old code shows as replaced."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("verification code"), max_length=14, unique=True, default=new_certificate_code)
    participant_name = models.CharField(_("participant"), max_length=150)
    activity_title = models.CharField(_("activity"), max_length=250)
    host = models.CharField(_("host"), max_length=400)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    days_attended = models.PositiveSmallIntegerField(_("days attended"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("why it was revoked"), blank=True)
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("replaced by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

    access = AccessRule(
        state="nomination__state",
        institution="nomination__activity__host_institution",
        person="nomination__person",
        owners={"state": frozenset(), "institution": {HOST}, "person": {Role.FOCAL_POINT, Role.EXPERT, HOST}},
        owners_edit=False,
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.code} — {self.participant_name}"

    def get_absolute_url(self):
        return reverse("activities:certificate_verify", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
