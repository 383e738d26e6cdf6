"""Documents attached to records: what may be uploaded, attaching it, and who may download it.

The one rule for uploads (accepted kinds of file, largest size: `settings.DOCUMENT_EXTENSIONS`
and `settings.DOCUMENT_MAX_MB`; the content must be of the kind the name says, read from its
first bytes, so a page or a script renamed to .pdf is refused) is here; forms
(`core.forms.DocumentField`), serializers and services all call `document_validate`, so the
pages and the API accept the same files."""

import os
import re

import filetype
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


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of the older Office formats and Outlook mail
OLE_TYPES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
OLE_TYPES["msg"] = "application/vnd.ms-outlook"
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv", "eml": "message/rfc822"}
# Markup a browser would run if it ever rendered the file: refused in text files.
MARKUP = re.compile(rb"<\s*(!doctype|html|script|svg|iframe|object|embed|body|head|meta|\?xml)\b", re.IGNORECASE)
SNIFF_BYTES = 8192


def _refused_type() -> ValidationError:
    return ValidationError(
        _("Upload a document or an image (%(kinds)s) whose content matches its name.")
        % {"kinds": ", ".join(settings.DOCUMENT_EXTENSIONS)},
        code="file_type",
    )


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _whole_text(upload) -> bytes:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


def content_type_checked(upload) -> str:
    """The content type of an upload read from its content, when the content is of the kind its
    name says and on the allow-list; raises ValidationError otherwise."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in settings.DOCUMENT_EXTENSIONS:
        raise _refused_type()
    head = _head(upload)
    if extension in TEXT_TYPES:
        content = _whole_text(upload)
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise _refused_type() from None
        if b"\x00" in content or MARKUP.search(content) or filetype.guess(head) is not None:
            raise _refused_type()
        return f"{TEXT_TYPES[extension]}; charset=utf-8"
    if extension in OLE_TYPES:
        if not head.startswith(OLE):
            raise _refused_type()
        return OLE_TYPES[extension]
    kind = filetype.guess(head)
    expected = {"jpeg": "jpg"}.get(extension, extension)
    if kind is None or kind.extension != expected:
        raise _refused_type()
    return kind.mime


def served_content_type(document) -> str:
    """The type a document is served with: the one its upload was checked as; anything else
    (a file kept before uploads were checked) as bytes to save, never as something to show."""
    stored = (document.mime_type or "").split(";")[0].strip()
    known = {*OLE_TYPES.values(), *TEXT_TYPES.values()} | {
        kind.mime
        for kind in filetype.types
        if kind.extension in settings.DOCUMENT_EXTENSIONS or kind.extension == "jpg"
    }
    return document.mime_type if stored in known else "application/octet-stream"


def document_validate(upload) -> str:
    """Refuse a file of a kind a browser might run as a page (by its content, not its name), or
    one larger than the limit; returns the content type it will be served with."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.DOCUMENT_MAX_MB}, code="file_size"
        )
    return content_type_checked(upload)


DOCUMENT_ATTACHED = "core.document_attached"


@transaction.atomic
def documents_attach(*, record, uploads, uploaded_by, kind: str = DocumentKind.ATTACHMENT) -> list[Document]:
    """Keep each uploaded file as a document of `record`; raises ValidationError (nothing kept)
    if one of them is refused."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_DOCUMENTS:
        raise ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_DOCUMENTS}, code="too_many")
    checked = [document_validate(upload) for upload in uploads]
    documents = [
        Document.objects.create(
            record=record,
            title=upload.name[:200],
            file=upload,
            kind=kind,
            size=upload.size,
            mime_type=content_type[:100],
            uploaded_by=uploaded_by,
        )
        for upload, content_type in zip(uploads, checked, strict=True)
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
