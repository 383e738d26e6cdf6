"""Institutions are active or closed, and a regional one may have a seat: on the page, the
form, the API and the model."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from community.choices import InstitutionKind, InstitutionStatus
from community.models import Institution
from community.tests.factories import InstitutionFactory, MemberStateFactory
from core.testing import assert_same_refusal

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(client_for, api_client_for, admin):
    return {"client": client_for(admin), "api_client": api_client_for(admin)}


def test_a_new_institution_is_active():
    assert InstitutionFactory().status == InstitutionStatus.ACTIVE


def test_the_page_shows_the_status_the_closing_date_and_the_seat(client_for, admin):
    barbados = MemberStateFactory.for_iso("BB")
    council = InstitutionFactory(
        state=None,
        seat=barbados,
        name="Caribbean Examinations Council",
        status=InstitutionStatus.CLOSED,
        closed_on=datetime.date(2024, 1, 31),
    )
    html = client_for(admin).get(council.get_absolute_url()).content.decode()
    assert 'data-institution-status="closed"' in html and "Closed" in html and "31 January 2024" in html
    assert "Barbados" in html


def test_the_api_reads_and_writes_the_status_and_the_seat(api_client_for, admin):
    barbados = MemberStateFactory.for_iso("BB")
    client = api_client_for(admin)
    data = {
        "name": "Caribbean Examinations Council",
        "kind": InstitutionKind.REGIONAL_BODY,
        "state": None,
        "seat": barbados.pk,
        "visibility": "shared",
    }
    created = client.post("/api/v1/institutions/", data, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "active" and created.json()["seat"] == barbados.pk
    url = f"/api/v1/institutions/{created.json()['id']}/"
    closed = client.patch(url, {"status": "closed", "closed_on": "2024-01-31"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.get("/api/v1/institutions/", {"status": "closed"}).json()["count"] == 1


def test_the_form_offers_the_status_and_the_seat(client_for, admin):
    barbados = MemberStateFactory.for_iso("BB")
    response = client_for(admin).post(
        reverse("community:institution_add"),
        {
            "name": "Caribbean Examinations Council",
            "kind": InstitutionKind.REGIONAL_BODY,
            "seat": barbados.pk,
            "visibility": "shared",
            "status": "active",
        },
    )
    assert response.status_code == 302
    assert Institution.objects.get(name="Caribbean Examinations Council").seat == barbados


def test_a_national_institution_has_no_seat_on_the_page_or_the_api(clients):
    jamaica, barbados = MemberStateFactory.for_iso("JM"), MemberStateFactory.for_iso("BB")
    data = {
        "name": "Jamaica Council",
        "kind": InstitutionKind.AGENCY,
        "state": jamaica.pk,
        "seat": barbados.pk,
        "visibility": "shared",
        "status": "active",
    }
    messages = assert_same_refusal(
        **clients,
        form_url=reverse("community:institution_add"),
        api_url="/api/v1/institutions/",
        data=data,
        field="seat",
    )
    assert messages


def test_only_a_closed_institution_has_a_closing_date(clients):
    data = {
        "name": "Jamaica Council",
        "kind": InstitutionKind.AGENCY,
        "state": MemberStateFactory.for_iso("JM").pk,
        "visibility": "shared",
        "status": "active",
        "closed_on": "2024-01-31",
    }
    assert_same_refusal(
        **clients,
        form_url=reverse("community:institution_add"),
        api_url="/api/v1/institutions/",
        data=data,
        field="closed_on",
    )


def test_the_database_refuses_a_seat_for_a_national_institution():
    with pytest.raises(IntegrityError), transaction.atomic():
        InstitutionFactory(state=MemberStateFactory.for_iso("JM"), seat=MemberStateFactory.for_iso("BB"))
