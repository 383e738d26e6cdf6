"""The demo's mailbox: every message Attaché sends is written as one `.eml` file under
`settings.EMAIL_FILE_PATH` (var/mail/ in the demo), which any mail program opens, and which the
secretariat's outbox page lists (`core.views_outbox`).

Only for the demo and development: production sends by SMTP."""

import email
import email.policy
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.crypto import get_random_string


def outbox_folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


class OutboxBackend(BaseEmailBackend):
    """Write each message to `<EMAIL_FILE_PATH>/<sent time>-<random>.eml`."""

    def send_messages(self, email_messages) -> int:
        folder = outbox_folder()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{get_random_string(6)}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


@dataclass(frozen=True)
class SentMessage:
    """A message as the outbox page shows it."""

    name: str
    to: str
    subject: str
    sent_at: datetime | None
    body: str


def _read(path: Path) -> SentMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    part = parsed.get_body(preferencelist=("plain",))
    date = parsed.get("Date")
    return SentMessage(
        name=path.name,
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")),
        sent_at=parsedate_to_datetime(date) if date else None,
        body=part.get_content() if part is not None else "",
    )


def outbox_messages(*, limit: int) -> list[SentMessage]:
    """The `limit` most recent messages in the outbox folder, newest first (the file names start
    with the time they were written)."""
    folder = outbox_folder()
    if not folder.is_dir():
        return []
    newest = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(path) for path in newest]
