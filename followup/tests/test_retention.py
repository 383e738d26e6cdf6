"""Whether trained officials still hold their post (from the registry's post history), and the
alert when one moves."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from activities.tests.factories import AttendanceFactory, NominationFactory
from community.services import person_reassign
from followup.selectors import retention_by

pytestmark = pytest.mark.django_db


def reassign(person, officer, days_after_end, activity):
    return person_reassign(
        person_id=person.pk,
        post="Head of the new border agency",
        institution=person.institution,
        start_date=activity.end_date + datetime.timedelta(days=days_after_end),
        actor=officer,
    )


def test_share_still_in_post_per_activity_and_per_state(closed_activity, officer, belize):
    assert retention_by(key="activity")[closed_activity.pk].as_dict() == {"trained": 3, "in_post": 3, "share": 1.0}
    moved = closed_activity.nominations.first().person
    reassign(moved, officer, 30, closed_activity)
    assert retention_by(key="activity")[closed_activity.pk].as_dict() == {"trained": 3, "in_post": 2, "share": 0.67}
    assert retention_by(key="state")[belize.pk].in_post == 2


def test_only_officials_present_at_a_closed_activity_count(closed_activity, belize):
    NominationFactory(activity=closed_activity, state=belize, confirmed=True)  # no attendance
    absent = NominationFactory(activity=closed_activity, state=belize, confirmed=True)
    AttendanceFactory(nomination=absent, day=closed_activity.start_date, present=False)
    NominationFactory(activity=closed_activity, state=belize)  # proposed only
    assert retention_by(key="activity")[closed_activity.pk].trained == 3
    closed_activity.status = "delivered"
    closed_activity.save(update_fields=["status"])
    assert retention_by(key="activity") == {}


def test_a_post_change_before_the_activity_does_not_count(closed_activity, officer):
    person = closed_activity.nominations.first().person
    reassign(person, officer, -30, closed_activity)
    assert retention_by(key="activity")[closed_activity.pk].in_post == 3


def test_the_officer_and_the_states_focal_points_are_told_when_a_trained_official_moves(
    closed_activity, officer, focal_bz, focal_jm, mailoutbox, django_capture_on_commit_callbacks
):
    other_focal_bz = UserFactory(role="focal_point", member_state=focal_bz.member_state)
    person = closed_activity.nominations.first().person
    with django_capture_on_commit_callbacks(execute=True):
        reassign(person, officer, 30, closed_activity)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, focal_bz.email, other_focal_bz.email])
    assert person.full_name in mailoutbox[0].subject
    assert closed_activity.title in mailoutbox[0].body


def test_no_alert_for_someone_never_trained(registry, officer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person_reassign(
            person_id=registry.person_bz_shared.pk,
            post="Minister",
            institution=None,
            start_date=datetime.date.today(),
            actor=officer,
        )
    assert mailoutbox == []


def test_the_retention_shows_on_the_activity_tab_and_the_state_page(closed_activity, officer, client_for, belize):
    person = closed_activity.nominations.first().person
    reassign(person, officer, 30, closed_activity)
    client = client_for(officer)
    tab = client.get(reverse("followup:activity_evaluation", args=[closed_activity.pk])).content.decode()
    assert "2 of 3 officials trained still hold the post they had." in tab
    state = client.get(belize.get_absolute_url()).content.decode()
    assert "data-state-retention" in state and "2 of 3" in state
