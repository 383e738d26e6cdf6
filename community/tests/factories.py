"""Factories for the community registry, one per model, with realistic Caribbean defaults."""

import datetime
import itertools
import string
from decimal import Decimal

import factory

from accounts.tests.factories import caribbean_name, email_local_part
from community import models
from community.choices import InstitutionKind, LegalTradition, MembershipKind, NetworkRole
from core.models import VisibilityChoices

# name, ISO code, membership, capital, sub-region, latitude, longitude, population, legal tradition
# fmt: off
STATES = {
    "AG": ("Antigua and Barbuda", MembershipKind.FULL, "St. John's", "Leeward Islands", "17.12740", "-61.84680", 93219, LegalTradition.COMMON_LAW),  # noqa: E501
    "BS": ("The Bahamas", MembershipKind.FULL, "Nassau", "Lucayan Archipelago", "25.04800", "-77.35500", 399314, LegalTradition.COMMON_LAW),  # noqa: E501
    "BB": ("Barbados", MembershipKind.FULL, "Bridgetown", "Windward Islands", "13.09750", "-59.61670", 281635, LegalTradition.COMMON_LAW),  # noqa: E501
    "BZ": ("Belize", MembershipKind.FULL, "Belmopan", "Central America", "17.25100", "-88.75900", 405272, LegalTradition.COMMON_LAW),  # noqa: E501
    "DM": ("Dominica", MembershipKind.FULL, "Roseau", "Windward Islands", "15.30100", "-61.38800", 72737, LegalTradition.COMMON_LAW),  # noqa: E501
    "GD": ("Grenada", MembershipKind.FULL, "St. George's", "Windward Islands", "12.05600", "-61.74900", 126183, LegalTradition.COMMON_LAW),  # noqa: E501
    "GY": ("Guyana", MembershipKind.FULL, "Georgetown", "South America", "6.80130", "-58.15510", 813834, LegalTradition.MIXED),  # noqa: E501
    "HT": ("Haiti", MembershipKind.FULL, "Port-au-Prince", "Greater Antilles", "18.59440", "-72.30740", 11724763, LegalTradition.CIVIL_LAW),  # noqa: E501
    "JM": ("Jamaica", MembershipKind.FULL, "Kingston", "Greater Antilles", "17.97120", "-76.79360", 2827377, LegalTradition.COMMON_LAW),  # noqa: E501
    "MS": ("Montserrat", MembershipKind.FULL, "Brades", "Leeward Islands", "16.79200", "-62.21000", 4386, LegalTradition.COMMON_LAW),  # noqa: E501
    "KN": ("Saint Kitts and Nevis", MembershipKind.FULL, "Basseterre", "Leeward Islands", "17.30260", "-62.71770", 47657, LegalTradition.COMMON_LAW),  # noqa: E501
    "LC": ("Saint Lucia", MembershipKind.FULL, "Castries", "Windward Islands", "14.01010", "-60.98750", 179651, LegalTradition.MIXED),  # noqa: E501
    "VC": ("Saint Vincent and the Grenadines", MembershipKind.FULL, "Kingstown", "Windward Islands", "13.15870", "-61.22480", 103698, LegalTradition.COMMON_LAW),  # noqa: E501
    "SR": ("Suriname", MembershipKind.FULL, "Paramaribo", "South America", "5.85200", "-55.20380", 623236, LegalTradition.CIVIL_LAW),  # noqa: E501
    "TT": ("Trinidad and Tobago", MembershipKind.FULL, "Port of Spain", "Southern Caribbean", "10.65490", "-61.50190", 1534937, LegalTradition.COMMON_LAW),  # noqa: E501
    "AI": ("Anguilla", MembershipKind.ASSOCIATE, "The Valley", "Leeward Islands", "18.21700", "-63.05700", 15753, LegalTradition.COMMON_LAW),  # noqa: E501
    "BM": ("Bermuda", MembershipKind.ASSOCIATE, "Hamilton", "North Atlantic", "32.29300", "-64.78200", 64055, LegalTradition.COMMON_LAW),  # noqa: E501
    "VG": ("British Virgin Islands", MembershipKind.ASSOCIATE, "Road Town", "Leeward Islands", "18.42800", "-64.61900", 31538, LegalTradition.COMMON_LAW),  # noqa: E501
    "KY": ("Cayman Islands", MembershipKind.ASSOCIATE, "George Town", "Greater Antilles", "19.29500", "-81.38100", 69310, LegalTradition.COMMON_LAW),  # noqa: E501
    "TC": ("Turks and Caicos Islands", MembershipKind.ASSOCIATE, "Cockburn Town", "Lucayan Archipelago", "21.46100", "-71.14100", 46062, LegalTradition.COMMON_LAW),  # noqa: E501
}
# fmt: on
OFFICIAL_LANGUAGES = {"HT": ["fr"], "SR": ["nl"]}  # everyone else: English

