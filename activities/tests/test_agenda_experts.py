"""Experts assigned to an activity from its agenda page: the secretariat only, within the cap
of a modality that counts experts (an expert mission takes 1–2)."""

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from assistance.choices import Modality
from community.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _add(activity):
    return reverse("activities:activity_expert_add", args=[activity.pk])


def test_the_officer_assigns_and_removes_an_expert(client_for, officer, expert_person):
    activity = ActivityFactory()
    client = client_for(officer)
    page = client.get(reverse("activities:activity_agenda", args=[activity.pk])).content.decode()
    # Thousands of experts: chosen by search (core.choosers), not listed.
    assert 'id="experts"' in page and 'hx-get="/choices/community.person/' in page
    assert expert_person.full_name not in page
    response = client.post(_add(activity), {"person": expert_person.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "assigned to this activity" in response.content.decode()
    assert list(activity.experts.all()) == [expert_person]
    remove = reverse("activities:activity_expert_remove", args=[activity.pk, expert_person.pk])
    assert client.post(remove).status_code == 302
    assert not activity.experts.exists()


def test_a_host_coordinator_prepares_the_agenda_but_does_not_assign_experts(
    client_for, host_jm, host_institution, expert_person
):
    activity = ActivityFactory(host_institution=host_institution)
    page = client_for(host_jm).get(reverse("activities:activity_agenda", args=[activity.pk])).content.decode()
    assert "Add a session" in page and 'id="experts"' not in page
    assert client_for(host_jm).post(_add(activity), {"person": expert_person.pk}).status_code == 403
    assert not activity.experts.exists()


def test_an_expert_mission_takes_at_most_two_experts(client_for, officer):
    first, second, third = (PersonFactory(expert=True) for _ in range(3))
    mission = ActivityFactory(modality=Modality.EXPERT_MISSION, experts=[first, second])
    response = client_for(officer).post(_add(mission), {"person": third.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "An expert mission takes at most 2 expert(s)" in response.content.decode()
    assert mission.experts.count() == 2


def test_an_attachment_has_no_expert_cap(client_for, officer):
    people = [PersonFactory(expert=True) for _ in range(3)]
    attachment = ActivityFactory(experts=people[:2])
    assert client_for(officer).post(_add(attachment), {"person": people[2].pk}).status_code == 302
    assert attachment.experts.count() == 3
