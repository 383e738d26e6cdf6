"""Factories for the maturity map: member states, capability areas, users and assessments.

The maturity tests build their own registry records so they do not depend on the state of
the registry's test helpers; the defaults are realistic Caribbean ones."""

import datetime

import factory

from accounts.choices import Role
from accounts.models import User
from community.choices import InstitutionKind, MembershipKind
from community.models import CapabilityArea, Institution, MemberState
from core.documents import documents_attach
from core.models import DocumentKind, VisibilityChoices
from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment
from maturity.services import current_assessments_refresh

PASSWORD = "Soursop-Breadfruit-42"

# iso code → name, sub-region, membership
STATES = {
    "BZ": ("Belize", "Central America", MembershipKind.FULL),
    "JM": ("Jamaica", "Greater Antilles", MembershipKind.FULL),
    "BB": ("Barbados", "Windward Islands", MembershipKind.FULL),
    "TT": ("Trinidad and Tobago", "Southern Caribbean", MembershipKind.FULL),
    "GY": ("Guyana", "South America", MembershipKind.FULL),
    "LC": ("Saint Lucia", "Windward Islands", MembershipKind.FULL),
    "AI": ("Anguilla", "Leeward Islands", MembershipKind.ASSOCIATE),
    "BM": ("Bermuda", "North Atlantic", MembershipKind.ASSOCIATE),
}
EXTRA_CODES = [f"X{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWYZ"]
CODES = [code for code in STATES if code not in ("BZ", "JM")] + EXTRA_CODES


def _state(code: str, index: int, default):
    return STATES[code][index] if code in STATES else default


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: CODES[n % len(CODES)])
    name = factory.LazyAttribute(lambda o: _state(o.iso_code, 0, f"Island state {o.iso_code}"))
    sub_region = factory.LazyAttribute(lambda o: _state(o.iso_code, 1, "Lesser Antilles"))
    membership = factory.LazyAttribute(lambda o: _state(o.iso_code, 2, MembershipKind.FULL))
    single_market = True


AREA_NAMES = [
    ("labour-inspection", "Labour inspection"),
    ("labour-migration", "Labour migration"),
    ("public-employment-services", "Public employment services"),
    ("labour-market-information", "Labour market information"),
    ("occupational-safety-health", "Occupational safety and health"),
]


class CapabilityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapabilityArea

    code = factory.Sequence(lambda n: AREA_NAMES[n % len(AREA_NAMES)][0] + (f"-{n}" if n >= len(AREA_NAMES) else ""))
    name = factory.Sequence(lambda n: AREA_NAMES[n % len(AREA_NAMES)][1] + (f" {n}" if n >= len(AREA_NAMES) else ""))
    parent = None
    description = factory.LazyAttribute(lambda o: f"How well a state runs {o.name.lower()}.")
    level_0 = factory.LazyAttribute(lambda o: f"No {o.name.lower()} at all.")
    level_1 = factory.LazyAttribute(lambda o: f"{o.name}: ad-hoc work by individuals.")
    level_2 = factory.LazyAttribute(lambda o: f"{o.name}: some procedures, applied unevenly.")
    level_3 = factory.LazyAttribute(lambda o: f"{o.name}: documented procedures, applied across government.")
    level_4 = factory.LazyAttribute(lambda o: f"{o.name}: a model others in the region learn from.")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"University Council {n}")
    kind = InstitutionKind.ACCREDITATION_BODY
    state = factory.SubFactory(MemberStateFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A development partner unless a role is given."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@attache.example")
    full_name = factory.Sequence(lambda n: f"Keisha Williams {n}")
    role = Role.PARTNER
    password = factory.django.Password(PASSWORD)

    class Params:
        officer = factory.Trait(role=Role.OFFICER)
        admin = factory.Trait(role=Role.ADMIN)
        focal_point = factory.Trait(role=Role.FOCAL_POINT, member_state=factory.SubFactory(MemberStateFactory))
        host_coordinator = factory.Trait(role=Role.HOST_COORDINATOR, institution=factory.SubFactory(InstitutionFactory))
        expert = factory.Trait(role=Role.EXPERT)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaturityAssessment
        skip_postgeneration_save = True

    state = factory.SubFactory(MemberStateFactory)
    area = factory.SubFactory(CapabilityAreaFactory)
    level = 2
    method = AssessmentMethod.SECRETARIAT
    assessed_on = datetime.date(2025, 5, 12)
    assessor = "CARICOM Secretariat"
    evidence = "Monitoring questionnaire and site visit."
    visibility = VisibilityChoices.SHARED

    class Params:
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as `assessment_record` saves it: the map's current level follows."""
        assessment = super()._create(model_class, *args, **kwargs)
        current_assessments_refresh(pairs=[(assessment.state_id, assessment.area_id)])
        return assessment

    @factory.post_generation
    def evidence_file(self, create, upload, **kwargs):
        """`evidence_file=<upload>` attaches it as the assessment's evidence document."""
        if create and upload:
            documents_attach(record=self, uploads=[upload], uploaded_by=self.recorded_by, kind=DocumentKind.EVIDENCE)
