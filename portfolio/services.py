"""Writes on the portfolio. Every change of a practice's status goes through `_move`.

draft → published            an officer publishes a reviewed entry (`practice_publish`)
published → needs_update     an officer asks for an update (`practice_request_update`), or
                             nobody has reviewed or updated it for too long (`practice_mark_stale`)
needs_update → draft         its owner edits it, back to the secretariat (`practice_save`)
needs_update → published     an officer confirms it is still current (`practice_publish`)
"""

import contextlib
import datetime

from auditlog.context import auditlog_value, set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio.choices import TRANSITIONS, PracticeStatus
from portfolio.exceptions import InvalidTransition
from portfolio.models import Practice

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


def _require_secretariat(actor) -> None:
    if not (actor and actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(_("Only the secretariat reviews portfolio entries."))


def _move(practice: Practice, to: str, *, actor=None, note: str | None = None, reviewed: bool = False) -> Practice:
    """Change the status of a locked practice, keeping the reason; the change log records it."""
    if to not in TRANSITIONS.get(practice.status, set()):
        raise InvalidTransition(
            _("A practice cannot go from %(from)s to %(to)s.")
            % {"from": PracticeStatus(practice.status).label, "to": PracticeStatus(to).label}
        )
    practice.status = to
    fields = ["status", "updated_at"]
    if note is not None:
        practice.review_note = note
        fields.append("review_note")
    if reviewed:
        practice.reviewed_at, practice.reviewed_by = timezone.now(), actor
        fields += ["reviewed_at", "reviewed_by"]
    with _recorded_as(actor):
        practice.save(update_fields=fields)
    return practice


def _locked(practice_id: int, actor) -> Practice:
    # Two officers may click at once: the second one sees the first one's status.
    return Practice.objects.for_user(actor).select_for_update().get(pk=practice_id)


@transaction.atomic
def practice_publish(*, practice_id: int, actor) -> Practice:
    """Publish a reviewed draft, or confirm that an entry flagged for an update is still current."""
    _require_secretariat(actor)
    practice = _locked(practice_id, actor)
    return _move(practice, PracticeStatus.PUBLISHED, actor=actor, note="", reviewed=True)


@transaction.atomic
def practice_request_update(*, practice_id: int, actor, note: str = "") -> Practice:
    """Ask the owners of a published entry to bring it up to date (it stays in the catalogue)."""
    _require_secretariat(actor)
    practice = _locked(practice_id, actor)
    note = note.strip() or _("The secretariat asked for this entry to be brought up to date.")
    return _move(practice, PracticeStatus.NEEDS_UPDATE, actor=actor, note=note, reviewed=True)


@transaction.atomic
def practice_save(*, writer, actor) -> Practice:
    """Save a practice from a validated ModelForm or DRF serializer (`writer`).

    New entries start as drafts. When an owner edits an entry that was flagged for an update, the
    edit is their answer: the entry goes back to the secretariat for review as a draft.
    """
    instance = writer.instance
    previous = None
    if instance is not None and instance.pk:
        previous = Practice.objects.select_for_update().values_list("status", flat=True).get(pk=instance.pk)
    with _recorded_as(actor):
        practice = writer.save()
    if previous == PracticeStatus.NEEDS_UPDATE and not actor.is_secretariat:
        practice.refresh_from_db(fields=["status"])
        _move(practice, PracticeStatus.DRAFT, actor=actor)
    return practice


@transaction.atomic
def practice_mark_stale(*, max_age: int | None = None, now: datetime.datetime | None = None) -> list[Practice]:
    """Flag published entries that nobody has reviewed or updated for `max_age` days (default:
    settings.ATTACHE_PRACTICE_MAX_AGE_DAYS) as needing an update; returns the flagged entries."""
    days = max_age_days() if max_age is None else max_age
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    note = _("Not reviewed or updated for more than %(days)s days.") % {"days": days}
    flagged = []
    for practice in Practice.objects.stale(before=cutoff).select_for_update().order_by("pk"):
        flagged.append(_move(practice, PracticeStatus.NEEDS_UPDATE, note=note))
    return flagged
