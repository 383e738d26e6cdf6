"""Reporting national implementation: focal points for their state; only the secretariat verifies."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.choices import Role
from decisions.choices import ImplementationStatus
from decisions.models import ImplementationReport


def can_report(user, state) -> bool:
    if user.is_secretariat:
        return True
    return user.role == Role.FOCAL_POINT and user.member_state_id == state.pk


@transaction.atomic
def implementation_report(
    *, actor, state, action, status: str, evidence: str = "", status_date: datetime.date | None = None
) -> ImplementationReport:
    """Record a state's new status on an action; earlier reports stay as its history."""
    if not can_report(actor, state):
        raise PermissionDenied(_("Focal points report on their own state only."))
    if status == ImplementationStatus.VERIFIED and not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat can verify an action."))
    report = ImplementationReport(
        state=state, action=action, status=status, evidence=evidence,
        status_date=status_date or datetime.date.today(), reported_by=actor,
    )
    report.full_clean()
    report.save()
    return report
