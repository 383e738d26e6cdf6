"""The people API: scoped lists with pinned query counts, nominations refused as the page refuses
them, moves, participant confirmation, the attendance sheet and the certificate actions."""

import pytest
from django.urls import reverse

from activities.choices import ActivityStatus, NominationStatus
from activities.models import Attendance, Certificate
from activities.tests.factories import ActivityFactory, CertificateFactory, NominationFactory
from activities.tests.people_setup import *  # noqa: F403
from assistance.choices import Modality
from core.testing import assert_same_refusal

N = NominationStatus
NOMINATIONS = "/api/v1/nominations/"
CERTIFICATES = "/api/v1/certificates/"
ATTENDANCE = "/api/v1/attendance/"


def nomination_input(activity, person, **extra):
    return {
        "state": activity.states.get().pk,
        "person": person.pk,
        "post": "Customs officer",
        "reason": "Leads the risk unit's reform.",
        **extra,
    }


# --- the same refusal on the page and in the API ---------------------------------------------


def parity(client_for, api_client_for, user, activity, data, field):
    return assert_same_refusal(
        client=client_for(user),
        api_client=api_client_for(user),
        form_url=reverse("activities:nomination_create", args=[activity.pk]),
        api_url=NOMINATIONS,
        data=data,
        api_data={**data, "activity": activity.pk},
        field=field,
    )


def test_the_cap_is_refused_alike(client_for, api_client_for, focal_bz, attachment, bz_officials):
    for person in bz_officials[:5]:
        NominationFactory(activity=attachment, state=attachment.states.get(), person=person)
    messages = parity(
        client_for, api_client_for, focal_bz, attachment, nomination_input(attachment, bz_officials[5]), None
    )
    assert len(messages) == 1 and "5" in messages[0]


def test_a_missing_reason_is_refused_alike(client_for, api_client_for, focal_bz, attachment, bz_officials):
    parity(
        client_for,
        api_client_for,
        focal_bz,
        attachment,
        nomination_input(attachment, bz_officials[0], reason=""),
        "reason",
    )


def test_a_missing_justification_is_refused_alike(client_for, api_client_for, focal_bz, belize, bz_officials):
    visit = ActivityFactory(modality=Modality.STUDY_VISIT, states=[belize])
    for person in bz_officials[:3]:
        NominationFactory(activity=visit, state=belize, person=person)
    parity(client_for, api_client_for, focal_bz, visit, nomination_input(visit, bz_officials[3]), "justification")


def test_the_same_person_twice_is_refused_alike(client_for, api_client_for, focal_bz, attachment, bz_officials):
    NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    parity(client_for, api_client_for, focal_bz, attachment, nomination_input(attachment, bz_officials[0]), "person")


# --- nominations -------------------------------------------------------------------------------------


def test_a_focal_point_nominates_through_the_api(api_client_for, focal_bz, attachment, bz_officials):
    answer = api_client_for(focal_bz).post(
        NOMINATIONS, {**nomination_input(attachment, bz_officials[0]), "activity": attachment.pk}, format="json"
    )
    assert answer.status_code == 201, answer.content
    assert (answer.json()["status"], answer.json()["person_name"]) == ("proposed", bz_officials[0].full_name)


def test_a_focal_point_nominating_for_another_state_is_forbidden(api_client_for, focal_bz, jamaica, attachment):
    from community.tests.factories import PersonFactory

    attachment.states.add(jamaica)
    jamaican = PersonFactory(institution__state=jamaica)
    data = {"state": jamaica.pk, "person": jamaican.pk, "post": "Officer", "reason": "Why", "activity": attachment.pk}
    answer = api_client_for(focal_bz).post(NOMINATIONS, data, format="json")
    assert answer.status_code == 403
    assert answer.json() == {"detail": "You nominate officials for your own state only."}
    assert not attachment.nominations.exists()


@pytest.mark.parametrize("role", ["host_jm", "partner", "expert"])
def test_others_may_not_nominate_through_the_api(api_client_for, persona, role, attachment, bz_officials):
    data = {**nomination_input(attachment, bz_officials[0]), "activity": attachment.pk}
    assert api_client_for(persona(role)).post(NOMINATIONS, data, format="json").status_code in (400, 403)
    assert not attachment.nominations.exists()


