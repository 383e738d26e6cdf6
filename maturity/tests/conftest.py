"""Personas of the maturity map: the secretariat, the focal points of Belize and Jamaica, and
the roles that may read the map but never record an assessment."""

import pytest
from rest_framework.test import APIClient

from community.choices import MembershipKind
from maturity.tests.factories import CapabilityAreaFactory, MemberStateFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def belize(db):
    return MemberStateFactory(
        iso_code="BZ", name="Belize", sub_region="Central America", membership=MembershipKind.FULL
    )


@pytest.fixture
def jamaica(db):
    return MemberStateFactory(
        iso_code="JM", name="Jamaica", sub_region="Greater Antilles", membership=MembershipKind.FULL
    )


@pytest.fixture
def accreditation(db):
    return CapabilityAreaFactory(
        code="accreditation-equivalency",
        name="Accreditation and equivalency",
        level_1="National accreditation body appointed but without procedures.",
        level_3="Accreditation body operating with published procedures.",
    )


@pytest.fixture
def officer(db):
    return UserFactory(officer=True, full_name="Marcus Thompson")


@pytest.fixture
def admin_user(db):
    return UserFactory(admin=True, full_name="Adrienne Clarke")


@pytest.fixture
def focal_bz(belize):
    return UserFactory(focal_point=True, member_state=belize, full_name="Elena Castillo")


@pytest.fixture
def focal_jm(jamaica):
    return UserFactory(focal_point=True, member_state=jamaica, full_name="Andre Campbell")


@pytest.fixture
def partner(db):
    return UserFactory(full_name="Sophie Laurent")


@pytest.fixture
def expert(db):
    return UserFactory(expert=True, full_name="Dwayne Morrison")


@pytest.fixture
def host_jm(jamaica):
    return UserFactory(host_coordinator=True, institution__state=jamaica, full_name="Patricia Reid")


@pytest.fixture
def api():
    return APIClient()
