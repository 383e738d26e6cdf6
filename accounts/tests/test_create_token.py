"""`attache create_token EMAIL` prints an API token that authenticates against the API."""

import io

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from accounts.choices import Role
from accounts.models import User
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

API = "/api/v1/member-states/"


def create_token(email: str) -> str:
    out = io.StringIO()
    call_command("create_token", email, stdout=out)
    return out.getvalue()


@pytest.fixture
def officer():
    return User.objects.create_user("officer@example.org", "x", role=Role.OFFICER)


def test_prints_only_the_key(officer):
    output = create_token("officer@example.org")
    key = output.strip()
    assert output == f"{key}\n"
    assert Token.objects.get(user=officer).key == key


def test_same_key_on_every_call_and_email_case_ignored(officer):
    first = create_token("officer@example.org").strip()
    assert create_token("  OFFICER@Example.org ").strip() == first
    assert Token.objects.count() == 1


def test_key_authenticates_against_the_api(client, officer):
    key = create_token(officer.email).strip()
    assert client.get(API).status_code in (401, 403)
    assert client.get(API, HTTP_AUTHORIZATION="Token not-a-real-key").status_code == 401
    response = client.get(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_demo_account_token_reads_the_demo_states(client):
    load_demo()
    key = create_token("focal-bz@demo.test").strip()
    response = client.get(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 20


def test_unknown_email_is_an_error():
    with pytest.raises(CommandError, match="nobody@example.org"):
        create_token("nobody@example.org")
    assert not Token.objects.exists()


def test_unknown_email_exits_non_zero_from_the_command_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["attache", "create_token", "nobody@example.org"])
    assert exit_info.value.code != 0
    assert "No user with the e-mail address" in capsys.readouterr().err


def test_inactive_user_gets_no_token(officer):
    officer.is_active = False
    officer.save()
    with pytest.raises(CommandError, match="not active"):
        create_token(officer.email)
