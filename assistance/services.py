"""Writes on requests. Every status change goes through `request_transition`, which makes the
move through `assistance.workflow.request_workflow`; the lifecycle rules this app owns are
registered here (`register_workflow_rules`)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance import notifications
from assistance.choices import Channel, Status
from assistance.models import AssistanceRequest, NeedsAssessment, ReferenceCounter
from assistance.workflow import request_workflow
from core.access import can, require
from core.documents import documents_attach
from core.events import event_register
from core.workflow import InvalidTransition
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


def _registration(assistance_request, move) -> dict:
    """Registering issues the reference number and dates the receipt (entry change)."""
    return {
        "reference": assistance_request.reference or issue_reference(year=timezone.localdate().year),
        "received_on": assistance_request.received_on or timezone.localdate(),
    }


def needs_assessment_recorded(assistance_request, move) -> None:
    """Guard: approval comes after the needs assessment."""
    if not NeedsAssessment.objects.filter(request=assistance_request).exists():
        raise InvalidTransition(_("A request can only be approved after its needs assessment is recorded."))


def request_missing_for_submission(assistance_request) -> dict[str, str]:
    """What a request still lacks to be submitted, by field: a draft keeps whatever is there, but
    the secretariat needs the need, the areas and (for a request filed online) the window.
    Empty when it may be submitted."""
    missing = {}
    if not assistance_request.need.strip():
        missing["need"] = _("Describe the need before submitting the request.")
    if not assistance_request.areas.exists():
        missing["areas"] = _("Choose at least one capability area before submitting the request.")
    if assistance_request.channel == Channel.ONLINE:
        if assistance_request.window_start is None:
            missing["window_start"] = _("Say when the activity could start before submitting the request.")
        if assistance_request.window_end is None:
            missing["window_end"] = _("Say by when it should be over before submitting the request.")
    return missing


def submission_complete(assistance_request, move) -> None:
    """Guard: only a complete request is submitted (the page and the API check it by field first)."""
    missing = request_missing_for_submission(assistance_request)
    if missing:
        raise InvalidTransition(" ".join(missing.values()))


# What the system writes in a request's timeline, worded in each reader's language (core.events).
EVENT_REGISTERED_ON_RECEIPT = "assistance.registered_on_receipt"
EVENT_ASSESSMENT_STARTED = "assistance.assessment_started"


def register_workflow_rules() -> None:
    """The lifecycle rules this app owns (called once from AssistanceConfig.ready)."""
    request_workflow.add_guard(Status.SUBMITTED, submission_complete)
    request_workflow.before_enter(Status.REGISTERED, _registration)
    request_workflow.add_guard(Status.APPROVED, needs_assessment_recorded)
    request_workflow.on_enter(None, _notify)
    event_register(code=EVENT_REGISTERED_ON_RECEIPT, text=gettext_lazy("Registered on receipt."))
    event_register(code=EVENT_ASSESSMENT_STARTED, text=gettext_lazy("Needs assessment started."))


def _notify(record) -> None:
    notifications.status_change_notify(change=record)


def allowed_transitions(assistance_request, actor) -> list[Status]:
    """The moves the actor may offer from the request's current status (guards are checked on use)."""
    return request_workflow.allowed(assistance_request, actor)


def request_transition(
    *,
    request_id: int,
    to: str,
    actor,
    comment: str = "",
    on_behalf_of=None,
    event: str = "",
    event_params: dict | None = None,
    version: int | None = None,
) -> AssistanceRequest:
    """Move a request along the lifecycle, recording who did it and why, then notify; `version`
    (the version the page showed) refuses a move of a request changed since (RecordChanged).

    `actor` is a user, or `core.workflow.SYSTEM` for a move that follows from an event (then
    `on_behalf_of` names the person whose action caused it). `comment` is what a person typed;
    what the system says about the move is an `event` registered with `core.events.event_register`
    and its `event_params`, worded in each reader's language."""
    return request_workflow.move(
        pk=request_id,
        to=to,
        actor=actor,
        comment=comment,
        on_behalf_of=on_behalf_of,
        event=event,
        event_params=event_params,
        version=version,
    )


# Set for a focal point filing online: never theirs to choose.
MAIL_FIELDS = ("state", "channel", "received_on", "focal_point")


