"""Reporting national implementation: focal points for their state; only the secretariat verifies.

Reports are append-only: a new status is a new report, so the history of who said what, when
and on what evidence is kept. Only the secretariat may remove a report (e.g. one filed in error).

Adding or removing a report also keeps `ImplementationReport.is_current` right for its state and
action, in the same transaction: the pages read the current statuses from that flag rather than
ranking the whole history on every view. A bulk load (the demo, a benchmark) that writes reports
without these services calls `implementation_current_rebuild` afterwards; a restore needs nothing,
since the flag travels in the backup with the reports. Deleting a member state deletes its reports
with it, by whatever way it is deleted (its page, the API, the admin): `decisions.derived` counts
the tallies of the actions they were on again, in the deleting transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can, require
from decisions.choices import ImplementationStatus
from decisions.models import ActionTally, ImplementationReport, RequiredAction
from decisions.selectors import NEWEST_FIRST, TALLY_COUNTS, latest_reports


def can_report(user, state) -> bool:
    """Whether the user may report on the state (ImplementationReport's `record` action): the
    secretariat on every state, a focal point on its own state, nobody else."""
    return can(user, "record", ImplementationReport(state=state))


def reportable_statuses(user) -> list[tuple[str, str]]:
    """The statuses the user may report: 'verified' only with the `verify` action."""
    may_verify = can(user, "verify", ImplementationReport)
    return [
        (value, label)
        for value, label in ImplementationStatus.choices
        if may_verify or value != ImplementationStatus.VERIFIED
    ]


@transaction.atomic
def implementation_report(
    *,
    actor,
    state,
    action,
    status: str,
    evidence: str = "",
    status_date: datetime.date | None = None,
) -> ImplementationReport:
    """Record a state's new status on an action; earlier reports stay as its history.

    Raises PermissionDenied when the actor may not report on the state or may not verify, and
    ValidationError (by field) for an unknown status or an as-of date in the future."""
    today = timezone.localdate()
    report = ImplementationReport(
        state=state,
        action=action,
        status=status,
        evidence=evidence,
        status_date=status_date or today,
        reported_by=actor,
    )
    require(actor, "record", report, _("Focal points report on their own state only."))
    if status == ImplementationStatus.VERIFIED:
        require(actor, "verify", report, _("Only the secretariat can verify an action."))
    if status_date and status_date > today:
        raise ValidationError({"status_date": _("The as-of date cannot be in the future.")})
    report.full_clean()
    _lock_series(action.pk)
    report.save()
    report.is_current = implementation_current_refresh(state_id=state.pk, action_id=action.pk) == report.pk
    return report


@transaction.atomic
def implementation_report_delete(*, actor, report: ImplementationReport) -> None:
    """Remove a report filed in error; the audit log keeps a record of it. Secretariat only."""
    require(actor, "delete", report, _("Only the secretariat can remove an implementation report."))
    _lock_series(report.action_id)
    state_id, action_id = report.state_id, report.action_id
    report.delete()
    implementation_current_refresh(state_id=state_id, action_id=action_id)


def _lock_series(action_id: int) -> None:
    """Take the action's row lock, so two reports on it at once cannot both be marked current."""
    list(RequiredAction.objects.select_for_update().filter(pk=action_id).values_list("pk"))


def implementation_current_refresh(*, state_id: int, action_id: int) -> int | None:
    """Mark the latest report of one state on one action current, and no other, and count the
    action's tally again (five queries); returns its key (None when the state has no report
    left on the action).

    Called inside the transaction that added or removed a report of that state on that action."""
    series = ImplementationReport.objects.filter(state_id=state_id, action_id=action_id)
    latest = series.order_by(*NEWEST_FIRST).values_list("pk", flat=True).first()
    # Unmark first: at most one current report per state and action is a constraint.
    series.filter(is_current=True).exclude(pk=latest).update(is_current=False)
    if latest is not None:
        series.filter(pk=latest, is_current=False).update(is_current=True)
    action_tallies_refresh(action_ids=[action_id])
    return latest


def implementation_state_removing(*, state_id: int) -> list[int]:
    """Before a member state is deleted, its reports with it: take the row locks of the actions
    it has a current report on (in key order, so two deletions cannot wait on each other) and
    return them, for `action_tallies_refresh` to count once the reports are gone. No other
    state's current report changes: each state's reports are a series of their own."""
    action_ids = list(
        ImplementationReport.objects.filter(state_id=state_id, is_current=True)
        .order_by("action_id")
        .values_list("action_id", flat=True)
    )
    if action_ids:
        list(RequiredAction.objects.select_for_update().filter(pk__in=action_ids).order_by("pk").values_list("pk"))
    return action_ids


def action_tallies_refresh(*, action_ids: list[int] | None = None) -> None:
    """Count the current reports of the actions (every action by default) into their tallies,
    in two queries. Called with the current flags just moved, under the action's lock, so the
    count cannot miss a report added at the same time on the same action."""
    actions = RequiredAction.objects.all() if action_ids is None else RequiredAction.objects.filter(pk__in=action_ids)
    current = ImplementationReport.objects.filter(is_current=True, action__in=actions.values("pk"))
    counts = {row.pop("action_id"): row for row in current.order_by().values("action_id").annotate(**TALLY_COUNTS)}
    tallies = [
        ActionTally(action_id=pk, **counts.get(pk, dict.fromkeys(TALLY_COUNTS, 0)))
        for pk in (actions.values_list("pk", flat=True) if action_ids is None else action_ids)
    ]
    ActionTally.objects.bulk_create(
        tallies, update_conflicts=True, unique_fields=["action"], update_fields=list(TALLY_COUNTS)
    )


@transaction.atomic
def implementation_current_rebuild() -> int:
    """Mark the current report of every state on every action from the whole history, after a
    load that wrote reports without the services; returns how many reports are current.

    Writes through `update()`, so no change-history entry and no version change: the reports
    themselves are as they were. The actions' tallies are counted again too."""
    latest = latest_reports().values("pk")
    ImplementationReport.objects.filter(is_current=True).exclude(pk__in=latest).update(is_current=False)
    ImplementationReport.objects.filter(is_current=False, pk__in=latest).update(is_current=True)
    action_tallies_refresh()
    return ImplementationReport.objects.filter(is_current=True).count()
