"""Telling people something by e-mail: the one way every app sends a notification.

An app names the recipients (users, or plain addresses for people without an account), a
template and a context. After the current transaction commits, a background task renders one
message per recipient in the recipient's own language (`User.preferred_language`) and sends it.

Templates come in pairs: `<template>_subject.txt` (one line) and `<template>.txt` (the body).
Links are built from `settings.SITE_URL` (the context's `site_url`, or the `absolute` filter of
`{% load notifications %}`), never from a request's host, which a background task does not have
and which a client could forge.

The context may hold model instances: they travel to the task as (model label, pk) and are read
again there, so the message shows the record as committed.

Every message sent to a user is also kept in their in-product inbox (`core.inbox.Notification`),
with the page it is about: the `link` given to `notify`, or else the first link to this site in
the body. Messages that must not sit in an inbox (an invitation or a password reset, whose link
is a key) pass `inbox=False`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.inbox import Notification

MODEL_KEY = "__model__"


def absolute_url(path: str) -> str:
    """`path` (e.g. from `get_absolute_url()` or `reverse()`) as a full link on this site."""
    return settings.SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Recipient:
    """Where one message goes and the language it is written in."""

    address: str
    language: str


def recipients_of(people: Iterable) -> list[Recipient]:
    """One recipient per distinct address: active users in their own language, plain addresses
    (people without an account) in the site's language. Inactive users and blanks are dropped."""
    found: dict[str, Recipient] = {}
    for person in people:
        if person is None:
            continue
        if isinstance(person, str):
            recipient = Recipient(person.strip().lower(), settings.LANGUAGE_CODE)
        elif isinstance(person, Recipient):  # a person without an account whose language is known
            recipient = Recipient(person.address.strip().lower(), person.language or settings.LANGUAGE_CODE)
        elif person.is_active and person.email:
            recipient = Recipient(person.email.lower(), person.preferred_language or settings.LANGUAGE_CODE)
        else:
            continue
        if recipient.address:
            found.setdefault(recipient.address, recipient)
    return sorted(found.values(), key=lambda recipient: recipient.address)


def _pack(value):
    if isinstance(value, models.Model):
        return {MODEL_KEY: value._meta.label, "pk": value.pk}
    return value


def _unpack(value):
    if isinstance(value, dict) and MODEL_KEY in value:
        return apps.get_model(value[MODEL_KEY])._default_manager.get(pk=value["pk"])
    return value


def notify(
    *,
    recipients: Iterable,
    template: str,
    context: dict | None = None,
    link: str = "",
    inbox: bool = True,
) -> None:
    """Send `template` to each recipient after the current transaction commits.

    recipients: users (their preferred language), e-mail addresses (the site's language) or
    `Recipient(address, language)` for people without an account whose language is known; duplicates, inactive
    users and `None` are dropped. context: plain values and model instances. link: the site path
    the message is about, for the in-product inbox (default: the body's first link to this site).
    inbox: False for a message that must reach the mailbox only."""
    people = recipients_of(recipients)
    if not people:
        return
    packed = {key: _pack(value) for key, value in (context or {}).items()}
    addresses = [[person.address, person.language] for person in people]
    transaction.on_commit(
        lambda: send_notification.enqueue(
            recipients=addresses, template=template, context=packed, link=link, inbox=inbox
        )
    )


def render_message(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of `template` in `language`."""
    context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def site_path_in(body: str) -> str:
    """The path of the first link to this site in `body`, or "" when it has none."""
    site = re.escape(settings.SITE_URL.rstrip("/"))
    found = re.search(site + r"(/\S*)", body)
    return found.group(1) if found else ""


@task()
def send_notification(
    *, recipients: list[list[str]], template: str, context: dict, link: str = "", inbox: bool = True
) -> int:
    """Render and send one message per (address, language), keeping a copy in each user's inbox;
    returns how many were sent.

    A recipient whose account was since deactivated is skipped."""
    users = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(email__in=[address for address, _language in recipients])
    }
    values = {key: _unpack(value) for key, value in context.items()}
    kept = []
    sent = 0
    for address, language in recipients:
        user = users.get(address)
        if user is not None and not user.is_active:
            continue
        subject, body = render_message(template=template, context=values, language=language)
        sent += send_mail(subject, body, None, [address])
        if inbox and user is not None:
            kept.append(Notification(recipient=user, subject=subject, body=body, link=link or site_path_in(body)))
    Notification.objects.bulk_create(kept)
    return sent
