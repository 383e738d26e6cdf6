"""The community registry: states, institutions, people, committees, networks, capability areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from community.choices import InstitutionKind, InstitutionStatus, LegalTradition, MembershipKind, NetworkRole
from community.validators import validate_institution_in_state, validate_iso_code, validate_time_zone
from core.access import AccessRule
from core.models import BaseModel, ScopedQuerySet, visibility_field
from core.urls_helpers import record_url

ADMIN_ONLY = frozenset({Role.ADMIN})
# The texts of a capability area kept in every interface language (community/translation.py).
AREA_TRANSLATED_FIELDS = ("name", "description", "level_0", "level_1", "level_2", "level_3", "level_4")


class Language(BaseModel):
    """An official or working language (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60)

    access = AccessRule(everyone_reads=True, managers=ADMIN_ONLY, owners_edit=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:memberstate_list") + f"?language={self.code}"


class MemberState(BaseModel):
    """A member of the community: a full or an associate member."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    iso_code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    membership = models.CharField(_("membership"), max_length=10, choices=MembershipKind.choices)
    single_market = models.BooleanField(_("participates in the single market"), default=False)
    official_languages = models.ManyToManyField(Language, verbose_name=_("official languages"), blank=True)
    sub_region = models.CharField(_("sub-region"), max_length=80, blank=True)
    capital = models.CharField(_("capital"), max_length=120, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    legal_tradition = models.CharField(_("legal tradition"), max_length=12, choices=LegalTradition.choices, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("An IANA time zone such as America/Belize; the times of activities hosted here are in it."),
    )
    is_demo = models.BooleanField(default=False, editable=False)

    access = AccessRule(state="pk", everyone_reads=True, managers=ADMIN_ONLY, owners_edit=False)
    # What a filter's list of states reads (core.choosers.quick_selects).
    choice_only = ("name", "iso_code")

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        constraints = [
            models.CheckConstraint(
                name="memberstate_latitude_range",
                condition=models.Q(latitude__gte=-90, latitude__lte=90) | models.Q(latitude__isnull=True),
            ),
            models.CheckConstraint(
                name="memberstate_longitude_range",
                condition=models.Q(longitude__gte=-180, longitude__lte=180) | models.Q(longitude__isnull=True),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("community:memberstate_detail", self.pk)

    def clean(self):
        super().clean()
        self.iso_code = (self.iso_code or "").upper()
        validate_iso_code(self.iso_code)


class Institution(BaseModel):
    """A ministry, agency, committee, regional body, university or partner.

    A national institution belongs to a member state (`state`). A regional institution serves
    the whole region (no `state`); one with a seat in a member state (`seat`: a regional
    university's or examinations council's headquarters) can host peers there, like the seat's
    own institutions. A closed institution is kept for the record and never proposed as a host."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=InstitutionKind.choices)
    state = models.ForeignKey(
        MemberState,
        verbose_name=_("member state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text=_("Leave empty for regional bodies and development partners."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    visibility = visibility_field()
    group_capacity = models.PositiveSmallIntegerField(
        _("can receive a group of up to"),
        null=True,
        blank=True,
        help_text=_("The largest group of visiting officials it can receive at once (empty: not stated)."),
    )
    staff_languages = models.ManyToManyField(
        Language,
        verbose_name=_("staff languages"),
        blank=True,
        related_name="+",
        help_text=_(
            "Languages its staff work in besides the state's official ones: peer matching counts them "
            "when the requesting state speaks one of them."
        ),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=InstitutionStatus.choices, default=InstitutionStatus.ACTIVE, db_index=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, help_text=_("When it closed, if known."))
    seat = models.ForeignKey(
        MemberState,
        verbose_name=_("seat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seated_institutions",
        help_text=_("For a regional institution: the member state where it has its seat, and can host peers."),
    )

    access = AccessRule(state="state", institution="pk", visibility=True, scope_fields=("parent",))
    # Thousands of them: forms and filters choose one by search (core.choosers).
    choice_search = ("name", "acronym")
    choice_select_related = ("state",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        # The list's sorts, each with the key that breaks its ties (read backwards when descending);
        # by state and name: the unique constraint's index.
        indexes = [
            models.Index(fields=["name", "id"], name="institution_name_sort"),
            models.Index(fields=["kind", "id"], name="institution_kind_sort"),
            models.Index(fields=["status", "id"], name="institution_status_sort"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="institution_unique_name_per_state"),
            models.CheckConstraint(
                name="institution_seat_only_when_regional", condition=Q(seat__isnull=True) | Q(state__isnull=True)
            ),
            models.CheckConstraint(
                name="institution_closed_on_only_when_closed",
                condition=Q(closed_on__isnull=True) | Q(status=InstitutionStatus.CLOSED),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.state.iso_code})" if self.state_id else self.name

    @property
    def is_regional(self) -> bool:
        return self.state_id is None

    @property
    def is_closed(self) -> bool:
        return self.status == InstitutionStatus.CLOSED

    @property
    def host_state_id(self) -> int | None:
        """The member state it can host in: its own, or a regional institution's seat."""
        return self.state_id or self.seat_id

    def get_absolute_url(self):
        return record_url("community:institution_detail", self.pk)

    def clean(self):
        super().clean()
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An institution cannot be its own parent.")})
        if self.state_id and self.seat_id:
            raise ValidationError({"seat": _("Only a regional institution (without a member state) has a seat.")})
        if self.closed_on and self.status != InstitutionStatus.CLOSED:
            raise ValidationError({"closed_on": _("Only a closed institution has a closing date.")})


class CapabilityArea(BaseModel):
    """A node of the capability taxonomy, with the text of each maturity level 0–4."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=400, editable=False, db_index=True)
    description = models.TextField(_("description"), blank=True)
    level_0 = models.TextField(_("level 0 · absent"), blank=True)
    level_1 = models.TextField(_("level 1 · initial"), blank=True)
    level_2 = models.TextField(_("level 2 · developing"), blank=True)
    level_3 = models.TextField(_("level 3 · established"), blank=True)
    level_4 = models.TextField(_("level 4 · model"), blank=True)

    access = AccessRule(everyone_reads=True, managers=ADMIN_ONLY, owners_edit=False)
    # What a filter's list of areas reads: its labels are indented names (core.choosers.quick_selects).
    choice_only = ("code", "name", "path", "parent")

    class Meta:
        ordering = ["path"]
        verbose_name = _("capability area")
        verbose_name_plural = _("capability areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("community:capabilityarea_detail", self.pk)

    def clean(self):
        super().clean()
        # A cycle would make save() recurse for ever.
        parent = self.parent if self.parent_id else None
        if parent and self.pk and (parent.pk == self.pk or parent.path.startswith(f"{self.path}/")):
            raise ValidationError({"parent": _("An area cannot sit under itself or one of its own sub-areas.")})

    @property
    def depth(self) -> int:
        return self.path.count("/")

    def level_texts(self) -> list[tuple[int, str]]:
        return [(n, getattr(self, f"level_{n}")) for n in range(5)]

    def save(self, *args, **kwargs):
        # The materialised path lets a subtree be selected with one `path__startswith`.
        self.path = f"{self.parent.path}/{self.code}" if self.parent_id else self.code
        super().save(*args, **kwargs)
        for child in self.children.all():
            child.save()

    def subtree(self):
        return CapabilityArea.objects.filter(models.Q(pk=self.pk) | models.Q(path__startswith=f"{self.path}/"))


# What a person's record holds that a page or the API may write (posts have their own history).
PERSON_INPUT_FIELDS = (
    "honorific",
    "full_name",
    "post",
    "institution",
    "state",
    "email",
    "phone",
    "languages",
    "is_expert",
    "expertise_areas",
    "expertise",
    "visibility",
)


class Person(BaseModel):
    """An official, focal point or expert; keeps their history of posts."""

    full_name = models.CharField(_("full name"), max_length=150)
    honorific = models.CharField(_("title"), max_length=20, blank=True)
    post = models.CharField(_("current post"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("current institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    state = models.ForeignKey(
        MemberState,
        verbose_name=_("member state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    expertise_areas = models.ManyToManyField(
        CapabilityArea, verbose_name=_("areas of expertise"), blank=True, related_name="experts"
    )
    expertise = models.TextField(_("expertise"), blank=True)
    is_expert = models.BooleanField(_("available as an expert"), default=False)
    visibility = visibility_field()

    access = AccessRule(state="state", institution="institution", person="pk", visibility=True)
    # Tens of thousands: forms and filters choose one by search (core.choosers).
    choice_search = ("full_name", "email")

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # The list's sorts with the key that breaks their ties, and the default order within a
        # state or an institution (the filters, and a focal point's own state).
        indexes = [
            models.Index(fields=["full_name", "id"], name="person_name_sort"),
            models.Index(fields=["post", "id"], name="person_post_sort"),
            models.Index(fields=["state", "full_name"], name="person_state_name"),
            models.Index(fields=["institution", "full_name"], name="person_institution_name"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return record_url("community:person_detail", self.pk)

    def clean(self):
        super().clean()
        validate_institution_in_state(
            institution=self.institution if self.institution_id else None,
            state=self.state if self.state_id else None,
        )


class PostHeld(BaseModel):
    """One post a person held: when governments change, officials are reassigned."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    post = models.CharField(_("post"), max_length=200)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts_held",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    access = AccessRule(state="person__state", institution="person__institution", person="person", everyone_reads=True)

    class Meta:
        ordering = ["person", "-start_date"]
        verbose_name = _("post held")
        verbose_name_plural = _("posts held")
        constraints = [
            models.CheckConstraint(
                name="postheld_ends_after_start",
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(end_date__isnull=True),
                name="postheld_one_current_post",
            ),
        ]

    def __str__(self):
        return f"{self.post} ({self.start_date:%Y}–{self.end_date:%Y})" if self.end_date else self.post

    def get_absolute_url(self):
        return self.person.get_absolute_url()


class CommitteeMeetingQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """A meeting shows its committee's name, so it is seen only by those who see the committee."""
        return super().for_user(user).filter(committee__in=Institution.objects.for_user(user))


class CommitteeMeeting(BaseModel):
    """A meeting of a national committee or regional body; attachments are timed to these."""

    committee = models.ForeignKey(
        Institution, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    visibility = visibility_field()

    access = AccessRule(state="committee__state", institution="committee", visibility=True)
    objects = CommitteeMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="meeting_unique_per_committee_day"),
        ]
        # The list's sorts (by date, the default, read backwards, or by place).
        indexes = [
            models.Index(fields=["date", "id"], name="meeting_date_sort"),
            models.Index(fields=["place", "id"], name="meeting_place_sort"),
        ]

    def __str__(self):
        return f"{self.committee.name}, {date_format(self.date, 'DATE_FORMAT')}"

    def get_absolute_url(self):
        return record_url("community:committeemeeting_detail", self.pk)


class Network(BaseModel):
    """A regional network of specialists, such as the labour-migration network built in 2019."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(CapabilityArea, verbose_name=_("capability areas"), blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    members = models.ManyToManyField(Person, through="NetworkMembership", related_name="networks")

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("community:network_detail", self.pk)


class NetworkMembership(BaseModel):
    """A person's place in a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=NetworkRole.choices, default=NetworkRole.MEMBER)
    joined = models.DateField(_("joined"), null=True, blank=True)

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["network", "person__full_name"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="membership_unique_person"),
        ]

    def __str__(self):
        return f"{self.person} · {self.network}"

    def get_absolute_url(self):
        return self.network.get_absolute_url()


class RegionalMeeting(BaseModel):
    """A meeting of one of the community's organs or councils (COHSOD, COTED, the Conference of
    Heads of Government…): an opportunity for a host where it meets on the request's subject, a
    clash for a host whose officials are away attending it elsewhere."""

    body = models.CharField(
        _("organ or council"), max_length=120, help_text=_("e.g. COHSOD, COTED, Conference of Heads of Government")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    host_state = models.ForeignKey(
        MemberState,
        verbose_name=_("held in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regional_meetings_held",
        help_text=_("Leave empty for a meeting held online or outside the member states."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("The city, e.g. Georgetown."))
    attending_states = models.ManyToManyField(
        MemberState, verbose_name=_("attending states"), blank=True, related_name="regional_meetings_attended"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    areas = models.ManyToManyField(
        CapabilityArea, verbose_name=_("capability areas"), blank=True, related_name="regional_meetings"
    )

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["-start_date", "body"]
        verbose_name = _("regional meeting")
        verbose_name_plural = _("regional meetings")
        constraints = [
            models.CheckConstraint(
                name="regionalmeeting_ends_after_start", condition=models.Q(end_date__gte=models.F("start_date"))
            ),
        ]

    def __str__(self):
        return f"{self.body}, {date_format(self.start_date, 'DATE_FORMAT')}"

    def get_absolute_url(self):
        return record_url("community:regionalmeeting_detail", self.pk)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})


class NonWorkingDay(BaseModel):
    """A day a state does not work though it is no statutory public holiday (Carnival Monday and
    Tuesday in Trinidad and Tobago): matching and activity planning skip it like a holiday."""

    state = models.ForeignKey(
        MemberState, verbose_name=_("member state"), on_delete=models.CASCADE, related_name="non_working_days"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    access = AccessRule(everyone_reads=True, owners_edit=False)

    class Meta:
        ordering = ["-date", "state__name"]
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        constraints = [
            models.UniqueConstraint(fields=["state", "date"], name="nonworkingday_unique_per_state_day"),
        ]

    def __str__(self):
        return f"{self.name}, {date_format(self.date, 'DATE_FORMAT')}"

    def get_absolute_url(self):
        return record_url("community:nonworkingday_detail", self.pk)
