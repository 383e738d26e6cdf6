"""The results pages: who sees which programme, the programme page's tree, progress, charts,
tables and CSV, its constant query count, the edit pages and the workflow buttons, the menu."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import VisibilityChoices
from core.registry import menu_for
from results.choices import Level, TargetFrequency, ValueStatus
from results.models import MeasuredValue, ResultNode
from results.tests.factories import (
    IndicatorFactory,
    MeasuredValueFactory,
    PeriodFactory,
    ProgrammeFactory,
    ResultNodeFactory,
    TargetFactory,
    partner_institution,
    tree,
)

pytestmark = pytest.mark.django_db
ROLES = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]


@pytest.fixture
def funded(partner):
    """A restricted programme funded by the partner persona's institution, with two periods, a
    tree, and an indicator with targets and values (approved, then submitted)."""
    programme = ProgrammeFactory(
        name="CSME attachments", funders=[partner.institution], visibility=VisibilityChoices.RESTRICTED
    )
    goal, outcome, output = tree(programme)
    first = PeriodFactory(programme=programme, label="2004", start_date="2004-01-01", end_date="2004-12-31")
    second = PeriodFactory(programme=programme, label="2005", start_date="2005-01-01", end_date="2005-12-31")
    indicator = IndicatorFactory(
        node=output, name="Officials trained", target_frequency=TargetFrequency.CUMULATIVE, baseline_value=0
    )
    TargetFactory(indicator=indicator, period=first, value=10)
    TargetFactory(indicator=indicator, period=second, value=25)
    MeasuredValueFactory(indicator=indicator, period=first, value=8, status=ValueStatus.APPROVED)
    MeasuredValueFactory(indicator=indicator, period=second, value=9, status=ValueStatus.SUBMITTED)
    return programme


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_programme_page_shows_progress_against_target(client, officer, funded):
    response = get(client, officer, funded.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Officials trained" in html and "1.1.1" in html
    # Cumulative: 8 approved to date in 2004 against a target of 10 from a baseline of 0: 80 %.
    assert 'aria-valuenow="80"' in html
    assert "8 in 2004" in html and "target 10" in html
    assert "<svg" in html and 'data-value="8' in html  # the approved bar
    assert "<table" in html and "Submitted" in html  # the officer sees the figure under approval


def test_the_partner_sees_its_programme_and_approved_figures_only(client, partner, funded):
    other = ProgrammeFactory(name="Someone else's", funders=[partner_institution()])
    response = get(client, partner, funded.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-valuenow="80"' in html and "Submitted" not in html
    assert client.get(other.get_absolute_url()).status_code == 404  # shared, but not its own
    listed = client.get(reverse("results:programme_list")).content.decode()
    assert "CSME attachments" in listed and "Someone else" not in listed


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert"])
def test_members_read_shared_programmes_only(client, persona, funded, role):
    shared = ProgrammeFactory(name="Shared programme")
    assert get(client, persona(role), shared.get_absolute_url()).status_code == 200
    assert client.get(funded.get_absolute_url()).status_code == 404
    assert client.get(reverse("results:programme_add")).status_code == 403


def test_the_programme_page_takes_the_same_queries_whatever_its_size(client, officer, django_assert_num_queries):
    def build(outputs):
        programme = ProgrammeFactory(funders=[partner_institution()])
        goal = ResultNodeFactory(programme=programme, level=Level.GOAL, code="1")
        periods = [PeriodFactory(programme=programme, label=str(year)) for year in (2004, 2005)]
        for n in range(outputs):
            outcome = ResultNodeFactory(programme=programme, level=Level.OUTCOME, code=f"1.{n + 1}", parent=goal)
            output = ResultNodeFactory(programme=programme, level=Level.OUTPUT, code=f"1.{n + 1}.1", parent=outcome)
            for node in (outcome, output):
                indicator = IndicatorFactory(node=node)
                for period in periods:
                    TargetFactory(indicator=indicator, period=period)
                    MeasuredValueFactory(indicator=indicator, period=period, status=ValueStatus.APPROVED)
        return programme

    small, large = build(1), build(6)
    client.force_login(officer)
    client.get(small.get_absolute_url())  # warm the session and content types
    with CaptureQueriesContext(connection) as queries:
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = client.get(large.get_absolute_url())
    assert response.content.decode().count("<svg viewBox") == 12


def test_csv_downloads(client, partner, funded):
    client.force_login(partner)
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("results:programme_csv", args=[funded.pk])).content.decode()))
    )
    assert rows[0][:4] == ["result", "indicator", "unit", "period"]
    assert rows[1] == [
        "1.1.1",
        "Officials trained",
        "officials",
        "2004",
        "2004-01-01",
        "2004-12-31",
        "10.00",
        "8.00",
        "approved",
        "8.00",
    ]
    assert rows[2][7:9] == ["", ""]  # the submitted figure is not the partner's to read
    indicator = funded.nodes.get(code="1.1.1").indicators.get()
    response = client.get(reverse("results:indicator_csv", args=[indicator.pk]))
    assert response["Content-Type"].startswith("text/csv") and len(response.content.decode().splitlines()) == 3


def test_a_formula_is_never_a_formula_in_the_csv(client, officer):
    programme = ProgrammeFactory()
    IndicatorFactory(node=ResultNodeFactory(programme=programme), name="=HYPERLINK(1)")
    PeriodFactory(programme=programme)
    client.force_login(officer)
    assert "'=HYPERLINK(1)" in client.get(reverse("results:programme_csv", args=[programme.pk])).content.decode()


def test_the_officer_approves_and_returns_from_the_value_page(client, officer, funded):
    value = MeasuredValue.objects.get(status=ValueStatus.SUBMITTED)
    client.force_login(officer)
    page = client.get(reverse("results:measuredvalue_detail", args=[value.pk])).content.decode()
    assert "Approve" in page and "Return for correction" in page
    client.post(reverse("results:value_return", args=[value.pk]), {"reason": ""})
    value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED  # no reason, no return
    client.post(reverse("results:value_approve", args=[value.pk]))
    value.refresh_from_db()
    assert value.status == ValueStatus.APPROVED


def test_the_partner_cannot_move_or_edit(client, partner, funded):
    value = MeasuredValue.objects.get(status=ValueStatus.APPROVED)
    client.force_login(partner)
    assert client.post(reverse("results:value_return", args=[value.pk]), {"reason": "No"}).status_code == 403
    assert client.get(reverse("results:programme_edit", args=[funded.pk])).status_code == 403
    assert client.get(reverse("results:measuredvalue_add")).status_code == 403


def test_the_officer_adds_a_result_and_links_activities_from_the_output_page(client, officer, funded):
    from activities.tests.factories import ActivityFactory

    client.force_login(officer)
    outcome = funded.nodes.get(code="1.1")
    form = client.get(reverse("results:resultnode_add") + f"?programme={funded.pk}&parent={outcome.pk}")
    assert form.status_code == 200
    response = client.post(
        reverse("results:resultnode_add"),
        {
            "programme": funded.pk,
            "parent": outcome.pk,
            "level": "output",
            "code": "1.1.2",
            "title": "Systems",
            "position": 1,
        },
    )
    node = ResultNode.objects.get(code="1.1.2")
    assert response.status_code == 302 and node.parent == outcome
    activity = ActivityFactory(title="Attachment to the University Council of Jamaica")
    assert "Link activities" in client.get(node.get_absolute_url()).content.decode()
    client.post(reverse("results:node_link_activities", args=[node.pk]), {"activities": [activity.pk]})
    assert list(node.outputs.all()) == [activity]
    assert "University Council of Jamaica" in client.get(node.get_absolute_url()).content.decode()
    assert list(activity.result_outputs.all()) == [node]


def test_the_value_form_refuses_a_breakdown_that_does_not_add_up(client, officer, funded):
    indicator = funded.nodes.get(code="1.1.1").indicators.get()
    indicator.disaggregation = ["sex"]
    indicator.save()
    third = PeriodFactory(programme=funded, label="2006", start_date="2006-01-01", end_date="2006-12-31")
    client.force_login(officer)
    response = client.post(
        reverse("results:measuredvalue_add"),
        {
            "indicator": indicator.pk,
            "period": third.pk,
            "value": "5",
            "disaggregated": '{"sex": {"female": 2, "male": 2}}',
        },
    )
    assert response.status_code == 200
    assert "add up to 4, not to the value 5" in response.content.decode()
    response = client.post(
        reverse("results:measuredvalue_add"),
        {
            "indicator": indicator.pk,
            "period": third.pk,
            "value": "5",
            "disaggregated": '{"sex": {"female": 3, "male": 2}}',
        },
    )
    assert response.status_code == 302
    assert MeasuredValue.objects.get(period=third).value == Decimal(5)


def test_the_officer_locks_and_reopens_a_period(client, officer, funded):
    period = funded.periods.get(label="2004")
    client.force_login(officer)
    client.post(reverse("results:period_lock", args=[period.pk]))
    period.refresh_from_db()
    assert period.is_locked
    client.post(reverse("results:period_reopen", args=[period.pk]), {"reason": "Audit correction"})
    period.refresh_from_db()
    assert not period.is_locked
    assert "Audit correction" in client.get(reverse("results:period_detail", args=[period.pk])).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_shows_results_to_every_persona(persona, role):
    (follow_up,) = [entry for entry in menu_for(persona(role)) if str(entry.label) == "Follow-up"]
    assert "Results frameworks" in [str(item.label) for item in follow_up.items]


def test_the_menu_hides_results_from_anonymous(anonymous):
    assert menu_for(anonymous) == []


@pytest.mark.parametrize("name", ["resultnode", "indicator", "period", "target", "measuredvalue", "programme"])
def test_every_list_detail_and_edit_page_renders(client, officer, partner, funded, name):
    from django.apps import apps

    model = apps.get_model("results", name)
    record = (
        model.objects.for_user(officer)
        .filter(**({"status": ValueStatus.APPROVED} if name == "measuredvalue" else {}))
        .first()
    )
    client.force_login(officer)
    for url in (
        reverse(f"results:{name}_list"),
        reverse(f"results:{name}_add"),
        reverse(f"results:{name}_detail", args=[record.pk]),
        reverse(f"results:{name}_edit", args=[record.pk]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(partner)
    assert client.get(reverse(f"results:{name}_detail", args=[record.pk])).status_code == 200
    assert client.get(reverse(f"results:{name}_edit", args=[record.pk])).status_code == 403
    listed = client.get(reverse(f"results:{name}_list"))
    assert listed.status_code == 200


def test_the_indicator_page_offers_entry_and_computation(client, officer, funded):
    from results.computed import OFFICIALS_TRAINED

    indicator = IndicatorFactory(
        node=funded.nodes.get(code="1.1.1"), source=OFFICIALS_TRAINED, name="Trained (computed)"
    )
    client.force_login(officer)
    html = client.get(indicator.get_absolute_url()).content.decode()
    assert "Compute" in html and "Set target" in html and "Enter" in html
    period = funded.periods.get(label="2004")
    client.post(reverse("results:indicator_compute", args=[indicator.pk, period.pk]))
    assert MeasuredValue.objects.get(indicator=indicator, period=period).value == 0


def test_an_activity_shows_the_outputs_it_serves_to_those_who_read_them(officer, partner, focal_bz, funded):
    from activities.tests.factories import ActivityFactory
    from core.registry import detail_panels_for

    activity = ActivityFactory()
    funded.nodes.get(code="1.1.1").outputs.add(activity)
    [(template, context)] = [p for p in detail_panels_for(activity, officer) if "results" in p[0]]
    assert [node.code for node in context["outputs"]] == ["1.1.1"]
    assert [p for p in detail_panels_for(activity, partner) if "results" in p[0]]
    assert not [p for p in detail_panels_for(activity, focal_bz) if "results" in p[0]]  # a restricted programme


def test_the_programme_list_takes_the_same_queries_for_one_or_many(client, partner, django_assert_num_queries):
    ProgrammeFactory(funders=[partner.institution, partner_institution()])
    client.force_login(partner)
    client.get(reverse("results:programme_list"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("results:programme_list")).status_code == 200
    for _ in range(5):
        ProgrammeFactory(funders=[partner.institution, partner_institution()])
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("results:programme_list"))
    assert response.content.decode().count("Capacity development programme") == 6


def test_the_values_api_list_takes_the_same_queries_for_one_or_many(api_client_for, partner, django_assert_num_queries):
    programme = ProgrammeFactory(funders=[partner.institution])
    indicator = IndicatorFactory(node=ResultNodeFactory(programme=programme))

    def add():
        MeasuredValueFactory(
            indicator=indicator, period=PeriodFactory(programme=programme), status=ValueStatus.APPROVED
        )

    add()
    client = api_client_for(partner)
    client.get("/api/v1/measured-values/")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/measured-values/")
    for _ in range(4):
        add()
    with django_assert_num_queries(len(one)):
        assert len(client.get("/api/v1/measured-values/").json()["results"]) == 5


def test_the_activity_page_draws_the_outputs_it_serves(client, officer, funded):
    from activities.tests.factories import ActivityFactory

    activity = ActivityFactory()
    output = funded.nodes.get(code="1.1.1")
    output.outputs.add(activity)
    client.force_login(officer)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "data-results-outputs" in page and output.get_absolute_url() in page


STALE = "Someone else changed this record since you opened it"


def test_a_value_button_on_a_page_shown_before_a_change_does_not_move_it(client, officer, funded):
    value = MeasuredValue.objects.get(period__programme=funded, status=ValueStatus.SUBMITTED)
    page = get(client, officer, reverse("results:measuredvalue_detail", args=[value.pk])).content.decode()
    assert f'name="version" value="{value.version}"' in page
    shown = value.version
    value.value = Decimal(11)
    value.save()
    url = reverse("results:value_approve", args=[value.pk])

    refused = client.post(url, {"version": shown}, follow=True)
    assert STALE in refused.content.decode()
    value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED

    client.post(url, {"version": value.version})
    value.refresh_from_db()
    assert value.status == ValueStatus.APPROVED


def test_a_period_button_on_a_page_shown_before_a_change_does_not_lock_it(client, officer, funded):
    period = funded.periods.get(label="2004")
    for url in (funded.get_absolute_url(), reverse("results:period_detail", args=[period.pk])):
        assert f'name="version" value="{period.version}"' in get(client, officer, url).content.decode()
    shown = period.version
    period.label = "FY2004"
    period.save()
    url = reverse("results:period_lock", args=[period.pk])

    refused = client.post(url, {"version": shown}, follow=True)
    assert STALE in refused.content.decode() and "FY2004" in refused.content.decode()
    period.refresh_from_db()
    assert not period.is_locked

    client.post(url, {"version": period.version})
    period.refresh_from_db()
    assert period.is_locked
