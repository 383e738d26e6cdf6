"""'Officials trained and still in post': followup's computed source in results' registry,
against hand-counted data."""

import datetime
from decimal import Decimal

import pytest

from activities.choices import ActivityStatus, NominationStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from community.tests.factories import MemberStateFactory, PersonFactory, PostHeldFactory
from followup.indicators import OFFICIALS_IN_POST
from results import services
from results.sources import indicator_source
from results.tests.factories import IndicatorFactory, PeriodFactory, ProgrammeFactory, tree

pytestmark = pytest.mark.django_db
D = datetime.date


def _closed(ending, status=ActivityStatus.CLOSED):
    return ActivityFactory(start_date=ending - datetime.timedelta(days=4), end_date=ending, status=status)


def _trained(activity, person, state, present=True, status=NominationStatus.CONFIRMED):
    # nominated in the post the person holds (the registry's post history says whether they left it)
    nomination = NominationFactory(activity=activity, person=person, state=state, status=status, post=person.post)
    AttendanceFactory(nomination=nomination, day=activity.start_date, present=present)
    return nomination


def test_officials_trained_and_still_in_post_per_output_and_period(officer):
    programme = ProgrammeFactory()
    first = PeriodFactory(programme=programme, label="2004–05", start_date=D(2004, 4, 1), end_date=D(2005, 3, 31))
    second = PeriodFactory(programme=programme, label="2005–06", start_date=D(2005, 4, 1), end_date=D(2006, 3, 31))
    goal, outcome, output = tree(programme)
    bz, jm = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    kept_bz, kept_jm, moved_bz, twice_jm, later_bz, absent_jm, elsewhere_bz, unfinished_bz = (
        PersonFactory(current_post__start_date=D(2001, 1, 1)) for _ in range(8)
    )
    a1, a2 = _closed(D(2004, 6, 4)), _closed(D(2005, 2, 11))
    later = _closed(D(2005, 6, 10))
    delivered = _closed(D(2004, 9, 10), status=ActivityStatus.DELIVERED)
    unlinked = _closed(D(2004, 10, 8))
    output.outputs.set([a1, a2, later, delivered])
    _trained(a1, kept_bz, bz)  # counts: BZ
    _trained(a2, kept_jm, jm)  # counts: JM
    _trained(a1, moved_bz, bz)  # trained, then moved to another post: not counted
    moved_bz.posts.update(end_date=D(2004, 10, 31))
    PostHeldFactory(person=moved_bz, post="Adviser to the Minister", start_date=D(2004, 11, 1))
    _trained(a1, twice_jm, jm)  # trained twice, counted once: JM
    _trained(a2, twice_jm, jm)
    _trained(later, later_bz, bz)  # the next period: BZ
    _trained(a1, absent_jm, jm, present=False)  # never present
    _trained(unlinked, elsewhere_bz, bz)  # serves no output of the programme
    _trained(delivered, unfinished_bz, bz)  # activity not closed
    compute = indicator_source(OFFICIALS_IN_POST).compute
    for node in (output, outcome, goal):
        indicator = IndicatorFactory(node=node, source=OFFICIALS_IN_POST, disaggregation=["state"])
        assert compute(indicator, first) == (Decimal(3), {"state": {"BZ": 1, "JM": 2}}), node.level
        assert compute(indicator, second) == (Decimal(1), {"state": {"BZ": 1}}), node.level
    # through results' own service: a draft value with its parts adding up
    value = services.indicator_compute(indicator_id=indicator.pk, period_id=first.pk, actor=officer)
    assert (value.value, value.disaggregated) == (3, {"state": {"BZ": 1, "JM": 2}})


def test_the_source_is_offered_by_results():
    from results.sources import indicator_sources

    assert OFFICIALS_IN_POST in {source.code for source in indicator_sources()}
