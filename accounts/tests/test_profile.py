"""Users choose the language of their e-mails on their own profile page; a profile form opened
before someone else changed the account is refused with what they changed (core.versions)."""

import pytest
from auditlog.context import set_actor
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from accounts.tests.factories import UserFactory
from core.testing import NON_FIELD, form_version, page_errors
from core.versions import version_of

PROFILE = "/accounts/profile/"


def test_a_user_chooses_the_language_of_their_emails(client, db):
    user = UserFactory(role=Role.OFFICER)
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert 'name="preferred_language"' in page.content.decode()
    response = client.post(reverse("accounts:profile"), {"preferred_language": "fr", "version": form_version(page)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.preferred_language, user.version) == ("fr", 2)


def test_an_unknown_language_is_refused(client, db):
    user = UserFactory(role=Role.OFFICER)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"preferred_language": "xx", "version": 1})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_the_admin_edits_a_users_language(client, db):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    user = UserFactory(role=Role.OFFICER)
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert 'name="preferred_language"' in page.content.decode()


def test_two_profile_forms_opened_at_one_version_the_second_save_is_refused_with_the_change(client_for, db):
    user = UserFactory(role=Role.OFFICER, full_name="Keisha Baptiste")
    first, second = client_for(user), client_for(user)  # two windows of the same account
    first_version, second_version = form_version(first.get(PROFILE)), form_version(second.get(PROFILE))
    assert first_version == second_version == 1

    assert first.post(PROFILE, {"preferred_language": "fr", "version": first_version}).status_code == 302

    refused = second.post(PROFILE, {"preferred_language": "es", "version": second_version})
    assert refused.status_code == 200
    [message] = page_errors(refused)[NON_FIELD]
    assert "Keisha Baptiste at " in message
    assert "preferred language: English → French" in message
    assert '<option value="es" selected>' in refused.content.decode()  # the user's choice, kept
    user.refresh_from_db()
    assert (user.preferred_language, user.version) == ("fr", 2)

    # The refused page now carries the version the user has seen: saving again goes through.
    assert form_version(refused) == 2
    assert second.post(PROFILE, {"preferred_language": "es", "version": form_version(refused)}).status_code == 302
    user.refresh_from_db()
    assert (user.preferred_language, user.version) == ("es", 3)


def test_a_profile_form_opened_before_the_administrator_changed_the_account_names_them(client_for, db):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True, full_name="Ana Torres")
    user = UserFactory(role=Role.OFFICER)
    client = client_for(user)
    opened_at = form_version(client.get(PROFILE))
    with set_actor(admin):
        user.full_name = "Keisha A. Baptiste"
        user.save()

    refused = client.post(PROFILE, {"preferred_language": "fr", "version": opened_at})
    [message] = page_errors(refused)[NON_FIELD]
    assert "Ana Torres at " in message
    assert "full name:" in message and "Keisha A. Baptiste" in message
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_a_profile_form_without_its_version_is_refused(client_for, db):
    user = UserFactory(role=Role.OFFICER)
    refused = client_for(user).post(PROFILE, {"preferred_language": "fr"})
    assert "This page is out of date" in page_errors(refused)[NON_FIELD][0]
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_signing_in_elsewhere_leaves_an_open_profile_form_current(client_for, db):
    """A sign-in stamps the time of it and makes no new version (User.unversioned_fields)."""
    user = UserFactory(role=Role.OFFICER)
    client = client_for(user)
    opened_at = form_version(client.get(PROFILE))
    user_logged_in.send(sender=User, request=RequestFactory().get("/"), user=User.objects.get(pk=user.pk))
    assert User.objects.get(pk=user.pk).last_login is not None
    assert version_of(user) == opened_at
    assert client.post(PROFILE, {"preferred_language": "fr", "version": opened_at}).status_code == 302


@pytest.mark.parametrize("field", ["password", "last_login"])
def test_the_account_history_keeps_neither_the_password_nor_sign_ins(field, db):
    from core.history import history_for

    user = UserFactory(role=Role.OFFICER)
    user.set_password("another secret phrase")
    user.full_name = "Renamed"
    user.save()
    [change, _created] = history_for(user)
    assert field not in change.changes_dict
    assert "full_name" in change.changes_dict
