"""The demo's mailbox: one .eml file per message under EMAIL_FILE_PATH, listed for the
secretariat on the outbox page; a site sending real mail has no outbox."""

import json
import os
import subprocess
import sys

import pytest
from django.core.mail import send_mail
from django.urls import reverse

from core.mail import outbox_messages

OUTBOX = "core.mail.OutboxBackend"


@pytest.fixture
def outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


def test_each_message_is_one_file_read_back_newest_first(outbox):
    send_mail("First", "Hello https://attache.example.org/requests/1/", None, ["a@gov.bz"])
    send_mail("Deuxième", "Bonjour é", None, ["b@gov.jm"])
    assert len(list(outbox.glob("*.eml"))) == 2
    second, first = outbox_messages(limit=10)
    assert (second.subject, second.to, second.body.strip()) == ("Deuxième", "b@gov.jm", "Bonjour é")
    assert first.subject == "First" and "requests/1/" in first.body and first.sent_at is not None
    assert [m.subject for m in outbox_messages(limit=1)] == ["Deuxième"]


def test_no_folder_yet_is_an_empty_outbox(outbox):
    assert outbox_messages(limit=10) == []


def test_the_secretariat_reads_the_outbox(outbox, client_for, officer):
    send_mail("[Attaché] TA/2026/0042 was assigned to you", "Body text", None, ["dwayne@secretariat.example"])
    html = client_for(officer).get(reverse("core:outbox")).content.decode()
    assert "TA/2026/0042 was assigned to you" in html and "dwayne@secretariat.example" in html
    assert "Body text" in html
    assert reverse("core:outbox") in client_for(officer).get(reverse("core:home")).content.decode()


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert", "partner"])
def test_nobody_else_reads_it(outbox, client_for, persona, role):
    client = client_for(persona(role))
    assert client.get(reverse("core:outbox")).status_code == 403
    assert reverse("core:outbox") not in client.get(reverse("core:home")).content.decode()


def test_a_site_that_sends_real_mail_has_no_outbox(settings, client_for, admin):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert client_for(admin).get(reverse("core:outbox")).status_code == 404


def demo_settings(**env) -> dict:
    """The settings `attache demo` runs with, read in a fresh interpreter."""
    code = (
        "import django, json; from django.conf import settings as s; django.setup(); "
        "print(json.dumps([s.DEBUG, s.EMAIL_BACKEND, s.TASKS['default']['BACKEND'], s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.DEMO_ALLOWED, str(s.EMAIL_FILE_PATH)]))"
    )
    ours = {"DEBUG", "ATTACHE_DEMO", "EMAIL_BACKEND", "TASKS_BACKEND", "SECURE_COOKIES", "SECURE_SSL_REDIRECT"}
    clean = {k: v for k, v in os.environ.items() if k not in ours and k != "DEMO_ALLOWED"}
    output = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    keys = ["debug", "email", "tasks", "ssl_redirect", "secure_cookies", "demo_allowed", "mail_folder"]
    return dict(zip(keys, json.loads(output), strict=True))


def test_the_demo_sends_at_once_to_the_outbox_with_debug_off():
    demo = demo_settings(ATTACHE_DEMO="True")
    assert demo["debug"] is False  # the site's own 404 and 403 pages
    assert demo["email"] == OUTBOX and demo["mail_folder"].endswith("var/mail")
    assert demo["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert not demo["ssl_redirect"] and not demo["secure_cookies"] and demo["demo_allowed"]


def test_production_keeps_the_database_queue_and_smtp():
    production = demo_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="attache.example.org")
    assert production["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert production["tasks"] == "django_tasks_db.DatabaseBackend"
    assert production["ssl_redirect"] and not production["demo_allowed"]
