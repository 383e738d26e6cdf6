"""The signed, expiring links of the questionnaires: they name one Evaluation and need no account.

A link is `TimestampSigner(salt=...).sign(<evaluation id>)`; it is valid for
`settings.EVALUATION_LINK_DAYS` days from when it was made (each reminder makes a fresh one)."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from core.notifications import absolute_url

SALT = "followup.evaluation"


class BadLink(Exception):
    """The link was changed or never made here."""


class ExpiredLink(Exception):
    """The link is genuine but older than its validity."""


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "EVALUATION_LINK_DAYS", 60))


def make_token(evaluation_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(evaluation_id))


def read_token(token: str) -> int:
    """The evaluation a link names; BadLink or ExpiredLink otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BadLink from error
    if not value.isdigit():
        raise BadLink
    return int(value)


def answer_url(evaluation_id: int) -> str:
    return absolute_url(reverse("followup:answer", args=[make_token(evaluation_id)]))
