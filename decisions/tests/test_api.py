import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from decisions.choices import ImplementationStatus as S
from decisions.models import Decision, ImplementationReport, RequiredAction
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db

DECISIONS = "/api/v1/decisions/"
ACTIONS = "/api/v1/actions/"
REPORTS = "/api/v1/implementation-reports/"
COMPLIANCE = "/api/v1/implementation-reports/compliance/"
NOT_SECRETARIAT = ["focal_bz", "partner", "expert", "host_jm"]


@pytest.fixture
def decision(belize, jamaica):
    decision = f.DecisionFactory(reference="COTED/2005/20/ACC", title="National accreditation bodies")
    first = f.RequiredActionFactory(decision=decision, position=1)
    second = f.RequiredActionFactory(decision=decision, position=2)
    f.ImplementationReportFactory(state=belize, action=first, status=S.DONE)
    f.ImplementationReportFactory(state=belize, action=second, status=S.IN_PROGRESS)
    f.ImplementationReportFactory(state=jamaica, action=first, status=S.NO_ACTION_REQUIRED)
    return decision


def test_api_needs_a_sign_in(api_client_for, decision):
    client = api_client_for(None)
    for url in (DECISIONS, ACTIONS, REPORTS, COMPLIANCE):
        assert client.get(url).status_code == 401


# --- decisions and actions ------------------------------------------------------------------


def test_everyone_reads_decisions_with_nested_actions(api_client_for, partner, decision):
    response = api_client_for(partner).get(DECISIONS)
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["reference"] == "COTED/2005/20/ACC"
    assert [a["position"] for a in row["actions"]] == [1, 2]


def test_decision_list_takes_a_constant_number_of_queries(api_client_for, officer):
    client = api_client_for(officer)
    f.RequiredActionFactory.create_batch(2)
    with CaptureQueriesContext(connection) as small:
        client.get(DECISIONS)
    for decision in f.DecisionFactory.create_batch(8):
        f.RequiredActionFactory.create_batch(3, decision=decision)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(DECISIONS).json()["results"]) == 10
    assert len(small) == len(large)


