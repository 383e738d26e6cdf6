"""Writes on requests. Every status change goes through `request_transition`."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from assistance import notifications
from assistance.choices import TRANSITIONS, Channel, Status
from assistance.exceptions import InvalidTransition, TransitionForbidden
from assistance.models import (
    AssistanceRequest,
    NeedsAssessment,
    ReferenceCounter,
    StatusChange,
)
from core.documents import documents_attach
from maturity.selectors import current_levels


def issue_reference(*, year: int) -> str:
    """The next reference of the year, e.g. TA/2026/0042: sequential, never reused.

    The counter row is locked, so two officers registering at once get different numbers;
    the row is created with ON CONFLICT DO NOTHING so the first registration of a year is safe too."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    prefix = getattr(settings, "ATTACHE_REFERENCE_PREFIX", "TA")
    return f"{prefix}/{year}/{counter.last_number:04d}"


def _guard_registered(request, comment):
    request.reference = request.reference or issue_reference(year=timezone.localdate().year)
    if not request.received_on:
        request.received_on = timezone.localdate()


def _guard_approved(request, comment):
    if not NeedsAssessment.objects.filter(request=request).exists():
        raise InvalidTransition(_("A request can only be approved after its needs assessment is recorded."))


def _guard_needs_reason(request, comment):
    if not comment.strip():
        raise InvalidTransition(_("Say why in the comment."))


# Moves that must say why: the requester and the record deserve a reason.
REASON_REQUIRED = frozenset({Status.DECLINED, Status.ON_HOLD, Status.WITHDRAWN})

# Checks (and side effects inside the transaction) for entering a status.
GUARDS = {
    Status.REGISTERED: _guard_registered,
    Status.APPROVED: _guard_approved,
    **{status: _guard_needs_reason for status in REASON_REQUIRED},
}


def _may_act_for(actor, request) -> bool:
    """The secretariat acts on every request; a focal point only on their own state's."""
    return actor.is_secretariat or (actor.role == Role.FOCAL_POINT and actor.member_state_id == request.state_id)


def allowed_transitions(request, actor) -> list[Status]:
    """The moves the actor may offer from the request's current status (guards are checked on use)."""
    if not actor.is_authenticated or not _may_act_for(actor, request):
        return []
    moves = TRANSITIONS.get(request.status, {})
    return [Status(to) for to, roles in moves.items() if actor.is_superuser or actor.role in roles]


@transaction.atomic
def request_transition(*, request_id: int, to: str, actor, comment: str = "") -> AssistanceRequest:
    """Move a request along the lifecycle, recording who did it and why, then notify."""
    request = (
        AssistanceRequest.objects.for_user(actor).select_for_update().get(pk=request_id)
    )  # two officers may click at once
    moves = TRANSITIONS.get(request.status, {})
    if to not in moves:
        raise InvalidTransition(
            _("A request cannot go from %(from)s to %(to)s.")
            % {"from": Status(request.status).label, "to": Status(to).label if to in Status.values else to}
        )
    if not _may_act_for(actor, request) or not (actor.is_superuser or actor.role in moves[to]):
        raise TransitionForbidden(_("You may not move this request to %(to)s.") % {"to": Status(to).label})
    if guard := GUARDS.get(to):
        guard(request, comment)
    change = StatusChange.objects.create(
        request=request, from_status=request.status, to_status=to, actor=actor, comment=comment
    )
    request.status, request.status_changed_at = to, change.at
    request.save(update_fields=["status", "status_changed_at", "reference", "received_on", "updated_at"])
    notifications.status_change_notify(change=change)
    return request


@transaction.atomic
def request_file(*, form, actor, submit: bool, documents=()) -> AssistanceRequest:
    """Save a new request: a focal point files it online for their own state; an officer records
    one received by letter or e-mail, which is then submitted and registered at once.

    `form` is a validated ModelForm (or anything with its `save(commit=False)` and `save_m2m()`);
    `documents` are uploaded files, kept as the request's documents."""
    request = form.save(commit=False)
    if actor.role == Role.FOCAL_POINT and not actor.is_superuser:
        request.state_id, request.channel, request.focal_point = actor.member_state_id, Channel.ONLINE, actor
    elif not actor.is_secretariat:
        raise PermissionDenied(_("Only focal points and the secretariat file requests."))
    request.save()
    form.save_m2m()
    documents_attach(record=request, uploads=documents, uploaded_by=actor)
    StatusChange.objects.create(request=request, from_status="", to_status=Status.DRAFT, actor=actor)
    if submit:
        request_transition(request_id=request.pk, to=Status.SUBMITTED, actor=actor)
        if actor.is_secretariat and request.channel != Channel.ONLINE:
            request_transition(
                request_id=request.pk, to=Status.REGISTERED, actor=actor, comment=_("Registered on receipt.")
            )
    request.refresh_from_db()
    return request


