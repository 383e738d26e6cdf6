"""One document model and one download view: served only to those who may see the record."""

from unittest import mock

import pytest
from botocore.exceptions import ClientError
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from storages.backends.s3 import S3Storage

from assistance.tests.factories import AssistanceRequestFactory
from core.documents import document_validate, documents_attach
from core.forms import DocumentField
from core.models import Document
from core.testing import docx_bytes
from core.tests.factories import DocumentFactory


@pytest.fixture
def restricted_request(jamaica):
    return AssistanceRequestFactory(state=jamaica, visibility="restricted")


def test_the_record_s_readers_download_it_as_an_attachment(client, focal_jm, restricted_request):
    document = DocumentFactory(record=restricted_request, mime_type="text/html")
    client.force_login(focal_jm)
    response = client.get(reverse("core:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"  # never the stored text/html
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 letter"


def test_a_checked_pdf_is_served_as_a_pdf_download(client, focal_jm, restricted_request, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("Letter.pdf", b"%PDF-1.4 abc", content_type="text/html")
    [document] = documents_attach(record=restricted_request, uploads=[upload], uploaded_by=officer)
    client.force_login(focal_jm)
    response = client.get(reverse("core:document_download", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"  # from the content, not the browser's word
    assert response["Content-Disposition"].startswith("attachment")
    assert (response["X-Content-Type-Options"], response["Content-Security-Policy"]) == (
        "nosniff",
        "sandbox; default-src 'none'",
    )


def test_no_media_address_serves_a_file(client, focal_jm, restricted_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(record=restricted_request)
    client.force_login(focal_jm)
    assert (tmp_path / document.file.name).exists()
    assert client.get(f"/{settings.MEDIA_URL.strip('/')}/{document.file.name}").status_code == 404


def test_others_get_404_as_if_it_did_not_exist(client, focal_bz, restricted_request):
    document = DocumentFactory(record=restricted_request)
    client.force_login(focal_bz)
    assert client.get(reverse("core:document_download", args=[document.pk])).status_code == 404
    assert client.get(reverse("core:document_download", args=[document.pk + 1])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, restricted_request):
    document = DocumentFactory(record=restricted_request)
    response = client.get(reverse("core:document_download", args=[document.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_document_whose_record_is_gone_is_404(client, officer, restricted_request):
    document = DocumentFactory(record=restricted_request)
    Document.objects.filter(pk=document.pk).update(object_id=restricted_request.pk + 1000)
    client.force_login(officer)
    assert client.get(reverse("core:document_download", args=[document.pk])).status_code == 404


def test_a_missing_file_is_404(client, officer, restricted_request):
    document = DocumentFactory(record=restricted_request)
    document.file.delete(save=False)
    client.force_login(officer)
    response = client.get(reverse("core:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert "core/document_missing.html" in [template.name for template in response.templates]
    assert "the document storage no longer holds it" in response.content.decode()
    assert restricted_request.get_absolute_url() in response.content.decode()


S3_SETTINGS = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "attache-test"}}


def s3_error(code: str, status: int) -> ClientError:
    return ClientError({"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "HeadObject")


@pytest.fixture
def s3_bucket(settings):
    """Documents stored in S3, the bucket mocked: its objects answer what each test says."""
    settings.STORAGES = {**settings.STORAGES, "default": S3_SETTINGS}
    bucket = mock.MagicMock()
    with mock.patch.object(S3Storage, "bucket", new_callable=mock.PropertyMock, return_value=bucket):
        yield bucket


@pytest.mark.parametrize("code,status", [("404", 404), ("NoSuchKey", 404)])
def test_an_object_missing_from_s3_is_a_404_page(client, officer, restricted_request, s3_bucket, code, status):
    document = Document.objects.create(
        record=restricted_request, file="documents/2026/Letter.pdf", title="Letter", size=10
    )
    s3_bucket.Object.return_value.load.side_effect = s3_error(code, status)
    s3_bucket.Object.return_value.download_fileobj.side_effect = s3_error(code, status)
    client.force_login(officer)
    response = client.get(reverse("core:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert "“Letter.pdf”" in response.content.decode()
    s3_bucket.Object.assert_called_with("documents/2026/Letter.pdf")


def test_an_object_lost_while_s3_sends_it_is_a_404_page(client, officer, restricted_request, s3_bucket):
    """The store found the object when opened, then no longer has it when asked for its bytes."""
    document = Document.objects.create(
        record=restricted_request, file="documents/2026/Letter.pdf", title="Letter", size=10
    )
    s3_bucket.Object.return_value.download_fileobj.side_effect = s3_error("NoSuchKey", 404)
    client.force_login(officer)
    assert client.get(reverse("core:document_download", args=[document.pk])).status_code == 404


def test_a_store_that_refuses_is_an_error_not_a_missing_file(client, officer, restricted_request, s3_bucket):
    document = Document.objects.create(
        record=restricted_request, file="documents/2026/Letter.pdf", title="Letter", size=10
    )
    s3_bucket.Object.return_value.load.side_effect = s3_error("AccessDenied", 403)
    client.force_login(officer)
    with pytest.raises(ClientError):
        client.get(reverse("core:document_download", args=[document.pk]))


def test_deleting_the_record_deletes_its_documents(restricted_request):
    DocumentFactory(record=restricted_request)
    restricted_request.delete()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "name,size,code",
    [("page.html", 10, "file_type"), ("script.svg", 10, "file_type"), ("noextension", 10, "file_type")],
)
def test_uploads_of_kinds_a_browser_would_run_are_refused(name, size, code):
    with pytest.raises(ValidationError) as error:
        document_validate(SimpleUploadedFile(name, b"x" * size))
    assert error.value.code == code


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.txt", b"<!DOCTYPE html><html><body>hello</body></html>"),
        ("page.txt", b"hello <script>alert(1)</script>"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", b"%PDF-1.4 not a photo"),
        ("terms.docx", b"PK\x03\x04 not a document"),
        ("sheet.csv", b"\xff\xfe not utf-8"),
        ("notes.txt", b"%PDF-1.4 a pdf named as text"),
        ("minutes.doc", b"plain words"),
    ],
)
def test_uploads_are_checked_by_their_content_not_their_name(name, content):
    with pytest.raises(ValidationError) as error:
        document_validate(SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert error.value.code == "file_type"


@pytest.mark.parametrize(
    "name,content,served_as",
    [
        ("letter.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 24, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 24, "image/jpeg"),
        ("terms.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("minutes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24, "application/msword"),
        ("figures.csv", "state,level\nBelize,3\nCuraçao,2\n".encode(), "text/csv; charset=utf-8"),
        ("notes.txt", b"Meeting at 10 < 11 o'clock", "text/plain; charset=utf-8"),
    ],
)
def test_documents_and_images_are_accepted_as_what_their_content_is(name, content, served_as):
    assert document_validate(SimpleUploadedFile(name, content)) == served_as


def test_the_size_limit_comes_from_the_setting(settings):
    settings.DOCUMENT_MAX_MB = 1
    document_validate(SimpleUploadedFile("ok.pdf", b"%PDF" + b"x" * (1024 * 1024 - 4)))
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        document_validate(SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1)))


def test_attaching_keeps_size_type_and_uploader(officer, restricted_request):
    upload = SimpleUploadedFile("Letter.pdf", b"%PDF-1.4 abc", content_type="application/pdf")
    [document] = documents_attach(record=restricted_request, uploads=[upload], uploaded_by=officer)
    assert (document.record, document.title, document.size, document.mime_type, document.uploaded_by) == (
        restricted_request,
        "Letter.pdf",
        12,
        "application/pdf",
        officer,
    )
    assert list(restricted_request.documents.all()) == [document]


def test_the_record_s_history_says_who_attached_what_in_the_reader_s_language(officer, restricted_request):
    from django.utils import translation

    from core.history import history_for

    upload = SimpleUploadedFile("Letter.pdf", b"%PDF-1.4 abc", content_type="application/pdf")
    documents_attach(record=restricted_request, uploads=[upload], uploaded_by=officer)
    for language, line in (("en", ("Documents", "Letter.pdf attached")), ("fr", ("Documents", "Letter.pdf joint"))):
        with translation.override(language):
            [entry] = [e for e in history_for(restricted_request) if e.additional_data]
            assert (entry.actor, entry.shown_changes) == (officer, [line]), language


def test_attaching_refuses_the_lot_if_one_is_refused(officer, restricted_request):
    uploads = [SimpleUploadedFile("a.pdf", b"%PDF-1.4"), SimpleUploadedFile("b.html", b"x")]
    with pytest.raises(ValidationError):
        documents_attach(record=restricted_request, uploads=uploads, uploaded_by=officer)
    assert not Document.objects.exists()


def test_the_form_field_applies_the_same_rule(settings):
    settings.DOCUMENT_MAX_MB = 1
    single, several = DocumentField(required=False), DocumentField(multiple=True, required=False)
    with pytest.raises(ValidationError) as error:
        single.clean(SimpleUploadedFile("page.html", b"x"))
    with pytest.raises(ValidationError) as service_error:
        document_validate(SimpleUploadedFile("page.html", b"x"))
    assert error.value.messages == service_error.value.messages
    with pytest.raises(ValidationError, match="big.pdf"):
        several.clean(
            [SimpleUploadedFile("ok.pdf", b"%PDF-1.4"), SimpleUploadedFile("big.pdf", b"%PDF" * (1024 * 1024))]
        )
    assert [f.name for f in several.clean([SimpleUploadedFile("ok.pdf", b"%PDF-1.4")])] == ["ok.pdf"]
    with pytest.raises(ValidationError, match="at most 10"):
        several.clean([SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4") for n in range(11)])
