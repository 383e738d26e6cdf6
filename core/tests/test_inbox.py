"""The in-product inbox: what notify() keeps for each user, the unread badge, and the pages
where a user reads and marks their own notifications (nobody else's)."""

import re

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from assistance.tests.factories import AssistanceRequestFactory
from core.inbox import UNREAD_BADGE_CAP, Notification, unread_count
from core.notifications import notify

TEMPLATE = "assistance/email/assigned"


@pytest.fixture
def assistance_request(belize):
    return AssistanceRequestFactory(state=belize, reference="TA/2026/0042", title="Accreditation manuals")


def send(recipients, assistance_request, capture, **options):
    with capture(execute=True):
        notify(recipients=recipients, template=TEMPLATE, context={"assistance_request": assistance_request}, **options)


def make_notifications(user, count, **fields):
    return Notification.objects.bulk_create(
        [Notification(recipient=user, subject=f"Message {n}", body="…", **fields) for n in range(count)]
    )


def unread_badge(client) -> str | None:
    found = re.search(r"data-unread>(\d+\+?)<", client.get(reverse("core:home")).content.decode())
    return found.group(1) if found else None


class TestKept:
    def test_each_user_recipient_gets_the_message_in_their_inbox_in_their_language(
        self, assistance_request, officer, django_capture_on_commit_callbacks
    ):
        claire = UserFactory(role=Role.OFFICER, preferred_language="fr")
        send([officer, claire, "someone@elsewhere.example"], assistance_request, django_capture_on_commit_callbacks)
        kept = {n.recipient: n for n in Notification.objects.all()}
        assert set(kept) == {officer, claire}  # a plain address has no inbox
        assert kept[officer].subject == "[Attaché] TA/2026/0042 was assigned to you"
        assert kept[claire].subject == "[Attaché] TA/2026/0042 vous a été attribuée"
        assert "is now yours to follow" in kept[officer].body
        assert kept[officer].read_at is None

    def test_the_link_is_the_page_the_message_is_about(
        self, assistance_request, officer, settings, django_capture_on_commit_callbacks
    ):
        settings.SITE_URL = "https://attache.example.org/"
        send([officer], assistance_request, django_capture_on_commit_callbacks)
        assert Notification.objects.get().link == assistance_request.get_absolute_url()

    def test_a_given_link_wins(self, assistance_request, officer, django_capture_on_commit_callbacks):
        send([officer], assistance_request, django_capture_on_commit_callbacks, link="/requests/")
        assert Notification.objects.get().link == "/requests/"

    def test_a_mailbox_only_message_is_not_kept(self, assistance_request, officer, django_capture_on_commit_callbacks):
        send([officer], assistance_request, django_capture_on_commit_callbacks, inbox=False)
        assert not Notification.objects.exists()

    def test_a_deactivated_user_gets_nothing_kept(
        self, assistance_request, officer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients=[officer], template=TEMPLATE, context={"assistance_request": assistance_request})
            officer.is_active = False
            officer.save(update_fields=["is_active"])
        assert not Notification.objects.exists()


class TestBadge:
    def test_the_badge_counts_unread_notifications_only(self, client_for, officer):
        make_notifications(officer, 3)
        make_notifications(officer, 2, read_at="2026-01-01T00:00Z")
        make_notifications(UserFactory(), 4)  # someone else's
        assert unread_badge(client_for(officer)) == "3"

    def test_no_badge_without_unread_notifications(self, client_for, officer):
        make_notifications(officer, 1, read_at="2026-01-01T00:00Z")
        assert unread_badge(client_for(officer)) is None

    def test_the_count_stops_at_the_cap(self, client_for, officer):
        make_notifications(officer, UNREAD_BADGE_CAP + 5)
        assert unread_count(officer) == UNREAD_BADGE_CAP + 1
        assert unread_badge(client_for(officer)) == f"{UNREAD_BADGE_CAP}+"


class TestPages:
    def test_the_list_shows_the_users_own_newest_first(self, client_for, officer, django_assert_max_num_queries):
        older, newer = make_notifications(officer, 2)
        Notification.objects.filter(pk=older.pk).update(created_at="2026-01-01T00:00Z")
        Notification.objects.create(recipient=UserFactory(), subject="Not yours", body="…")
        client = client_for(officer)
        with django_assert_max_num_queries(8):
            html = client.get(reverse("core:notification_list")).content.decode()
        assert html.index(newer.subject) < html.index(older.subject)
        assert "Not yours" not in html

    def test_the_list_is_paginated(self, client_for, officer):
        make_notifications(officer, 25)
        response = client_for(officer).get(reverse("core:notification_list"), {"page": 2})
        assert len(response.context["object_list"]) == 5

    def test_opening_marks_read_and_goes_to_the_page(self, client_for, officer):
        (notification,) = make_notifications(officer, 1, link="/requests/7/")
        response = client_for(officer).get(notification.get_absolute_url())
        assert response.status_code == 302 and response.url == "/requests/7/"
        notification.refresh_from_db()
        assert notification.is_read

    def test_a_link_off_the_site_is_never_followed(self, client_for, officer):
        (notification,) = make_notifications(officer, 1, link="https://evil.example/")
        response = client_for(officer).get(notification.get_absolute_url())
        assert response.url == reverse("core:notification_list")

    def test_mark_one_and_mark_all(self, client_for, officer):
        first, second, third = make_notifications(officer, 3)
        client = client_for(officer)
        response = client.post(reverse("core:notification_mark_read", args=[first.pk]), {"page": "1"})
        assert response.url == reverse("core:notification_list") + "?page=1"
        assert list(Notification.objects.unread().order_by("pk")) == [second, third]
        client.post(reverse("core:notification_mark_all_read"))
        assert not Notification.objects.unread().exists()

    def test_another_users_notification_is_invisible(self, client_for, officer, focal_bz):
        (theirs,) = make_notifications(focal_bz, 1, link="/requests/7/")
        client = client_for(officer)
        assert client.get(theirs.get_absolute_url()).status_code == 404
        assert client.post(reverse("core:notification_mark_read", args=[theirs.pk])).status_code == 404
        client.post(reverse("core:notification_mark_all_read"))
        theirs.refresh_from_db()
        assert not theirs.is_read

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, db):
        response = client.get(reverse("core:notification_list"))
        assert response.status_code == 302 and reverse("accounts:login") in response.url