def test_the_officer_moves_a_nomination_and_a_refused_move_is_a_conflict(
    api_client_for, officer, focal_bz, attachment, bz_officials
):
    nomination = NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    url = f"{NOMINATIONS}{nomination.pk}/move/"
    assert api_client_for(officer).post(url, {"to": "declined"}, format="json").status_code == 409
    assert api_client_for(focal_bz).post(url, {"to": "confirmed"}, format="json").status_code == 403
    answer = api_client_for(officer).post(url, {"to": "confirmed"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "confirmed"


def test_the_participant_confirms_through_the_api(api_client_for, nominee_user, focal_jm, participants):
    url = f"{NOMINATIONS}{participants[0].pk}/confirm_participation/"
    assert api_client_for(focal_jm).post(url).status_code == 404
    answer = api_client_for(nominee_user).post(url)
    assert answer.status_code == 200 and answer.json()["participant_confirmed_at"]


@pytest.mark.parametrize(
    ("role", "seen"), [("officer", 4), ("focal_bz", 4), ("host_jm", 4), ("focal_jm", 0), ("partner", 0)]
)
def test_the_nomination_list_is_scoped(api_client_for, persona, role, seen, participants):
    assert api_client_for(persona(role)).get(NOMINATIONS).json()["count"] == seen


# Session, user, count, page (a focal point's scope needs no further query).
PINNED = {NOMINATIONS: 4, CERTIFICATES: 4, ATTENDANCE: 4}


@pytest.mark.parametrize("url", [NOMINATIONS, CERTIFICATES, ATTENDANCE])
def test_the_lists_take_the_same_queries_for_one_row_or_many(
    api_client_for, focal_bz, attachment, bz_officials, url, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client_for(focal_bz)
    state = attachment.states.get()

    def add(person):
        nomination = NominationFactory(activity=attachment, state=state, person=person, confirmed=True)
        Attendance.objects.create(nomination=nomination, day=attachment.start_date)
        CertificateFactory(nomination=nomination)

    def queries():
        client.get(url)  # the session and the user, read once
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url)
        assert answer.status_code == 200
        return len(captured), answer.json()["count"]

    add(bz_officials[0])
    one, count = queries()
    assert count == 1
    for person in bz_officials[1:5]:
        add(person)
    assert one == PINNED[url]
    client.get(url)
    with django_assert_num_queries(PINNED[url]):
        assert client.get(url).json()["count"] == 5


# --- attendance -------------------------------------------------------------------------------------


def test_the_attendance_sheet_is_saved_whole_or_not_at_all(api_client_for, host_jm, focal_bz, attachment, participants):
    attachment.status = ActivityStatus.IN_DELIVERY
    attachment.save(update_fields=["status"])
    marks = [
        {"nomination": n.pk, "day": day.isoformat(), "present": True} for n in participants for day in attachment.days
    ]
    url = f"{ATTENDANCE}record/"
    bad = [*marks, {"nomination": participants[0].pk, "day": "2001-01-01", "present": True}]
    answer = api_client_for(host_jm).post(url, {"activity": attachment.pk, "marks": bad}, format="json")
    assert answer.status_code == 400 and "attendance" in answer.json()
    assert not Attendance.objects.exists()
    assert (
        api_client_for(focal_bz).post(url, {"activity": attachment.pk, "marks": marks}, format="json").status_code
        == 403
    )
    answer = api_client_for(host_jm).post(url, {"activity": attachment.pk, "marks": marks}, format="json")
    assert answer.status_code == 200 and answer.json() == {"saved": 15}
    assert api_client_for(focal_bz).get(ATTENDANCE).json()["count"] == 15


# --- certificates -------------------------------------------------------------------------------------


def test_the_secretariat_issues_reissues_and_revokes_through_the_api(api_client_for, officer, focal_bz, delivered):
    client = api_client_for(officer)
    assert (
        api_client_for(focal_bz).post(f"{CERTIFICATES}issue/", {"activity": delivered.pk}, format="json").status_code
        == 403
    )
    answer = client.post(f"{CERTIFICATES}issue/", {"activity": delivered.pk}, format="json")
    assert answer.status_code == 200
    body = answer.json()
    assert (len(body["issued"]), body["absent"], body["already"]) == (2, 1, 0)
    first = body["issued"][0]
    assert first["verification_url"].endswith(f"/activities/verify/{first['code']}/")
    reissued = client.post(f"{CERTIFICATES}{first['id']}/reissue/")
    assert reissued.status_code == 201 and reissued.json()["code"] != first["code"]
    assert Certificate.objects.get(pk=first["id"]).replaced_by_id == reissued.json()["id"]
    assert client.post(f"{CERTIFICATES}{reissued.json()['id']}/revoke/", {"reason": ""}, format="json").json() == {
        "reason": ["Say why the certificate is revoked."]
    }
    revoked = client.post(f"{CERTIFICATES}{reissued.json()['id']}/revoke/", {"reason": "Wrong dates"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["valid"] is False


@pytest.mark.parametrize(
    ("role", "status"), [("focal_bz", 200), ("nominee_user", 200), ("focal_jm", 404), ("partner", 404)]
)
def test_the_pdf_download_follows_the_certificate_s_rule(api_client_for, persona, role, status, participants):
    certificate = CertificateFactory(nomination=participants[0])
    answer = api_client_for(persona(role)).get(f"{CERTIFICATES}{certificate.pk}/pdf/")
    assert answer.status_code == status
    if status == 200:
        assert answer["Content-Type"] == "application/pdf" and answer.content.startswith(b"%PDF")