# Drafts and requests not yet registered may still be corrected by whoever filed them.
EDITABLE = frozenset({Status.DRAFT, Status.SUBMITTED})


def request_is_editable(request) -> bool:
    return request.status in EDITABLE


@transaction.atomic
def request_update(*, form, actor, submit: bool = False, documents=()) -> AssistanceRequest:
    """Save changes to a request that is still a draft or awaiting registration; optionally
    add documents and submit the draft."""
    locked = AssistanceRequest.objects.select_for_update().get(
        pk=form.instance.pk
    )  # an officer may register it meanwhile
    if not request_is_editable(locked) or not locked.can_change(actor):
        raise PermissionDenied(_("Only drafts and requests awaiting registration can be changed."))
    request = form.save(commit=False)
    # Only the form's own fields: status, reference and routing are never written from a form.
    concrete = {field.name for field in request._meta.concrete_fields if field.editable}
    request.save(update_fields=[name for name in form.fields if name in concrete] + ["updated_at"])
    form.save_m2m()
    documents_attach(record=request, uploads=documents, uploaded_by=actor)
    if submit and request.status == Status.DRAFT:
        request_transition(request_id=request.pk, to=Status.SUBMITTED, actor=actor)
        if actor.is_secretariat and request.channel != Channel.ONLINE:
            request_transition(
                request_id=request.pk, to=Status.REGISTERED, actor=actor, comment=_("Registered on receipt.")
            )
        request.refresh_from_db()
    return request


@transaction.atomic
def request_assign(*, request_id: int, officer, actor) -> AssistanceRequest:
    """Route a request to an officer, who is told by e-mail."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat routes requests."))
    if officer is not None and not (officer.is_secretariat and officer.is_active):
        raise PermissionDenied(_("Requests are routed to active secretariat officers."))
    request = AssistanceRequest.objects.select_for_update().get(pk=request_id)
    request.assigned_officer = officer
    request.save(update_fields=["assigned_officer", "updated_at"])
    if officer is not None and officer != actor:
        notifications.assignment_notify(assistance_request=request)
    return request


def baseline_for(request, *, user) -> dict[str, int]:
    """The requesting state's current level in each requested area, from the maturity map."""
    areas = list(request.areas.all())
    latest = current_levels(user=user, states=[request.state], areas=areas)
    return {
        area.code: latest[(request.state_id, area.pk)].level for area in areas if (request.state_id, area.pk) in latest
    }


ASSESSABLE = frozenset({Status.REGISTERED, Status.ASSESSING, Status.ON_HOLD})


@transaction.atomic
def needs_assessment_save(*, request_id: int, actor, **fields) -> NeedsAssessment:
    """Record or revise the needs assessment that approval depends on."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat records needs assessments."))
    request = AssistanceRequest.objects.select_for_update().get(pk=request_id)
    if request.status not in ASSESSABLE:
        raise InvalidTransition(
            _("A needs assessment is recorded while the request is registered, being assessed or on hold.")
        )
    assessment, _created = NeedsAssessment.objects.update_or_create(
        request=request, defaults={**fields, "assessed_by": actor}
    )
    if request.status == Status.REGISTERED:
        request_transition(
            request_id=request.pk, to=Status.ASSESSING, actor=actor, comment=_("Needs assessment started.")
        )
    return assessment


def overdue_limit(status: str) -> datetime.timedelta | None:
    days = settings.ATTACHE_STATUS_DEADLINES.get(status)
    return datetime.timedelta(days=days) if days is not None else None


def is_overdue(request) -> bool:
    limit = overdue_limit(request.status)
    return limit is not None and request.time_in_status > limit
