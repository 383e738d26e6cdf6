"""Nominations: who may nominate for which state, the caps of each modality, the same person
twice, the open window; the officer's confirmation, the focal point's withdrawal, the
participant's own confirmation and the focal point's notice."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.urls import reverse

from activities import services_people as people
from activities.choices import ActivityStatus, NominationStatus
from activities.models import Nomination
from activities.tests.factories import ActivityFactory, NominationFactory
from activities.tests.people_setup import *  # noqa: F403
from assistance.choices import Modality
from community.models import Person
from community.tests.factories import PersonFactory
from core.workflow import InvalidTransition, TransitionForbidden

N = NominationStatus


def nominate(actor, activity, person, *, state=None, **extra):
    values = {"post": "Customs officer", "reason": "Leads the risk unit's reform.", **extra}
    return people.nomination_create(
        actor=actor,
        activity_id=activity.pk,
        state_id=(state or person.state).pk,
        person_id=person.pk,
        **values,
    )


def refusal(error: ValidationError) -> dict:
    return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}


# --- who nominates for which state ------------------------------------------------------------


def test_the_focal_point_nominates_an_official_of_their_state(focal_bz, attachment, bz_officials):
    nomination = nominate(focal_bz, attachment, bz_officials[0])
    assert (nomination.status, nomination.nominated_by, nomination.state.iso_code) == (N.PROPOSED, focal_bz, "BZ")
    assert nomination.person == bz_officials[0]


def test_a_focal_point_never_nominates_for_another_state_taking_part(focal_bz, jamaica, attachment):
    attachment.states.add(jamaica)
    jamaican = PersonFactory(institution__state=jamaica)
    with pytest.raises(PermissionDenied, match="your own state only"):
        nominate(focal_bz, attachment, jamaican, state=jamaica)
    assert not Nomination.objects.exists()


def test_a_focal_point_whose_state_does_not_take_part_may_not_nominate(focal_jm, jamaica, attachment):
    with pytest.raises(PermissionDenied):
        nominate(focal_jm, attachment, PersonFactory(institution__state=jamaica), state=jamaica)


@pytest.mark.parametrize("role", ["host_jm", "expert", "partner"])
def test_other_roles_never_nominate(persona, role, attachment, bz_officials):
    with pytest.raises(PermissionDenied):
        nominate(persona(role), attachment, bz_officials[0])


def test_the_secretariat_nominates_for_any_state_taking_part_only(officer, attachment, bz_officials, trinidad):
    assert nominate(officer, attachment, bz_officials[0]).state.iso_code == "BZ"
    with pytest.raises(ValidationError) as refused:
        nominate(officer, attachment, PersonFactory(institution__state=trinidad), state=trinidad)
    assert refusal(refused.value) == {"state": ["This state does not take part in this activity."]}


def test_the_nominee_must_be_of_the_nominating_state(focal_bz, attachment, jamaica):
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, attachment, PersonFactory(institution__state=jamaica), state=attachment.states.get())
    assert refusal(refused.value) == {"person": ["Choose an official of Belize."]}


def test_a_typed_nominee_joins_the_state_s_people_with_their_post(focal_bz, belize, attachment):
    nomination = people.nomination_create(
        actor=focal_bz,
        activity_id=attachment.pk,
        state_id=belize.pk,
        full_name="Marisol Tzib",
        email="m.tzib@customs.gov.bz",
        post="Senior customs examiner",
        reason="Runs the border post's risk profiling.",
    )
    person = Person.objects.get(full_name="Marisol Tzib")
    assert (nomination.person, person.state, person.post, person.visibility) == (
        person,
        belize,
        "Senior customs examiner",
        "restricted",
    )


def test_a_nomination_needs_someone_a_post_and_a_reason(focal_bz, belize, attachment):
    with pytest.raises(ValidationError) as refused:
        people.nomination_create(actor=focal_bz, activity_id=attachment.pk, state_id=belize.pk, post="", reason="")
    assert refusal(refused.value) == {"person": ["Choose an official, or type the name of a new one."]}
    with pytest.raises(ValidationError) as refused:
        people.nomination_create(
            actor=focal_bz, activity_id=attachment.pk, state_id=belize.pk, full_name="A. Name", post="", reason=""
        )
    assert set(refusal(refused.value)) == {"post", "reason"}
    assert not Person.objects.filter(full_name="A. Name").exists()


def test_the_same_person_is_not_nominated_twice_until_their_seat_is_free(focal_bz, officer, attachment, bz_officials):
    first = nominate(focal_bz, attachment, bz_officials[0])
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, attachment, bz_officials[0])
    assert refusal(refused.value) == {
        "person": [f"{bz_officials[0].full_name} is already nominated for this activity."]
    }
    people.nomination_transition(actor=focal_bz, nomination_id=first.pk, to=N.WITHDRAWN)
    assert nominate(focal_bz, attachment, bz_officials[0]).status == N.PROPOSED


@pytest.mark.parametrize("status", [ActivityStatus.IN_DELIVERY, ActivityStatus.DELIVERED, ActivityStatus.CANCELLED])
def test_nominations_close_once_the_activity_is_under_way(focal_bz, attachment, bz_officials, status):
    attachment.status = status
    attachment.save(update_fields=["status"])
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, attachment, bz_officials[0])
    assert NON_FIELD_ERRORS in refused.value.message_dict


# --- caps ---------------------------------------------------------------------------------------------


def test_an_attachment_takes_five_officials_and_refuses_a_sixth_naming_the_cap(focal_bz, attachment, bz_officials):
    for person in bz_officials[:5]:
        nominate(focal_bz, attachment, person)
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, attachment, bz_officials[5])
    assert refusal(refused.value) == {
        NON_FIELD_ERRORS: ["An attachment takes at most 5 officials; 5 are already nominated."]
    }


def test_a_declined_or_withdrawn_nomination_frees_its_seat(focal_bz, officer, attachment, bz_officials):
    nominations = [nominate(focal_bz, attachment, person) for person in bz_officials[:5]]
    people.nomination_transition(actor=officer, nomination_id=nominations[0].pk, to=N.DECLINED, comment="Not eligible")
    assert nominate(focal_bz, attachment, bz_officials[5]).status == N.PROPOSED


def test_a_study_visit_takes_three_then_five_with_a_written_justification(officer, focal_bz, belize, bz_officials):
    visit = ActivityFactory(modality=Modality.STUDY_VISIT, states=[belize])
    for person in bz_officials[:3]:
        nominate(focal_bz, visit, person)
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, visit, bz_officials[3])
    assert refusal(refused.value) == {
        "justification": [
            "A study visit takes 3 officials, up to 5 with a written justification; 3 are already nominated. "
            "Say why a larger group is needed."
        ]
    }
    why = "Two inspectors open the new port office next year."
    nominate(focal_bz, visit, bz_officials[3], justification=why)
    nominate(focal_bz, visit, bz_officials[4], justification=why)
    with pytest.raises(ValidationError) as refused:
        nominate(focal_bz, visit, bz_officials[5], justification=why)
    assert refusal(refused.value) == {
        NON_FIELD_ERRORS: ["A study visit takes at most 5 officials; 5 are already nominated."]
    }


def test_an_expert_mission_does_not_cap_the_officials_who_receive_it(focal_bz, belize, bz_officials):
    mission = ActivityFactory(modality=Modality.EXPERT_MISSION, states=[belize])
    for person in bz_officials:
        nominate(focal_bz, mission, person)
    assert mission.nominations.count() == 6


# --- confirmation ------------------------------------------------------------------------------------


def test_the_officer_confirms_and_the_focal_point_hears_of_it(
    officer, focal_bz, attachment, bz_officials, django_capture_on_commit_callbacks, mailoutbox
):
    nomination = nominate(focal_bz, attachment, bz_officials[0])
    with django_capture_on_commit_callbacks(execute=True):
        people.nomination_transition(actor=officer, nomination_id=nomination.pk, to=N.CONFIRMED)
    nomination.refresh_from_db()
    assert nomination.status == N.CONFIRMED
    (message,) = [m for m in mailoutbox if focal_bz.email in m.to]
    assert bz_officials[0].full_name in message.subject and "confirmed" in message.subject
    assert f"/activities/{attachment.pk}/people/" in message.body


def test_declining_needs_a_reason_and_tells_the_focal_point_why(
    officer, focal_bz, attachment, bz_officials, django_capture_on_commit_callbacks, mailoutbox
):
    nomination = nominate(focal_bz, attachment, bz_officials[0])
    with pytest.raises(InvalidTransition):
        people.nomination_transition(actor=officer, nomination_id=nomination.pk, to=N.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        people.nomination_transition(
            actor=officer, nomination_id=nomination.pk, to=N.DECLINED, comment="Already trained in 2024."
        )
    (message,) = [m for m in mailoutbox if focal_bz.email in m.to]
    assert "Already trained in 2024." in message.body


@pytest.mark.parametrize(
    ("role", "to", "allowed"),
    [
        ("officer", N.CONFIRMED, True),
        ("focal_bz", N.CONFIRMED, False),
        ("focal_bz", N.WITHDRAWN, True),
        ("focal_jm", N.WITHDRAWN, False),
        ("host_jm", N.CONFIRMED, False),
        ("expert", N.WITHDRAWN, False),
        ("partner", N.WITHDRAWN, False),
    ],
)
def test_who_moves_a_nomination(persona, role, to, allowed, attachment, bz_officials, focal_bz):
    nomination = nominate(focal_bz, attachment, bz_officials[0])
    if allowed:
        assert people.nomination_transition(actor=persona(role), nomination_id=nomination.pk, to=to).status == to
    else:  # refused, or not even found among the nominations they may see
        with pytest.raises((TransitionForbidden, Nomination.DoesNotExist)):
            people.nomination_transition(actor=persona(role), nomination_id=nomination.pk, to=to)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("nominee_user", True), ("focal_bz", True), ("officer", True), ("focal_jm", False), ("partner", False)],
)
def test_the_participant_or_their_focal_point_confirms_participation(persona, role, allowed, participants):
    nomination = participants[0]
    if allowed:
        people.nomination_participant_confirm(actor=persona(role), nomination_id=nomination.pk)
        nomination.refresh_from_db()
        assert nomination.participant_confirmed_at is not None
    else:
        with pytest.raises(PermissionDenied):
            people.nomination_participant_confirm(actor=persona(role), nomination_id=nomination.pk)


def test_only_a_confirmed_nomination_is_confirmed_by_its_participant(focal_bz, attachment, bz_officials):
    nomination = NominationFactory(activity=attachment, person=bz_officials[0], state=attachment.states.get())
    with pytest.raises(ValidationError):
        people.nomination_participant_confirm(actor=focal_bz, nomination_id=nomination.pk)


# --- pages ----------------------------------------------------------------------------------------------


def test_the_focal_point_nominates_from_the_page_and_reads_the_seats(client_for, focal_bz, attachment, bz_officials):
    client = client_for(focal_bz)
    form_url = reverse("activities:nomination_create", args=[attachment.pk])
    page = client.get(form_url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["state"].queryset) == [attachment.states.get()]
    answer = client.post(
        form_url,
        {"state": attachment.states.get().pk, "person": bz_officials[0].pk, "post": "Examiner", "reason": "Risk unit"},
        follow=True,
    )
    assert answer.redirect_chain[-1][0] == reverse("activities:activity_people", args=[attachment.pk])
    content = answer.content.decode()
    assert "1 of 5 seats taken" in content and bz_officials[0].full_name in content


def test_a_sixth_nomination_is_refused_on_the_page_with_the_cap(client_for, focal_bz, attachment, bz_officials):
    for person in bz_officials[:5]:
        NominationFactory(activity=attachment, state=attachment.states.get(), person=person)
    page = client_for(focal_bz).post(
        reverse("activities:nomination_create", args=[attachment.pk]),
        {"state": attachment.states.get().pk, "person": bz_officials[5].pk, "post": "Examiner", "reason": "Risk unit"},
    )
    assert page.status_code == 400
    assert "An attachment takes at most 5 officials; 5 are already nominated." in page.content.decode()


@pytest.mark.parametrize(("role", "status"), [("focal_jm", 404), ("host_jm", 404), ("partner", 404), ("officer", 200)])
def test_the_nominate_page_is_for_those_who_nominate(client_for, persona, role, status, attachment):
    assert (
        client_for(persona(role)).get(reverse("activities:nomination_create", args=[attachment.pk])).status_code
        == status
    )


def test_the_people_page_offers_each_reader_their_moves(client_for, officer, focal_bz, attachment, bz_officials):
    nomination = NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    url = reverse("activities:activity_people", args=[attachment.pk])
    move_url = reverse("activities:nomination_move", args=[nomination.pk])
    officer_page = client_for(officer).get(url).content.decode()
    assert move_url in officer_page and 'value="confirmed"' in officer_page
    focal_page = client_for(focal_bz).get(url).content.decode()
    assert 'value="withdrawn"' in focal_page and 'value="confirmed"' not in focal_page
    answer = client_for(officer).post(move_url, {"to": "confirmed"})
    assert answer.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == N.CONFIRMED


def test_other_states_never_see_the_people_even_of_a_shared_activity(client_for, focal_jm, attachment, bz_officials):
    attachment.visibility = "shared"
    attachment.save(update_fields=["visibility"])
    NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    page = client_for(focal_jm).get(reverse("activities:activity_people", args=[attachment.pk]))
    assert page.status_code == 200
    assert bz_officials[0].full_name not in page.content.decode()


def test_a_refused_move_is_said_on_the_page(client_for, officer, attachment, bz_officials):
    nomination = NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    answer = client_for(officer).post(
        reverse("activities:nomination_move", args=[nomination.pk]), {"to": "declined"}, follow=True
    )
    assert "Say why in the comment." in answer.content.decode()


def test_nominations_are_settled_once_the_activity_is_over(client_for, officer, delivered, participants):
    with pytest.raises(InvalidTransition, match="over"):
        people.nomination_transition(actor=officer, nomination_id=participants[0].pk, to=N.WITHDRAWN)
    page = client_for(officer).get(reverse("activities:activity_people", args=[delivered.pk])).content.decode()
    assert reverse("activities:nomination_move", args=[participants[0].pk]) not in page


@pytest.mark.parametrize("role", ["officer", "focal_bz"])
def test_the_people_page_reads_as_many_rows_in_the_same_queries(client_for, persona, role, attachment, bz_officials):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(persona(role))
    url = reverse("activities:activity_people", args=[attachment.pk])

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[0])
    one = queries()
    for person in bz_officials[1:5]:
        NominationFactory(activity=attachment, state=attachment.states.get(), person=person)
    assert queries() == one
