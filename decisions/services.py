"""Reporting national implementation: focal points for their state; only the secretariat verifies.

Reports are append-only: a new status is a new report, so the history of who said what, when
and on what evidence is kept. Only the secretariat may remove a report (e.g. one filed in error).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can, require
from decisions.choices import ImplementationStatus
from decisions.models import ImplementationReport


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
    report.save()
    return report


@transaction.atomic
def implementation_report_delete(*, actor, report: ImplementationReport) -> None:
    """Remove a report filed in error; the audit log keeps a record of it. Secretariat only."""
    require(actor, "delete", report, _("Only the secretariat can remove an implementation report."))
    report.delete()
