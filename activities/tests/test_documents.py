"""Papers attached to an activity: the secretariat and the host institution add them (type and
size checked by core.documents); whoever sees the activity downloads them; nobody else does."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from core.documents import document_for_user
from core.models import Document
from core.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def activity(jamaica, belize, host_institution):
    """Restricted: Belize takes part, the Jamaican host institution hosts it."""
    return ActivityFactory(host_state=jamaica, host_institution=host_institution, states=[belize])


@pytest.fixture
def concept_note(activity):
    return DocumentFactory(record=activity, title="Concept note.pdf")


def _pdf(name="Programme.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 programme", content_type="application/pdf")


def _download(client, document):
    return client.get(reverse("core:document_download", args=[document.pk]))


@pytest.mark.parametrize("role", ["officer", "focal_bz", "host_jm"])
def test_those_who_see_the_activity_download_its_papers(role, persona, client_for, concept_note, activity):
    client = client_for(persona(role))
    response = client.get(reverse("activities:activity_documents", args=[activity.pk]))
    assert response.status_code == 200 and "Concept note.pdf" in response.content.decode()
    download = _download(client, concept_note)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 letter"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("role", ["focal_jm", "expert", "partner"])
def test_a_restricted_activitys_papers_are_404_for_everyone_else(role, persona, client_for, concept_note, activity):
    client = client_for(persona(role))
    assert client.get(reverse("activities:activity_documents", args=[activity.pk])).status_code == 404
    assert _download(client, concept_note).status_code == 404


def test_anonymous_users_get_nothing(client, concept_note, activity):
    assert document_for_user(user=AnonymousUser(), pk=concept_note.pk) is None
    response = _download(client, concept_note)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert client.get(f"/api/v1/activities/{activity.pk}/documents/").status_code in (401, 403)


def test_a_shared_activitys_papers_follow_its_visibility(client_for, focal_jm, concept_note, activity):
    activity.visibility = "shared"
    activity.save()
    assert _download(client_for(focal_jm), concept_note).status_code == 200


@pytest.mark.parametrize("role", ["officer", "host_jm"])
def test_the_secretariat_and_the_host_institution_attach_papers(role, persona, client_for, activity):
    client = client_for(persona(role))
    page = client.get(reverse("activities:activity_documents", args=[activity.pk]))
    assert 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(
        reverse("activities:activity_documents", args=[activity.pk]), {"documents": [_pdf(), _pdf("Report.pdf")]}
    )
    assert response.status_code == 302
    assert sorted(activity.documents.values_list("title", flat=True)) == ["Programme.pdf", "Report.pdf"]
    assert set(Document.objects.values_list("uploaded_by", flat=True)) == {persona(role).pk}


@pytest.mark.parametrize("role,code", [("focal_bz", 403), ("focal_jm", 404), ("expert", 404)])
def test_others_cannot_attach(role, code, persona, client_for, activity):
    client = client_for(persona(role))
    page = client.get(reverse("activities:activity_documents", args=[activity.pk]))
    assert page.status_code == (200 if code == 403 else 404)  # a reader sees the list, without the form
    assert 'enctype="multipart/form-data"' not in page.content.decode()
    response = client.post(reverse("activities:activity_documents", args=[activity.pk]), {"documents": [_pdf()]})
    assert response.status_code == code
    assert not activity.documents.exists()


def test_a_focal_point_reads_the_papers_without_an_upload_form(client_for, focal_bz, activity):
    page = client_for(focal_bz).get(reverse("activities:activity_documents", args=[activity.pk]))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' not in page.content.decode()


def test_a_file_of_a_kind_a_browser_might_run_is_refused(client_for, api_client_for, officer, activity):
    page = client_for(officer).post(
        reverse("activities:activity_documents", args=[activity.pk]),
        {"documents": [SimpleUploadedFile("agenda.html", b"<script>alert(1)</script>", content_type="text/html")]},
    )
    assert page.status_code == 400
    assert "agenda.html" in " ".join(page.context["form"].errors["documents"])
    api = api_client_for(officer).post(
        f"/api/v1/activities/{activity.pk}/documents/",
        {"documents": [SimpleUploadedFile("agenda.html", b"<script>", content_type="text/html")]},
        format="multipart",
    )
    assert api.status_code == 400 and "documents" in api.json()
    assert not activity.documents.exists()


def test_a_file_too_large_is_refused(settings, client_for, officer, activity):
    settings.DOCUMENT_MAX_MB = 1
    big = SimpleUploadedFile("Report.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    page = client_for(officer).post(reverse("activities:activity_documents", args=[activity.pk]), {"documents": [big]})
    assert page.status_code == 400 and "1 MB" in " ".join(page.context["form"].errors["documents"])
    assert not activity.documents.exists()


def test_an_upload_with_no_file_says_so(client_for, officer, activity):
    page = client_for(officer).post(reverse("activities:activity_documents", args=[activity.pk]), {})
    assert page.status_code == 400 and page.context["form"].errors["documents"]


def test_the_api_lists_and_adds_papers(api_client_for, officer, host_jm, focal_bz, focal_jm, concept_note, activity):
    url = f"/api/v1/activities/{activity.pk}/documents/"
    listed = api_client_for(focal_bz).get(url)
    assert listed.status_code == 200
    assert [row["title"] for row in listed.json()] == ["Concept note.pdf"]
    assert listed.json()[0]["url"] == reverse("core:document_download", args=[concept_note.pk])
    assert api_client_for(focal_jm).get(url).status_code == 404
    added = api_client_for(host_jm).post(url, {"documents": [_pdf()]}, format="multipart")
    assert added.status_code == 201 and added.json()[0]["title"] == "Programme.pdf"
    assert api_client_for(focal_bz).post(url, {"documents": [_pdf()]}, format="multipart").status_code == 403
    assert api_client_for(focal_jm).post(url, {"documents": [_pdf()]}, format="multipart").status_code == 404
    assert activity.documents.count() == 2
