"""Users choose the language of their e-mails on their own profile page."""

from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory


def test_a_user_chooses_the_language_of_their_emails(client, db):
    user = UserFactory(role=Role.OFFICER)
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert 'name="preferred_language"' in page.content.decode()
    response = client.post(reverse("accounts:profile"), {"preferred_language": "fr"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_an_unknown_language_is_refused(client, db):
    user = UserFactory(role=Role.OFFICER)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"preferred_language": "xx"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_the_admin_edits_a_users_language(client, db):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    user = UserFactory(role=Role.OFFICER)
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert 'name="preferred_language"' in page.content.decode()
