"""Factories for the portfolio of practices, on top of the community registry's factories."""

import datetime

import factory
from django.utils import timezone

from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from core.models import VisibilityChoices
from portfolio.choices import PracticeStatus
from portfolio.models import Practice

TITLES = [
    "National accreditation of tertiary programmes",
    "Skills certificate processing by a monthly committee",
    "Electronic labour exchange",
    "Risk-based labour inspection planning",
    "Labour force survey and quarterly bulletins",
    "Seasonal overseas employment programme",
]


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft by default, as a new entry is; use `published=True` or `needs_update=True`."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(
        lambda n: TITLES[n % len(TITLES)] + (f" ({n // len(TITLES) + 1})" if n >= len(TITLES) else "")
    )
    state = factory.SubFactory(MemberStateFactory)
    institution = None
    description = factory.LazyAttribute(
        lambda o: f"How {o.state.name} runs this system and what visitors see on an attachment."
    )
    results = "Procedures written down and applied; two neighbouring states helped."
    evidence = "Annual reports and the unit's statistics."
    in_operation_since = datetime.date(2012, 4, 1)
    target_population = "Ministries of labour and their employment services"
    status = PracticeStatus.DRAFT
    visibility = VisibilityChoices.SHARED

    class Params:
        published = factory.Trait(status=PracticeStatus.PUBLISHED, reviewed_at=factory.LazyFunction(timezone.now))
        needs_update = factory.Trait(
            status=PracticeStatus.NEEDS_UPDATE,
            reviewed_at=factory.LazyFunction(timezone.now),
            review_note="Please add this year's figures.",
        )
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if not create:
            return
        self.areas.set(extracted if extracted is not None else [CapabilityAreaFactory()])

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)
