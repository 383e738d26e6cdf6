"""Brokering records: who was invited to host a request or to serve as its expert, and the answer;
and the weights an officer chose for a request's ranking."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from core.access import EVERYTHING, AccessRule, secretariat, secretariat_or_owner
from core.models import BaseModel
from matching import conf, factors
from matching.choices import InvitationStatus

ACTIVE = [InvitationStatus.INVITED, InvitationStatus.ACCEPTED]


def open_first_index(name: str) -> models.Index:
    """The invitations lists' order (matching.selectors.open_first: those waiting for an answer
    first, then the newest), read from an index, so a page of a long list costs a few rows."""
    waiting_first = Case(
        When(status=InvitationStatus.INVITED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return models.Index(waiting_first, F("created_at").desc(), F("id").desc(), name=name)


def waiting_longest_index(name: str) -> models.Index:
    """The home page's worklist: the invitations still waiting for an answer, longest first."""
    return models.Index(fields=["status", "created_at", "id"], name=name)


@dataclass(frozen=True, eq=False)  # the rule's identity hash, as AccessRule's
class InvitationAccess(AccessRule):
    """Who sees an invitation: the secretariat; the invited side (the host state's focal points,
    the host coordinators of the named institution, the invited expert); and the requesting
    state's focal points, whose request it is (`requester`). Only the secretariat changes
    invitations directly; answers go through `matching.services`, which ask `can(…, "accept")`.

    An invitation is owned by what its invitee acts for (a focal point's state, a host
    coordinator's institution, an expert's profile), never by a home state: a host coordinator
    sees its own institution's invitations, not every invitation to its state."""

    requester: str = "request__state"
    requested: str = "assistance.AssistanceRequest"  # the model `requester` goes through

    def owner_q(self, user, *, for_view: bool = False) -> Q:
        return super().owner_q(user, for_view=False)

    def view_q(self, user) -> Q:
        q = super().view_q(user)
        if q == EVERYTHING or not user.is_authenticated or not user.member_state_id:
            return q
        # The state's requests as a subquery, not a join: the database reads that state's few
        # requests by index rather than joining every request to every invitation (the OR with
        # the invited side keeps the planner from filtering the join).
        from django.apps import apps

        relation, field = self.requester.split("__")
        requests = apps.get_model(self.requested)._base_manager.filter(**{field: user.member_state_id})
        return q | Q(**{f"{relation}__in": requests.values("pk")})


def invitation_actions() -> dict:
    """The brokering steps: the secretariat invites and withdraws (ranking candidates is the
    request's own `match` action); the invitee (the invited state's focal points, the
    institution's host coordinators, the expert), or the secretariat recording an answer received
    by letter or e-mail, accepts or declines."""
    invitee = secretariat_or_owner(Role.FOCAL_POINT, Role.HOST_COORDINATOR, Role.EXPERT)
    return {
        "invite": secretariat(),
        "withdraw": secretariat(),
        "accept": invitee,
        "decline": invitee,
    }


class Invitation(BaseModel):
    """What host and expert invitations share: the request, the answer and who gave it."""

    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED, db_index=True
    )
    message = models.TextField(_("message"), blank=True, help_text=_("What the secretariat asks of the invitee."))
    score = models.FloatField(_("score when invited"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank when invited"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the invitation was declined or withdrawn."))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        abstract = True

    def get_status_color(self) -> str:
        return InvitationStatus(self.status).get_color()

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.INVITED


class HostInvitation(Invitation):
    """An invitation to a member state (and, usually, one of its institutions) to host a request."""

    request = models.ForeignKey(
        "assistance.AssistanceRequest",
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="host_invitations",
    )
    state = models.ForeignKey(
        "community.MemberState", verbose_name=_("host state"), on_delete=models.PROTECT, related_name="host_invitations"
    )
    institution = models.ForeignKey(
        "community.Institution",
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="host_invitations",
    )
    # What the host says when accepting: who the secretariat and the visitors deal with, and when
    # or on what terms it can receive them.
    contact_person = models.ForeignKey(
        "community.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="host_contacts",
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    proposed_start = models.DateField(_("proposed start"), null=True, blank=True)
    proposed_end = models.DateField(_("proposed end"), null=True, blank=True)
    conditions = models.TextField(
        _("conditions"), blank=True, help_text=_("Dates, numbers or conditions the host proposes.")
    )

    access = InvitationAccess(state="state", institution="institution", owners_edit=False, actions=invitation_actions())

    class Meta:
        ordering = ["request", "-created_at", "-pk"]
        verbose_name = _("host invitation")
        verbose_name_plural = _("host invitations")
        indexes = [open_first_index("hostinvitation_open_first"), waiting_longest_index("hostinvitation_waiting")]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "state"], condition=Q(status__in=ACTIVE), name="hostinvitation_one_active_per_state"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status=InvitationStatus.ACCEPTED),
                name="hostinvitation_one_accepted_host",
            ),
            models.CheckConstraint(
                name="hostinvitation_decline_has_reason",
                condition=~Q(status=InvitationStatus.DECLINED) | ~Q(reason=""),
            ),
            models.CheckConstraint(
                name="hostinvitation_proposed_dates_ordered",
                condition=Q(proposed_start__isnull=True)
                | Q(proposed_end__isnull=True)
                | Q(proposed_end__gte=models.F("proposed_start")),
            ),
        ]

    @property
    def host_name(self) -> str:
        """The institution invited, else the state."""
        return self.institution.name if self.institution_id else self.state.name

    @property
    def contact(self) -> dict:
        """The host's contact as shown: a chosen Person's name, e-mail and telephone, or the ones
        typed in (what was typed wins over the Person's own details)."""
        person = self.contact_person
        return {
            "name": self.contact_name or (str(person) if person else ""),
            "email": self.contact_email or (person.email if person else ""),
            "phone": self.contact_phone or (person.phone if person else ""),
        }

    def __str__(self):
        host = self.institution.name if self.institution_id else self.state.name
        return _("%(host)s to host %(request)s") % {
            "host": host,
            "request": self.request.reference or self.request.title,
        }

    def get_absolute_url(self):
        return reverse("matching:invitation_list") + f"#host-invitation-{self.pk}"


