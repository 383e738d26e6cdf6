"""The request page leads the secretariat to peer matching once a request is approved."""

import pytest
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status, shown", [(Status.APPROVED, True), (Status.MATCHING, True), (Status.ASSESSING, False)])
def test_officer_sees_the_matching_link_once_approved(client, officer, status, shown):
    request = AssistanceRequestFactory(state=MemberStateFactory.for_iso("BZ"), status=status)
    client.force_login(officer)
    html = client.get(request.get_absolute_url()).content.decode()
    assert (reverse("matching:request_matches", args=[request.pk]) in html) is shown


def test_the_focal_point_does_not_get_the_matching_link(client, focal_bz):
    request = AssistanceRequestFactory(state=focal_bz.member_state, status=Status.APPROVED)
    client.force_login(focal_bz)
    html = client.get(request.get_absolute_url()).content.decode()
    assert reverse("matching:request_matches", args=[request.pk]) not in html


def test_a_missing_page_is_explained_in_the_sites_own_layout(client, focal_bz):
    client.force_login(focal_bz)
    response = client.get("/requests/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'aria-label="Main navigation"' in response.content.decode()