def test_officer_creates_and_edits_decisions_and_actions(api_client_for, officer):
    client = api_client_for(officer)
    response = client.post(
        DECISIONS,
        {
            "reference": "HGC/2002/23/MSP",
            "title": "Free movement of skilled persons",
            "organ": "Conference of Heads of Government",
            "date": "2002-07-05",
        },
    )
    assert response.status_code == 201, response.json()
    decision_id = response.json()["id"]
    response = client.post(
        ACTIONS,
        {
            "decision": decision_id,
            "position": 1,
            "description": "Enact the Act",
            "timeframe": "immediate",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["short_label"] == "HGC/2002/23/MSP §1"
    assert client.patch(f"{ACTIONS}{response.json()['id']}/", {"timeframe": "long"}).status_code == 200
    assert RequiredAction.objects.get().timeframe == "long"
    assert client.delete(f"{DECISIONS}{decision_id}/").status_code == 204
    assert not RequiredAction.objects.exists()


@pytest.mark.parametrize("persona_name", NOT_SECRETARIAT)
def test_only_the_secretariat_writes_decisions_and_actions(persona_name, persona, api_client_for, decision):
    client = api_client_for(persona(persona_name))
    action = decision.actions.first()
    assert (
        client.post(DECISIONS, {"reference": "X/1", "title": "x", "organ": "x", "date": "2020-01-01"}).status_code
        == 403
    )
    assert client.patch(f"{DECISIONS}{decision.pk}/", {"title": "Changed"}).status_code == 403
    assert client.delete(f"{DECISIONS}{decision.pk}/").status_code == 403
    assert client.post(ACTIONS, {"decision": decision.pk, "description": "x"}).status_code == 403
    assert client.patch(f"{ACTIONS}{action.pk}/", {"description": "Changed"}).status_code == 403
    assert Decision.objects.get().title == "National accreditation bodies"
    assert decision.actions.count() == 2


def test_bad_decision_is_400(api_client_for, officer, decision):
    response = api_client_for(officer).post(
        DECISIONS, {"reference": decision.reference, "title": "", "organ": "x", "date": "July"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"reference", "title", "date"}


def test_actions_filter_by_decision_area_subtree_and_timeframe(api_client_for, officer, decision):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Skills", parent=csme)
    in_subtree = f.RequiredActionFactory(area=skills, timeframe="long")
    client = api_client_for(officer)

    def ids(**params):
        return {row["id"] for row in client.get(ACTIONS, params).json()["results"]}

    assert ids(decision=decision.pk) == set(decision.actions.values_list("pk", flat=True))
    assert ids(within=csme.pk) == {in_subtree.pk}
    assert ids(area=csme.pk) == set()
    assert ids(timeframe="long") == {in_subtree.pk}
    assert client.get(ACTIONS, {"within": 999}).status_code == 400


# --- implementation reports ------------------------------------------------------------------


def test_reports_filter_by_state_action_decision_status_and_current(api_client_for, partner, decision, belize):
    first = decision.actions.get(position=1)
    f.ImplementationReportFactory(
        state=belize, action=first, status=S.IN_PROGRESS, status_date=datetime.date(2020, 1, 1)
    )
    f.ImplementationReportFactory(status=S.DONE)  # another decision
    client = api_client_for(partner)

    def statuses(**params):
        response = client.get(REPORTS, params)
        assert response.status_code == 200
        return sorted(row["status"] for row in response.json()["results"])

    assert statuses(state=belize.pk, action=first.pk) == [S.DONE, S.IN_PROGRESS]
    assert statuses(state=belize.pk, action=first.pk, current=True) == [S.DONE]
    assert statuses(decision=decision.pk, status=S.DONE) == [S.DONE]
    assert statuses(decision=decision.pk, status=[S.DONE, S.NO_ACTION_REQUIRED]) == [
        S.DONE,
        S.NO_ACTION_REQUIRED,
    ]
    assert len(statuses()) == 5


def test_focal_point_reports_on_its_own_state(api_client_for, focal_bz, belize, decision):
    action = decision.actions.get(position=2)
    response = api_client_for(focal_bz).post(
        REPORTS,
        {
            "state": belize.pk,
            "action": action.pk,
            "status": S.DONE,
            "evidence": "Gazette 2025/14",
            "status_date": "2025-02-01",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reported_by"] == str(focal_bz) and body["decision"] == decision.pk and body["state_iso"] == "BZ"
    report = ImplementationReport.objects.get(pk=body["id"])
    assert (report.status, report.reported_by, report.status_date) == (
        S.DONE,
        focal_bz,
        datetime.date(2025, 2, 1),
    )
    # The earlier report stays as history.
    assert ImplementationReport.objects.filter(state=belize, action=action).count() == 2


@pytest.mark.parametrize(
    "persona_name,status",
    [
        ("focal_jm", S.DONE),  # another state's focal point
        ("focal_bz", S.VERIFIED),  # only the secretariat verifies
        ("partner", S.DONE),
        ("expert", S.DONE),
        ("host_jm", S.DONE),
    ],
)
def test_reports_the_service_refuses_are_403(persona_name, status, persona, api_client_for, belize, decision):
    action = decision.actions.first()
    response = api_client_for(persona(persona_name)).post(
        REPORTS, {"state": belize.pk, "action": action.pk, "status": status}
    )
    assert response.status_code == 403
    assert ImplementationReport.objects.count() == 3


def test_officer_verifies(api_client_for, officer, jamaica, decision):
    response = api_client_for(officer).post(
        REPORTS, {"state": jamaica.pk, "action": decision.actions.last().pk, "status": S.VERIFIED}
    )
    assert response.status_code == 201
    assert response.json()["status_date"] == timezone.localdate().isoformat()
    assert ImplementationReport.objects.get(pk=response.json()["id"]).reported_by == officer


@pytest.mark.parametrize(
    "data,field",
    [
        ({"status": "finished"}, "status"),
        ({"status": S.DONE, "status_date": "2999-01-01"}, "status_date"),  # from the service
        ({"status": S.DONE, "action": 999}, "action"),
        ({"status": S.DONE, "state": None}, "state"),
    ],
)
def test_bad_reports_are_400(data, field, api_client_for, focal_bz, belize, decision):
    payload = {"state": belize.pk, "action": decision.actions.first().pk, **data}
    response = api_client_for(focal_bz).post(REPORTS, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert ImplementationReport.objects.count() == 3


def test_reports_are_never_edited(api_client_for, officer, decision):
    report = ImplementationReport.objects.first()
    client = api_client_for(officer)
    assert client.put(f"{REPORTS}{report.pk}/", {"status": S.DONE}).status_code == 405
    assert client.patch(f"{REPORTS}{report.pk}/", {"status": S.DONE}).status_code == 405


def test_only_the_secretariat_deletes_a_report(api_client_for, officer, focal_bz, belize, decision):
    report = ImplementationReport.objects.filter(state=belize).first()
    assert api_client_for(focal_bz).delete(f"{REPORTS}{report.pk}/").status_code == 403
    assert api_client_for(officer).delete(f"{REPORTS}{report.pk}/").status_code == 204
    assert not ImplementationReport.objects.filter(pk=report.pk).exists()


def test_report_list_takes_a_constant_number_of_queries(api_client_for, officer, decision):
    client = api_client_for(officer)
    with CaptureQueriesContext(connection) as small:
        client.get(REPORTS)
    for state in MemberStateFactory.create_batch(5):
        for action in decision.actions.all():
            f.ImplementationReportFactory(state=state, action=action)
    with CaptureQueriesContext(connection) as large:
        assert client.get(REPORTS).json()["count"] == 13
    assert len(small) == len(large)


# --- compliance ------------------------------------------------------------------------------


def test_compliance_per_state(api_client_for, partner, decision, belize, jamaica):
    other = f.RequiredActionFactory(area=CapabilityAreaFactory(code="labour", name="Labour administration"))
    f.ImplementationReportFactory(state=jamaica, action=other, status=S.VERIFIED)
    client = api_client_for(partner)

    body = client.get(COMPLIANCE).json()
    assert (body["actions"], body["complied"], body["applicable"]) == (3, 2, 5)
    assert {row["state_iso"]: row["compliance"] for row in body["states"]} == {
        "BZ": 33.3,
        "JM": 50.0,
    }

    body = client.get(COMPLIANCE, {"decision": decision.pk}).json()
    assert {row["state_iso"]: (row["complied"], row["applicable"], row["compliance"]) for row in body["states"]} == {
        "BZ": (1, 2, 50.0),
        "JM": (0, 1, 0.0),
    }
    body = client.get(COMPLIANCE, {"within": other.area_id}).json()
    assert {row["state_iso"]: row["compliance"] for row in body["states"]} == {
        "BZ": 0.0,
        "JM": 100.0,
    }
    body = client.get(COMPLIANCE, {"sub_region": "Central America"}).json()
    assert [row["state_iso"] for row in body["states"]] == ["BZ"]


def test_compliance_with_nothing_applicable_is_null(api_client_for, partner, belize):
    body = api_client_for(partner).get(COMPLIANCE).json()
    assert body["compliance"] is None and body["states"][0]["compliance"] is None


def test_compliance_rejects_unknown_filters(api_client_for, partner, decision):
    client = api_client_for(partner)
    assert client.get(COMPLIANCE, {"decision": 999}).status_code == 400
    assert client.get(COMPLIANCE, {"within": "x"}).status_code == 400
    assert client.get(COMPLIANCE, {"membership": "honorary"}).status_code == 400


def test_schema_describes_the_decisions_api(api_client_for, partner):
    response = api_client_for(partner).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/implementation-reports/compliance/" in paths
    assert set(paths["/api/v1/implementation-reports/{id}/"]) == {"get", "delete"}
    assert {"post", "get"} <= set(paths["/api/v1/decisions/"]) and "/api/v1/actions/{id}/" in paths