# The persona fixtures own these states; the default sequence never hands them out.
PERSONA_STATES = ("BZ", "JM", "TT")
OTHER_ISLANDS = [
    "Aruba",
    "Bonaire",
    "Curaçao",
    "Sint Maarten",
    "Saba",
    "Sint Eustatius",
    "Martinique",
    "Guadeloupe",
    "Saint Barthélemy",
    "Saint Martin",
    "Puerto Rico",
    "US Virgin Islands",
]
_REAL_CODES = [code for code in STATES if code not in PERSONA_STATES]
_SPARE_CODES = [a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in STATES]
STATE_CODE_POOL = _REAL_CODES + _SPARE_CODES


def _state_code(n: int) -> str:
    return STATE_CODE_POOL[n % len(STATE_CODE_POOL)]


def _state_name(code: str) -> str:
    if code in STATES:
        return STATES[code][0]
    k = _SPARE_CODES.index(code)
    island = OTHER_ISLANDS[k % len(OTHER_ISLANDS)]
    return island if k < len(OTHER_ISLANDS) else f"{island} {k // len(OTHER_ISLANDS) + 1}"


def _state_detail(code: str, index: int, default):
    return STATES[code][index] if code in STATES else default


class LanguageFactory(factory.django.DjangoModelFactory):
    """Languages are reference data: asking twice for a code gives the same row."""

    class Meta:
        model = models.Language
        django_get_or_create = ("code",)

    code = factory.Iterator(["en", "fr", "es", "nl", "ht", "pap"])
    name = factory.LazyAttribute(
        lambda o: {
            "en": "English",
            "fr": "French",
            "es": "Spanish",
            "nl": "Dutch",
            "ht": "Haitian Creole",
            "pap": "Papiamento",
        }.get(o.code, o.code.upper())
    )


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MemberState
        skip_postgeneration_save = True

    iso_code = factory.Sequence(_state_code)
    name = factory.LazyAttribute(lambda o: _state_name(o.iso_code))
    membership = factory.LazyAttribute(lambda o: _state_detail(o.iso_code, 1, MembershipKind.ASSOCIATE))
    capital = factory.LazyAttribute(lambda o: _state_detail(o.iso_code, 2, ""))
    sub_region = factory.LazyAttribute(lambda o: _state_detail(o.iso_code, 3, "Lesser Antilles"))
    latitude = factory.LazyAttribute(lambda o: Decimal(_state_detail(o.iso_code, 4, "12.50000")))
    longitude = factory.LazyAttribute(lambda o: Decimal(_state_detail(o.iso_code, 5, "-69.97000")))
    population = factory.LazyAttribute(lambda o: _state_detail(o.iso_code, 6, 100000))
    legal_tradition = factory.LazyAttribute(lambda o: _state_detail(o.iso_code, 7, LegalTradition.MIXED))
    single_market = factory.LazyAttribute(
        lambda o: o.membership == MembershipKind.FULL and o.iso_code not in ("BS", "MS", "HT")
    )

    @factory.post_generation
    def official_languages(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            self.official_languages.set(extracted)
            return
        codes = OFFICIAL_LANGUAGES.get(self.iso_code, ["en"])
        self.official_languages.set([LanguageFactory(code=code) for code in codes])

    @classmethod
    def for_iso(cls, code: str, **kwargs):
        """The real member state with this code, created once per test."""
        existing = models.MemberState.objects.filter(iso_code=code).first()
        return existing or cls(iso_code=code, **kwargs)


INSTITUTIONS = [
    ("Ministry of Labour", "MOL", InstitutionKind.MINISTRY),
    ("Ministry of Legal Affairs", "MLA", InstitutionKind.MINISTRY),
    ("Bureau of Standards", "BOS", InstitutionKind.AGENCY),
    ("National Accreditation Council", "NAC", InstitutionKind.ACCREDITATION_BODY),
    ("Statistical Institute", "STATIN", InstitutionKind.AGENCY),
    ("Attorney General's Chambers", "AGC", InstitutionKind.DEPARTMENT),
    ("Ministry of Health and Wellness", "MOHW", InstitutionKind.MINISTRY),
    ("Customs and Excise Department", "CED", InstitutionKind.DEPARTMENT),
    ("Financial Intelligence Unit", "FIU", InstitutionKind.AGENCY),
    ("National Training Agency", "NTA", InstitutionKind.AGENCY),
    ("National Committee on Migration", "NCM", InstitutionKind.NATIONAL_COMMITTEE),
    ("University College", "UC", InstitutionKind.UNIVERSITY),
]


def _institution(n: int, index: int):
    value = INSTITUTIONS[n % len(INSTITUTIONS)][index]
    if index == 0 and n >= len(INSTITUTIONS):
        value = f"{value} ({n // len(INSTITUTIONS) + 1})"
    return value


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Institution

    name = factory.Sequence(lambda n: _institution(n, 0))
    acronym = factory.Sequence(lambda n: _institution(n, 1))
    kind = factory.Sequence(lambda n: _institution(n, 2))
    state = factory.SubFactory(MemberStateFactory)
    parent = None
    description = factory.LazyAttribute(lambda o: f"The {o.name} of {o.state.name if o.state else 'the region'}.")
    website = factory.LazyAttribute(
        lambda o: f"https://{o.acronym.lower()}.gov.{o.state.iso_code.lower()}" if o.state else "https://example.org"
    )
    email = factory.LazyAttribute(
        lambda o: f"info@{o.acronym.lower()}.gov.{o.state.iso_code.lower()}" if o.state else "info@example.org"
    )
    visibility = VisibilityChoices.SHARED

    class Params:
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)


