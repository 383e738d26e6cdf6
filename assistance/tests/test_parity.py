"""Every write endpoint of requests and the portfolio refuses the same input, through the page
and through the API, on the same field with the same message (assistance/tests/parity.py)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from community.tests.factories import CapabilityAreaFactory, InstitutionFactory, PersonFactory
from core.testing import NON_FIELD, assert_refused_alike, edit_data
from portfolio.tests.factories import PracticeFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
API = "/api/v1/requests/"


def day(offset: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")


def page_filing(area, **extra):
    data = {
        "title": "Accreditation procedures",
        "need": "No procedures yet.",
        "areas": [area.pk],
        "modality": "attachment",
        "officials_count": 3,
        "window_start": day(30),
        "window_end": day(60),
        "urgency": "normal",
        "visibility": "restricted",
        "action": "draft",
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def api_filing(area, **extra):
    data = page_filing(area, **{"areas": [area.code], "action": None, **extra})
    if data.pop("action", None) == "submit":
        data["submit"] = True
    return data


# --- filing and correcting a request -----------------------------------------------------------


@pytest.mark.parametrize(
    "bad,field",
    [
        ({"window_start": day(40), "window_end": day(35)}, "window_end"),
        ({"window_start": day(-10)}, "window_start"),
        # A draft keeps what is there; submitting asks for what is missing, by field.
        ({"need": "", "action": "submit"}, "need"),
        ({"areas": [], "action": "submit"}, "areas"),
        ({"window_end": "", "action": "submit"}, "window_end"),
    ],
)
def test_filing_is_refused_alike(bad, field, focal_bz, client_for, api_client_for, area):
    page = client_for(focal_bz).post(reverse("assistance:request_add"), page_filing(area, **bad))
    api_bad = {name: (value if name != "areas" else []) for name, value in bad.items()}
    if "action" in api_bad:
        api_bad["submit"] = api_bad.pop("action") == "submit"
    if api_bad.get("window_end") == "":
        api_bad["window_end"] = None
    api = api_client_for(focal_bz).post(API, api_filing(area, **api_bad), format="json")
    assert page.status_code == 400
    assert_refused_alike(page, api, field=field)


@pytest.mark.parametrize("field", ["institution", "focal_point", "received_on"])
def test_recording_a_letter_is_refused_alike(
    field, officer, focal_jm, client_for, api_client_for, area, belize, jamaica
):
    wrong = {
        "institution": InstitutionFactory(state=jamaica).pk,
        "focal_point": focal_jm.pk,
        "received_on": day(3),
    }
    mail = {"state": belize.pk, "channel": "letter", "received_on": day(-2), field: wrong[field]}
    page = client_for(officer).post(reverse("assistance:request_add"), page_filing(area, **mail))
    api = api_client_for(officer).post(API, api_filing(area, **mail), format="json")
    messages = assert_refused_alike(page, api, field=field)
    assert "another member state" in messages[0] or "future" in messages[0]


def test_correcting_a_request_is_refused_alike(focal_bz, belize, client_for, api_client_for, area):
    request = AssistanceRequestFactory(state=belize, focal_point=focal_bz, areas=[area])
    page = client_for(focal_bz).post(
        reverse("assistance:request_edit", args=[request.pk]),
        edit_data(request, page_filing(area, window_start=day(-3))),
    )
    api = api_client_for(focal_bz).patch(f"{API}{request.pk}/", {"window_start": day(-3)}, format="json")
    assert_refused_alike(page, api, field="window_start")


def test_a_secretariat_correction_of_a_registered_request_is_refused_alike(
    officer, belize, client_for, api_client_for, area
):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, reference="TA/2026/0003", areas=[area])
    page = client_for(officer).post(
        reverse("assistance:request_edit", args=[request.pk]),
        edit_data(request, page_filing(area, window_start=day(50), window_end=day(45), action="save")),
    )
    api = api_client_for(officer).patch(
        f"{API}{request.pk}/", {"window_start": day(50), "window_end": day(45)}, format="json"
    )
    assert_refused_alike(page, api, field="window_end")


# --- documents, moves, routing, assessment -------------------------------------------------------


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<p>"),
        ("letter.pdf", b"<html><script>alert(1)</script></html>"),  # a page named as a PDF
        ("letter.pdf", b"#!/bin/sh\necho owned\n"),  # a script named as a PDF
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_adding_a_document_is_refused_alike(officer, belize, client_for, api_client_for, name, content):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, reference="TA/2026/0004")
    url = reverse("assistance:request_documents_add", args=[request.pk])
    page = client_for(officer).post(url, {"documents": [SimpleUploadedFile(name, content)]})
    api = api_client_for(officer).post(
        f"{API}{request.pk}/documents/", {"documents": [SimpleUploadedFile(name, content)]}
    )
    assert_refused_alike(page, api, page_field=NON_FIELD, api_field="documents")
    assert not request.documents.exists()


def test_adding_a_document_to_a_closed_request_is_refused_alike(officer, belize, client_for, api_client_for):
    request = AssistanceRequestFactory(state=belize, status=Status.CLOSED, reference="TA/2026/0005")
    page = client_for(officer).post(
        reverse("assistance:request_documents_add", args=[request.pk]),
        {"documents": [SimpleUploadedFile("letter.pdf", b"%PDF")]},
    )
    api = api_client_for(officer).post(
        f"{API}{request.pk}/documents/", {"documents": [SimpleUploadedFile("letter.pdf", b"%PDF")]}
    )
    assert page.status_code == 403 and api.status_code == 403
    assert "over" in api.json()["detail"]


@pytest.mark.parametrize(
    "status,to,comment",
    [
        (Status.ASSESSING, Status.DECLINED, ""),  # a reason is required
        (Status.SUBMITTED, Status.APPROVED, "Straight through"),  # not a move of the lifecycle
        (Status.ASSESSING, Status.APPROVED, ""),  # no needs assessment yet
    ],
)
def test_a_refused_move_says_the_same_thing(status, to, comment, officer, belize, client_for, api_client_for):
    request = AssistanceRequestFactory(state=belize, status=status, reference="TA/2026/0006")
    page = client_for(officer).post(
        reverse("assistance:request_transition", args=[request.pk]), {"to": to, "comment": comment}, **HTMX
    )
    api = api_client_for(officer).post(f"{API}{request.pk}/transitions/", {"to": to, "comment": comment}, format="json")
    assert page.status_code == api.status_code == 409
    assert_refused_alike(page, api)


def test_submitting_an_incomplete_draft_by_its_button_says_what_is_missing(
    focal_bz, belize, client_for, api_client_for
):
    draft = AssistanceRequestFactory(state=belize, need="", window_start=None, areas=[])
    page = client_for(focal_bz).post(
        reverse("assistance:request_transition", args=[draft.pk]), {"to": Status.SUBMITTED}, **HTMX
    )
    api = api_client_for(focal_bz).post(f"{API}{draft.pk}/transitions/", {"to": Status.SUBMITTED}, format="json")
    messages = assert_refused_alike(page, api)
    assert "Describe the need" in messages[0] and "capability area" in messages[0]


def test_routing_to_someone_who_is_not_an_officer_is_refused_alike(admin, focal_bz, belize, client_for, api_client_for):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, reference="TA/2026/0007")
    page = client_for(admin).post(
        reverse("assistance:request_assign", args=[request.pk]), {"officer": focal_bz.pk}, **HTMX
    )
    api = api_client_for(admin).post(f"{API}{request.pk}/assign/", {"officer": focal_bz.pk}, format="json")
    assert_refused_alike(page, api, page_field=NON_FIELD, api_field="officer")


def test_an_incomplete_needs_assessment_is_refused_alike(officer, belize, client_for, api_client_for, area):
    request = AssistanceRequestFactory(state=belize, status=Status.REGISTERED, reference="TA/2026/0008", areas=[area])
    data = {"stakeholders": "", "gaps": "No procedures.", "recommended_modality": "attachment", "risks": ""}
    page = client_for(officer).post(reverse("assistance:needs_assessment", args=[request.pk]), data)
    api = api_client_for(officer).post("/api/v1/needs-assessments/", {**data, "request": request.pk}, format="json")
    assert_refused_alike(page, api, field="stakeholders")


def test_a_needs_assessment_out_of_its_time_is_refused_alike(officer, belize, client_for, api_client_for, area):
    request = AssistanceRequestFactory(state=belize, status=Status.APPROVED, reference="TA/2026/0010", areas=[area])
    assessment = NeedsAssessmentFactory(request=request)
    data = {"stakeholders": "Ministry", "gaps": "None", "recommended_modality": "attachment", "risks": ""}
    page = client_for(officer).post(reverse("assistance:needs_assessment", args=[request.pk]), data)
    api = api_client_for(officer).patch(f"/api/v1/needs-assessments/{assessment.pk}/", data, format="json")
    assert_refused_alike(page, api)


# --- the portfolio -------------------------------------------------------------------------------


def practice_page_data(state, area, **changes):
    data = {
        "title": "Electronic labour exchange",
        "state": state.pk,
        "areas": [area.pk],
        "description": "Job seekers and employers register online.",
        "in_operation_since": "2015-06-01",
        "visibility": "shared",
    }
    data.update(changes)
    return data


def practice_api_data(state, area, **changes):
    return {**practice_page_data(state, area), "areas": [area.code], **changes}


@pytest.mark.parametrize("field", ["institution", "contact", "in_operation_since", "areas"])
def test_a_practice_is_refused_alike(field, officer, jamaica, belize, client_for, api_client_for, area):
    wrong = {
        "institution": InstitutionFactory(state=belize).pk,
        "contact": PersonFactory(state=belize).pk,
        "in_operation_since": day(20),
        "areas": [],
    }
    page = client_for(officer).post(
        reverse("portfolio:practice_add"), practice_page_data(jamaica, area, **{field: wrong[field]})
    )
    api = api_client_for(officer).post(
        "/api/v1/practices/", practice_api_data(jamaica, area, **{field: wrong[field]}), format="json"
    )
    assert_refused_alike(page, api, field=field)


def test_changing_a_practice_is_refused_alike(officer, jamaica, belize, client_for, api_client_for, area):
    practice = PracticeFactory(state=jamaica, areas=[area])
    page = client_for(officer).post(
        reverse("portfolio:practice_edit", args=[practice.pk]),
        practice_page_data(jamaica, area, in_operation_since=day(5)),
    )
    api = api_client_for(officer).patch(
        f"/api/v1/practices/{practice.pk}/", {"in_operation_since": day(5)}, format="json"
    )
    assert_refused_alike(page, api, field="in_operation_since")


def test_a_host_coordinators_entry_names_their_institution_alike(host_jm, jamaica, client_for, api_client_for, area):
    data = practice_page_data(jamaica, area, institution="")
    page = client_for(host_jm).post(reverse("portfolio:practice_add"), data)
    api = api_client_for(host_jm).post(
        "/api/v1/practices/", practice_api_data(jamaica, area, institution=None), format="json"
    )
    assert_refused_alike(page, api, field="institution")


def test_publishing_twice_is_refused_alike(officer, jamaica, client_for, api_client_for, area):
    practice = PracticeFactory(state=jamaica, published=True, areas=[area])
    page = client_for(officer).post(reverse("portfolio:practice_publish", args=[practice.pk]))
    api = api_client_for(officer).post(f"/api/v1/practices/{practice.pk}/publish/")
    assert api.status_code == 409
    assert_refused_alike(page, api)


def test_a_too_long_review_note_is_refused_alike(officer, jamaica, client_for, api_client_for, area):
    practice = PracticeFactory(state=jamaica, published=True, areas=[area])
    note = "x" * 2001
    page = client_for(officer).post(reverse("portfolio:practice_request_update", args=[practice.pk]), {"note": note})
    api = api_client_for(officer).post(
        f"/api/v1/practices/{practice.pk}/request-update/", {"note": note}, format="json"
    )
    assert_refused_alike(page, api, page_field=NON_FIELD, api_field="note")
