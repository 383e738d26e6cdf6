"""A password tried across many accounts from one client address locks that address out."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.66"


@pytest.fixture(autouse=True)
def limit(settings):
    settings.ATTACHE_SIGNIN_ACCOUNTS_PER_IP = 4


def sign_in(client, email, password="Summer2026!", ip=ATTACKER):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def spray(client, accounts, ip=ATTACKER):
    for n in range(accounts):
        assert sign_in(client, f"guess{n}@gov.lc", ip=ip).status_code == 200


def test_the_default_allows_ten_accounts():
    assert settings.ATTACHE_SIGNIN_ACCOUNTS_PER_IP == 4  # this module's
    from config import settings as production

    assert production.ATTACHE_SIGNIN_ACCOUNTS_PER_IP == 10


def test_one_failure_on_each_of_many_accounts_locks_the_client_address(client):
    keisha = UserFactory(email="keisha@gov.lc")
    spray(client, 4)
    response = sign_in(client, keisha.email, PASSWORD)  # even the right password, for an untouched account
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_client_address_still_signs_in(client):
    keisha = UserFactory(email="keisha@gov.lc")
    spray(client, 3)
    assert sign_in(client, keisha.email, PASSWORD).status_code == 302


def test_repeated_failures_on_one_account_are_not_spraying(client):
    """One person mistyping their own password is the per-address lockout's business: their
    colleagues at the same office (one client address) can still sign in."""
    colleague = UserFactory(email="andre@gov.lc")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "keisha@gov.lc")
    assert sign_in(client, colleague.email, PASSWORD).status_code == 302


def test_other_client_addresses_are_not_locked(client):
    keisha = UserFactory(email="keisha@gov.lc")
    spray(client, 4)
    assert sign_in(client, keisha.email, PASSWORD, ip="198.51.100.20").status_code == 302


def test_look_alike_spellings_are_one_account_not_many(client):
    keisha = UserFactory(email="keisha@gov.lc")
    for typed in ("keisha@gov.lc", "KEISHA@gov.lc", "ｋｅｉｓｈａ@gov.lc", "Keisha@Gov.LC"):
        sign_in(client, typed)
    assert sign_in(client, "andre@gov.lc").status_code == 200  # one account so far: not locked
    assert sign_in(client, keisha.email, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    keisha = UserFactory(email="keisha@gov.lc")
    spray(client, 4)
    later = timezone.now() + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later, tick=False):
        assert sign_in(client, keisha.email, PASSWORD).status_code == 302