AREAS = [
    ("labour-migration", "Labour migration"),
    ("official-statistics", "Official statistics"),
    ("legislative-drafting", "Legislative drafting"),
    ("quality-accreditation", "Quality accreditation"),
    ("public-procurement", "Public procurement"),
    ("disaster-risk", "Disaster risk management"),
    ("customs-reform", "Customs reform"),
    ("health-surveillance", "Health surveillance"),
]


def _area(n: int, index: int) -> str:
    value = AREAS[n % len(AREAS)][index]
    if n >= len(AREAS):
        value = f"{value}-{n}" if index == 0 else f"{value} {n // len(AREAS) + 1}"
    return value


class CapabilityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CapabilityArea

    code = factory.Sequence(lambda n: _area(n, 0))
    name = factory.Sequence(lambda n: _area(n, 1))
    parent = None
    description = factory.LazyAttribute(lambda o: f"How well a state manages {o.name.lower()}.")
    level_0 = "No capacity in place."
    level_1 = "Ad-hoc work by individuals."
    level_2 = "Some procedures, applied unevenly."
    level_3 = "Documented procedures, applied across government."
    level_4 = "A model others in the region learn from."


POSTS = [
    "Permanent Secretary",
    "Chief Parliamentary Counsel",
    "Director of Statistics",
    "Labour Commissioner",
    "Senior Legal Officer",
    "Chief Medical Officer",
    "Comptroller of Customs",
    "Director of Standards",
]


