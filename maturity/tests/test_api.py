import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maturity import selectors
from maturity.choices import AssessmentMethod
from maturity.models import CurrentAssessment, MaturityAssessment
from maturity.tests.factories import AssessmentFactory, CapabilityAreaFactory, MemberStateFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:maturityassessment-list")
CURRENT = reverse("api:maturityassessment-current")


def detail(assessment):
    return reverse("api:maturityassessment-detail", args=[assessment.pk])


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 15, 0, tzinfo=datetime.UTC), tick=False):
        yield


def payload(state, area, **overrides):
    data = {
        "state": state.pk,
        "area": area.pk,
        "level": 1,
        "method": AssessmentMethod.SELF,
        "assessed_on": "2026-05-12",
        "assessor": "Ministry of Education",
        "evidence": "Council appointed; no procedures.",
        "visibility": "shared",
    }
    data.update(overrides)
    return data


def test_api_needs_authentication(api):
    assert api.get(LIST).status_code in (401, 403)


def test_list_and_retrieve(api, partner, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation, level=3)
    api.force_authenticate(partner)
    body = api.get(LIST).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["state"] == belize.pk and row["state_iso"] == "BZ" and row["area_code"] == accreditation.code
    assert row["level"] == 3 and row["can_host"] is True and row["evidence_url"] is None
    assert "evidence_file" not in row
    assert api.get(detail(assessment)).json()["id"] == assessment.pk


def test_list_filters(api, officer, belize, jamaica):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation", parent=csme)
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    a = AssessmentFactory(
        state=belize, area=accreditation, method=AssessmentMethod.SELF, assessed_on=datetime.date(2024, 1, 1)
    )
    b = AssessmentFactory(
        state=jamaica, area=accreditation, method=AssessmentMethod.PEER, assessed_on=datetime.date(2025, 1, 1)
    )
    c = AssessmentFactory(state=belize, area=inspection, assessed_on=datetime.date(2026, 1, 1))
    api.force_authenticate(officer)

    def ids(**params):
        return {row["id"] for row in api.get(LIST, params).json()["results"]}

    assert ids(state=belize.pk) == {a.pk, c.pk}
    assert ids(area=accreditation.pk) == {a.pk, b.pk}
    assert ids(within=csme.pk) == {a.pk, b.pk}
    assert ids(method="peer") == {b.pk}
    assert ids(date_from="2024-06-01") == {b.pk, c.pk}
    assert ids(date_from="2024-06-01", date_to="2025-12-31") == {b.pk}


def test_list_is_newest_first(api, officer, belize, accreditation):
    old = AssessmentFactory(state=belize, area=accreditation, assessed_on=datetime.date(2022, 1, 1))
    new = AssessmentFactory(state=belize, area=accreditation, assessed_on=datetime.date(2025, 1, 1))
    api.force_authenticate(officer)
    assert [row["id"] for row in api.get(LIST).json()["results"]] == [new.pk, old.pk]


def test_restricted_assessments_of_another_state_are_invisible(api, focal_bz, focal_jm, jamaica, accreditation):
    shared = AssessmentFactory(state=jamaica, area=accreditation, level=2)
    restricted = AssessmentFactory(
        state=jamaica, area=accreditation, level=4, restricted=True, assessed_on=datetime.date(2026, 1, 1)
    )
    api.force_authenticate(focal_bz)
    assert [row["id"] for row in api.get(LIST).json()["results"]] == [shared.pk]
    assert api.get(detail(restricted)).status_code == 404
    assert [row["level"] for row in api.get(CURRENT).json()["results"]] == [2]
    api.force_authenticate(focal_jm)
    assert [row["level"] for row in api.get(CURRENT).json()["results"]] == [4]


def test_list_query_count_does_not_grow(api, officer):
    api.force_authenticate(officer)
    AssessmentFactory.create_batch(2)
    with CaptureQueriesContext(connection) as small:
        assert api.get(LIST).json()["count"] == 2
    AssessmentFactory.create_batch(30)
    with CaptureQueriesContext(connection) as large:
        assert api.get(LIST).json()["count"] == 32
    assert len(small) == len(large)


def test_focal_point_creates_a_self_assessment_of_own_state(api, focal_bz, belize, accreditation):
    api.force_authenticate(focal_bz)
    response = api.post(LIST, payload(belize, accreditation), format="json")
    assert response.status_code == 201, response.json()
    assessment = MaturityAssessment.objects.get()
    assert response.json()["id"] == assessment.pk
    assert (assessment.recorded_by, assessment.state, assessment.level) == (focal_bz, belize, 1)


