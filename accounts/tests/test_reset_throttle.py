"""Password-reset links are throttled per address and per client address, with one answer
whether or not the address has an account."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = "/accounts/password-reset/"
TOO_MANY = "Too many reset links were asked for"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.ATTACHE_PASSWORD_RESETS_PER_ADDRESS = 3
    settings.ATTACHE_PASSWORD_RESETS_PER_IP = 5
    settings.ATTACHE_PASSWORD_RESET_WINDOW_MINUTES = 60


def ask(client, email, ip="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_an_address_gets_a_few_links_then_is_told_to_wait(client):
    UserFactory(email="keisha@gov.lc")
    for _ in range(3):
        assert ask(client, "keisha@gov.lc").url == reverse("accounts:password_reset_done")
    response = ask(client, "keisha@gov.lc")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mail.outbox) == 3


def test_look_alike_spellings_count_as_the_same_address(client):
    UserFactory(email="keisha@gov.lc")
    for typed in ("keisha@gov.lc", "KEISHA@gov.lc", "ｋｅｉｓｈａ@gov.lc"):
        ask(client, typed)
    assert ask(client, "Keisha@Gov.Lc").status_code == 429


def test_an_unknown_address_is_throttled_the_same_way(client):
    """The answers for an address with an account and one without are the same, throttled too."""
    UserFactory(email="keisha@gov.lc")
    known = [ask(client, "keisha@gov.lc", ip="203.0.113.1").status_code for _ in range(4)]
    unknown = [ask(client, "nobody@gov.lc", ip="203.0.113.2").status_code for _ in range(4)]
    assert known == unknown == [302, 302, 302, 429]


def test_one_client_address_is_throttled_across_addresses(client):
    for n in range(5):
        assert ask(client, f"person{n}@gov.lc").status_code == 302
    assert ask(client, "another@gov.lc").status_code == 429
    assert ask(client, "another@gov.lc", ip="198.51.100.9").status_code == 302  # someone else


def test_the_throttle_ends_with_its_window(client):
    UserFactory(email="keisha@gov.lc")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            ask(client, "keisha@gov.lc")
        clock.shift(61 * 60)
        assert ask(client, "keisha@gov.lc").status_code == 302
