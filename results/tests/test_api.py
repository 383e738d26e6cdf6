"""The results API: scoping (403/404), writes through the services with 400 field errors in the
page's words, and the approval and certification actions (409 for an illegal move)."""

import pytest
from django.test import Client

from core.testing import assert_same_refusal
from results.choices import PeriodStatus, ValueStatus
from results.models import MeasuredValue, Programme
from results.tests.factories import (
    IndicatorFactory,
    MeasuredValueFactory,
    PeriodFactory,
    ProgrammeFactory,
    partner_institution,
    tree,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def funded(partner):
    programme = ProgrammeFactory(name="Funded", funders=[partner.institution], visibility="restricted")
    _goal, _outcome, output = tree(programme)
    indicator = IndicatorFactory(node=output, disaggregation=["state"])
    period = PeriodFactory(programme=programme, label="2004")
    return programme, indicator, period


def value_body(indicator, period, **changes):
    return {"indicator": indicator.pk, "period": period.pk, "value": "12", "disaggregated": {}, **changes}


def test_a_partner_lists_only_the_programmes_it_funds(api_client_for, partner, funded):
    ProgrammeFactory(name="Shared, someone else's", funders=[partner_institution()])
    names = [row["name"] for row in api_client_for(partner).get(API + "programmes/").json()["results"]]
    assert names == ["Funded"]


def test_a_focal_point_lists_shared_programmes(api_client_for, focal_bz, funded):
    ProgrammeFactory(name="Shared")
    names = [row["name"] for row in api_client_for(focal_bz).get(API + "programmes/").json()["results"]]
    assert names == ["Shared"]
    assert api_client_for(focal_bz).get(f"{API}programmes/{funded[0].pk}/").status_code == 404


def test_readers_see_approved_values_only(api_client_for, partner, officer, funded):
    _programme, indicator, period = funded
    approved = MeasuredValueFactory(indicator=indicator, period=period, status=ValueStatus.APPROVED)
    draft = MeasuredValueFactory(indicator=indicator, period=PeriodFactory(programme=funded[0], label="2005"))
    as_partner = [row["id"] for row in api_client_for(partner).get(API + "measured-values/").json()["results"]]
    as_officer = [row["id"] for row in api_client_for(officer).get(API + "measured-values/").json()["results"]]
    assert as_partner == [approved.pk] and sorted(as_officer) == sorted([approved.pk, draft.pk])
    assert api_client_for(partner).get(f"{API}measured-values/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["partner", "focal_bz", "host_jm", "expert"])
def test_only_the_secretariat_writes(api_client_for, persona, funded, role):
    _programme, indicator, period = funded
    client = api_client_for(persona(role))
    assert (
        client.post(
            API + "programmes/", {"name": "x", "start_date": "2003-01-01", "end_date": "2004-01-01"}, format="json"
        ).status_code
        == 403
    )
    answer = client.post(API + "measured-values/", value_body(indicator, period), format="json")
    assert answer.status_code in (400, 403)  # unseen indicator and period (400) or no right to add (403)
    assert not MeasuredValue.objects.exists()


def test_the_officer_enters_submits_and_approves(api_client_for, officer, funded):
    _programme, indicator, period = funded
    client = api_client_for(officer)
    body = value_body(indicator, period, disaggregated={"state": {"BZ": 5, "JM": 7}}, source_note="Annual report")
    created = client.post(API + "measured-values/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert client.post(f"{API}measured-values/{pk}/approve/").status_code == 409  # a draft is submitted first
    assert (
        client.post(f"{API}measured-values/{pk}/submit/", {"comment": "Checked"}, format="json").json()["status"]
        == "submitted"
    )
    assert client.post(f"{API}measured-values/{pk}/return/", {}, format="json").status_code == 400  # reason required
    assert client.post(f"{API}measured-values/{pk}/approve/").json()["status"] == "approved"
    assert client.patch(f"{API}measured-values/{pk}/", {"value": "13"}, format="json").status_code == 400


def test_the_partner_cannot_approve(api_client_for, partner, funded):
    _programme, indicator, period = funded
    value = MeasuredValueFactory(indicator=indicator, period=period, status=ValueStatus.APPROVED)
    assert (
        api_client_for(partner)
        .post(f"{API}measured-values/{value.pk}/return/", {"reason": "x"}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    "changes,field,message",
    [
        (
            {"disaggregated": {"state": {"BZ": 5, "JM": 6}}},
            "disaggregated",
            "The parts of “state” add up to 11, not to the value 12.",
        ),
        ({"disaggregated": {"sex": {"female": 12}}}, "disaggregated", "This indicator is not broken down by “sex”."),
        ({"value": "1" + "0" * 15}, "value", "Ensure that there are no more than 14 digits in total."),
        ({"source_note": "bad\x00note"}, "source_note", "Null characters are not allowed."),
    ],
)
def test_bad_values_are_400_with_field_errors(api_client_for, officer, funded, changes, field, message):
    _programme, indicator, period = funded
    answer = api_client_for(officer).post(
        API + "measured-values/", value_body(indicator, period, **changes), format="json"
    )
    assert answer.status_code == 400
    assert answer.json()[field] == [message]
    assert not MeasuredValue.objects.exists()


def test_a_locked_period_refuses_values_until_reopened(api_client_for, officer, funded):
    _programme, indicator, period = funded
    client = api_client_for(officer)
    assert client.post(f"{API}reporting-periods/{period.pk}/lock/").json()["status"] == PeriodStatus.LOCKED
    answer = client.post(API + "measured-values/", value_body(indicator, period), format="json")
    assert answer.status_code == 400 and "locked" in answer.json()["period"][0]
    assert client.post(f"{API}reporting-periods/{period.pk}/reopen/", {}, format="json").status_code == 400
    reopened = client.post(f"{API}reporting-periods/{period.pk}/reopen/", {"reason": "Audit"}, format="json")
    assert reopened.json()["status"] == PeriodStatus.OPEN
    assert client.post(API + "measured-values/", value_body(indicator, period), format="json").status_code == 201


def test_the_tree_levels_are_checked(api_client_for, officer, funded):
    programme, _indicator, _period = funded
    goal = programme.nodes.get(level="goal")
    answer = api_client_for(officer).post(
        API + "result-nodes/",
        {"programme": programme.pk, "parent": goal.pk, "level": "output", "code": "1.9", "title": "x"},
        format="json",
    )
    assert answer.status_code == 400 and answer.json() == {"parent": ["An output serves an outcome."]}


def test_the_page_and_the_api_refuse_a_bad_breakdown_alike(client, api_client_for, officer, funded):
    _programme, indicator, period = funded
    client.force_login(officer)
    data = {"indicator": indicator.pk, "period": period.pk, "value": "12", "disaggregated": '{"state": {"BZ": 1}}'}
    api_data = {**data, "disaggregated": {"state": {"BZ": 1}}}
    assert_same_refusal(
        client=client,
        api_client=api_client_for(officer),
        form_url="/results/values/add/",
        api_url=API + "measured-values/",
        data=data,
        api_data=api_data,
        field="disaggregated",
    )


def test_compute_saves_a_draft(api_client_for, officer, funded):
    programme, _indicator, period = funded
    from results.computed import OFFICIALS_TRAINED

    computed = IndicatorFactory(node=programme.nodes.get(level="output"), source=OFFICIALS_TRAINED)
    answer = api_client_for(officer).post(
        f"{API}indicators/{computed.pk}/compute/", {"period": period.pk}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["value"] == "0.00" and answer.json()["status"] == "draft"


def test_anonymous_is_refused(funded):
    assert Client().get(API + "programmes/").status_code in (401, 403)
    assert Programme.objects.count() == 1


def test_compute_for_another_programmes_period_is_a_400(api_client_for, officer, funded):
    programme, _indicator, _period = funded
    from results.computed import OFFICIALS_TRAINED

    computed = IndicatorFactory(node=programme.nodes.get(level="output"), source=OFFICIALS_TRAINED)
    elsewhere = PeriodFactory()
    answer = api_client_for(officer).post(
        f"{API}indicators/{computed.pk}/compute/", {"period": elsewhere.pk}, format="json"
    )
    assert answer.status_code == 400 and answer.json() == {"period": ["Choose a period of this indicator's programme."]}
