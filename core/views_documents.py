"""The one download view for documents attached to records."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from core.documents import document_for_user, served_content_type


@login_required
def document_download(request, pk):
    """Serve a document to whoever may see its record, always as a download: an uploaded file
    is never shown as a page of this site. Anyone else gets 404, as if it did not exist."""
    document = document_for_user(user=request.user, pk=pk)
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=served_content_type(document),
    )
    return file_response_protected(response)


def file_response_protected(response):
    """Headers every served file carries: the browser must not guess another type than the
    checked one, nor run the file as a page of this site's origin if it ever opened it."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
