"""Fixtures shared by the people, attendance and certificate tests: Belize's planned attachment
to the Jamaica Customs Agency (the host coordinator's institution), six Belizean officials, and
a nominee with an account of their own. Imported with `from activities.tests.people_setup import *`."""

import pytest

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from activities.choices import ActivityStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from community.tests.factories import PersonFactory

__all__ = ["attachment", "bz_officials", "delivered", "nominee_user", "participants"]


@pytest.fixture
def attachment(belize, jamaica, host_institution):
    return ActivityFactory(
        title="Attachment on customs risk management",
        host_state=jamaica,
        host_institution=host_institution,
        states=[belize],
        status=ActivityStatus.PLANNED,
    )


@pytest.fixture
def bz_officials(belize):
    return [PersonFactory(institution__state=belize) for _ in range(6)]


@pytest.fixture
def participants(attachment, bz_officials):
    """Three confirmed Belizean participants and one still proposed."""
    confirmed = [
        NominationFactory(activity=attachment, state=attachment.states.get(), person=person, confirmed=True)
        for person in bz_officials[:3]
    ]
    NominationFactory(activity=attachment, state=attachment.states.get(), person=bz_officials[3])
    return confirmed


@pytest.fixture
def delivered(attachment, participants):
    """The attachment delivered: the first two participants came every day, the third never."""
    attachment.status = ActivityStatus.DELIVERED
    attachment.save(update_fields=["status"])
    for nomination in participants[:2]:
        for day in attachment.days:
            AttendanceFactory(nomination=nomination, day=day, present=True)
    for day in attachment.days:
        AttendanceFactory(nomination=participants[2], day=day, present=False)
    return attachment


@pytest.fixture
def nominee_user(participants):
    """The first participant signs in with an account linked to their profile."""
    return UserFactory(role=Role.EXPERT, person=participants[0].person)
