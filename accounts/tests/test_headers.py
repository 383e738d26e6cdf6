"""What the site's responses tell browsers and proxies: signed-in pages are never stored, the
content security policy pins <base> and form targets, and the health check answers plain HTTP."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestNoStore:
    @pytest.mark.parametrize("url", ["/", "/accounts/profile/", "/api/v1/member-states/"])
    def test_signed_in_pages_are_not_stored(self, client, url):
        client.force_login(UserFactory())
        response = client.get(url)
        assert response.status_code == 200
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control

    def test_the_answer_to_a_sign_in_is_not_stored(self, client):
        user = UserFactory()
        response = client.post("/accounts/login/", {"username": user.email, "password": "Soursop-Breadfruit-42"})
        assert response.status_code == 302
        assert "no-store" in response["Cache-Control"]

    def test_api_answers_to_a_token_are_not_stored(self, client):
        token = Token.objects.create(user=UserFactory())
        response = client.get("/api/v1/member-states/", HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    def test_pages_for_visitors_are_left_alone(self, client):
        response = client.get(reverse("accounts:password_reset"))
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


def test_the_content_security_policy_restricts_base_and_form_targets(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


class TestHealthzBehindALoadBalancer:
    @pytest.fixture(autouse=True)
    def https_only(self, settings):
        settings.SECURE_SSL_REDIRECT = True

    def test_it_answers_plain_http_without_a_redirect(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "ok"

    def test_every_other_page_still_goes_to_https(self, client):
        for url in ("/", "/accounts/login/", "/healthz/extra"):
            response = client.get(url)
            assert response.status_code == 301 and response.url.startswith("https://"), url

    def test_it_opens_no_session(self, client, django_assert_num_queries):
        client.force_login(UserFactory())  # even a browser with a session cookie costs no session look-up
        with django_assert_num_queries(1):  # the database check alone
            response = client.get("/healthz")
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
