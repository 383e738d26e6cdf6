"""Signing in by e-mail, signing out, resetting a password and the lockout after failed sign-ins."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


@pytest.fixture
def keisha(db):
    return UserFactory(full_name="Keisha Williams", email="keisha.williams@gov.lc")


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


class TestSignIn:
    @pytest.mark.parametrize("typed", ["keisha.williams@gov.lc", "Keisha.Williams@GOV.LC", "  KEISHA.WILLIAMS@gov.lc "])
    def test_the_email_address_is_not_case_sensitive(self, client, keisha, typed):
        response = sign_in(client, typed)
        assert response.status_code == 302
        assert response.url == reverse("core:home")
        assert signed_in_user_id(client) == str(keisha.pk)

    def test_addresses_are_stored_in_lower_case(self, db):
        user = UserFactory._meta.model.objects.create_user("Ravi.Maharaj@UWI.example", PASSWORD)
        assert user.email == "ravi.maharaj@uwi.example"

    def test_a_wrong_password_is_refused(self, client, keisha):
        response = sign_in(client, keisha.email, "wrong-password")
        assert response.status_code == 200
        assert "Please enter a correct e-mail address and password" in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_an_unknown_address_is_refused_the_same_way(self, client, keisha):
        response = sign_in(client, "nobody@gov.lc")
        assert response.status_code == 200
        assert "Please enter a correct e-mail address and password" in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_a_deactivated_user_cannot_sign_in(self, client, keisha):
        keisha.is_active = False
        keisha.save(update_fields=["is_active"])
        response = sign_in(client, keisha.email)
        assert response.status_code == 200
        assert signed_in_user_id(client) is None

    def test_something_that_is_not_an_address_is_a_field_error(self, client, keisha):
        response = sign_in(client, "keisha")
        assert response.status_code == 200
        assert "username" in response.context["form"].errors
        assert signed_in_user_id(client) is None

    def test_it_returns_to_the_page_asked_for(self, client, keisha):
        response = sign_in(client, keisha.email, next="/registry/institutions/")
        assert response.url == "/registry/institutions/"

    def test_it_never_returns_to_another_site(self, client, keisha):
        response = sign_in(client, keisha.email, next="https://evil.example/")
        assert response.url == reverse("core:home")

    def test_a_signed_in_user_is_sent_on_from_the_sign_in_page(self, client, keisha):
        client.force_login(keisha)
        response = client.get(LOGIN)
        assert response.status_code == 302 and response.url == reverse("core:home")

    def test_the_page_asks_for_an_email_address(self, client, db):
        html = client.get(LOGIN).content.decode()
        assert 'type="email"' in html and "E-mail address" in html


class TestSignOut:
    def test_signing_out_ends_the_session(self, client, keisha):
        sign_in(client, keisha.email)
        assert signed_in_user_id(client) == str(keisha.pk)
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302 and response.url == reverse("accounts:login")
        assert signed_in_user_id(client) is None
        assert client.get("/").status_code == 302

    def test_signing_out_needs_a_post(self, client, keisha):
        client.force_login(keisha)
        assert client.get(reverse("accounts:logout")).status_code == 405
        assert signed_in_user_id(client) == str(keisha.pk)

    def test_every_page_offers_a_sign_out_button(self, client, keisha):
        client.force_login(keisha)
        html = client.get("/").content.decode()
        assert f'action="{reverse("accounts:logout")}"' in html and "Sign out" in html


class TestPasswordReset:
    def ask_for_a_link(self, client, email):
        response = client.post(reverse("accounts:password_reset"), {"email": email})
        assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")

    def link_in(self, message):
        match = re.search(r"https?://[^/\s]+(/accounts/reset/[^\s]+/)", message.body)
        assert match, message.body
        return match.group(1)

    @pytest.mark.parametrize("typed", ["keisha.williams@gov.lc", "KEISHA.Williams@gov.LC"])
    def test_the_email_is_sent_to_the_account_address(self, client, keisha, typed):
        self.ask_for_a_link(client, typed)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["keisha.williams@gov.lc"]
        assert message.subject == "Choose a new Attaché password"
        assert "/accounts/reset/" in message.body

    def test_the_message_is_in_the_accounts_language(self, client, keisha):
        keisha.preferred_language = "fr"
        keisha.save(update_fields=["preferred_language"])
        self.ask_for_a_link(client, keisha.email)  # asked from an English page
        assert mail.outbox[0].subject == "Choisissez un nouveau mot de passe Attaché"

    def test_the_link_lets_the_user_choose_a_new_password(self, client, keisha):
        self.ask_for_a_link(client, keisha.email)
        response = client.get(self.link_in(mail.outbox[0]), follow=True)
        assert response.status_code == 200
        assert response.context["validlink"] is True
        set_password_url = response.redirect_chain[-1][0]
        response = client.post(
            set_password_url,
            {"new_password1": "Mango-Season-2031!", "new_password2": "Mango-Season-2031!"},
        )
        assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")

        assert sign_in(client, keisha.email, PASSWORD).status_code == 200  # the old one no longer works
        assert sign_in(client, keisha.email, "Mango-Season-2031!").status_code == 302
        assert signed_in_user_id(client) == str(keisha.pk)

    def test_the_link_works_once(self, client, keisha):
        self.ask_for_a_link(client, keisha.email)
        link = self.link_in(mail.outbox[0])
        response = client.get(link, follow=True)
        client.post(
            response.redirect_chain[-1][0],
            {"new_password1": "Mango-Season-2031!", "new_password2": "Mango-Season-2031!"},
        )
        response = client.get(link, follow=True)
        assert response.context["validlink"] is False
        assert "This link no longer works" in response.content.decode()

    def test_a_weak_new_password_is_refused(self, client, keisha):
        self.ask_for_a_link(client, keisha.email)
        response = client.get(self.link_in(mail.outbox[0]), follow=True)
        response = client.post(response.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
        assert response.status_code == 200
        assert "new_password2" in response.context["form"].errors
        keisha.refresh_from_db()
        assert keisha.check_password(PASSWORD)

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self, client, keisha):
        self.ask_for_a_link(client, "nobody@gov.lc")
        assert mail.outbox == []

    def test_a_forged_link_does_not_work(self, client, keisha):
        response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "abc-123"]), follow=True)
        assert response.context["validlink"] is False


class TestLockout:
    limit = settings.AXES_FAILURE_LIMIT

    def fail(self, client, email, times):
        for _ in range(times):
            sign_in(client, email, "wrong-password")

    def test_the_limit_is_the_configured_one(self):
        assert self.limit == 5

    def test_sign_in_still_works_just_below_the_limit(self, client, keisha):
        self.fail(client, keisha.email, self.limit - 1)
        assert sign_in(client, keisha.email).status_code == 302
        assert signed_in_user_id(client) == str(keisha.pk)
        assert not AccessAttempt.objects.exists()  # a success resets the count

    def test_the_address_is_locked_after_the_limit_even_with_the_right_password(self, client, keisha):
        self.fail(client, keisha.email, self.limit)
        response = sign_in(client, keisha.email)
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_changing_the_case_of_the_address_does_not_get_round_the_lock(self, client, keisha):
        self.fail(client, keisha.email, self.limit - 1)
        self.fail(client, keisha.email.upper(), 1)
        response = sign_in(client, "Keisha.Williams@gov.lc")
        assert response.status_code == 429
        assert signed_in_user_id(client) is None

    def test_the_lock_is_for_that_address_only(self, client, keisha):
        colleague = UserFactory(email="andre.joseph@gov.lc")
        self.fail(client, keisha.email, self.limit)
        assert sign_in(client, colleague.email).status_code == 302
        assert signed_in_user_id(client) == str(colleague.pk)


def test_the_reset_link_uses_site_url_not_the_requests_host(client, keisha, settings):
    settings.SITE_URL = "https://attache.example.org"
    client.post(reverse("accounts:password_reset"), {"email": keisha.email}, HTTP_HOST="localhost")
    body = mail.outbox[0].body
    assert "https://attache.example.org/accounts/reset/" in body and "localhost" not in body
