import datetime

import pytest

from activities.choices import ActivityStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory
from community.tests.factories import PersonFactory


@pytest.fixture
def closed_activity(officer, belize, jamaica, host_institution, expert_person):
    """A closed workshop hosted by the Jamaica Customs Agency for Belize, ended 10 days ago:
    three Belizean participants present, one expert; Dwayne Clarke is its officer."""
    end = datetime.date.today() - datetime.timedelta(days=10)
    activity = ActivityFactory(
        title="Workshop on risk management at the border",
        status=ActivityStatus.CLOSED,
        host_state=jamaica,
        host_institution=host_institution,
        start_date=end - datetime.timedelta(days=2),
        end_date=end,
        officer=officer,
        states=[belize],
        experts=[expert_person],
    )
    host_institution.email = "training@jca.gov.jm"
    host_institution.save(update_fields=["email"])
    for n in range(3):
        person = PersonFactory(state=belize, institution__state=belize, email=f"official{n}@customs.gov.bz")
        nomination = NominationFactory(activity=activity, state=belize, person=person, post=person.post, confirmed=True)
        AttendanceFactory(nomination=nomination, day=activity.start_date)
    return activity
