"""Two people correct the same request at once: the second save is refused with what the first
changed, on the page and in the API, and nothing is overwritten (core.versions)."""

import pytest
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory, officer_factory
from community.tests.factories import CapabilityAreaFactory
from core.testing import NON_FIELD, form_version, page_errors

pytestmark = pytest.mark.django_db

API = "/api/v1/requests/"


@pytest.fixture
def submitted(belize, focal_bz):
    """A request awaiting registration: its focal point and the secretariat may both correct it."""
    area = CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")
    return AssistanceRequestFactory(
        state=belize, focal_point=focal_bz, status=Status.SUBMITTED, title="Accreditation procedures", areas=[area]
    )


def filing(assistance_request, **changes) -> dict:
    data = {
        "title": assistance_request.title,
        "need": assistance_request.need,
        "areas": [area.pk for area in assistance_request.areas.all()],
        "modality": assistance_request.modality,
        "officials_count": assistance_request.officials_count,
        "window_start": assistance_request.window_start.isoformat(),
        "window_end": assistance_request.window_end.isoformat(),
        "urgency": assistance_request.urgency,
        "visibility": assistance_request.visibility,
        "action": "save",
    }
    return {**data, **changes}


def test_a_page_form_opened_before_someone_else_saved_is_refused_and_keeps_the_input(
    submitted, focal_bz, officer, client_for
):
    url = reverse("assistance:request_edit", args=[submitted.pk])
    focal, secretariat = client_for(focal_bz), client_for(officer)
    focal_version = form_version(focal.get(url))
    officer_version = form_version(secretariat.get(url))
    assert focal_version == officer_version == submitted.version

    saved = secretariat.post(url, filing(submitted, officials_count=5, version=officer_version))
    assert saved.status_code == 302

    mine = filing(submitted, title="Accreditation manuals and procedures", version=focal_version)
    refused = focal.post(url, mine)
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert message.startswith("Someone else changed this record while you were editing it: Dwayne Clarke at ")
    assert "number of officials: 3 → 5" in message.lower()
    assert message.endswith("Your changes are kept below; check them and save again.")
    html = refused.content.decode()
    assert 'value="Accreditation manuals and procedures"' in html  # the input is kept
    submitted.refresh_from_db()
    assert (submitted.title, submitted.officials_count) == ("Accreditation procedures", 5)

    # The form now carries the version the user has seen: saving again goes through.
    again = focal.post(url, {**mine, "officials_count": 5, "version": form_version(refused)})
    assert again.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.officials_count) == ("Accreditation manuals and procedures", 5)


def test_an_api_update_with_a_stale_etag_is_refused_with_what_changed(submitted, focal_bz, officer, api_client_for):
    url = f"{API}{submitted.pk}/"
    focal, secretariat = api_client_for(focal_bz), api_client_for(officer)
    started = submitted.version
    read = focal.get(url)
    assert read["ETag"] == f'"{started}"'
    assert read.json()["version"] == started

    changed = secretariat.patch(url, {"officials_count": 5}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] == f'"{started + 1}"'

    stale = focal.patch(url, {"title": "Accreditation manuals"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412
    body = stale.json()
    assert body["version"] == started + 1
    assert stale["ETag"] == changed["ETag"]
    [change] = body["changes"]
    assert change["by"] == "Dwayne Clarke"
    assert {"field": "number of officials", "change": "3 → 5"} in [
        {**field, "field": field["field"].lower()} for field in change["fields"]
    ]
    assert "Dwayne Clarke" in body["detail"]
    submitted.refresh_from_db()
    assert submitted.title == "Accreditation procedures"

    current = focal.patch(url, {"title": "Accreditation manuals"}, format="json", HTTP_IF_MATCH=changed["ETag"])
    assert current.status_code == 200
    assert current["ETag"] == f'"{started + 2}"'
    submitted.refresh_from_db()
    assert (submitted.title, submitted.officials_count) == ("Accreditation manuals", 5)


def test_the_version_in_the_body_serves_as_if_match(submitted, focal_bz, api_client_for):
    url = f"{API}{submitted.pk}/"
    client = api_client_for(focal_bz)
    assert client.patch(url, {"title": "A", "version": submitted.version}, format="json").status_code == 200
    stale = client.patch(url, {"title": "B", "version": submitted.version}, format="json")
    assert stale.status_code == 412
    submitted.refresh_from_db()
    assert submitted.title == "A"


def test_an_update_without_a_version_is_not_checked(submitted, focal_bz, api_client_for):
    url = f"{API}{submitted.pk}/"
    client = api_client_for(focal_bz)
    assert client.patch(url, {"title": "A"}, format="json").status_code == 200
    assert client.patch(url, {"title": "B"}, format="json", HTTP_IF_MATCH="*").status_code == 200


def test_a_workflow_button_on_a_page_shown_before_a_change_does_not_move_the_request(
    submitted, focal_bz, officer, client_for
):
    shown = submitted.version
    detail = client_for(officer).get(submitted.get_absolute_url()).content.decode()
    assert f'name="version" value="{shown}"' in detail
    edit_url = reverse("assistance:request_edit", args=[submitted.pk])
    assert client_for(focal_bz).post(edit_url, filing(submitted, officials_count=6, version=shown)).status_code == 302

    url = reverse("assistance:request_transition", args=[submitted.pk])
    stale = client_for(officer).post(url, {"to": Status.REGISTERED, "version": shown}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    [message] = page_errors(stale)[NON_FIELD]
    assert message.startswith("Someone else changed this record since you opened it: Elena Castillo at ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED

    moved = client_for(officer).post(
        url, {"to": Status.REGISTERED, "version": submitted.version}, HTTP_HX_REQUEST="true"
    )
    assert moved.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Status.REGISTERED


def test_a_needs_assessment_revised_by_two_officers_at_once_keeps_the_first(officer, client_for, belize):
    colleague = officer_factory(full_name="Marisol Chen")
    assessment = NeedsAssessmentFactory(request=AssistanceRequestFactory(state=belize, status=Status.ASSESSING))
    url = reverse("assistance:needs_assessment", args=[assessment.request_id])
    mine, theirs = client_for(officer), client_for(colleague)
    my_version, their_version = form_version(mine.get(url)), form_version(theirs.get(url))
    data = {"stakeholders": assessment.stakeholders, "gaps": assessment.gaps, "recommended_modality": "attachment"}

    assert theirs.post(url, {**data, "risks": "Elections in May.", "version": their_version}).status_code == 302
    refused = mine.post(url, {**data, "gaps": "No manual yet.", "version": my_version})
    assert refused.status_code == 409
    [message] = page_errors(refused)[NON_FIELD]
    assert "Marisol Chen at " in message and "Elections in May." in message
    assessment.refresh_from_db()
    assert (assessment.gaps, assessment.risks) == (NeedsAssessmentFactory.gaps, "Elections in May.")
