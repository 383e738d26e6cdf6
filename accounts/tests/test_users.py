"""User management in the product: the administrator invites, the invited person sets a
password from a signed, expiring link; deactivating and reactivating; signing out says so."""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from accounts.services import user_invite
from accounts.tests.factories import UserFactory
from core.inbox import Notification

NEW_PASSWORD = "Tamarind-Callaloo-77"


@pytest.fixture(autouse=True)
def _send_at_once(monkeypatch):
    """Send each message when the service asks, as the demo's immediate task backend does after
    a real commit (the test's own transaction never commits)."""
    monkeypatch.setattr("core.notifications.transaction.on_commit", lambda callback, **_kwargs: callback())


def invite(client, **fields):
    data = {"full_name": "Marlon Gentle", "email": "Marlon.Gentle@mfa.gov.bz", "role": Role.FOCAL_POINT}
    data.update({"preferred_language": "en", **fields})
    return client.post(reverse("accounts:user_invite"), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


class TestInvite:
    def test_the_administrator_invites_a_focal_point(self, client_for, admin, belize, settings):
        settings.SITE_URL = "https://attache.example.org"
        response = invite(client_for(admin), member_state=belize.pk, preferred_language="fr")
        assert response.status_code == 302 and response.url == reverse("accounts:user_list")
        user = User.objects.get(email="marlon.gentle@mfa.gov.bz")
        assert (user.role, user.member_state, user.preferred_language) == (Role.FOCAL_POINT, belize, "fr")
        assert user.is_pending and not user.has_usable_password()
        (message,) = mail.outbox
        assert message.to == ["marlon.gentle@mfa.gov.bz"]
        assert "Attaché" in message.subject and "invit" in message.subject.lower()
        assert link_in(message).startswith("https://attache.example.org/accounts/invitation/")
        # The link is a key to the account: it is never kept in an inbox.
        assert not Notification.objects.exists()

    def test_the_invitation_is_in_the_language_chosen_for_the_person(self, client_for, admin, belize):
        invite(client_for(admin), member_state=belize.pk, preferred_language="fr")
        (message,) = mail.outbox
        assert message.subject == "[Attaché] Invitation à rejoindre Attaché"
        # The sentences and the role they name are both in French.
        assert (
            "Le Secrétariat vous a ouvert un compte Attaché en tant que Point focal de l’État membre." in message.body
        )
        assert "Pour choisir votre mot de passe et vous connecter, ouvrez ce lien :" in message.body

    def test_a_focal_point_needs_a_state(self, client_for, admin):
        response = invite(client_for(admin))
        assert response.status_code == 200
        assert "A focal point acts for one member state." in response.content.decode()
        assert not User.objects.filter(email="marlon.gentle@mfa.gov.bz").exists() and mail.outbox == []

    def test_a_host_coordinator_needs_an_institution(self, client_for, admin, host_institution):
        client = client_for(admin)
        response = invite(client, role=Role.HOST_COORDINATOR)
        assert "A host coordinator acts for one institution." in response.content.decode()
        assert invite(client, role=Role.HOST_COORDINATOR, institution=host_institution.pk).status_code == 302

    def test_an_address_already_in_use_is_refused(self, client_for, admin, focal_bz):
        response = invite(client_for(admin), email=focal_bz.email.upper(), role=Role.PARTNER)
        assert response.status_code == 200 and mail.outbox == []

    def test_administrators_are_not_invited_from_the_page(self, client_for, admin):
        response = invite(client_for(admin), role=Role.ADMIN)
        assert "role" in response.context["form"].errors

    @pytest.mark.parametrize("role", ["officer", "focal_bz", "host_jm", "expert", "partner"])
    def test_only_the_administrator_manages_users(self, client_for, persona, role, belize):
        client = client_for(persona(role))
        assert client.get(reverse("accounts:user_list")).status_code == 403
        assert invite(client, member_state=belize.pk).status_code == 403
        assert not User.objects.filter(email="marlon.gentle@mfa.gov.bz").exists()

    def test_the_service_refuses_anyone_but_the_administrator(self, officer):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            user_invite(actor=officer, user=User(email="x@gov.bz", role=Role.PARTNER))


class TestAcceptInvitation:
    @pytest.fixture
    def invited(self, client_for, admin, belize):
        invite(client_for(admin), member_state=belize.pk)
        return User.objects.get(email="marlon.gentle@mfa.gov.bz"), path_of(link_in(mail.outbox[0]))

    def accept(self, client, path):
        return client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    def test_the_person_sets_a_password_and_is_signed_in(self, client, invited):
        user, path = invited
        assert "Choose your password" in client.get(path).content.decode()
        response = self.accept(client, path)
        assert response.status_code == 302 and response.url == reverse("core:home")
        assert client.session["_auth_user_id"] == str(user.pk)
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD) and not user.is_pending

    def test_a_used_link_says_so(self, client, invited):
        _user, path = invited
        self.accept(client, path)
        client.logout()
        response = client.get(path)
        assert response.status_code == 410 and "already used" in response.content.decode()

    def test_an_expired_link_says_so(self, client, invited, settings):
        _user, path = invited
        with time_machine.travel(
            timezone.now() + timezone.timedelta(days=settings.ATTACHE_INVITATION_MAX_AGE_DAYS + 1)
        ):
            response = client.get(path)
            refused = self.accept(client, path)
        assert response.status_code == 410 and "expired" in response.content.decode()
        assert refused.status_code == 410 and "_auth_user_id" not in client.session

    def test_a_forged_link_says_so(self, client, invited):
        _user, path = invited
        response = client.get(path[:-3] + "xx/")
        assert response.status_code == 410 and "not valid" in response.content.decode()

    def test_a_resent_invitation_replaces_the_first_link(self, client, client_for, admin, invited):
        user, first = invited
        client_for(admin).post(reverse("accounts:user_resend_invitation", args=[user.pk]))
        second = path_of(link_in(mail.outbox[1]))
        assert "newer invitation" in client.get(first).content.decode()
        assert self.accept(client, second).status_code == 302

    def test_a_deactivated_persons_link_does_not_work(self, client, client_for, admin, invited):
        user, path = invited
        client_for(admin).post(reverse("accounts:user_set_active", args=[user.pk]), {"active": "0"})
        assert client.get(path).status_code == 410

    def test_a_weak_password_is_refused(self, client, invited):
        _user, path = invited
        response = client.post(path, {"new_password1": "123", "new_password2": "123"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session


class TestUserList:
    def test_it_shows_role_place_status_and_last_sign_in(self, client_for, admin, focal_bz, host_jm, belize):
        focal_bz.last_login = timezone.now()
        focal_bz.save(update_fields=["last_login"])
        UserFactory(full_name="Gone Person", is_active=False)
        invite(client_for(admin), member_state=belize.pk)
        html = client_for(admin).get(reverse("accounts:user_list")).content.decode()
        assert "Member-state focal point" in html and "Belize" in html and "Jamaica Customs Agency" in html
        assert "Invited, pending" in html and "Deactivated" in html and "Never" in html
        assert "Resend invitation" in html

    def test_the_list_costs_a_fixed_number_of_queries(self, client_for, admin, django_assert_max_num_queries):
        for n in range(10):
            UserFactory(role=Role.PARTNER, email=f"partner{n}@cdf.example")
        client = client_for(admin)
        with django_assert_max_num_queries(10):
            client.get(reverse("accounts:user_list"))

    def test_it_sorts_by_name_and_ignores_a_bogus_sort(self, client_for, admin):
        UserFactory(full_name="Zora Young", email="zora@example.org")
        UserFactory(full_name="Abel Brown", email="abel@example.org")
        client = client_for(admin)
        html = client.get(reverse("accounts:user_list"), {"sort": "name"}).content.decode()
        assert html.index("Abel Brown") < html.index("Zora Young")
        html = client.get(reverse("accounts:user_list"), {"sort": "-name"}).content.decode()
        assert html.index("Zora Young") < html.index("Abel Brown")
        assert client.get(reverse("accounts:user_list"), {"sort": "password"}).status_code == 200

    def test_the_place_column_can_be_hidden(self, client_for, admin, focal_bz):
        client = client_for(admin)

        def secondary_headers(**query):
            html = client.get(reverse("accounts:user_list"), query).content.decode()
            return len(re.findall(r'<th class="[^"]*col-secondary', html))

        assert secondary_headers() == 2  # place and last sign-in
        assert secondary_headers(columns="last_login") == 1
        assert secondary_headers() == 1  # the choice is remembered for the next visit

    def test_deactivate_and_reactivate(self, client_for, admin, focal_bz):
        client = client_for(admin)
        client.post(reverse("accounts:user_set_active", args=[focal_bz.pk]), {"active": "0"})
        focal_bz.refresh_from_db()
        assert not focal_bz.is_active
        client.post(reverse("accounts:user_set_active", args=[focal_bz.pk]), {"active": "1"})
        focal_bz.refresh_from_db()
        assert focal_bz.is_active

    def test_the_administrator_cannot_deactivate_themselves(self, client_for, admin):
        response = client_for(admin).post(
            reverse("accounts:user_set_active", args=[admin.pk]), {"active": "0"}, follow=True
        )
        admin.refresh_from_db()
        assert admin.is_active and "cannot deactivate your own account" in response.content.decode()

    def test_someone_with_a_password_gets_no_new_invitation(self, client_for, admin, focal_bz):
        response = client_for(admin).post(reverse("accounts:user_resend_invitation", args=[focal_bz.pk]), follow=True)
        assert mail.outbox == [] and "already has a password" in response.content.decode()


def test_signing_out_says_so(client_for, officer):
    client = client_for(officer)
    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:login")
    assert "You are signed out." in response.content.decode()
