"""Approval of measured values and certification of periods, against a hand-written table of
who may make which move (the secretariat enters, submits, approves and returns; nobody else)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError

from core.workflow import InvalidTransition, transitions_of
from results import services
from results.choices import PeriodStatus, ValueStatus
from results.tests.factories import (
    IndicatorFactory,
    MeasuredValueFactory,
    PeriodFactory,
    ProgrammeFactory,
    partner_institution,
)

pytestmark = pytest.mark.django_db
V = ValueStatus

# (from, to) → legal for the secretariat; every other move is illegal for everyone.
LEGAL = {
    (V.DRAFT, V.SUBMITTED),
    (V.RETURNED, V.SUBMITTED),
    (V.SUBMITTED, V.APPROVED),
    (V.SUBMITTED, V.RETURNED),
    (V.APPROVED, V.RETURNED),
}
CALLS = {
    V.SUBMITTED: lambda pk, user: services.value_submit(value_id=pk, actor=user),
    V.APPROVED: lambda pk, user: services.value_approve(value_id=pk, actor=user),
    V.RETURNED: lambda pk, user: services.value_return(value_id=pk, actor=user, reason="Check the source."),
}


def funded_value(status, partner):
    programme = ProgrammeFactory(funders=[partner.institution])
    return MeasuredValueFactory(
        indicator__node__programme=programme, period=PeriodFactory(programme=programme), status=status
    )


@pytest.mark.parametrize("source", [V.DRAFT, V.SUBMITTED, V.RETURNED, V.APPROVED])
@pytest.mark.parametrize("target", [V.SUBMITTED, V.APPROVED, V.RETURNED])
def test_the_secretariat_makes_exactly_the_legal_moves(officer, partner, source, target):
    value = funded_value(source, partner)
    if (source, target) in LEGAL:
        assert CALLS[target](value.pk, officer).status == target
        assert transitions_of(value).last().to_status == target
    else:
        with pytest.raises(InvalidTransition):
            CALLS[target](value.pk, officer)


@pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "host_jm", "expert", "partner"])
@pytest.mark.parametrize("target", [V.SUBMITTED, V.APPROVED, V.RETURNED])
def test_nobody_else_moves_a_value(persona, partner, role, target):
    value = funded_value(V.SUBMITTED if target != V.SUBMITTED else V.DRAFT, partner)
    value.indicator.node.programme.funders.add(partner.institution)
    with pytest.raises((PermissionDenied, ObjectDoesNotExist)):
        CALLS[target](value.pk, persona(role))
    value.refresh_from_db()
    assert value.status != target


def test_returning_needs_a_reason_and_keeps_it(officer, partner):
    value = funded_value(V.SUBMITTED, partner)
    with pytest.raises(InvalidTransition, match="Say why"):
        services.value_return(value_id=value.pk, actor=officer, reason="  ")
    services.value_return(value_id=value.pk, actor=officer, reason="The 2005 figure double counts Guyana.")
    last = transitions_of(value).last()
    assert (last.to_status, last.comment, last.actor) == (V.RETURNED, "The 2005 figure double counts Guyana.", officer)


def test_a_locked_period_refuses_moves_until_an_audited_reopening(officer, partner):
    value = funded_value(V.APPROVED, partner)
    period = services.period_lock(period_id=value.period_id, actor=officer)
    assert period.status == PeriodStatus.LOCKED
    with pytest.raises(InvalidTransition, match="locked"):
        services.value_return(value_id=value.pk, actor=officer, reason="Wrong")
    with pytest.raises(InvalidTransition, match="Say why"):
        services.period_reopen(period_id=period.pk, actor=officer, reason="")
    services.period_reopen(period_id=period.pk, actor=officer, reason="The auditors found a double count.")
    assert services.value_return(value_id=value.pk, actor=officer, reason="Double count").status == V.RETURNED
    history = [(t.from_status, t.to_status, t.comment) for t in transitions_of(period)]
    assert history == [
        (PeriodStatus.OPEN, PeriodStatus.LOCKED, ""),
        (PeriodStatus.LOCKED, PeriodStatus.OPEN, "The auditors found a double count."),
    ]


def test_a_period_with_figures_under_way_is_not_certified(officer, partner):
    value = funded_value(V.SUBMITTED, partner)
    with pytest.raises(InvalidTransition, match="Approve or remove"):
        services.period_lock(period_id=value.period_id, actor=officer)


def test_only_the_secretariat_locks_and_reopens(officer, partner, focal_bz):
    value = funded_value(V.APPROVED, partner)
    for user in (partner, focal_bz):
        with pytest.raises(PermissionDenied):
            services.period_lock(period_id=value.period_id, actor=user)
    services.period_lock(period_id=value.period_id, actor=officer)
    with pytest.raises(PermissionDenied):
        services.period_reopen(period_id=value.period_id, actor=partner, reason="Please")


def test_an_approved_value_is_not_edited_in_place(officer, partner):
    value = funded_value(V.APPROVED, partner)
    with pytest.raises(ValidationError) as caught:
        services.value_save(actor=officer, value_id=value.pk, value=Decimal(3))
    assert caught.value.message_dict == {"value": ["This value is approved: return it for correction to change it."]}


def test_a_new_value_starts_its_history(officer):
    programme = ProgrammeFactory(funders=[partner_institution()])
    indicator = IndicatorFactory(node__programme=programme)
    period = PeriodFactory(programme=programme)
    value = services.value_save(actor=officer, indicator=indicator, period=period, value=Decimal(4))
    assert [(t.from_status, t.to_status) for t in transitions_of(value)] == [("", V.DRAFT)]
