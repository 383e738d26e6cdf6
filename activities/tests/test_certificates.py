"""Certificates of participation: issued at delivery to those who attended, the PDF read back,
who may download it, re-issue and revocation, and the public verification page."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from activities import services_people as people
from activities.certificates import certificate_pdf
from activities.choices import ActivityStatus
from activities.models import Certificate
from activities.tests.people_setup import *  # noqa: F403


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def issued(officer, delivered):
    return people.certificates_issue(actor=officer, activity_id=delivered.pk)


def test_certificates_go_to_every_participant_present_at_least_one_day(issued, participants):
    assert sorted(c.nomination_id for c in issued.issued) == sorted(n.pk for n in participants[:2])
    assert (issued.absent, issued.already) == (1, 0)
    certificate = issued.issued[0]
    assert (certificate.days_attended, certificate.hours) == (5, Decimal("30.0"))
    assert certificate.host == "Jamaica Customs Agency, Jamaica"


def test_issuing_again_skips_those_who_hold_one(officer, issued, delivered):
    again = people.certificates_issue(actor=officer, activity_id=delivered.pk)
    assert (len(again.issued), again.absent, again.already) == (0, 1, 2)


@pytest.mark.parametrize("status", [ActivityStatus.PLANNED, ActivityStatus.IN_DELIVERY])
def test_certificates_wait_for_delivery(officer, attachment, participants, status):
    attachment.status = status
    attachment.save(update_fields=["status"])
    with pytest.raises(ValidationError) as refused:
        people.certificates_issue(actor=officer, activity_id=attachment.pk)
    assert NON_FIELD_ERRORS in refused.value.message_dict


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert", "partner"])
def test_only_the_secretariat_issues(persona, role, delivered):
    with pytest.raises((PermissionDenied, type(delivered).DoesNotExist)):
        people.certificates_issue(actor=persona(role), activity_id=delivered.pk)


def test_the_pdf_says_who_what_where_when_how_long_and_how_to_check(issued):
    certificate = issued.issued[0]
    text = pdf_text(certificate_pdf(certificate))
    url = settings.SITE_URL.rstrip("/") + f"/activities/verify/{certificate.code}/"
    for expected in (
        "Certificate of participation",
        certificate.participant_name,
        "Attachment on customs risk management",
        "hosted by Jamaica Customs Agency, Jamaica",
        date_format(certificate.start_date, "DATE_FORMAT"),
        date_format(certificate.end_date, "DATE_FORMAT"),
        "5 days attended",
        "30.0 hours",
        certificate.code,
        url,
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer", 200),
        ("admin", 200),
        ("focal_bz", 200),
        ("host_jm", 200),
        ("nominee_user", 200),
        ("focal_jm", 404),
        ("expert", 404),
        ("partner", 404),
    ],
)
def test_the_pdf_is_for_those_who_may_see_the_certificate(client_for, persona, role, status, issued, participants):
    certificate = next(c for c in issued.issued if c.nomination_id == participants[0].pk)
    answer = client_for(persona(role)).get(reverse("activities:certificate_pdf", args=[certificate.pk]))
    assert answer.status_code == status
    if status == 200:
        assert answer["Content-Type"] == "application/pdf"
        assert certificate.code in pdf_text(answer.content)


def test_signed_out_the_pdf_asks_to_sign_in(client, issued):
    answer = client.get(reverse("activities:certificate_pdf", args=[issued.issued[0].pk]))
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_reissue_gives_a_new_code_and_the_old_one_verifies_as_replaced(client, officer, issued):
    old = issued.issued[0]
    new = people.certificate_reissue(actor=officer, certificate_id=old.pk)
    old.refresh_from_db()
    assert new.code != old.code and old.replaced_by == new
    page = client.get(reverse("activities:certificate_verify", args=[old.code]))
    assert page.status_code == 200
    assert "This certificate was replaced by a newer certificate." in page.content.decode()
    assert new.code not in page.content.decode()  # the new code is the holder's to show
    assert (
        "Valid certificate." in client.get(reverse("activities:certificate_verify", args=[new.code])).content.decode()
    )
    with pytest.raises(ValidationError):
        people.certificate_reissue(actor=officer, certificate_id=old.pk)


def test_revoking_needs_a_reason_which_the_public_page_never_shows(client, officer, issued):
    certificate = issued.issued[0]
    with pytest.raises(ValidationError) as refused:
        people.certificate_revoke(actor=officer, certificate_id=certificate.pk, reason=" ")
    assert refused.value.message_dict == {"reason": ["Say why the certificate is revoked."]}
    people.certificate_revoke(actor=officer, certificate_id=certificate.pk, reason="Name misspelt on the roll")
    page = client.get(reverse("activities:certificate_verify", args=[certificate.code])).content.decode()
    assert "This certificate was revoked." in page
    assert "misspelt" not in page
    with pytest.raises(ValidationError):
        people.certificate_revoke(actor=officer, certificate_id=certificate.pk, reason="Again")


def test_a_focal_point_may_not_revoke_or_reissue(focal_bz, issued):
    with pytest.raises(PermissionDenied):
        people.certificate_revoke(actor=focal_bz, certificate_id=issued.issued[0].pk, reason="Mine")
    with pytest.raises(PermissionDenied):
        people.certificate_reissue(actor=focal_bz, certificate_id=issued.issued[0].pk)


def test_the_public_page_shows_what_a_valid_certificate_says(client, issued):
    certificate = issued.issued[0]
    page = client.get(reverse("activities:certificate_verify", args=[certificate.code]))
    content = page.content.decode()
    assert page.status_code == 200
    for expected in (
        "Valid certificate.",
        certificate.participant_name,
        certificate.activity_title,
        "Jamaica Customs Agency, Jamaica",
        date_format(certificate.start_date, "DATE_FORMAT"),
        "5 days, 30.0 hours",
    ):
        assert expected in content, expected


def test_an_unknown_code_is_not_found_and_says_nothing_else(client, issued):
    page = client.get(reverse("activities:certificate_verify", args=["ZZZZ-ZZZZ-ZZZZ"]))
    assert page.status_code == 404
    content = page.content.decode()
    assert "No certificate has this code." in content
    assert issued.issued[0].participant_name not in content


def test_a_code_typed_loosely_finds_its_certificate(client, issued):
    code = issued.issued[0].code
    answer = client.get(reverse("activities:certificate_lookup"), {"code": code.replace("-", "").lower()})
    assert answer.status_code == 302
    answer = client.get(answer["Location"])
    assert answer.status_code == 302 and answer["Location"] == reverse("activities:certificate_verify", args=[code])
    assert client.get(reverse("activities:certificate_lookup")).status_code == 200


def test_the_people_page_lists_certificates_with_the_officer_s_actions(
    client_for, officer, focal_bz, issued, delivered
):
    url = reverse("activities:activity_people", args=[delivered.pk])
    certificate = issued.issued[0]
    officer_page = client_for(officer).get(url).content.decode()
    assert certificate.code in officer_page
    assert reverse("activities:certificate_revoke", args=[certificate.pk]) in officer_page
    focal_page = client_for(focal_bz).get(url).content.decode()
    assert certificate.code in focal_page
    assert reverse("activities:certificate_revoke", args=[certificate.pk]) not in focal_page


def test_issuing_from_the_page_says_how_many(client_for, officer, delivered):
    answer = client_for(officer).post(reverse("activities:certificates_issue", args=[delivered.pk]), follow=True)
    content = answer.content.decode()
    assert "2 certificates issued." in content and "1 participant left out: present on no day." in content
    assert Certificate.objects.count() == 2
