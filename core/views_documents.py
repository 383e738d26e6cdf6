"""The one download view for documents attached to records."""

import logging

from botocore.exceptions import ClientError
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from core.documents import document_for_user, served_content_type

logger = logging.getLogger(__name__)

# What an S3-compatible store answers for an object it does not hold.
MISSING_OBJECT_CODES = {"404", "NoSuchKey", "NotFound"}


@login_required
def document_download(request, pk):
    """Serve a document to whoever may see its record, always as a download: an uploaded file
    is never shown as a page of this site. Anyone else gets 404, as if it did not exist."""
    document = document_for_user(user=request.user, pk=pk)
    if document is None:
        raise Http404
    try:
        # Opening an S3 object asks the store for it, and sizing the response may fetch it.
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.filename,
            content_type=served_content_type(document),
        )
    except (FileNotFoundError, ClientError) as error:
        document.file.close()
        if isinstance(error, ClientError) and not object_missing(error):
            raise  # the store refused or failed: an error to see, not a missing file
        logger.warning("Document %s: its file %s is not in the storage.", document.pk, document.file.name)
        return render(request, "core/document_missing.html", {"document": document}, status=404)
    return file_response_protected(response)


def object_missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code", "")) in MISSING_OBJECT_CODES


def file_response_protected(response):
    """Headers every served file carries: the browser must not guess another type than the
    checked one, nor run the file as a page of this site's origin if it ever opened it."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
