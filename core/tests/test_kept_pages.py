"""Pages kept per session until what they show changes (`core.kept_pages`)."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from config import urls as site_urls
from core.kept_pages import kept_page
from core.testing import commit

pytestmark = pytest.mark.django_db

LIST = "/requests/"


@pytest.fixture
def submitted(belize):
    return AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Accreditation manuals")


def signed_in(client_for, user):
    """A client signed in as `user` whose browser holds its CSRF cookie (set by its first page:
    an answer that sets a cookie is never kept)."""
    client = client_for(user)
    commit()
    client.get("/")
    return client


def kept_view(client, path, django_assert_max_num_queries, **headers):
    """A view answered from what was kept: the session, the user and the counters, nothing else."""
    with django_assert_max_num_queries(3):
        return client.get(path, **headers)


def test_a_second_view_is_the_kept_page_without_running_the_view(
    officer, submitted, client_for, django_assert_max_num_queries
):
    client = signed_in(client_for, officer)
    first = client.get(LIST)
    assert first.status_code == 200 and "Accreditation manuals" in first.text
    again = kept_view(client, LIST, django_assert_max_num_queries)
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] and "no-store" in again["Cache-Control"]


def test_a_kept_page_is_answered_compressed_once_with_a_gzip_header_of_its_own(
    officer, submitted, client_for, django_assert_max_num_queries, monkeypatch
):
    client = signed_in(client_for, officer)
    first = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert first["Content-Encoding"] == "gzip"
    page = gzip.decompress(first.content)

    def compressed_again(*args, **kwargs):
        raise AssertionError("a kept page is compressed when it is kept, not at each answer")

    monkeypatch.setattr("django.middleware.gzip.compress_string", compressed_again)
    answers = [kept_view(client, LIST, django_assert_max_num_queries, HTTP_ACCEPT_ENCODING="gzip") for _ in range(12)]
    for answer in answers:
        assert answer["Content-Encoding"] == "gzip" and "Accept-Encoding" in answer["Vary"]
        assert gzip.decompress(answer.content) == page and int(answer["Content-Length"]) == len(answer.content)
    # A random-length file name in each header, as GZipMiddleware writes it: lengths vary (BREACH).
    assert len({len(answer.content) for answer in answers}) > 1
    plain = kept_view(client, LIST, django_assert_max_num_queries)  # no Accept-Encoding: as it was
    assert not plain.has_header("Content-Encoding") and plain.content == page


def test_a_change_of_a_record_shown_renders_the_page_again(officer, submitted, client_for):
    client = signed_in(client_for, officer)
    client.get(LIST)
    submitted.title = "Accreditation manuals, second edition"
    submitted.save()
    assert "second edition" in client.get(LIST).text  # uncommitted: rendered, not kept
    commit()
    assert "second edition" in client.get(LIST).text


def test_a_change_of_a_listed_filter_option_renders_the_page_again(officer, submitted, belize, client_for):
    client = signed_in(client_for, officer)
    client.get(LIST)
    belize.name = "Belize (renamed)"
    belize.save()
    commit()
    assert "Belize (renamed)" in client.get(LIST).text


def test_a_page_is_kept_for_its_own_session_only(officer, focal_jm, submitted, client_for):
    officer_client, focal_client = signed_in(client_for, officer), signed_in(client_for, focal_jm)
    officer_page = officer_client.get(LIST)
    focal_page = focal_client.get(LIST)
    assert focal_page.content != officer_page.content
    assert client_for(officer).get(LIST).status_code == 200  # another session of the same user: rendered


def test_a_message_is_shown_once_and_never_kept(officer, submitted, client_for):
    client = signed_in(client_for, officer)
    client.get(LIST)
    response = client.post(
        reverse("assistance:request_transition", args=[submitted.pk]),
        {"to_status": Status.REGISTERED, "version": submitted.version},
        follow=True,
    )
    commit()
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown  # the transition's message
    assert not any(message in client.get(response.request["PATH_INFO"]).text for message in shown)


def test_each_language_and_each_partial_has_its_own_kept_page(officer, submitted, client_for):
    client = signed_in(client_for, officer)
    english = client.get(LIST)
    french = client.get(LIST, headers={"Accept-Language": "fr"})
    client.cookies.pop("django_language", None)
    partial = client.get(LIST, headers={"HX-Request": "true", "HX-Target": "request-table"})
    assert len({english.content, french.content, partial.content}) == 3


answered = []


@kept_page
def refusing_view(request, status):
    answered.append(status)
    return HttpResponse("<p>no</p>", status=status, content_type="text/html")


urlpatterns = [path("refused/<int:status>/", refusing_view), *site_urls.urlpatterns]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("status", [403, 404, 400])
def test_a_refused_or_missing_page_is_never_kept(officer, client_for, status):
    client = client_for(officer)
    commit()
    answered.clear()
    for _ in range(3):
        assert client.get(f"/refused/{status}/").status_code == status
    assert answered == [status] * 3


@override_settings(ATTACHE_KEPT_PAGES=False)
def test_keeping_can_be_turned_off(officer, submitted, client_for, django_assert_max_num_queries):
    client = signed_in(client_for, officer)
    client.get(LIST)
    with django_assert_max_num_queries(50) as captured:
        client.get(LIST)
    assert len(captured) > 3


def test_uncommitted_changes_are_never_kept(officer, submitted, client_for, django_assert_max_num_queries):
    client = client_for(officer)
    client.get(LIST)  # the fixtures' rows are not committed yet
    with django_assert_max_num_queries(50) as captured:
        client.get(LIST)
    assert len(captured) > 3


def test_a_signed_out_visitor_is_never_answered_a_kept_page(officer, submitted, client_for):
    client = signed_in(client_for, officer)
    client.get(LIST)
    client.logout()
    response = client.get(LIST)
    assert response.status_code == 302 and "/login" in response["Location"]
