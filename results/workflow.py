"""The lifecycles of results data, declared once on the shared workflow (core/workflow.py).

A measured value:
draft → submitted        the secretariat submits a figure for approval
returned → submitted     … once it is corrected
submitted → approved     the secretariat approves it: partners and members now read it
submitted → returned     … or returns it, saying why
approved → returned      an approved figure is found wrong: returned, saying why, to be corrected

A reporting period:
open → locked            the secretariat certifies the period: its values and targets are frozen
locked → open            an audited reopening, saying why (the history keeps who and why)

While a period is locked no value of it moves (the guards below) and none is edited (the
models' clean()). Who may make each move is the models' AccessRule (`transition:<status>`)."""

from django.utils.translation import gettext as _

from core.workflow import InvalidTransition, Transition, Workflow
from results.choices import PeriodStatus, ValueStatus
from results.models import MeasuredValue, Period

V = ValueStatus

value_workflow = Workflow(
    name="results_value",
    model=MeasuredValue,
    statuses=ValueStatus,
    changed_at_field="status_changed_at",
    transitions=[
        Transition(V.DRAFT, V.SUBMITTED),
        Transition(V.RETURNED, V.SUBMITTED),
        Transition(V.SUBMITTED, V.APPROVED),
        Transition(V.SUBMITTED, V.RETURNED),
        Transition(V.APPROVED, V.RETURNED),
    ],
    reason_required=[V.RETURNED],
)

period_workflow = Workflow(
    name="results_period",
    model=Period,
    statuses=PeriodStatus,
    changed_at_field="status_changed_at",
    transitions=[
        Transition(PeriodStatus.OPEN, PeriodStatus.LOCKED),
        Transition(PeriodStatus.LOCKED, PeriodStatus.OPEN),
    ],
    reason_required=[PeriodStatus.OPEN],
)


def period_is_open(value, move) -> None:
    """A certified period's values stay as certified until the period is reopened."""
    if Period._base_manager.filter(pk=value.period_id, status=PeriodStatus.LOCKED).exists():
        raise InvalidTransition(_("The period is locked (certified): it must be reopened first."))


def no_value_awaits_approval(period, move) -> None:
    """Only approved figures are certified: a period with figures still under way stays open."""
    if MeasuredValue._base_manager.filter(period=period).exclude(status=V.APPROVED).exists():
        raise InvalidTransition(_("Approve or remove the period's other values before locking it."))


def guards_register() -> None:
    for status in ValueStatus:
        if status != V.DRAFT:
            value_workflow.add_guard(status, period_is_open)
    period_workflow.add_guard(PeriodStatus.LOCKED, no_value_awaits_approval)
