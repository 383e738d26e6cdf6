"""The requests API: scoped lists, filing, drafts-only updates, transitions, routing and needs assessments."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.choices import Channel, Status
from assistance.models import AssistanceRequest, NeedsAssessment
from assistance.tests.factories import (
    AssistanceRequestFactory,
    NeedsAssessmentFactory,
    status_change,
)
from community.tests.factories import CapabilityAreaFactory, InstitutionFactory
from core.models import TransitionRecord
from core.tests.factories import DocumentFactory
from maturity.tests.factories import AssessmentFactory

UTC = datetime.UTC
LIST = "/api/v1/requests/"
ASSESSMENTS = "/api/v1/needs-assessments/"


def detail(request):
    return f"{LIST}{request.pk}/"


def transitions(request):
    return f"{LIST}{request.pk}/transitions/"


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")


@pytest.fixture
def jm_restricted(jamaica):
    return AssistanceRequestFactory(
        state=jamaica, status=Status.SUBMITTED, restricted=True, title="Jamaican inspection"
    )


def _payload(area, **extra):
    start = datetime.date.today() + datetime.timedelta(days=40)
    data = {
        "title": "Accreditation procedures",
        "need": "No procedures yet.",
        "areas": [area.code],
        "modality": "attachment",
        "officials_count": 3,
        "window_start": start.isoformat(),
        "window_end": (start + datetime.timedelta(days=20)).isoformat(),
        "urgency": "normal",
    }
    data.update(extra)
    return data


# --- reading ---------------------------------------------------------------------------------


def test_the_list_is_scoped(api_client_for, focal_bz, belize, jm_restricted):
    mine = AssistanceRequestFactory(state=belize, restricted=True)
    ids = {row["id"] for row in api_client_for(focal_bz).get(LIST).json()["results"]}
    assert ids == {mine.pk}


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "partner"])
def test_a_request_names_its_officer_to_whoever_sees_it(role, persona, api_client_for, officer, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.ASSESSING, assigned_officer=officer)
    response = api_client_for(persona(role)).get(LIST)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert rows[request.pk]["assigned_officer"] == officer.pk


def test_anonymous_gets_nothing(api_client_for, anonymous):
    AssistanceRequestFactory()
    assert api_client_for(anonymous).get(LIST).status_code in (401, 403)


def test_the_list_filters_by_several_statuses(api_client_for, officer):
    for status in (Status.DRAFT, Status.SUBMITTED, Status.ASSESSING):
        AssistanceRequestFactory(status=status)
    rows = api_client_for(officer).get(LIST, {"status": ["submitted", "assessing"]}).json()["results"]
    assert sorted(row["status"] for row in rows) == ["assessing", "submitted"]


def test_a_row_carries_status_reference_overdue_and_documents(api_client_for, officer, settings):
    settings.ATTACHE_STATUS_DEADLINES = {"registered": 10}
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=UTC)):
        request = AssistanceRequestFactory(status=Status.REGISTERED, reference="TA/2026/0001")
        DocumentFactory(record=request, title="Letter.pdf")
    with time_machine.travel(datetime.datetime(2026, 1, 20, 12, tzinfo=UTC)):
        row = api_client_for(officer).get(detail(request)).json()
    assert row["reference"] == "TA/2026/0001" and row["status"] == "registered" and row["overdue"] is True
    assert row["age_days"] == 15 and row["documents"][0]["title"] == "Letter.pdf"
    assert row["documents"][0]["url"] == f"/documents/{request.documents.get().pk}/"


def test_list_queries_do_not_grow_with_the_rows(api_client_for, officer, belize, jamaica):
    client = api_client_for(officer)

    def make(n):
        for i in range(n):
            state = (belize, jamaica)[i % 2]
            request = AssistanceRequestFactory(
                state=state,
                institution=InstitutionFactory(state=state),
                assigned_officer=officer,
                areas=[CapabilityAreaFactory(), CapabilityAreaFactory()],
            )
            DocumentFactory(record=request)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    make(2)
    few = count()
    make(9)
    assert count() == few


@pytest.mark.parametrize(
    "role,code",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 404),
        ("focal_jm", 200),
        ("host_jm", 200),
        ("expert", 404),
        ("partner", 404),
    ],
)
def test_a_restricted_jamaican_request_through_the_api(role, code, persona, api_client_for, jm_restricted):
    client = api_client_for(persona(role))
    assert client.get(detail(jm_restricted)).status_code == code
    assert client.get(transitions(jm_restricted)).status_code == code


# --- filing and drafts -------------------------------------------------------------------------


def test_a_focal_point_files_for_their_own_state(api_client_for, focal_bz, belize, jamaica, area):
    response = api_client_for(focal_bz).post(
        LIST, _payload(area, state=jamaica.pk, channel="letter", status="approved", reference="X"), format="json"
    )
    assert response.status_code == 201, response.json()
    request = AssistanceRequest.objects.get()
    assert (request.state, request.channel, request.focal_point, request.status) == (
        belize,
        Channel.ONLINE,
        focal_bz,
        Status.DRAFT,
    )
    assert request.reference is None and response.json()["status"] == "draft"


def test_a_focal_point_files_and_submits(api_client_for, focal_bz, area):
    response = api_client_for(focal_bz).post(LIST, _payload(area, submit=True), format="json")
    assert response.status_code == 201 and response.json()["status"] == "submitted"
    assert list(TransitionRecord.objects.values_list("to_status", flat=True)) == ["draft", "submitted"]


@time_machine.travel(datetime.datetime(2026, 2, 9, 15, tzinfo=UTC))
def test_an_officer_records_an_email_and_it_is_registered(api_client_for, officer, jamaica, focal_jm, area):
    data = _payload(
        area, state=jamaica.pk, channel="email", received_on="2026-02-06", focal_point=focal_jm.pk, submit=True
    )
    response = api_client_for(officer).post(LIST, data, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["reference"], body["channel"]) == ("registered", "TA/2026/0001", "email")


@pytest.mark.parametrize("role", ["host_jm", "expert", "partner"])
def test_other_roles_cannot_file(role, persona, api_client_for, area):
    assert api_client_for(persona(role)).post(LIST, _payload(area), format="json").status_code == 403
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize(
    "bad,field",
    [
        ({"window_end": (datetime.date.today() + datetime.timedelta(days=1)).isoformat()}, "window_end"),
        ({"window_start": "2020-01-01", "window_end": "2020-02-01"}, "window_start"),
        # A draft may have no areas yet; submitting needs them (changed on purpose: drafts keep
        # what is there).
        ({"areas": [], "submit": True}, "areas"),
        ({"areas": ["no-such-area"]}, "areas"),
        ({"need": "", "submit": True}, "need"),
    ],
)
def test_bad_filing_through_the_api(bad, field, api_client_for, focal_bz, area):
    response = api_client_for(focal_bz).post(LIST, _payload(area, **bad), format="json")
    assert response.status_code == 400 and field in response.json()
    assert not AssistanceRequest.objects.exists()


def test_an_officer_must_name_the_state(api_client_for, officer, area):
    response = api_client_for(officer).post(LIST, _payload(area), format="json")
    assert response.status_code == 400 and "state" in response.json()


def test_drafts_can_be_updated_but_status_is_read_only(api_client_for, focal_bz, belize, area):
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz, areas=[area])
    response = api_client_for(focal_bz).patch(
        detail(request), {"title": "Better title", "status": "approved"}, format="json"
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert (request.title, request.status) == ("Better title", Status.DRAFT)
    assert not TransitionRecord.objects.exists()


@pytest.mark.parametrize("status,code", [(Status.SUBMITTED, 200), (Status.REGISTERED, 403)])
def test_the_api_edits_what_the_page_edits(api_client_for, client_for, focal_bz, belize, status, code):
    """One rule in the service: drafts and requests awaiting registration may be corrected."""
    request = AssistanceRequestFactory(state=belize, status=status, title="As sent")
    page = client_for(focal_bz).get(reverse("assistance:request_edit", args=[request.pk]))
    assert page.status_code == code
    response = api_client_for(focal_bz).patch(detail(request), {"title": "Changed"}, format="json")
    assert response.status_code == code
    request.refresh_from_db()
    assert request.title == ("Changed" if code == 200 else "As sent")


@pytest.mark.parametrize("status, expected", [(Status.DRAFT, 404), (Status.SUBMITTED, 403)])
def test_another_states_focal_point_cannot_update(api_client_for, focal_jm, belize, status, expected):
    # Another state's draft does not exist for them; a submitted shared request is read-only.
    request = AssistanceRequestFactory(state=belize, title="Belize request", status=status)
    response = api_client_for(focal_jm).patch(detail(request), {"title": "Hijacked"}, format="json")
    assert response.status_code == expected
    request.refresh_from_db()
    assert request.title == "Belize request"


def test_requests_cannot_be_deleted(api_client_for, admin):
    request = AssistanceRequestFactory()
    assert api_client_for(admin).delete(detail(request)).status_code == 405


# --- transitions ----------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 3, 3, 15, tzinfo=UTC))
def test_registering_through_the_api(api_client_for, officer):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    response = api_client_for(officer).post(
        transitions(request), {"to": "registered", "comment": "Received."}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reference"]) == ("registered", "TA/2026/0001")
    assert TransitionRecord.objects.get().comment == "Received."


def test_an_illegal_move_is_409_with_a_detail(api_client_for, officer):
    request = AssistanceRequestFactory(status=Status.DRAFT)
    response = api_client_for(officer).post(transitions(request), {"to": "approved"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "A request cannot go from Draft to Approved."}
    assert not TransitionRecord.objects.exists()


def test_a_failed_guard_is_409(api_client_for, officer):
    request = AssistanceRequestFactory(status=Status.ASSESSING)
    client = api_client_for(officer)
    response = client.post(transitions(request), {"to": "approved"}, format="json")
    assert response.status_code == 409 and "needs assessment" in response.json()["detail"]
    response = client.post(transitions(request), {"to": "on_hold", "comment": ""}, format="json")
    assert response.status_code == 409 and response.json() == {"detail": "Say why in the comment."}
    assert not TransitionRecord.objects.exists()


def test_a_forbidden_move_is_403(api_client_for, focal_bz, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    response = api_client_for(focal_bz).post(transitions(request), {"to": "registered"}, format="json")
    assert response.status_code == 403 and "registered" in response.json()["detail"].lower()
    assert not TransitionRecord.objects.exists()


def test_a_request_one_cannot_see_is_404(api_client_for, focal_bz, jm_restricted):
    response = api_client_for(focal_bz).post(
        transitions(jm_restricted), {"to": "withdrawn", "comment": "x"}, format="json"
    )
    assert response.status_code == 404
    assert not TransitionRecord.objects.exists()


def test_an_unknown_status_is_400(api_client_for, officer):
    request = AssistanceRequestFactory(status=Status.SUBMITTED)
    assert api_client_for(officer).post(transitions(request), {"to": "teleported"}, format="json").status_code == 400


def test_listing_moves_and_history(api_client_for, officer, focal_bz, belize):
    request = AssistanceRequestFactory(state=belize, status=Status.DRAFT, focal_point=focal_bz)
    status_change(request, "", "draft", actor=focal_bz)
    client = api_client_for(focal_bz)
    client.post(transitions(request), {"to": "submitted"}, format="json")
    body = client.get(transitions(request)).json()
    assert body["status"] == "submitted"
    assert body["allowed"] == [{"to": "withdrawn", "label": "Withdrawn", "comment_required": True}]
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in body["history"]] == [
        ("", "draft", str(focal_bz)),
        ("draft", "submitted", str(focal_bz)),
    ]
    assert set(body["time_in_status"]) == {"draft", "submitted"}
    officer_moves = api_client_for(officer).get(transitions(request)).json()["allowed"]
    assert [m["to"] for m in officer_moves] == ["registered", "withdrawn"]


# --- routing ---------------------------------------------------------------------------------------


def test_assigning_through_the_api(api_client_for, officer, admin, focal_bz):
    request = AssistanceRequestFactory(status=Status.REGISTERED)
    url = f"{detail(request)}assign/"
    response = api_client_for(admin).post(url, {"officer": officer.pk}, format="json")
    assert response.status_code == 200 and response.json()["assigned_officer"] == officer.pk
    assert api_client_for(focal_bz).post(url, {"officer": officer.pk}, format="json").status_code == 403
    assert api_client_for(admin).post(url, {"officer": focal_bz.pk}, format="json").status_code == 400
    assert api_client_for(admin).post(url, {"officer": None}, format="json").json()["assigned_officer"] is None


# --- needs assessments ---------------------------------------------------------------------------


def _assessment(request, **extra):
    data = {
        "request": request.pk,
        "stakeholders": "NAC; Ministry of Education",
        "gaps": "No manual",
        "recommended_modality": "attachment",
        "risks": "",
    }
    data.update(extra)
    return data


def test_recording_an_assessment_prefills_the_baseline_and_starts_assessing(api_client_for, officer, belize, area):
    AssessmentFactory(state=belize, area=area, level=1, method="peer", assessed_on=datetime.date(2025, 1, 1))
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, areas=[area])
    response = api_client_for(officer).post(ASSESSMENTS, _assessment(request), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["baseline"] == {"accreditation": 1}
    assert response.json()["assessed_by"] == str(officer)
    request.refresh_from_db()
    assert request.status == Status.ASSESSING


def test_updating_an_assessment(api_client_for, officer, area):
    assessment = NeedsAssessmentFactory(request=AssistanceRequestFactory(status=Status.ASSESSING, areas=[area]))
    response = api_client_for(officer).patch(
        f"{ASSESSMENTS}{assessment.pk}/", {"baseline": {"accreditation": 2}}, format="json"
    )
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.baseline == {"accreditation": 2} and assessment.assessed_by == officer


@pytest.mark.parametrize(
    "bad",
    [
        {"baseline": {"accreditation": 5}},
        {"baseline": {"customs": 1}},
        {"stakeholders": ""},
        {"recommended_modality": "x"},
    ],
)
def test_bad_assessments_are_refused(bad, api_client_for, officer, area):
    request = AssistanceRequestFactory(status=Status.REGISTERED, areas=[area])
    assert api_client_for(officer).post(ASSESSMENTS, _assessment(request, **bad), format="json").status_code == 400
    assert not NeedsAssessment.objects.exists()


def test_one_assessment_per_request_and_only_while_assessable(api_client_for, officer, area):
    request = AssistanceRequestFactory(status=Status.ASSESSING, areas=[area])
    NeedsAssessmentFactory(request=request)
    assert api_client_for(officer).post(ASSESSMENTS, _assessment(request), format="json").status_code == 400
    approved = AssistanceRequestFactory(status=Status.APPROVED, areas=[area])
    response = api_client_for(officer).post(ASSESSMENTS, _assessment(approved), format="json")
    assert response.status_code == 409 and "detail" in response.json()


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert", "partner"])
def test_only_the_secretariat_records_assessments(role, persona, api_client_for, belize, area):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, areas=[area])
    assert api_client_for(persona(role)).post(ASSESSMENTS, _assessment(request), format="json").status_code == 403
    assert not NeedsAssessment.objects.exists()


def test_assessments_are_scoped_like_their_requests(api_client_for, focal_bz, focal_jm, belize):
    assessment = NeedsAssessmentFactory(
        request=AssistanceRequestFactory(state=belize, status=Status.ASSESSING, restricted=True)
    )
    assert [a["id"] for a in api_client_for(focal_bz).get(ASSESSMENTS).json()["results"]] == [assessment.pk]
    assert api_client_for(focal_jm).get(ASSESSMENTS).json()["results"] == []
    assert (
        api_client_for(focal_bz).patch(f"{ASSESSMENTS}{assessment.pk}/", {"gaps": "x"}, format="json").status_code
        == 403
    )


def test_approval_after_an_assessment_through_the_api(api_client_for, officer, area):
    request = AssistanceRequestFactory(status=Status.REGISTERED, areas=[area])
    client = api_client_for(officer)
    assert client.post(ASSESSMENTS, _assessment(request), format="json").status_code == 201
    response = client.post(transitions(request), {"to": "approved", "comment": "Clear need."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_schema_documents_the_request_endpoints(api_client_for, officer):
    schema = api_client_for(officer).get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/requests/{id}/transitions/" in schema["paths"]
    assert "/api/v1/needs-assessments/" in schema["paths"]
    assert "RequestStatusEnum" in schema["components"]["schemas"]
    props = schema["components"]["schemas"]["AssistanceRequest"]["properties"]
    assert props["status"]["readOnly"] is True


def test_a_half_filled_draft_is_kept_through_the_api(api_client_for, focal_bz):
    response = api_client_for(focal_bz).post(LIST, {"title": "Accreditation, to be completed"}, format="json")
    assert response.status_code == 201, response.json()
    draft = AssistanceRequest.objects.get()
    assert (draft.status, draft.need, draft.areas.count(), draft.window_start) == (Status.DRAFT, "", 0, None)
    # New requests stay with the state and the secretariat until shared on purpose.
    assert draft.visibility == "restricted"
    refused = api_client_for(focal_bz).patch(detail(draft), {"submit": True}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()) == {"need", "areas", "window_start", "window_end"}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_documents_are_added_through_the_api_by_the_same_rule(api_client_for, officer, focal_bz, focal_jm, belize):
    from django.core.files.uploadedfile import SimpleUploadedFile

    registered = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, reference="TA/2026/0001")
    url = f"{detail(registered)}documents/"

    def upload(user, name="letter.pdf"):
        return api_client_for(user).post(url, {"documents": [SimpleUploadedFile(name, b"%PDF-1.4")]})

    response = upload(officer)
    assert response.status_code == 201 and response.json()[0]["title"] == "letter.pdf"
    assert upload(focal_bz, "tor.pdf").status_code == 201
    assert upload(focal_jm).status_code == 403  # she reads it (shared), but it is not her state's
    bad = upload(officer, "page.html")
    assert bad.status_code == 400 and "documents" in bad.json()
    assert list(registered.documents.values_list("title", flat=True)) == ["letter.pdf", "tor.pdf"]
    registered.status = Status.CLOSED
    registered.save(update_fields=["status"])
    closed = upload(officer)
    assert closed.status_code == 403 and "over" in closed.json()["detail"]
