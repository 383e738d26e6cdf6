"""Brokering records: who was invited to host a request or to serve as its expert, and the answer;
and the weights an officer chose for a request's ranking."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistance.models import AssistanceRequest
from community.models import Institution, MemberState, Person
from core.access import EVERYTHING, NOTHING, AccessRule
from core.models import BaseModel
from matching.choices import InvitationStatus
from matching.conf import DEFAULT_HOST_WEIGHTS, HOST_FACTORS

ACTIVE = [InvitationStatus.INVITED, InvitationStatus.ACCEPTED]


@dataclass(frozen=True)
class InvitationAccess(AccessRule):
    """Who sees an invitation: the secretariat; the invited side (the host state's focal points,
    the host coordinators of the named institution, the invited expert); and the requesting
    state's focal points, whose request it is. Only the secretariat changes invitations directly;
    answers go through `matching.services`, which check who may answer."""

    def view_q(self, user) -> Q:
        if not user.is_authenticated:
            return NOTHING
        if user.is_secretariat:
            return EVERYTHING
        q = NOTHING
        if user.role == Role.FOCAL_POINT and user.member_state_id:
            q |= Q(request__state=user.member_state_id)
            if self.state:
                q |= Q(**{self.state: user.member_state_id})
        if self.institution and user.role == Role.HOST_COORDINATOR and user.institution_id:
            q |= Q(**{self.institution: user.institution_id})
        if self.person and user.person_id:
            q |= Q(**{self.person: user.person_id})
        return q


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
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="host_invitations"
    )
    state = models.ForeignKey(
        MemberState, verbose_name=_("host state"), on_delete=models.PROTECT, related_name="host_invitations"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="host_invitations",
    )

    access = InvitationAccess(state="state", institution="institution", owners_edit=False)

    class Meta:
        ordering = ["request", "-created_at", "-pk"]
        verbose_name = _("host invitation")
        verbose_name_plural = _("host invitations")
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
        ]

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
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="expert_invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="expert_invitations"
    )

    access = InvitationAccess(person="person", owners_edit=False)

    class Meta:
        ordering = ["request", "-created_at", "-pk"]
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")
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


def _weight_field(factor: str, label):
    return models.FloatField(
        label, default=DEFAULT_HOST_WEIGHTS[factor], validators=[MinValueValidator(0), MaxValueValidator(10)]
    )


class MatchWeights(BaseModel):
    """The weights an officer chose for one request's host ranking (the deployment's defaults
    otherwise, from settings.ATTACHE_MATCH_WEIGHTS)."""

    request = models.OneToOneField(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="match_weights"
    )
    capability = _weight_field("capability", _("capability"))
    fit = _weight_field("fit", _("fit"))
    relevance = _weight_field("relevance", _("relevance"))
    track_record = _weight_field("track_record", _("track record"))
    load = _weight_field("load", _("load"))
    timing = _weight_field("timing", _("timing"))
    cost = _weight_field("cost", _("cost"))
    include_developing = models.BooleanField(
        _("also propose hosts below the hosting level"),
        default=False,
        help_text=_("Hosts below level 3 in the requested areas are left out unless this is ticked."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    access = AccessRule(state="request__state", visibility="request__visibility", owners_edit=False)

    class Meta:
        ordering = ["request"]
        verbose_name = _("match weights")
        verbose_name_plural = _("match weights")
        constraints = [
            models.CheckConstraint(
                name="matchweights_in_range",
                condition=Q(**{f"{factor}__gte": 0 for factor in HOST_FACTORS})
                & Q(**{f"{factor}__lte": 10 for factor in HOST_FACTORS}),
            ),
        ]

    def __str__(self):
        return _("Weights for %(request)s") % {"request": self.request}

    def get_absolute_url(self):
        return reverse("matching:request_matches", args=[self.request_id])

    def as_dict(self) -> dict[str, float]:
        return {factor: getattr(self, factor) for factor in HOST_FACTORS}
