"""API tokens expire after ATTACHE_API_TOKEN_DAYS and are revoked when the password changes or
the account is deactivated."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts import services
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/member-states/"


@pytest.fixture
def officer():
    return UserFactory(officer=True, email="officer@gov.lc")


@pytest.fixture
def token(officer):
    return Token.objects.create(user=officer)


def get(client, token):
    return client.get(API, HTTP_AUTHORIZATION=f"Token {token.key}")


def test_a_fresh_token_works(client, token):
    assert get(client, token).status_code == 200


def test_a_token_stops_working_after_its_lifetime(client, token, settings):
    settings.ATTACHE_API_TOKEN_DAYS = 30
    with time_machine.travel(token.created + datetime.timedelta(days=29, hours=23), tick=False):
        assert get(client, token).status_code == 200
    with time_machine.travel(token.created + datetime.timedelta(days=30, seconds=1), tick=False):
        response = get(client, token)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_create_token_issues_a_new_token_once_the_old_one_expired(client, token, officer):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        out = io.StringIO()
        call_command("create_token", officer.email, stdout=out)
        key = out.getvalue().strip()
        assert key != token.key
        assert client.get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert not Token.objects.filter(key=token.key).exists()


def test_changing_the_password_revokes_the_token(client, token, officer):
    officer.set_password("Another-Long-Passphrase-7")
    officer.save()
    assert not Token.objects.filter(user=officer).exists()
    assert get(client, token).status_code == 401


def test_resetting_the_password_by_e_mail_revokes_the_token(client, token, officer):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(officer.pk))
    url = reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(officer)])
    set_password_url = client.get(url).url
    client.post(set_password_url, {"new_password1": "Mango-Season-2031!", "new_password2": "Mango-Season-2031!"})
    assert get(client, token).status_code == 401


def test_deactivating_the_account_revokes_the_token(client, token, officer):
    services.user_set_active(actor=UserFactory(admin=True), user_id=officer.pk, active=False)
    assert not Token.objects.filter(user=officer).exists()
    # Reactivated, the person needs a new token: the old key stays dead.
    services.user_set_active(actor=UserFactory(admin=True), user_id=officer.pk, active=True)
    assert get(client, token).status_code == 401


def test_other_saves_keep_the_token(client, token, officer):
    officer.preferred_language = "fr"
    officer.save(update_fields=["preferred_language"])
    client.post("/accounts/login/", {"username": officer.email, "password": PASSWORD})  # saves last_login
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert get(client, token).status_code == 200
