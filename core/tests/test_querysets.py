"""latest_per: the first row per key, as a queryset that can be filtered and counted afterwards;
count_of: related rows counted per row in a subquery."""

import datetime

import pytest

from community.models import MemberState
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from core.querysets import count_of, latest_per
from maturity.models import MaturityAssessment
from maturity.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db
ORDER = ("-assessed_on", "-created_at", "-pk")


def test_one_winner_per_key_by_the_order_given():
    bz, jm = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    area, other_area = CapabilityAreaFactory(), CapabilityAreaFactory()
    AssessmentFactory(state=bz, area=area, level=1, assessed_on=datetime.date(2024, 1, 1))
    newest = AssessmentFactory(state=bz, area=area, level=3, assessed_on=datetime.date(2025, 1, 1))
    same_day_first = AssessmentFactory(state=jm, area=area, level=2, assessed_on=datetime.date(2025, 1, 1))
    same_day_last = AssessmentFactory(state=jm, area=area, level=4, assessed_on=datetime.date(2025, 1, 1))
    only = AssessmentFactory(state=bz, area=other_area, level=0)
    MaturityAssessment.objects.filter(pk=same_day_first.pk).update(created_at=same_day_last.created_at)
    latest = latest_per(MaturityAssessment.objects.all(), keys=("state_id", "area_id"), order_by=ORDER)
    assert set(latest) == {newest, same_day_last, only}  # a tie on every column goes to the higher id


def test_filters_after_narrow_the_winners_and_filters_before_choose_among_fewer():
    bz = MemberStateFactory.for_iso("BZ")
    area = CapabilityAreaFactory()
    old = AssessmentFactory(state=bz, area=area, level=3, assessed_on=datetime.date(2024, 1, 1))
    AssessmentFactory(state=bz, area=area, level=1, assessed_on=datetime.date(2025, 1, 1))
    latest = latest_per(MaturityAssessment.objects.all(), keys=("state_id", "area_id"), order_by=ORDER)
    assert latest.filter(level=3).count() == 0  # the current level is 1, not 3
    as_of_2024 = MaturityAssessment.objects.filter(assessed_on__lte=datetime.date(2024, 12, 31))
    assert list(latest_per(as_of_2024, keys=("state_id", "area_id"), order_by=ORDER)) == [old]


def test_count_of_counts_the_related_rows_of_each_row_and_zero_for_none(django_assert_num_queries):
    bz, jm, dm = (MemberStateFactory.for_iso(code) for code in ("BZ", "JM", "DM"))
    for level in (1, 3, 4):
        AssessmentFactory(state=bz, level=level)
    AssessmentFactory(state=jm, level=1)
    with django_assert_num_queries(1):
        states = MemberState.objects.filter(pk__in=[bz.pk, jm.pk, dm.pk]).annotate(
            assessed=count_of(MaturityAssessment.objects, "state"),
            hosts=count_of(MaturityAssessment.objects.filter(level__gte=3), "state"),
        )
        counted = {state.iso_code: (state.assessed, state.hosts) for state in states.order_by("-assessed")[:3]}
    assert counted == {"BZ": (3, 2), "JM": (1, 0), "DM": (0, 0)}
