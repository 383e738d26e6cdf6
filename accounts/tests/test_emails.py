"""One spelling per address: a look-alike (other case, fullwidth letters, ligatures) is the same
account or none, at sign-in, invitation, password reset and in the lockout."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.choices import Role
from accounts.emails import normalize_email
from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"
FULLWIDTH = "ｋｅｉｓｈａ＠ｇｏｖ．ｌｃ"  # what a look-alike address can be typed as


@pytest.fixture
def keisha(db):
    return UserFactory(email="keisha@gov.lc")


@pytest.mark.parametrize(
    "typed",
    ["keisha@gov.lc", "KEISHA@GOV.LC", "  Keisha@Gov.Lc ", "ｋｅｉｓｈａ@gov.lc", FULLWIDTH],
)
def test_spellings_of_one_address_fold_to_one_key(typed):
    assert normalize_email(typed) == "keisha@gov.lc"


def test_ligatures_and_sharp_s_are_folded():
    assert normalize_email("ﬁona.straße@example.org") == "fiona.strasse@example.org"


def test_a_look_alike_from_another_script_is_a_different_key():
    cyrillic_a = "\u0430"  # looks like "a" and is not: no fold makes it one
    assert normalize_email(f"keish{cyrillic_a}@gov.lc") != "keisha@gov.lc"


def test_accounts_are_stored_normalised_however_they_are_made(db):
    assert User.objects.create_user("ＲＡＶＩ@uwi.example", PASSWORD).email == "ravi@uwi.example"
    assert UserFactory(email="Marcia@Gov.JM").email == "marcia@gov.jm"


def test_a_fullwidth_address_signs_in_to_the_same_account(client, keisha):
    response = client.post(LOGIN, {"username": FULLWIDTH, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(keisha.pk)


def test_a_look_alike_address_cannot_get_round_the_lockout(client, keisha):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": keisha.email, "password": "wrong"})
    client.post(LOGIN, {"username": FULLWIDTH, "password": "wrong"})
    response = client.post(LOGIN, {"username": "KEISHA@gov.lc", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_from_another_script_is_no_account(client, keisha):
    response = client.post(LOGIN, {"username": "keish\u0430@gov.lc", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_reset_link_goes_to_the_account_a_look_alike_stands_for(client, keisha):
    client.post(reverse("accounts:password_reset"), {"email": FULLWIDTH})
    assert [message.to for message in mail.outbox] == [["keisha@gov.lc"]]


def test_inviting_a_look_alike_of_an_existing_address_is_refused(client, keisha):
    admin = UserFactory(admin=True)
    client.force_login(admin)
    response = client.post(
        reverse("accounts:user_invite"),
        {
            "full_name": "Another Keisha",
            "email": "ＫＥＩＳＨＡ@gov.lc",
            "role": Role.OFFICER,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.filter(full_name="Another Keisha").count() == 0


def test_an_invitation_stores_the_normalised_address(client, db):
    client.force_login(UserFactory(admin=True))
    client.post(
        reverse("accounts:user_invite"),
        {
            "full_name": "Nadia Young",
            "email": "Nadia.Young@MFA.gov.bz",
            "role": Role.OFFICER,
            "preferred_language": "en",
        },
    )
    assert User.objects.get(full_name="Nadia Young").email == "nadia.young@mfa.gov.bz"


class TestMigration:
    migration = importlib.import_module("accounts.migrations.0004_normalise_email_addresses")

    def test_existing_addresses_are_normalised(self, keisha):
        User.objects.filter(pk=keisha.pk).update(email="Ｋeisha@GOV.lc")  # as stored before
        self.migration.normalise_addresses(apps, None)
        keisha.refresh_from_db()
        assert keisha.email == "keisha@gov.lc"

    def test_addresses_that_clash_stop_the_migration_and_are_named(self, keisha):
        other = UserFactory(email="someone@gov.lc")
        User.objects.filter(pk=other.pk).update(email="KEISHA@gov.lc")
        with pytest.raises(RuntimeError, match="keisha@gov.lc: .*'KEISHA@gov.lc'"):
            self.migration.normalise_addresses(apps, None)
        other.refresh_from_db()
        assert other.email == "KEISHA@gov.lc"  # nothing changed
