"""Records the activity tests share: Belize's request whose host (the Jamaica Customs Agency)
is confirmed, with a window in June 2027 that holds no Jamaican public holiday."""

import datetime

import pytest

from assistance.choices import Modality, Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import CapabilityAreaFactory
from matching.choices import InvitationStatus
from matching.tests.factories import HostInvitationFactory

WINDOW = (datetime.date(2027, 6, 7), datetime.date(2027, 6, 25))  # Monday 7 to Friday 25 June


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(name="Accreditation of qualifications")


@pytest.fixture
def confirmed_request(belize, jamaica, host_institution, area, officer):
    assistance_request = AssistanceRequestFactory(
        state=belize,
        status=Status.HOST_CONFIRMED,
        title="Accreditation procedures for the National Accreditation Council",
        modality=Modality.ATTACHMENT,
        window_start=WINDOW[0],
        window_end=WINDOW[1],
        host_state=jamaica,
        host_institution=host_institution,
        assigned_officer=officer,
        areas=[area],
    )
    HostInvitationFactory(
        request=assistance_request, state=jamaica, institution=host_institution, status=InvitationStatus.ACCEPTED
    )
    return assistance_request