def _write_fields(assistance_request, fields: dict, *, actor) -> None:
    """Check and save the given fields (m2m included); status, reference and routing are never
    written here. The model's rules (`AssistanceRequest.clean`) and the window rule are checked
    here, so the page and the API refuse the same input with the same messages."""
    many = {field.name for field in AssistanceRequest._meta.many_to_many}
    editable = {field.name for field in AssistanceRequest._meta.concrete_fields if field.editable}
    unknown = set(fields) - many - editable - {"created_at", "updated_at"}
    if unknown:
        raise TypeError(f"Not fields of a request: {', '.join(sorted(unknown))}")
    previous_start = assistance_request.window_start
    for name, value in fields.items():
        if name in editable:
            setattr(assistance_request, name, value)
    assistance_request.clean()
    _check_window_start(assistance_request, actor=actor, previous=previous_start)
    if assistance_request.pk is None:
        assistance_request.save()
    else:
        assistance_request.save(update_fields=[name for name in fields if name in editable] + ["updated_at"])
    for name in many & set(fields):
        getattr(assistance_request, name).set(fields[name])


def _check_window_start(assistance_request, *, actor, previous) -> None:
    """A state files for the future: a window it sets or moves cannot start in the past (the
    secretariat may record a letter about a window already open)."""
    start = assistance_request.window_start
    if (
        start
        and start != previous
        and start < timezone.localdate()
        and not can(actor, "record_received", AssistanceRequest)
    ):
        raise ValidationError({"window_start": _("The window cannot start in the past.")})


def _submit(assistance_request, actor) -> None:
    """Submit a draft; a letter or e-mail recorded by the secretariat is registered on receipt.
    What is missing is said by field (the form and the API show it beside each field)."""
    missing = request_missing_for_submission(assistance_request)
    if missing:
        raise ValidationError(missing)
    request_transition(request_id=assistance_request.pk, to=Status.SUBMITTED, actor=actor)
    if assistance_request.channel != Channel.ONLINE and can(actor, "record_received", AssistanceRequest):
        request_transition(
            request_id=assistance_request.pk, to=Status.REGISTERED, actor=actor, event=EVENT_REGISTERED_ON_RECEIPT
        )


@transaction.atomic
def request_file(*, actor, submit: bool = False, documents=(), **fields) -> AssistanceRequest:
    """Save a new request from its fields (m2m as lists): a focal point files it online for their
    own state; the secretariat records one received by letter or e-mail for any state, which is
    registered at once when submitted. `documents` are uploaded files, kept with the request."""
    if can(actor, "record_received", AssistanceRequest):
        assistance_request = AssistanceRequest()
    else:
        require(actor, "file", AssistanceRequest, _("Only focal points and the secretariat file requests."))
        # Filed online by the focal point for their own state: these are not theirs to choose.
        for name in MAIL_FIELDS:
            fields.pop(name, None)
        assistance_request = AssistanceRequest(
            state_id=actor.member_state_id, channel=Channel.ONLINE, focal_point=actor
        )
    _write_fields(assistance_request, fields, actor=actor)
    documents_attach(record=assistance_request, uploads=documents, uploaded_by=actor)
    request_workflow.record_start(assistance_request, actor=actor)
    if submit:
        _submit(assistance_request, actor)
    assistance_request.refresh_from_db()
    return assistance_request


# Drafts and requests not yet registered may still be corrected by whoever filed them; the
# secretariat corrects and completes a request at any time before it is over.
EDITABLE = frozenset({Status.DRAFT, Status.SUBMITTED})


def request_is_editable(assistance_request, user) -> bool:
    """The one rule for editing a request, for the page and the API alike: it is not over
    (closed, declined or withdrawn), and either the secretariat corrects it, or it is still a
    draft or awaiting registration and the user may change it (its state's focal point)."""
    if assistance_request.status in Status.finished():
        return False
    if can(user, "correct", assistance_request):
        return True
    return assistance_request.status in EDITABLE and can(user, "change", assistance_request)


def request_may_attach(assistance_request, user) -> bool:
    """Whether the user may add documents to the request now: while it is not over, the
    secretariat and the requesting state's focal point may (a letter, terms of reference)."""
    return assistance_request.status not in Status.finished() and can(user, "attach", assistance_request)


def _locked_for(actor, request_id: int) -> AssistanceRequest:
    # An officer may register or close it meanwhile: lock it, then decide.
    return AssistanceRequest.objects.for_user(actor).select_for_update().get(pk=request_id)


