"""Site-wide pages: the health check load balancers call, and the home page."""

from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse

from tests.access.matrix import VISIBLE


class TestHealthz:
    def test_it_answers_200_when_the_database_answers(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
        assert "no-cache" in response["Cache-Control"]

    def test_it_needs_no_sign_in(self, client, db):
        response = client.get(reverse("healthz"))
        assert response.status_code == 200  # not a redirect to the sign-in page

    def test_it_answers_503_when_the_database_does_not(self, client, db):
        with mock.patch.object(connection, "cursor", side_effect=DatabaseError("could not connect to db.internal")):
            response = client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "error" and body["database"] == "unavailable"
        assert "no-cache" in response["Cache-Control"]

    def test_it_answers_503_when_the_query_fails(self, client, db):
        broken = mock.MagicMock()
        broken.__enter__.return_value.execute.side_effect = DatabaseError("server closed the connection")
        with mock.patch.object(connection, "cursor", return_value=broken):
            response = client.get("/healthz")
        assert response.status_code == 503

    def test_it_does_not_reveal_the_database_error_to_the_public(self, client, db):
        with mock.patch.object(connection, "cursor", side_effect=DatabaseError("could not connect to db.internal")):
            response = client.get("/healthz")
        assert "db.internal" not in response.content.decode()


class TestHome:
    def test_signed_out_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get("/")
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next=/"

    @pytest.mark.parametrize("role", ["admin", "focal_bz", "host_jm", "expert", "partner"])
    def test_it_greets_the_user_and_counts_what_they_may_see(self, registry, client_for, role):
        user = registry.users[role]
        response = client_for(user).get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f"Welcome, {user.full_name}" in html
        assert user.get_role_display() in html
        counters = {str(counter.label): (counter.count, counter.url) for counter in response.context["counters"]}
        expected = {
            "Member states": (len(VISIBLE["memberstate"][role]), reverse("community:memberstate_list")),
            "Institutions": (len(VISIBLE["institution"][role]), reverse("community:institution_list")),
            "People": (len(VISIBLE["person"][role]), reverse("community:person_list")),
            "Networks": (len(VISIBLE["network"][role]), reverse("community:network_list")),
        }
        if role in ("focal_bz", "host_jm", "expert"):  # who may be invited: their waiting invitations
            expected["invitations waiting for your answer"] = (0, reverse("matching:invitation_list"))
        # What waits among the requests: the registry has none, so every figure is 0.
        request_figures = {
            "admin": ["Open requests", "Waiting for registration", "Assigned to you", "Overdue", "Drafts"],
            "focal_bz": ["Open requests", "Drafts"],
        }.get(role, ["Open requests"])
        for label in request_figures:
            expected[label] = (0, counters[label][1])
        assert counters == expected

    def test_it_names_the_state_a_focal_point_acts_for(self, registry, client_for):
        html = client_for(registry.users["focal_bz"]).get("/").content.decode()
        assert "Member-state focal point · Belize" in html

    def test_it_links_to_every_registry_list(self, registry, client_for):
        html = client_for(registry.users["partner"]).get("/").content.decode()
        for name in (
            "memberstate",
            "institution",
            "person",
            "committeemeeting",
            "network",
            "capabilityarea",
        ):
            assert f'href="{reverse(f"community:{name}_list")}"' in html, name