class PersonFactory(factory.django.DjangoModelFactory):
    """An official at an institution, with their current post already in the history."""

    class Meta:
        model = models.Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: caribbean_name(n + 7))
    honorific = factory.Iterator(["Ms", "Mr", "Dr", "Hon."])
    post = factory.Sequence(lambda n: POSTS[n % len(POSTS)])
    institution = factory.SubFactory(InstitutionFactory)
    state = factory.LazyAttribute(lambda o: o.institution.state if o.institution else None)
    email = factory.LazyAttributeSequence(lambda o, n: f"{email_local_part(o.full_name)}.{n}@gov.example")
    phone = factory.Sequence(lambda n: f"+1 876 555 {n % 10000:04d}")
    expertise = ""
    is_expert = False
    visibility = VisibilityChoices.SHARED
    current_post = factory.RelatedFactory(
        "community.tests.factories.PostHeldFactory",
        factory_related_name="person",
        post=factory.SelfAttribute("..post"),
        institution=factory.SelfAttribute("..institution"),
    )

    class Params:
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)
        expert = factory.Trait(is_expert=True, expertise="Drafting labour legislation; ILO conventions.")

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def expertise_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise_areas.set(extracted)


class PostHeldFactory(factory.django.DjangoModelFactory):
    """A current post unless an end date is given."""

    class Meta:
        model = models.PostHeld

    person = factory.SubFactory(PersonFactory, current_post=None)
    post = factory.LazyAttribute(lambda o: o.person.post or "Senior Officer")
    institution = factory.LazyAttribute(lambda o: o.person.institution)
    start_date = datetime.date(2020, 9, 1)
    end_date = None


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitteeMeeting

    committee = factory.SubFactory(
        InstitutionFactory,
        name="National Committee on Migration",
        acronym="NCM",
        kind=InstitutionKind.NATIONAL_COMMITTEE,
    )
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 16) + datetime.timedelta(weeks=n))
    place = factory.LazyAttribute(
        lambda o: f"Conference room, {o.committee.state.capital if o.committee.state else 'Georgetown'}"
    )
    agenda = "1. Adoption of the agenda\n2. Progress on the labour-migration action plan\n3. Any other business"
    visibility = VisibilityChoices.SHARED

    class Params:
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)


NETWORKS = [
    "Regional Labour Migration Network",
    "Caribbean Network of Legislative Drafters",
    "Regional Statistics Network",
    "Network of Accreditation Bodies",
    "Customs Reform Practitioners Network",
]


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network
        skip_postgeneration_save = True

    name = factory.Sequence(
        lambda n: NETWORKS[n % len(NETWORKS)] + (f" {n // len(NETWORKS) + 1}" if n >= len(NETWORKS) else "")
    )
    description = "Specialists who help each other between committee meetings."
    established = datetime.date(2019, 6, 12)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = NetworkRole.MEMBER
    joined = datetime.date(2019, 6, 12)


class NonWorkingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NonWorkingDay

    state = factory.SubFactory(MemberStateFactory)
    date = factory.Sequence(lambda n: datetime.date(2027, 2, 8) + datetime.timedelta(days=n))
    name = "Carnival Monday"


class RegionalMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegionalMeeting
        skip_postgeneration_save = True

    body = "COHSOD"
    title = "Council for Human and Social Development"
    start_date = datetime.date(2027, 4, 13)
    end_date = datetime.date(2027, 4, 15)
    host_state = factory.SubFactory(MemberStateFactory)
    venue = factory.LazyAttribute(lambda o: o.host_state.capital if o.host_state else "")
    agenda = "Accreditation and equivalency of qualifications"

    @factory.post_generation
    def attending_states(self, create, states, **kwargs):
        if create and states:
            self.attending_states.set(states)

    @factory.post_generation
    def areas(self, create, areas, **kwargs):
        if create and areas:
            self.areas.set(areas)