@transaction.atomic
def request_update(*, request_id: int, actor, submit: bool = False, documents=(), **fields) -> AssistanceRequest:
    """Save changes to a request the actor may still edit (`request_is_editable`), keeping the
    change history; optionally add documents and submit the draft."""
    assistance_request = _locked_for(actor, request_id)
    if not request_is_editable(assistance_request, actor):
        raise PermissionDenied(
            _("This request can no longer be changed.")
            if assistance_request.status in Status.finished()
            else _("Only drafts and requests awaiting registration can be changed.")
        )
    if not can(actor, "record_received", AssistanceRequest):
        for name in MAIL_FIELDS:
            fields.pop(name, None)
    _write_fields(assistance_request, fields, actor=actor)
    documents_attach(record=assistance_request, uploads=documents, uploaded_by=actor)
    if submit and assistance_request.status == Status.DRAFT:
        _submit(assistance_request, actor)
        assistance_request.refresh_from_db()
    return assistance_request


@transaction.atomic
def request_documents_add(*, request_id: int, actor, documents) -> list:
    """Add documents (the formal letter, terms of reference) to a request that is not over: the
    secretariat to any, a focal point to their own state's. Returns the new core.Documents."""
    assistance_request = _locked_for(actor, request_id)
    if not request_may_attach(assistance_request, actor):
        raise PermissionDenied(
            _("Documents cannot be added to a request that is over.")
            if assistance_request.status in Status.finished()
            else _("Only the secretariat and the requesting state add documents to a request.")
        )
    if not [upload for upload in documents if upload]:
        raise ValidationError({"documents": _("Choose at least one file to add.")})
    added = documents_attach(record=assistance_request, uploads=documents, uploaded_by=actor)
    AssistanceRequest.objects.filter(pk=assistance_request.pk).update(updated_at=timezone.now())
    return added


@transaction.atomic
def request_assign(*, request_id: int, officer, actor) -> AssistanceRequest:
    """Route a request to an officer, who is told by e-mail."""
    assistance_request = AssistanceRequest.objects.select_for_update().get(pk=request_id)
    require(actor, "assign", assistance_request, _("Only the secretariat routes requests."))
    if officer is not None and not can(officer, "assess", assistance_request):
        raise PermissionDenied(_("Requests are routed to active secretariat officers."))
    assistance_request.assigned_officer = officer
    assistance_request.save(update_fields=["assigned_officer", "updated_at"])
    if officer is not None and officer != actor:
        notifications.assignment_notify(assistance_request=assistance_request)
    return assistance_request


def baseline_for(assistance_request, *, user) -> dict[str, int]:
    """The requesting state's current level in each requested area, from the maturity map."""
    areas = list(assistance_request.areas.all())
    state_id = assistance_request.state_id
    latest = current_levels(user=user, states=[assistance_request.state], areas=areas)
    return {area.code: latest[(state_id, area.pk)].level for area in areas if (state_id, area.pk) in latest}


ASSESSABLE = frozenset({Status.REGISTERED, Status.ASSESSING, Status.ON_HOLD})


def may_assess(assistance_request, user) -> bool:
    """Whether the user may record the needs assessment now (for the page's button and the form)."""
    return assistance_request.status in ASSESSABLE and can(user, "assess", assistance_request)


@transaction.atomic
def needs_assessment_save(*, request_id: int, actor, **fields) -> NeedsAssessment:
    """Record or revise the needs assessment that approval depends on."""
    assistance_request = AssistanceRequest.objects.select_for_update().get(pk=request_id)
    require(actor, "assess", assistance_request, _("Only the secretariat records needs assessments."))
    if assistance_request.status not in ASSESSABLE:
        raise InvalidTransition(
            _("A needs assessment is recorded while the request is registered, being assessed or on hold.")
        )
    assessment, _created = NeedsAssessment.objects.update_or_create(
        request=assistance_request, defaults={**fields, "assessed_by": actor}
    )
    if assistance_request.status == Status.REGISTERED:
        request_transition(
            request_id=assistance_request.pk, to=Status.ASSESSING, actor=actor, event=EVENT_ASSESSMENT_STARTED
        )
    return assessment


def overdue_limit(status: str) -> datetime.timedelta | None:
    days = settings.ATTACHE_STATUS_DEADLINES.get(status)
    return datetime.timedelta(days=days) if days is not None else None


def status_overdue(status: str, status_changed_at: datetime.datetime) -> bool:
    """Whether a request in `status` since `status_changed_at` waits longer than its deadline
    (ATTACHE_STATUS_DEADLINES); the board asks this of plain values, without the request."""
    limit = overdue_limit(status)
    return limit is not None and timezone.now() - status_changed_at > limit


def is_overdue(assistance_request) -> bool:
    return status_overdue(assistance_request.status, assistance_request.status_changed_at)
