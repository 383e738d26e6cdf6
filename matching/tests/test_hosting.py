"""Invitations reach someone who can answer, and the host sees what it hosts: the focal point of
the invited state answers when the institution has no coordinator; accepting names a contact
and proposes dates; everyone concerned is told; the host opens the request, even restricted."""

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from assistance.choices import Status
from assistance.models import AssistanceRequest
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import InstitutionFactory, PersonFactory
from core.registry import home_counters_for, menu_for
from matching import services
from matching.choices import InvitationStatus
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(belize, officer, focal_bz, accreditation):
    """Belize's approved request, restricted to Belize and the secretariat, filed by its focal point."""
    return AssistanceRequestFactory(
        state=belize,
        status=Status.APPROVED,
        areas=[accreditation],
        assigned_officer=officer,
        focal_point=focal_bz,
        restricted=True,
    )


@pytest.fixture
def uncoordinated(jamaica):
    """A Jamaican institution nobody signs in for."""
    return InstitutionFactory(name="University Council of Jamaica", state=jamaica)


def invite(assistance_request, officer, institution):
    return services.host_invitation_create(
        assistance_request_id=assistance_request.pk,
        state_id=institution.state_id,
        institution_id=institution.pk,
        actor=officer,
    )


# --- who reads the hosted request -----------------------------------------------------------


@pytest.mark.parametrize(
    "status,reads", [("invited", True), ("accepted", True), ("declined", False), ("withdrawn", False)]
)
def test_the_invited_and_accepted_host_reads_a_restricted_request(
    status, reads, restricted, jamaica, host_institution, host_jm, focal_jm, partner, client_for
):
    HostInvitationFactory(request=restricted, state=jamaica, institution=host_institution, status=status)
    for user in (host_jm, focal_jm):
        assert AssistanceRequest.objects.for_user(user).filter(pk=restricted.pk).exists() is reads
        assert client_for(user).get(restricted.get_absolute_url()).status_code == (200 if reads else 404)
    assert client_for(partner).get(restricted.get_absolute_url()).status_code == 404


def test_a_coordinator_of_another_institution_does_not_read_it(restricted, jamaica, uncoordinated, host_jm):
    HostInvitationFactory(request=restricted, state=jamaica, institution=uncoordinated, status="accepted")
    # The focal point of Jamaica does, through the state; Jamaica Customs' coordinator does not.
    assert not AssistanceRequest.objects.for_user(host_jm).filter(pk=restricted.pk).exists()


def test_the_accepted_expert_reads_the_request(restricted, expert, expert_person):
    ExpertInvitationFactory(request=restricted, person=expert_person, status="accepted")
    assert AssistanceRequest.objects.for_user(expert).filter(pk=restricted.pk).exists()


def test_lists_keep_one_row_per_request_however_many_invitations(belize, jamaica, trinidad, focal_jm, host_jm):
    shared = AssistanceRequestFactory(state=belize, status=Status.MATCHING)
    HostInvitationFactory(request=shared, state=jamaica, status="declined")
    HostInvitationFactory(request=shared, state=jamaica, status="withdrawn")
    HostInvitationFactory(request=shared, state=trinidad, status="invited")
    HostInvitationFactory(request=shared, state=jamaica, status="accepted")
    for user in (focal_jm, host_jm):
        rows = list(AssistanceRequest.objects.for_user(user).filter(state=belize).values_list("pk", flat=True))
        assert rows.count(shared.pk) == 1


# --- who answers ----------------------------------------------------------------------------


