"""Computed indicators against hand-counted data."""

import datetime
from decimal import Decimal

import pytest

from activities.choices import ActivityStatus, NominationStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory, PersonFactory
from maturity.tests.factories import AssessmentFactory
from results import services
from results.choices import ValueStatus
from results.computed import MATURITY_AT_LEVEL, OFFICIALS_TRAINED
from results.sources import indicator_source, indicator_source_register
from results.tests.factories import IndicatorFactory, PeriodFactory, ProgrammeFactory, tree

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def periods():
    programme = ProgrammeFactory()
    return programme, [
        PeriodFactory(programme=programme, label="2004–05", start_date=D(2004, 4, 1), end_date=D(2005, 3, 31)),
        PeriodFactory(programme=programme, label="2005–06", start_date=D(2005, 4, 1), end_date=D(2006, 3, 31)),
    ]


def test_states_at_level_three_or_above_in_an_area(periods, officer):
    programme, (first, second) = periods
    area, other = CapabilityAreaFactory(code="accreditation"), CapabilityAreaFactory(code="customs")
    bz, jm, tt, gy = (MemberStateFactory.for_iso(iso) for iso in ("BZ", "JM", "TT", "GY"))
    AssessmentFactory(state=bz, area=area, level=2, assessed_on=D(2004, 1, 1))
    AssessmentFactory(state=bz, area=area, level=3, assessed_on=D(2005, 6, 1))
    AssessmentFactory(state=jm, area=area, level=4, assessed_on=D(2003, 5, 1))
    AssessmentFactory(state=tt, area=area, level=3, assessed_on=D(2003, 5, 1))
    AssessmentFactory(state=tt, area=area, level=2, assessed_on=D(2005, 1, 1))  # fell back
    AssessmentFactory(state=gy, area=other, level=4, assessed_on=D(2003, 5, 1))  # another area
    AssessmentFactory(state=gy, area=area, level=3, assessed_on=D(2005, 12, 1), restricted=True)
    AssessmentFactory(state=gy, area=area, level=4, assessed_on=D(2007, 1, 1))  # after both periods
    goal, _, _ = tree(programme)
    indicator = IndicatorFactory(
        node=goal,
        source=MATURITY_AT_LEVEL,
        source_params={"area": "accreditation", "level": 3},
        disaggregation=["state"],
    )
    source = indicator_source(MATURITY_AT_LEVEL)
    # By 31 March 2005: Jamaica only (Belize at 2, Trinidad fell to 2, Guyana not yet assessed).
    assert source.compute(indicator, first) == (Decimal(1), {"state": {"JM": 1}})
    # By 31 March 2006: Belize (3 in June 2005), Guyana (3 in December 2005), Jamaica.
    assert source.compute(indicator, second) == (Decimal(3), {"state": {"BZ": 1, "GY": 1, "JM": 1}})
    value = services.indicator_compute(indicator_id=indicator.pk, period_id=second.pk, actor=officer)
    assert (value.value, value.status, value.disaggregated) == (
        3,
        ValueStatus.DRAFT,
        {"state": {"BZ": 1, "GY": 1, "JM": 1}},
    )
    assert "Computed by Attaché" in value.source_note


def _closed(ending, **kwargs):
    return ActivityFactory(
        start_date=ending - datetime.timedelta(days=4), end_date=ending, status=ActivityStatus.CLOSED, **kwargs
    )


def _trained(activity, person, state, present=True, status=NominationStatus.CONFIRMED):
    nomination = NominationFactory(activity=activity, person=person, state=state, status=status)
    AttendanceFactory(nomination=nomination, day=activity.start_date, present=present)
    return nomination


def test_officials_trained_in_the_activities_serving_an_output(periods, officer):
    programme, (first, _second) = periods
    goal, outcome, output = tree(programme)
    bz, jm = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    p1, p2, p3, p4, p5, p6 = (PersonFactory() for _ in range(6))
    a1, a5 = _closed(D(2004, 6, 4)), _closed(D(2005, 2, 11))
    later = _closed(D(2005, 6, 10))  # closed, but after the period
    delivered = ActivityFactory(start_date=D(2004, 9, 6), end_date=D(2004, 9, 10), status=ActivityStatus.DELIVERED)
    unlinked = _closed(D(2004, 10, 8))
    output.outputs.set([a1, a5, later, delivered])
    _trained(a1, p1, bz)  # counts
    _trained(a5, p1, bz)  # the same official again: counted once
    _trained(a1, p2, jm, present=False)  # never present
    _trained(a1, p3, bz, status=NominationStatus.WITHDRAWN)  # not a participant
    _trained(a5, p4, jm)  # counts
    _trained(later, p5, jm)  # another period
    _trained(delivered, p6, bz)  # not closed yet
    _trained(unlinked, PersonFactory(), bz)  # serves no output of this programme
    compute = indicator_source(OFFICIALS_TRAINED).compute
    for node in (output, outcome, goal):  # an outcome and a goal count their outputs' activities
        indicator = IndicatorFactory(node=node, source=OFFICIALS_TRAINED, disaggregation=["state"])
        assert compute(indicator, first) == (Decimal(2), {"state": {"BZ": 1, "JM": 1}}), node.level
    sibling = IndicatorFactory(node=tree(ProgrammeFactory())[2], source=OFFICIALS_TRAINED)
    assert compute(
        sibling, PeriodFactory(programme=sibling.node.programme, start_date=first.start_date, end_date=first.end_date)
    ) == (Decimal(0), {})


def test_a_manual_indicator_is_not_computed(periods, officer):
    from django.core.exceptions import ValidationError

    programme, (first, _) = periods
    indicator = IndicatorFactory(node=tree(programme)[0])
    with pytest.raises(ValidationError):
        services.indicator_compute(indicator_id=indicator.pk, period_id=first.pk, actor=officer)


def test_a_missing_setting_is_said(periods, officer):
    from django.core.exceptions import ValidationError

    programme, (first, _) = periods
    indicator = IndicatorFactory(node=tree(programme)[0], source=MATURITY_AT_LEVEL, source_params={"area": "x"})
    with pytest.raises(ValidationError) as caught:
        services.indicator_compute(indicator_id=indicator.pk, period_id=first.pk, actor=officer)
    assert caught.value.message_dict == {"source_params": ["Say the source's “level”."]}


def test_a_source_code_is_registered_once():
    with pytest.raises(ValueError, match="already registered"):
        indicator_source_register(code=MATURITY_AT_LEVEL, label="x", compute=lambda indicator, period: (0, {}))


def test_an_unknown_source_is_refused(officer):
    from django.core.exceptions import ValidationError

    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as caught:
        services.indicator_save(actor=officer, indicator_id=indicator.pk, source="nowhere.figures")
    assert caught.value.message_dict == {"source": ["Unknown source: choose one of the listed sources."]}
