"""One way to tell people something: after commit, one message each, in their own language."""

import pytest
from django.core import mail
from django.template import Context, Template

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from assistance.tests.factories import AssistanceRequestFactory
from core.notifications import notify, recipients_of

TEMPLATE = "assistance/email/assigned"


@pytest.fixture
def assistance_request(belize):
    return AssistanceRequestFactory(state=belize, reference="TA/2026/0042", title="Accreditation manuals")


def test_recipients_are_distinct_active_and_in_their_language(db):
    french = UserFactory(role=Role.OFFICER, email="Claire@Secretariat.example", preferred_language="fr")
    gone = UserFactory(role=Role.OFFICER, is_active=False)
    people = recipients_of([french, french, gone, None, "Expert@Uwi.example", "", "claire@secretariat.example"])
    assert [(r.address, r.language) for r in people] == [
        ("claire@secretariat.example", "fr"),
        ("expert@uwi.example", "en"),
    ]


def test_nothing_is_sent_before_the_transaction_commits(
    assistance_request, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[officer], template=TEMPLATE, context={"assistance_request": assistance_request})
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_a_french_reader_gets_french_and_an_english_reader_english(
    assistance_request, officer, django_capture_on_commit_callbacks
):
    claire = UserFactory(role=Role.OFFICER, email="claire@secretariat.example", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer, claire], template=TEMPLATE, context={"assistance_request": assistance_request})
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[claire.email].subject == "[Attaché] TA/2026/0042 vous a été attribuée"
    assert "vous est désormais confié" in by_address[claire.email].body
    assert by_address[officer.email].subject == "[Attaché] TA/2026/0042 was assigned to you"
    assert "is now yours to follow" in by_address[officer.email].body


def test_the_message_shows_the_record_as_committed(assistance_request, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], template=TEMPLATE, context={"assistance_request": assistance_request})
        assistance_request.reference = "TA/2026/0043"
        assistance_request.save(update_fields=["reference"])
    assert mail.outbox[0].subject == "[Attaché] TA/2026/0043 was assigned to you"


def test_a_user_deactivated_before_sending_is_not_told(assistance_request, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], template=TEMPLATE, context={"assistance_request": assistance_request})
        officer.is_active = False
        officer.save(update_fields=["is_active"])
    assert mail.outbox == []


def test_links_are_built_from_site_url(assistance_request, officer, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://attache.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], template=TEMPLATE, context={"assistance_request": assistance_request})
    assert f"https://attache.example.org{assistance_request.get_absolute_url()}" in mail.outbox[0].body
    rendered = Template("{% load notifications %}{{ path|absolute }}").render(Context({"path": "/requests/1/"}))
    assert rendered == "https://attache.example.org/requests/1/"


def test_no_recipient_sends_nothing(assistance_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[None], template=TEMPLATE, context={"assistance_request": assistance_request})
    assert callbacks == [] and mail.outbox == []