def test_the_focal_point_answers_for_an_institution_without_a_coordinator(
    restricted, officer, focal_jm, focal_bz, uncoordinated, client_for, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(restricted, officer, uncoordinated)
    invited = [message.to for message in mail.outbox if "Invitation to host" in message.subject]
    assert invited == [[focal_jm.email]]
    page = client_for(focal_jm).get(reverse("matching:invitation_list")).content.decode()
    assert f'action="{reverse("matching:host_invitation_respond", args=[invitation.pk])}"' in page
    assert "Read the whole request" in page  # and the link the card gives opens
    assert client_for(focal_jm).get(restricted.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role,has_link", [("focal_jm", True), ("host_jm", True), ("expert", True), ("partner", False)])
def test_everyone_who_may_answer_has_the_invitations_link(role, has_link, persona):
    labels = [str(entry.label) for entry in menu_for(persona(role))]
    assert ("Invitations" in labels) is has_link


def test_the_home_page_counts_the_invitations_waiting_for_ones_answer(
    restricted, officer, focal_jm, host_jm, jamaica, uncoordinated, host_institution, client_for
):
    invite(restricted, officer, uncoordinated)
    HostInvitationFactory(state=jamaica, institution=host_institution, status="declined")

    def waiting(user):
        return {str(c.label): c.count for c in home_counters_for(user)}.get("invitations waiting for your answer")

    assert waiting(focal_jm) == 1
    assert waiting(host_jm) == 0  # the open one is to another institution
    assert waiting(officer) is None  # the secretariat invites; it is never the invitee
    assert "invitations waiting for your answer" in client_for(focal_jm).get("/").content.decode()


def test_the_matches_page_says_who_can_answer_before_inviting(client_for, demo_officer, belize_request):
    from accounts.models import User

    # Nobody signs in for Jamaica's institutions: its focal points answer for them.
    User.objects.filter(role=Role.HOST_COORDINATOR, institution__state__iso_code="JM").update(is_active=False)
    page = client_for(demo_officer).get(reverse("matching:request_matches", args=[belize_request.pk]))
    html = page.content.decode()
    jamaica = html[html.index('data-candidate="JM"') :]
    jamaica = jamaica[: jamaica.index("</article>")]
    focal_points = User.objects.filter(role=Role.FOCAL_POINT, member_state__iso_code="JM", is_active=True)
    assert focal_points.exists() and all(str(user) in jamaica for user in focal_points)
    assert "no host-coordinator account; the state's focal points answer for it" in jamaica


def test_nobody_to_answer_is_said_plainly(client_for, demo_officer, belize_request):
    from accounts.models import User

    User.objects.filter(role__in=[Role.FOCAL_POINT, Role.HOST_COORDINATOR]).exclude(member_state__iso_code="BZ").update(
        is_active=False
    )
    html = client_for(demo_officer).get(reverse("matching:request_matches", args=[belize_request.pk])).content
    assert "nobody can answer an invitation yet" in html.decode()


# --- accepting ------------------------------------------------------------------------------


def test_accepting_names_a_contact_and_proposes_dates(
    restricted, officer, host_jm, focal_bz, host_institution, jamaica, client_for, django_capture_on_commit_callbacks
):
    invitation = invite(restricted, officer, host_institution)
    contact = PersonFactory(state=jamaica, full_name="Marsha Reid", email="marsha.reid@jca.gov.jm", phone="+1 876 555")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(host_jm).post(
            reverse("matching:host_invitation_respond", args=[invitation.pk]),
            {
                "decision": "accept",
                "contact_person": contact.pk,
                "proposed_start": "2027-02-08",
                "proposed_end": "2027-02-12",
                "conditions": "Four officials at most.",
            },
        )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.contact_person == contact
    assert invitation.contact == {"name": str(contact), "email": contact.email, "phone": contact.phone}
    # Officer, requesting focal point and the host's other people are told; not the one who clicked.
    told = {address for message in mail.outbox for address in message.to}
    assert {officer.email, focal_bz.email} <= told and host_jm.email not in told
    body = next(message.body for message in mail.outbox if focal_bz.email in message.to)
    assert "marsha.reid@jca.gov.jm" in body and "What happens next" in body and restricted.get_absolute_url() in body
    # The request page shows the confirmed host, the contact and what happens next, to each of them.
    for user in (host_jm, focal_bz, officer):
        html = client_for(user).get(restricted.get_absolute_url()).content.decode()
        assert "data-confirmed-host" in html and "Jamaica Customs Agency" in html
        assert "marsha.reid@jca.gov.jm" in html and "data-next-step" in html


def test_a_typed_contact_wins_over_the_persons_details(restricted, officer, host_jm, host_institution):
    invitation = invite(restricted, officer, host_institution)
    services.host_invitation_answer(
        invitation_id=invitation.pk,
        actor=host_jm,
        accept=True,
        contact_name="Desk officer",
        contact_email="desk@jca.gov.jm",
        contact_phone="",
    )
    invitation.refresh_from_db()
    assert invitation.contact == {"name": "Desk officer", "email": "desk@jca.gov.jm", "phone": ""}


def test_a_french_speaking_focal_point_is_told_in_french(
    restricted, officer, host_jm, focal_bz, host_institution, django_capture_on_commit_callbacks
):
    import datetime

    focal_bz.preferred_language = "fr"
    focal_bz.save(update_fields=["preferred_language"])
    invitation = invite(restricted, officer, host_institution)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.host_invitation_answer(
            invitation_id=invitation.pk, actor=host_jm, accept=True, proposed_start=datetime.date(2027, 2, 8)
        )
    french = next(message for message in mail.outbox if focal_bz.email in message.to)
    english = next(message for message in mail.outbox if officer.email in message.to)
    assert "8 février 2027" in french.body and "8 February 2027" in english.body


def test_withdrawing_tells_the_host_the_officer_and_the_requesting_focal_point(
    restricted, officer, host_jm, focal_bz, focal_jm, host_institution, admin, django_capture_on_commit_callbacks
):
    invitation = invite(restricted, officer, host_institution)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.host_invitation_withdraw(invitation_id=invitation.pk, actor=admin, reason="Dates moved.")
    told = {address for message in mail.outbox for address in message.to}
    assert told == {officer.email, focal_bz.email, focal_jm.email, host_jm.email}
    assert all("Withdrawn" in message.subject and "Dates moved." in message.body for message in mail.outbox)


# --- history --------------------------------------------------------------------------------


def test_history_lines_are_events_read_in_the_readers_language(restricted, officer, jamaica, uncoordinated):
    """A French-speaking officer invites; the log keeps the event, and each reader reads it in
    their own language, on the change history and in the timeline of the status moves."""
    from core.history import history_for
    from core.workflow import transitions_of

    officer.preferred_language = "fr"
    officer.save(update_fields=["preferred_language"])
    with translation.override("fr"):
        invite(restricted, officer, uncoordinated)
    entry = LogEntry.objects.get_for_object(restricted).filter(additional_data__event="matching.host_invited").get()
    host = "Jamaica (University Council of Jamaica)"
    assert entry.additional_data["params"] == {"name": host}
    assert entry.changes_dict == {"Host invitation": ["", f"{host}: invited"]}  # the raw log: the site's language
    move = [record for record in transitions_of(restricted) if record.to_status == Status.MATCHING][-1]
    for language, line, reason in (
        ("en", ("Host invitation", f"{host}: invited"), f"Invited {host} to host."),
        ("fr", ("Invitation à accueillir", f"{host} : invité"), f"{host} a été invité à accueillir."),
    ):
        with translation.override(language):
            [shown] = [e for e in history_for(restricted) if e.pk == entry.pk]
            assert shown.shown_changes == [line], language
            assert move.event_text == reason, language


# --- refusals -------------------------------------------------------------------------------


@pytest.fixture
def refusing_guard():
    """A rule that refuses to confirm any host, registered for the test only."""
    from assistance.workflow import request_workflow
    from core.workflow import InvalidTransition

    def refuse(record, move):
        raise InvalidTransition("The host cannot be confirmed today.")

    request_workflow.add_guard(Status.HOST_CONFIRMED, refuse)
    yield
    request_workflow.remove_guard(Status.HOST_CONFIRMED, refuse)


def test_a_move_the_workflow_refuses_is_a_409_in_the_api_and_the_message_on_the_page(
    refusing_guard, restricted, officer, host_jm, host_institution, api_client_for, client_for
):
    invitation = invite(restricted, officer, host_institution)
    response = api_client_for(host_jm).post(f"/api/v1/host-invitations/{invitation.pk}/accept/", {}, format="json")
    assert response.status_code == 409 and response.json() == {"detail": "The host cannot be confirmed today."}
    page = client_for(host_jm).post(
        reverse("matching:host_invitation_respond", args=[invitation.pk]), {"decision": "accept"}
    )
    assert page.status_code == 400 and "The host cannot be confirmed today." in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


# --- weights --------------------------------------------------------------------------------


def test_moving_a_weight_never_puts_the_security_token_in_the_address(client_for, demo_officer, belize_request):
    html = client_for(demo_officer).get(reverse("matching:request_matches", args=[belize_request.pk])).content.decode()
    get_form = html[html.index('id="weights-form"') :]
    get_form = get_form[: get_form.index("</form>")]
    assert "csrfmiddlewaretoken" not in get_form
    keep = html[html.index('id="weights-keep"') :]
    keep = keep[: keep.index("</form>")]
    assert "csrfmiddlewaretoken" in keep and 'name="cost"' in keep


def test_the_api_keeps_and_reads_the_weights(api_client_for, officer, focal_bz, approved):
    url = f"/api/v1/requests/{approved.pk}/match-weights/"
    response = api_client_for(officer).put(url, {"cost": 9, "include_developing": True}, format="json")
    assert response.status_code == 200 and response.json()["cost"] == 9 and response.json()["include_developing"]
    assert api_client_for(officer).get(url).json()["cost"] == 9
    assert api_client_for(focal_bz).put(url, {"cost": 1}, format="json").status_code == 403


def test_a_new_user_without_an_account_elsewhere_is_not_an_answerer(jamaica):
    coordinator = UserFactory(role=Role.HOST_COORDINATOR, institution=InstitutionFactory(state=jamaica))
    assert home_counters_for(coordinator)[-1].count == 0


def test_when_another_host_accepts_only_the_other_invitee_hears_of_the_withdrawal(
    restricted, officer, host_jm, focal_bz, host_institution, trinidad, django_capture_on_commit_callbacks
):
    focal_tt = UserFactory(role=Role.FOCAL_POINT, member_state=trinidad)
    invitation = invite(restricted, officer, host_institution)
    services.host_invitation_create(assistance_request_id=restricted.pk, state_id=trinidad.pk, actor=officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=True)
    withdrawn = [message.to for message in mail.outbox if message.subject.startswith("Withdrawn")]
    assert withdrawn == [[focal_tt.email]]


def test_an_invitation_card_links_to_its_request_only_while_the_link_opens(
    restricted, jamaica, host_institution, host_jm, client_for
):
    open_one = HostInvitationFactory(request=restricted, state=jamaica, institution=host_institution)
    html = client_for(host_jm).get(reverse("matching:invitation_list")).content.decode()
    assert html.count("data-request-link") == 1
    open_one.status = InvitationStatus.WITHDRAWN
    open_one.reason = "Dates moved."
    open_one.save()
    html = client_for(host_jm).get(reverse("matching:invitation_list")).content.decode()
    assert "data-request-link" not in html and "Dates moved." in html


def test_inviting_where_nobody_signs_in_says_the_answer_is_to_be_recorded(
    client_for, officer, approved, trinidad, focal_jm
):
    response = client_for(officer).post(
        reverse("matching:host_invite", args=[approved.pk]), {"state": trinidad.pk}, follow=True
    )
    assert "Nobody at Trinidad and Tobago signs in to Attaché yet" in response.content.decode()
    response = client_for(officer).post(
        reverse("matching:host_invite", args=[approved.pk]), {"state": focal_jm.member_state_id}, follow=True
    )
    assert "invitation sent" in response.content.decode() and "signs in to Attaché yet" not in response.content.decode()