def test_create_with_an_evidence_file(api, officer, belize, accreditation):
    api.force_authenticate(officer)
    data = payload(
        belize,
        accreditation,
        method=AssessmentMethod.SECRETARIAT,
        evidence_file=SimpleUploadedFile("report.pdf", b"%PDF-1.4"),
    )
    response = api.post(LIST, data, format="multipart")
    assert response.status_code == 201, response.json()
    assessment = MaturityAssessment.objects.get()
    document = assessment.evidence_document
    assert response.json()["evidence_url"].endswith(reverse("core:document_download", args=[document.pk]))
    assert (document.title, document.kind, document.uploaded_by) == ("report.pdf", "evidence", officer)


@pytest.mark.parametrize(
    "persona,state,method",
    [
        ("focal_bz", "jamaica", AssessmentMethod.SELF),
        ("focal_bz", "belize", AssessmentMethod.PEER),
        ("focal_bz", "belize", AssessmentMethod.SECRETARIAT),
        ("partner", "belize", AssessmentMethod.SELF),
        ("expert", "belize", AssessmentMethod.SELF),
        ("host_jm", "jamaica", AssessmentMethod.SELF),
    ],
)
def test_create_is_forbidden(request, api, persona, state, method, belize, jamaica, accreditation):
    api.force_authenticate(request.getfixturevalue(persona))
    response = api.post(LIST, payload(request.getfixturevalue(state), accreditation, method=method), format="json")
    assert response.status_code == 403
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"level": 5}, "level"),
        ({"level": -1}, "level"),
        ({"assessed_on": "2026-06-30"}, "assessed_on"),
        ({"assessed_on": "yesterday"}, "assessed_on"),
        ({"area": 999999}, "area"),
        ({"method": "rumour"}, "method"),
    ],
)
def test_create_with_bad_input_is_400_with_field_errors(api, officer, belize, accreditation, overrides, field):
    api.force_authenticate(officer)
    data = payload(belize, accreditation, method=AssessmentMethod.SECRETARIAT)
    data.update(overrides)
    response = api.post(LIST, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not MaturityAssessment.objects.exists()


def test_assessments_are_never_edited(api, officer, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation, level=1)
    api.force_authenticate(officer)
    assert api.patch(detail(assessment), {"level": 4}, format="json").status_code == 405
    assert api.put(detail(assessment), payload(belize, accreditation), format="json").status_code == 405
    assessment.refresh_from_db()
    assert assessment.level == 1


def test_only_the_secretariat_deletes(api, officer, focal_bz, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation)
    api.force_authenticate(focal_bz)
    assert api.delete(detail(assessment)).status_code == 403
    assert MaturityAssessment.objects.exists()
    api.force_authenticate(officer)
    assert api.delete(detail(assessment)).status_code == 204
    assert not MaturityAssessment.objects.exists()


def test_current_levels(api, partner, belize, jamaica):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation", parent=csme)
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    AssessmentFactory(state=belize, area=accreditation, level=1, assessed_on=datetime.date(2023, 1, 1))
    latest = AssessmentFactory(state=belize, area=accreditation, level=2, assessed_on=datetime.date(2025, 1, 1))
    AssessmentFactory(state=jamaica, area=accreditation, level=4)
    AssessmentFactory(state=belize, area=inspection, level=3)
    api.force_authenticate(partner)

    rows = api.get(CURRENT).json()["results"]
    assert len(rows) == 3
    belize_accreditation = next(row for row in rows if row["state"] == belize.pk and row["area"] == accreditation.pk)
    assert belize_accreditation == {
        "state": belize.pk,
        "area": accreditation.pk,
        "level": 2,
        "can_host": False,
        "method": "secretariat",
        "assessed_on": "2025-01-01",
        "assessment": latest.pk,
    }
    assert {(row["state"], row["area"]) for row in api.get(CURRENT, {"within": csme.pk}).json()["results"]} == {
        (belize.pk, accreditation.pk),
        (jamaica.pk, accreditation.pk),
    }
    assert {row["area"] for row in api.get(CURRENT, {"state": belize.pk}).json()["results"]} == {
        accreditation.pk,
        inspection.pk,
    }
    # As the map stood at the end of 2023.
    assert [
        row["level"] for row in api.get(CURRENT, {"state": belize.pk, "date_to": "2023-12-31"}).json()["results"]
    ] == [1]


def test_current_query_count_does_not_grow(api, officer):
    api.force_authenticate(officer)
    states, areas = MemberStateFactory.create_batch(2), CapabilityAreaFactory.create_batch(2)
    for state in states:
        for area in areas:
            AssessmentFactory(state=state, area=area)
    with CaptureQueriesContext(connection) as small:
        assert api.get(CURRENT).json()["count"] == 4
    for state in MemberStateFactory.create_batch(3):
        for area in areas:
            AssessmentFactory.create_batch(2, state=state, area=area)
    with CaptureQueriesContext(connection) as large:
        assert api.get(CURRENT).json()["count"] == 10
    assert len(small) == len(large)


def test_schema_documents_the_endpoints(api, officer):
    api.force_authenticate(officer)
    response = api.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/maturity-assessments/current/" in paths
    assert set(paths["/api/v1/maturity-assessments/{id}/"]) == {"get", "delete"}


def _current(api, **params) -> list[dict]:
    """Every row of the `current` endpoint, following `next` page after page."""
    rows, response = [], api.get(CURRENT, params).json()
    rows += response["results"]
    while response["next"]:
        response = api.get(response["next"]).json()
        rows += response["results"]
    return rows


def _expected(queryset) -> list[tuple]:
    """The "latest level" rule ranked from the whole history (selectors.latest_per_pair)."""
    latest = selectors.latest_per_pair(queryset)
    return [(s, a, latest[s, a].level, latest[s, a].pk) for s, a in sorted(latest)]


@pytest.fixture
def history(belize, jamaica):
    """Three states × three areas, several assessments per pair: restricted ones, two on the
    same day (the one recorded last wins) and every method."""
    states, areas = [belize, jamaica, MemberStateFactory()], CapabilityAreaFactory.create_batch(3)
    methods = [AssessmentMethod.SELF, AssessmentMethod.PEER, AssessmentMethod.SECRETARIAT]
    for i, state in enumerate(states):
        for j, area in enumerate(areas):
            for k in range(3):
                AssessmentFactory(
                    state=state,
                    area=area,
                    level=(i + j + k) % 5,
                    method=methods[(i + k) % 3],
                    assessed_on=datetime.date(2023 + k, 1, 1 + (i * j) % 2) if k < 2 else datetime.date(2024, 1, 1),
                    restricted=(i + j + k) % 4 == 0,
                )
    return states, areas


@pytest.mark.parametrize("user", ["officer", "focal_bz", "partner"])
@pytest.mark.parametrize(
    "params",
    [{}, {"date_to": "2026-05-20"}, {"date_to": "2023-06-30"}, {"date_to": "2024-01-01"}, {"method": "peer"}],
)
def test_current_pages_agree_with_the_history_for_every_role(api, history, user, params, request, settings):
    """Today (the kept table) or as of a past date or of one method (the history, a page at a
    time), a small page size: the rows are the history's latest per pair, as the user sees them."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 2}
    reader = request.getfixturevalue(user)
    api.force_authenticate(reader)
    visible = MaturityAssessment.objects.for_user(reader)
    if "date_to" in params:
        visible = visible.filter(assessed_on__lte=params["date_to"])
    if "method" in params:
        visible = visible.filter(method=params["method"])
    rows = _current(api, **params)
    assert [(r["state"], r["area"], r["level"], r["assessment"]) for r in rows] == _expected(visible)
    assert rows  # the fixture gives every role something to see


def test_current_today_reads_the_kept_table(api, officer, belize, accreditation):
    """Without a past date the rows come from maturity.CurrentAssessment, not the history: a
    (deliberately wrong) level written into the table shows, and a past date still ranks the history."""
    assessment = AssessmentFactory(state=belize, area=accreditation, level=2, assessed_on=datetime.date(2025, 1, 1))
    CurrentAssessment.objects.filter(assessment=assessment).update(level=3)
    api.force_authenticate(officer)
    assert [row["level"] for row in api.get(CURRENT).json()["results"]] == [3]
    assert [row["level"] for row in api.get(CURRENT, {"date_to": "2025-12-31"}).json()["results"]] == [2]


def test_current_as_of_a_past_date_keeps_constant_queries(api, officer):
    api.force_authenticate(officer)
    states, areas = MemberStateFactory.create_batch(2), CapabilityAreaFactory.create_batch(2)
    for state in states:
        for area in areas:
            AssessmentFactory(state=state, area=area, assessed_on=datetime.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as small:
        assert api.get(CURRENT, {"date_to": "2025-01-01"}).json()["count"] == 4
    for state in MemberStateFactory.create_batch(3):
        for area in areas:
            AssessmentFactory.create_batch(2, state=state, area=area, assessed_on=datetime.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as large:
        assert api.get(CURRENT, {"date_to": "2025-01-01"}).json()["count"] == 10
    assert len(small) == len(large)


def test_current_refuses_a_bad_filter(api, officer):
    api.force_authenticate(officer)
    assert api.get(CURRENT, {"date_to": "not a date"}).status_code == 400
