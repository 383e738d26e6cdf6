"""The demo's outbox: the messages Attaché sent, for the secretariat to read on a demo site
where nobody has a real mailbox (`core.mail.OutboxBackend`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from core.access import require
from core.mail import OutboxBackend, outbox_messages

OUTBOX_SIZE = 50


def outbox_enabled() -> bool:
    """Whether mail goes to the outbox folder (the demo) rather than to real mailboxes."""
    return settings.EMAIL_BACKEND == f"{OutboxBackend.__module__}.{OutboxBackend.__qualname__}"


@login_required
def outbox(request):
    """The most recent messages sent, newest first: to, subject, when and body. A site that
    sends real mail has no outbox (404); on the demo only the secretariat reads it."""
    if not outbox_enabled():
        raise Http404
    require(request.user, "read_outbox", get_user_model())
    return render(
        request,
        "core/outbox.html",
        {"messages_sent": outbox_messages(limit=OUTBOX_SIZE), "folder": settings.EMAIL_FILE_PATH},
    )
