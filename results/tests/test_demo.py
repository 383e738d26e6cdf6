"""The demo results framework: what it holds, who sees it, and that reloading changes nothing."""

import pytest
from auditlog.models import LogEntry
from django.db.models import Max

from accounts.models import User
from results.choices import Level, PeriodStatus, ValueStatus
from results.demo import INDICATORS, NODES, PERIODS, PROGRAMME, load_results
from results.models import Indicator, MeasuredValue, Period, Programme, ResultNode, Target
from results.selectors import programme_page
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return Programme.objects.get(name=PROGRAMME)


def snapshot():
    return (
        LogEntry.objects.count(),
        [
            (model.objects.count(), model.objects.aggregate(last=Max("updated_at"))["last"])
            for model in (Programme, Period, ResultNode, Indicator, Target, MeasuredValue)
        ],
        sorted(MeasuredValue.objects.values_list("pk", "value", "status", "disaggregated")),
        sorted(Programme.funders.through.objects.values_list("programme_id", "institution_id")),
    )


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    load_results()
    assert snapshot() == before


def test_the_programme_is_funded_by_the_demo_partner_with_its_tree(demo):
    assert [f.name for f in demo.funders.all()] == ["Caribbean Cooperation Fund (demo partner)"]
    assert demo.nodes.count() == len(NODES) and demo.periods.count() == len(PERIODS)
    assert demo.nodes.filter(level=Level.OUTCOME).count() == 3
    assert Indicator.objects.filter(node__programme=demo).count() == len(INDICATORS)
    assert Period.objects.filter(programme=demo, status=PeriodStatus.LOCKED).count() == 3
    trained = Indicator.objects.get(name="Officials trained through attachments")
    for value in trained.values.all():  # every breakdown adds up
        assert sum(value.disaggregated["state"].values()) == value.value
    assert MeasuredValue.objects.filter(status=ValueStatus.APPROVED).count() == 7 * 4
    assert MeasuredValue.objects.filter(status=ValueStatus.SUBMITTED).count() == 1


def test_the_demo_partner_sees_its_programme_and_progress(demo):
    partner = User.objects.get(email="partner@demo.test")
    assert list(Programme.objects.for_user(partner)) == [demo]
    page = programme_page(programme=demo, user=partner)
    trained = next(p for p in page.progress if p.indicator.name == "Officials trained through attachments")
    # 8 + 14 + 15 + 12 approved to date by 2006–07, against a cumulative target of 55.
    assert (trained.actual, trained.target, trained.percent) == (49, 55, 89)
