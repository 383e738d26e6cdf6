"""Every write endpoint of matching refuses the same invalid input through the page and through
the API, on the same field, in the same words (`matching.tests.parity`)."""

import pytest
from django.urls import reverse

from community.tests.factories import InstitutionFactory, PersonFactory
from core.testing import NON_FIELD, assert_refused_alike
from matching.choices import InvitationStatus
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db

HOSTS, EXPERTS = "/api/v1/host-invitations/", "/api/v1/expert-invitations/"


def page(name, pk):
    return reverse(f"matching:{name}", args=[pk])


# --- inviting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({}, "state", "Choose a host state."),
        ({"state": "jamaica"}, "state", "There is no such member state."),
        ({"state": 99999}, "state", "There is no such member state."),
        ({"state": "belize"}, "state", "A state never hosts its own request."),
        ({"state": "jamaica", "institution": "x"}, "institution", "There is no such institution."),
        ({"state": "jamaica", "institution": "belizean"}, "institution", None),
    ],
)
def test_inviting_a_host(data, field, message, client_for, api_client_for, officer, approved, belize, jamaica):
    belizean = InstitutionFactory(state=belize)
    names = {"belize": belize.pk, "jamaica": jamaica.pk, "belizean": belizean.pk}
    data = {key: names.get(value, value) for key, value in data.items()}
    if field == "state" and data.get("state") == jamaica.pk:
        data["state"] = "jamaica"  # not a number: refused before the rules
    page_response = client_for(officer).post(page("host_invite", approved.pk), data)
    api_response = api_client_for(officer).post(HOSTS, {"request": approved.pk, **data}, format="json")
    messages = assert_refused_alike(page_response, api_response, field=field, message=message)
    if message is None:
        assert len(messages) == 1 and "is not an institution of Jamaica" in messages[0]


def test_inviting_a_host_to_a_request_not_yet_approved(client_for, api_client_for, officer, approved, jamaica):
    approved.status = "assessing"
    approved.save(update_fields=["status"])
    data = {"state": jamaica.pk}
    assert_refused_alike(
        client_for(officer).post(page("host_invite", approved.pk), data),
        api_client_for(officer).post(HOSTS, {"request": approved.pk, **data}, format="json"),
        field=NON_FIELD,
        message="Hosts are invited once a request is approved; this one is Needs assessment.",
    )


@pytest.mark.parametrize(
    "person,field,message",
    [
        (None, "person", "Choose an expert."),
        ("someone", "person", "Choose an expert from the list."),
        ("belizean", "person", None),
    ],
)
def test_inviting_an_expert(person, field, message, client_for, api_client_for, officer, approved, belize):
    belizean = PersonFactory(state=belize, expert=True)
    data = {} if person is None else {"person": belizean.pk if person == "belizean" else person}
    assert_refused_alike(
        client_for(officer).post(page("expert_invite", approved.pk), data),
        api_client_for(officer).post(EXPERTS, {"request": approved.pk, **data}, format="json"),
        field=field,
        message=message or f"{belizean} is from the requesting state: a conflict of interest.",
    )


# --- answering ------------------------------------------------------------------------------


@pytest.fixture
def open_host_invitation(approved, jamaica, host_institution, officer):
    approved.status = "matching"
    approved.save(update_fields=["status"])
    return HostInvitationFactory(request=approved, state=jamaica, institution=host_institution, invited_by=officer)


@pytest.mark.parametrize(
    "decision,data,field,message",
    [
        ("decline", {"reason": "  "}, "reason", "Say why the invitation is declined."),
        ("accept", {"contact_email": "not-an-address"}, "contact_email", "Enter a valid e-mail address."),
        ("accept", {"proposed_start": "next week"}, "proposed_start", "Enter a date as YYYY-MM-DD."),
        (
            "accept",
            {"proposed_start": "2027-02-10", "proposed_end": "2027-02-01"},
            "proposed_end",
            "The proposed end comes before the proposed start.",
        ),
        ("accept", {"contact_person": "belizean"}, "contact_person", "Choose a contact person of Jamaica."),
        ("accept", {"contact_person": "who"}, "contact_person", "Choose a contact person from the list."),
    ],
)
def test_answering_an_invitation_to_host(
    decision, data, field, message, client_for, api_client_for, host_jm, open_host_invitation, belize
):
    if data.get("contact_person") == "belizean":
        data = {"contact_person": PersonFactory(state=belize).pk}
    invitation = open_host_invitation
    assert_refused_alike(
        client_for(host_jm).post(page("host_invitation_respond", invitation.pk), {"decision": decision, **data}),
        api_client_for(host_jm).post(f"{HOSTS}{invitation.pk}/{decision}/", data, format="json"),
        field=field,
        message=message,
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


def test_answering_an_answered_invitation(client_for, api_client_for, host_jm, open_host_invitation):
    open_host_invitation.status = InvitationStatus.WITHDRAWN
    open_host_invitation.save(update_fields=["status"])
    assert_refused_alike(
        client_for(host_jm).post(page("host_invitation_respond", open_host_invitation.pk), {"decision": "accept"}),
        api_client_for(host_jm).post(f"{HOSTS}{open_host_invitation.pk}/accept/", {}, format="json"),
        field=NON_FIELD,
        message="This invitation was already answered (Withdrawn).",
    )


def test_declining_an_expert_invitation_without_a_reason(client_for, api_client_for, expert, approved, expert_person):
    invitation = ExpertInvitationFactory(request=approved, person=expert_person)
    assert_refused_alike(
        client_for(expert).post(page("expert_invitation_respond", invitation.pk), {"decision": "decline"}),
        api_client_for(expert).post(f"{EXPERTS}{invitation.pk}/decline/", {}, format="json"),
        field="reason",
        message="Say why the invitation is declined.",
    )


# --- withdrawing ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["host", "expert"])
def test_withdrawing_without_a_reason(kind, client_for, api_client_for, officer, open_host_invitation, expert_person):
    if kind == "host":
        invitation, api = open_host_invitation, HOSTS
    else:
        invitation, api = ExpertInvitationFactory(request=open_host_invitation.request, person=expert_person), EXPERTS
    assert_refused_alike(
        client_for(officer).post(page(f"{kind}_invitation_withdraw", invitation.pk), {"reason": " "}),
        api_client_for(officer).post(f"{api}{invitation.pk}/withdraw/", {"reason": " "}, format="json"),
        field="reason",
        message="Say why the invitation is withdrawn.",
    )


def test_withdrawing_an_answered_invitation(client_for, api_client_for, officer, open_host_invitation):
    open_host_invitation.status = InvitationStatus.ACCEPTED
    open_host_invitation.save(update_fields=["status"])
    assert_refused_alike(
        client_for(officer).post(page("host_invitation_withdraw", open_host_invitation.pk), {"reason": "Late"}),
        api_client_for(officer).post(f"{HOSTS}{open_host_invitation.pk}/withdraw/", {"reason": "Late"}, format="json"),
        field=NON_FIELD,
        message="Only an invitation waiting for an answer can be withdrawn.",
    )


# --- weights --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [11, -1, "heavy"])
def test_keeping_weights(value, client_for, api_client_for, officer, approved):
    assert_refused_alike(
        client_for(officer).post(page("request_weights", approved.pk), {"cost": value}),
        api_client_for(officer).put(f"/api/v1/requests/{approved.pk}/match-weights/", {"cost": value}, format="json"),
        field="cost",
        message="Weights go from 0 to 10 (cost).",
    )
