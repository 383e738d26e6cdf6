"""The same refusal, the same status code, in every app's API: an illegal move or a failed guard
is 409 Conflict with {"detail": …}; a move the user may not make is 403."""

import pytest

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from portfolio.tests.factories import PracticeFactory


def _request_move(client, assistance_request, to):
    return client.post(f"/api/v1/requests/{assistance_request.pk}/transitions/", {"to": to}, format="json")


def _publish(client, practice):
    return client.post(f"/api/v1/practices/{practice.pk}/publish/")


@pytest.mark.parametrize("app", ["requests", "practices"])
def test_an_illegal_move_is_409_with_a_detail_everywhere(app, api_client_for, officer, belize):
    client = api_client_for(officer)
    if app == "requests":
        response = _request_move(client, AssistanceRequestFactory(state=belize, status=Status.DRAFT), "approved")
    else:
        response = _publish(client, PracticeFactory(state=belize, published=True))
    assert response.status_code == 409
    assert list(response.json()) == ["detail"] and "cannot go from" in response.json()["detail"]


@pytest.mark.parametrize("app", ["requests", "practices"])
def test_a_forbidden_move_is_403_everywhere(app, api_client_for, focal_bz, belize):
    client = api_client_for(focal_bz)
    if app == "requests":
        response = _request_move(client, AssistanceRequestFactory(state=belize, status=Status.SUBMITTED), "registered")
    else:
        response = _publish(client, PracticeFactory(state=belize))
    assert response.status_code == 403
    assert "detail" in response.json()
