"""The rules a results framework keeps whoever saves it: the tree's levels, breakdowns that
add up, locked periods, and the limits on input."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from results import services
from results.choices import Level, PeriodStatus
from results.models import ResultNode, breakdown_error
from results.tests.factories import (
    IndicatorFactory,
    MeasuredValueFactory,
    PeriodFactory,
    ProgrammeFactory,
    ResultNodeFactory,
    tree,
)

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


@pytest.mark.parametrize(
    "level,parent_key,message",
    [
        (Level.GOAL, "goal", "A goal serves no other result."),
        (Level.OUTCOME, None, "Say which goal this outcome serves."),
        (Level.OUTCOME, "outcome", "An outcome serves a goal."),
        (Level.OUTPUT, "goal", "An output serves an outcome."),
        (Level.OUTPUT, None, "Say which outcome this output serves."),
    ],
)
def test_each_level_serves_the_level_above(officer, level, parent_key, message):
    goal, outcome, _output = tree()
    parent = {"goal": goal, "outcome": outcome, None: None}[parent_key]
    errors = errors_of(
        lambda: services.node_save(
            actor=officer, programme=goal.programme, level=level, parent=parent, code="9", title="x"
        )
    )
    assert errors == {"parent": [message]}


def test_a_well_formed_tree_is_saved(officer):
    goal, outcome, _ = tree()
    node = services.node_save(
        actor=officer, programme=goal.programme, level=Level.OUTPUT, parent=outcome, code="1.1.2", title="Systems"
    )
    assert node.parent == outcome


def test_a_parent_from_another_programme_is_refused(officer):
    goal, _, _ = tree()
    other = ProgrammeFactory()
    errors = errors_of(
        lambda: services.node_save(
            actor=officer, programme=other, level=Level.OUTCOME, parent=goal, code="1", title="x"
        )
    )
    assert errors == {"parent": ["This result belongs to another programme."]}


def test_a_code_is_numbers_and_dots(officer):
    programme = ProgrammeFactory()
    errors = errors_of(
        lambda: services.node_save(actor=officer, programme=programme, level=Level.GOAL, code="1.a", title="x")
    )
    assert errors == {"code": ["Write the code as numbers and dots, e.g. 1.2."]}


def test_only_outputs_list_activities(officer):
    goal, _, _ = tree()
    from activities.tests.factories import ActivityFactory

    errors = errors_of(lambda: services.node_save(actor=officer, node_id=goal.pk, outputs=[ActivityFactory()]))
    assert errors == {"outputs": ["Only an output lists the activities that serve it."]}


def value_input(indicator, period, **fields):
    return {"indicator": indicator, "period": period, "value": Decimal(12), **fields}


def test_the_parts_must_add_up_to_the_value(officer):
    indicator = IndicatorFactory(disaggregation=["state", "sex"])
    period = PeriodFactory(programme=indicator.node.programme)
    good = {"state": {"BZ": 5, "JM": 7}, "sex": {"female": 8, "male": 4}}
    value = services.value_save(actor=officer, **value_input(indicator, period, disaggregated=good))
    assert value.disaggregated == good
    bad = {"state": {"BZ": 5, "JM": 6}}
    errors = errors_of(lambda: services.value_save(actor=officer, value_id=value.pk, disaggregated=bad))
    assert errors == {"disaggregated": ["The parts of “state” add up to 11, not to the value 12."]}


@pytest.mark.parametrize(
    "breakdown,message",
    [
        ({"age": {"young": 12}}, "This indicator is not broken down by “age”."),
        ({"state": {"B\x00Z": 12}}, "A part's name is up to 60 letters, digits, spaces or . - / ( )."),
        ({"state": {"BZ": "twelve"}}, "“BZ”: give a number between 0 and 999999999999.99."),
        ({"state": {"BZ": 1e20}}, "“BZ”: give a number between 0 and 999999999999.99."),
        ({"state": {"BZ": -1, "JM": 13}}, "“BZ”: give a number between 0 and 999999999999.99."),
        ({"state": []}, "Give the parts of “state” as key: number."),
        ([1, 2], 'Give the breakdown as an object, e.g. {"sex": {"female": 7, "male": 5}}.'),
    ],
)
def test_bad_breakdowns_are_refused(breakdown, message):
    assert breakdown_error(breakdown, ["state"], Decimal(12)) == message


def test_a_locked_period_refuses_new_and_changed_values(officer):
    value = MeasuredValueFactory()
    period = value.period
    period.status = PeriodStatus.LOCKED
    period.save()
    message = f"The period {period} is locked (certified): it must be reopened first."
    assert errors_of(lambda: services.value_save(actor=officer, value_id=value.pk, value=Decimal(9))) == {
        "period": [message]
    }
    other = IndicatorFactory(node=value.indicator.node)
    assert errors_of(lambda: services.value_save(actor=officer, **value_input(other, period))) == {"period": [message]}
    assert errors_of(lambda: services.target_save(actor=officer, indicator=other, period=period, value=1)) == {
        "period": [message]
    }


def test_nul_bytes_and_huge_numbers_are_refused(officer):
    indicator = IndicatorFactory()
    errors = errors_of(
        lambda: services.indicator_save(actor=officer, indicator_id=indicator.pk, source_params={"a": "x\x00"})
    )
    assert errors == {"source_params": ["Null characters are not allowed."]}
    period = PeriodFactory(programme=indicator.node.programme)
    errors = errors_of(
        lambda: services.value_save(actor=officer, **value_input(indicator, period, value=Decimal("1e15")))
    )
    assert errors == {"value": ["Ensure that there are no more than 14 digits in total."]}


def test_a_period_lies_within_its_programme(officer):
    programme = ProgrammeFactory()
    errors = errors_of(
        lambda: services.period_save(
            actor=officer,
            programme=programme,
            label="2009",
            start_date=programme.end_date,
            end_date=programme.end_date.replace(year=2009),
        )
    )
    assert errors == {"end_date": ["A period lies within the programme's dates."]}


def test_only_partners_fund_a_programme(officer, host_institution, partner_institution):
    programme = ProgrammeFactory()
    errors = errors_of(
        lambda: services.programme_save(actor=officer, programme_id=programme.pk, funders=[host_institution])
    )
    assert errors == {"funders": ["Choose development partners only."]}
    services.programme_save(actor=officer, programme_id=programme.pk, funders=[partner_institution])
    assert list(programme.funders.all()) == [partner_institution]


def test_nobody_but_the_secretariat_writes(focal_bz, partner):
    from django.core.exceptions import PermissionDenied

    programme = ProgrammeFactory()
    for user in (focal_bz, partner):
        with pytest.raises(PermissionDenied):
            services.programme_save(actor=user, programme_id=programme.pk, name="Mine")
        with pytest.raises(PermissionDenied):
            services.node_save(actor=user, programme=programme, level=Level.GOAL, code="1", title="x")
    assert not ResultNode.objects.exists()
    assert ResultNodeFactory._meta.model.objects.count() == 0


def test_parts_stay_in_their_programme(officer):
    goal, _, output = tree()
    other = ProgrammeFactory()
    assert errors_of(lambda: services.node_save(actor=officer, node_id=goal.pk, programme=other)) == {
        "programme": ["This cannot change once saved."]
    }
    period = PeriodFactory(programme=goal.programme)
    assert errors_of(lambda: services.period_save(actor=officer, period_id=period.pk, programme=other)) == {
        "programme": ["This cannot change once saved."]
    }
    indicator = IndicatorFactory(node=output)
    elsewhere = ResultNodeFactory(programme=other)
    assert errors_of(lambda: services.indicator_save(actor=officer, indicator_id=indicator.pk, node=elsewhere)) == {
        "node": ["An indicator stays in its programme."]
    }
    assert services.indicator_save(actor=officer, indicator_id=indicator.pk, node=goal).node == goal
