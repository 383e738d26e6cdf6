"""Writes on the portfolio. Every change of a practice's status is a move of
`portfolio.workflow.practice_workflow` (the moves and who makes them are described there)."""

import contextlib
import datetime

from auditlog.context import auditlog_value, set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can, require
from core.workflow import SYSTEM
from portfolio.choices import PracticeStatus
from portfolio.models import Practice
from portfolio.workflow import practice_workflow

DEFAULT_MAX_AGE_DAYS = 365


def max_age_days() -> int:
    """How long a published entry stays current without a review or an update (settings)."""
    return int(getattr(settings, "ATTACHE_PRACTICE_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS))


@contextlib.contextmanager
def _recorded_as(actor):
    """Attribute the change-log entries written inside to `actor`.

    The audit middleware knows only session users; API token users and commands are named here.
    Whatever context was there before (the middleware's, or none) is put back afterwards.
    """
    if actor is None:
        yield
        return
    outer = auditlog_value.get(None) or {}
    token = auditlog_value.set({})
    try:
        with set_actor(actor, remote_addr=outer.get("remote_addr"), remote_port=outer.get("remote_port")):
            yield
    finally:
        auditlog_value.reset(token)


def _review_fields(actor, note: str) -> dict:
    return {"review_note": note, "reviewed_at": timezone.now(), "reviewed_by": actor}


def practice_publish(*, practice_id: int, actor, version: int | None = None) -> Practice:
    """Publish a reviewed draft, or confirm that an entry flagged for an update is still current;
    `version` (the version the page showed) refuses a move of an entry changed since."""
    with _recorded_as(actor):
        return practice_workflow.move(
            pk=practice_id,
            to=PracticeStatus.PUBLISHED,
            actor=actor,
            changes=_review_fields(actor, ""),
            version=version,
        )


def practice_request_update(*, practice_id: int, actor, note: str = "", version: int | None = None) -> Practice:
    """Ask the owners of a published entry to bring it up to date (it stays in the catalogue)."""
    note = note.strip() or _("The secretariat asked for this entry to be brought up to date.")
    with _recorded_as(actor):
        return practice_workflow.move(
            pk=practice_id,
            to=PracticeStatus.NEEDS_UPDATE,
            actor=actor,
            comment=note,
            changes=_review_fields(actor, note),
            version=version,
        )


def institution_spoken_for(user) -> int | None:
    """The institution whose entries the user keeps, when they keep entries only as its
    coordinator (not for a whole state, not for every state): their entries are that institution's.
    Read from the AccessRule, so the form and the API apply the same rule."""
    if not user.is_authenticated or not user.institution_id:
        return None
    if Practice.access.change_q(user) != Q(institution=user.institution_id):
        return None
    return user.institution_id


@transaction.atomic
def practice_save(*, actor, practice_id: int | None = None, **fields) -> Practice:
    """Create (no `practice_id`) or change a practice from its fields (m2m as lists).

    The entry's rules (`Practice.clean`, a host coordinator's entries naming their institution)
    are checked here for the page and the API alike (ValidationError by field). New entries
    start as drafts. When an owner edits an entry that was flagged for an update, the
    edit is their answer: the entry goes back to the secretariat for review as a draft.
    """
    if practice_id is None:
        require(actor, "add", Practice)
        practice, previous = Practice(), None
    else:
        practice = Practice.objects.select_for_update().get(pk=practice_id)
        require(actor, "change", practice)
        previous = practice.status
    many = {field.name for field in Practice._meta.many_to_many}
    for name, value in fields.items():
        if name not in many:
            setattr(practice, name, value)
    practice.clean()
    if institution_spoken_for(actor) and not practice.institution_id:
        raise ValidationError({"institution": _("A host coordinator's entries belong to their institution.")})
    with _recorded_as(actor):
        practice.save()
        for name in many & set(fields):
            getattr(practice, name).set(fields[name])
    if previous == PracticeStatus.NEEDS_UPDATE and can(actor, "transition:draft", practice):
        with _recorded_as(actor):
            practice = practice_workflow.move(
                pk=practice.pk, to=PracticeStatus.DRAFT, actor=actor, comment=_("Updated by its owners.")
            )
    return practice


@transaction.atomic
def practice_mark_stale(*, max_age: int | None = None, now: datetime.datetime | None = None) -> list[Practice]:
    """Flag published entries that nobody has reviewed or updated for `max_age` days (default:
    settings.ATTACHE_PRACTICE_MAX_AGE_DAYS) as needing an update; returns the flagged entries.
    The system makes these moves: nobody asked for them."""
    days = max_age_days() if max_age is None else max_age
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    note = _("Not reviewed or updated for more than %(days)s days.") % {"days": days}
    return [
        practice_workflow.move(
            pk=pk, to=PracticeStatus.NEEDS_UPDATE, actor=SYSTEM, comment=note, changes={"review_note": note}
        )
        for pk in list(
            Practice.objects.stale(before=cutoff).select_for_update().order_by("pk").values_list("pk", flat=True)
        )
    ]
