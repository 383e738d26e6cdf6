"""The people and records the scale-out test acts with, written into its database by a separate
process (`python -c "...seed()"`), which prints them as JSON for the test to read."""

import json

from rest_framework.authtoken.models import Token

from accounts.choices import Role
from accounts.tests.factories import PASSWORD, UserFactory
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory


def seed() -> None:
    belize = MemberStateFactory.for_iso("BZ")
    area = CapabilityAreaFactory()
    focal_point = UserFactory(role=Role.FOCAL_POINT, member_state=belize, email="focal@deploy.example")
    officers = [UserFactory(officer=True, email=f"officer-{n}@deploy.example") for n in (1, 2)]
    print(
        json.dumps(
            {
                "state": belize.pk,
                "area": area.code,
                "focal_point": {"pk": focal_point.pk, "email": focal_point.email},
                "officers": [{"email": o.email, "token": Token.objects.create(user=o).key} for o in officers],
                "password": PASSWORD,
            }
        )
    )
