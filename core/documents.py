"""Documents attached to records: what may be uploaded, attaching it, and who may download it.

The one rule for uploads (accepted kinds of file, largest size: `settings.DOCUMENT_EXTENSIONS`
and `settings.DOCUMENT_MAX_MB`) is here; forms (`core.forms.DocumentField`), serializers and
services all call `document_validate`, so the pages and the API accept the same files."""

import mimetypes
import os

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.access import can
from core.models import Document, DocumentKind

MAX_DOCUMENTS = 10  # per upload: a letter with its annexes


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_MB * 1024 * 1024


def accept_attribute() -> str:
    """The `accept` attribute of a file input: the extensions the server will take."""
    return ",".join(f".{extension}" for extension in settings.DOCUMENT_EXTENSIONS)


def document_validate(upload) -> None:
    """Refuse a file of a kind a browser might run as a page, or one larger than the limit."""
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in settings.DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("Upload a document or an image (%(kinds)s).") % {"kinds": ", ".join(settings.DOCUMENT_EXTENSIONS)},
            code="file_type",
        )
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.DOCUMENT_MAX_MB}, code="file_size"
        )


DOCUMENT_ATTACHED = "core.document_attached"


@transaction.atomic
def documents_attach(*, record, uploads, uploaded_by, kind: str = DocumentKind.ATTACHMENT) -> list[Document]:
    """Keep each uploaded file as a document of `record`; raises ValidationError (nothing kept)
    if one of them is refused."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_DOCUMENTS:
        raise ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_DOCUMENTS}, code="too_many")
    for upload in uploads:
        document_validate(upload)
    documents = [
        Document.objects.create(
            record=record,
            title=upload.name[:200],
            file=upload,
            kind=kind,
            size=upload.size,
            mime_type=(getattr(upload, "content_type", "") or mimetypes.guess_type(upload.name)[0] or "")[:100],
            uploaded_by=uploaded_by,
        )
        for upload in uploads
    ]
    for document in documents:
        _log_on_record(document, actor=uploaded_by)
    return documents


def _log_on_record(document: Document, *, actor) -> None:
    """The record's own change history says a file was attached, by whom: an event, read in each
    reader's language (`core.events`)."""
    LogEntry.objects.log_create(
        document.record,
        action=LogEntry.Action.UPDATE,
        changes={"documents": ["", document.title]},
        actor=actor if getattr(actor, "pk", None) else None,
        additional_data={"event": DOCUMENT_ATTACHED, "params": {"title": document.title}},
    )


def document_for_user(*, user, pk: int) -> Document | None:
    """The document, if the user may see the record it belongs to; None otherwise."""
    document = Document.objects.select_related("content_type").filter(pk=pk).first()
    if document is None:
        return None
    record = document.record
    if record is None or not can(user, "view", record):
        return None
    return document