class ExpertInvitation(Invitation):
    """An invitation to an expert (a Person available as an expert) to serve on a request."""

    request = models.ForeignKey(
        "assistance.AssistanceRequest",
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="expert_invitations",
    )
    person = models.ForeignKey(
        "community.Person", verbose_name=_("expert"), on_delete=models.PROTECT, related_name="expert_invitations"
    )

    access = InvitationAccess(person="person", owners_edit=False, actions=invitation_actions())

    class Meta:
        ordering = ["request", "-created_at", "-pk"]
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")
        indexes = [open_first_index("expertinvitation_open_first"), waiting_longest_index("expertinvitation_waiting")]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"],
                condition=Q(status__in=ACTIVE),
                name="expertinvitation_one_active_per_expert",
            ),
            models.CheckConstraint(
                name="expertinvitation_decline_has_reason",
                condition=~Q(status=InvitationStatus.DECLINED) | ~Q(reason=""),
            ),
        ]

    def __str__(self):
        return _("%(expert)s for %(request)s") % {
            "expert": self.person,
            "request": self.request.reference or self.request.title,
        }

    def get_absolute_url(self):
        return reverse("matching:invitation_list") + f"#expert-invitation-{self.pk}"


def validate_host_weights(value) -> None:
    factors.validate_weights(value, factors.HOST)


class MatchWeights(BaseModel):
    """The weights an officer chose for one request's host ranking, by factor name (the
    deployment's defaults otherwise, from settings.ATTACHE_MATCH_WEIGHTS). A mapping rather than
    a column per factor, so that registering a factor (`matching.factors`) needs no migration:
    a factor the mapping leaves out has its default weight."""

    request = models.OneToOneField(
        "assistance.AssistanceRequest",
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="match_weights",
    )
    weights = models.JSONField(
        _("weights"),
        default=dict,
        blank=True,
        validators=[validate_host_weights],
        help_text=_("Relative weight of each host factor, from 0 to 10, by factor name."),
    )
    include_developing = models.BooleanField(
        _("also propose hosts below the hosting level"),
        default=False,
        help_text=_("Hosts below level 3 in the requested areas are left out unless this is ticked."),
    )
    include_unconfirmed = models.BooleanField(
        _("also propose hosts on self-assessed levels"),
        default=False,
        help_text=_(
            "A self-assessment the secretariat or a peer review has not confirmed does not make a state a host "
            "unless this is ticked."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    access = AccessRule(
        state="request__state",
        visibility="request__visibility",
        owners_edit=False,
        actions={"set_weights": secretariat()},
    )

    class Meta:
        ordering = ["request"]
        verbose_name = _("match weights")
        verbose_name_plural = _("match weights")

    def __str__(self):
        return _("Weights for %(request)s") % {"request": self.request}

    def get_absolute_url(self):
        return reverse("matching:request_matches", args=[self.request_id])

    def as_dict(self) -> dict[str, float]:
        """Every registered host factor's weight: the saved one, else the deployment's default."""
        saved = self.weights or {}
        return {factor: float(saved.get(factor, default)) for factor, default in conf.host_weights().items()}


class MatchExclusion(BaseModel):
    """A state, an institution or an expert the officer left out of one request's ranking, and
    why (a conflict of interest, a political sensitivity, a host known to be unavailable…).

    Exactly one of `state`, `institution` and `person` is set. Adding and removing an exclusion
    are written on the request's change history (`matching.events`); removing deletes the record,
    so the history keeps what was excluded, by whom and why. Only the secretariat sees and
    changes exclusions: the model names no owner, so no focal point, host or expert reads them."""

    request = models.ForeignKey(
        "assistance.AssistanceRequest",
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="match_exclusions",
    )
    state = models.ForeignKey(
        "community.MemberState",
        verbose_name=_("member state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    institution = models.ForeignKey(
        "community.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "community.Person", verbose_name=_("expert"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), help_text=_("Why it is left out of this request's ranking."))
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("left out by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    access = AccessRule(owners_edit=False, actions={"exclude": secretariat()})

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("exclusion from a ranking")
        verbose_name_plural = _("exclusions from a ranking")
        constraints = [
            models.CheckConstraint(
                name="matchexclusion_exactly_one_target",
                condition=(
                    Q(state__isnull=False, institution__isnull=True, person__isnull=True)
                    | Q(state__isnull=True, institution__isnull=False, person__isnull=True)
                    | Q(state__isnull=True, institution__isnull=True, person__isnull=False)
                ),
            ),
            models.CheckConstraint(name="matchexclusion_has_reason", condition=~Q(reason="")),
            models.UniqueConstraint(fields=["request", "state"], name="matchexclusion_one_per_state"),
            models.UniqueConstraint(fields=["request", "institution"], name="matchexclusion_one_per_institution"),
            models.UniqueConstraint(fields=["request", "person"], name="matchexclusion_one_per_person"),
        ]

    @property
    def target(self):
        return self.state or self.institution or self.person

    @property
    def target_kind(self) -> str:
        return "state" if self.state_id else "institution" if self.institution_id else "person"

    def __str__(self):
        return _("%(target)s left out of %(request)s") % {"target": self.target, "request": self.request}

    def get_absolute_url(self):
        return reverse("matching:request_matches", args=[self.request_id]) + f"#exclusion-{self.pk}"
