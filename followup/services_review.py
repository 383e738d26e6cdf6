"""The follow-up review closes the loop on a request: from the evidence of its closed activities
the officer records the requesting state's new maturity, optionally the state's implementation
of the linked actions, and moves the request (delivered → follow_up → closed), all or nothing.

The page and the API call `followup_review_record`; both refuse the same input on the same
field with the same words."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance import selectors as request_reads
from assistance.choices import Status
from assistance.services import request_transition
from assistance.workflow import request_workflow
from core.workflow import InvalidTransition
from decisions.choices import ImplementationStatus
from decisions.services import implementation_report
from maturity.choices import AssessmentMethod
from maturity.services import assessment_record, can_record

# The request statuses at which the review is made: the activity delivered, then followed up.
REVIEWABLE = (Status.DELIVERED, Status.FOLLOW_UP)
# The officer's own judgement from the evidence: maturity's "secretariat assessment" method (no
# method names the follow-up; the assessment's notes say it came from the review).
REVIEW_METHOD = AssessmentMethod.SECRETARIAT


def level_field(area_id: int) -> str:
    return f"level_{area_id}"


def status_field(action_id: int) -> str:
    return f"status_{action_id}"


def review_targets(assistance_request, user) -> list:
    """The moves the user may offer from the request's status (follow_up, or closed)."""
    if assistance_request.status not in REVIEWABLE:
        return []
    return request_workflow.allowed(assistance_request, user)


def may_review(user, assistance_request) -> bool:
    """Who may review: one who may take the request's next move and record the state's maturity."""
    return bool(review_targets(assistance_request, user)) and can_record(user, state_id=assistance_request.state_id)


def reviewable_request(*, request_id: int, user):
    """The request if the user may read it (DoesNotExist otherwise), with areas and actions."""
    return request_reads.request_detail_queryset(user=user).get(pk=request_id)


def _rekey(error: ValidationError, keys: dict) -> ValidationError:
    """A step's field errors under the review's field names (e.g. `level` → `level_7`)."""
    if not hasattr(error, "error_dict"):
        return ValidationError({keys.get(None, "__all__"): error.messages})
    return ValidationError({keys.get(name, name): messages for name, messages in error.message_dict.items()})


def _check(assistance_request, *, actor, to, evidence, levels, statuses) -> None:
    errors: dict[str, list[str]] = {}
    targets = [str(target) for target in review_targets(assistance_request, actor)]
    if assistance_request.status not in REVIEWABLE:
        errors["to"] = [_("The follow-up review is made once the request is delivered.")]
    elif to not in targets:
        errors["to"] = [_("Choose the request's next step.")]
    if not evidence.strip():
        errors["evidence"] = [_("Say what the evidence shows.")]
    for area in assistance_request.areas.all():
        if levels.get(area.pk) in (None, ""):
            errors[level_field(area.pk)] = [_("Give the state's level in this area.")]
    action_ids = {action.pk for action in assistance_request.actions.all()}
    for action_id, status in statuses.items():
        if action_id not in action_ids:
            errors[status_field(action_id)] = [_("This action is not linked to the request.")]
        elif status and status not in ImplementationStatus.values:
            errors[status_field(action_id)] = [_("Choose a status from the list.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def followup_review_record(
    *,
    request_id: int,
    actor,
    to: str,
    evidence: str,
    levels: dict,
    statuses: dict | None = None,
    comment: str = "",
    today: datetime.date | None = None,
    version: int | None = None,
):
    """Record the review: one maturity assessment per capability area of the request (`levels`:
    area id → level 0–4), an implementation report per linked action given a status
    (`statuses`: action id → status, blank skipped), then the request's move `to` with `comment`;
    `version` (the request's version the page showed) refuses the whole review of a request
    changed since (core.versions.RecordChanged).

    Raises PermissionDenied when the actor may not review, ValidationError by field for bad input
    or a refused move; any failure leaves the database as it was (one transaction)."""
    assistance_request = reviewable_request(request_id=request_id, user=actor)  # DoesNotExist: 404
    if not may_review(actor, assistance_request):
        raise PermissionDenied(_("You may not review this request's follow-up."))
    levels = {int(key): value for key, value in (levels or {}).items()}
    statuses = {int(key): value for key, value in (statuses or {}).items() if value}
    _check(assistance_request, actor=actor, to=to, evidence=evidence, levels=levels, statuses=statuses)
    today = today or timezone.localdate()
    note = _("Recorded at the follow-up review of request %(reference)s.") % {
        "reference": assistance_request.reference or assistance_request.pk
    }
    assessments = []
    for area in assistance_request.areas.all():
        try:
            assessments.append(
                assessment_record(
                    actor=actor,
                    state=assistance_request.state,
                    area=area,
                    level=levels[area.pk],
                    method=REVIEW_METHOD,
                    assessed_on=today,
                    assessor=str(actor),
                    evidence=evidence.strip(),
                    notes=note,
                )
            )
        except ValidationError as error:
            raise _rekey(error, {"level": level_field(area.pk), None: level_field(area.pk)}) from error
    reports = []
    for action in assistance_request.actions.all():
        if action.pk not in statuses:
            continue
        try:
            reports.append(
                implementation_report(
                    actor=actor,
                    state=assistance_request.state,
                    action=action,
                    status=statuses[action.pk],
                    evidence=evidence.strip(),
                    status_date=today,
                )
            )
        except ValidationError as error:
            raise _rekey(error, {"status": status_field(action.pk), None: status_field(action.pk)}) from error
    try:
        moved = request_transition(
            request_id=assistance_request.pk, to=to, actor=actor, comment=comment, version=version
        )
    except InvalidTransition as refusal:
        raise ValidationError({"comment": [refusal.message]}) from refusal
    return {"request": moved, "assessments": assessments, "reports": reports}
