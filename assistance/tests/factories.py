"""Factories for requests: realistic Caribbean requests for help, their documents and assessments."""

import datetime

import factory

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from assistance import models
from assistance.choices import Channel, Modality, Status, Urgency
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from core.models import TransitionRecord, VisibilityChoices

TITLES = [
    "Setting up accreditation procedures for the National Accreditation Council",
    "Labour market information system for the Ministry of Labour",
    "Processing skills certificates under the free movement regime",
    "Public employment services: job matching and counselling",
    "Labour inspection in the construction sector",
    "Drafting regulations for the recognition of qualifications",
]


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    """A request in any status (set `status`), written straight to the database: use the
    services when the lifecycle itself is under test."""

    class Meta:
        model = models.AssistanceRequest
        skip_postgeneration_save = True

    state = factory.LazyFunction(lambda: MemberStateFactory.for_iso("BZ"))
    institution = None
    focal_point = None
    title = factory.Sequence(lambda n: TITLES[n % len(TITLES)])
    need = (
        "The National Accreditation Council was appointed but has no procedures yet; "
        "officials need to see a working accreditation system and adapt its manuals."
    )
    modality = Modality.ATTACHMENT
    officials_count = 3
    window_start = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
    window_end = factory.LazyAttribute(
        lambda o: o.window_start + datetime.timedelta(days=30) if o.window_start else None
    )
    urgency = Urgency.NORMAL
    visibility = VisibilityChoices.SHARED
    channel = Channel.ONLINE
    status = Status.DRAFT

    class Params:
        restricted = factory.Trait(visibility=VisibilityChoices.RESTRICTED)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if not create:
            return
        self.areas.set(extracted if extracted is not None else [CapabilityAreaFactory()])


class NeedsAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NeedsAssessment

    request = factory.SubFactory(AssistanceRequestFactory, status=Status.ASSESSING)
    stakeholders = "Ministry of Education; National Accreditation Council; University of Belize"
    baseline = factory.LazyAttribute(lambda o: {area.code: 1 for area in o.request.areas.all()})
    gaps = "No accreditation manual; no trained assessors; no register of accredited programmes."
    recommended_modality = Modality.ATTACHMENT
    risks = "Staff turnover after elections."


def officer_factory(**kwargs):
    return UserFactory(role=Role.OFFICER, is_staff=True, **kwargs)


def status_change(assistance_request, from_status: str, to_status: str, *, actor=None, comment: str = "", at=None):
    """A history entry written straight to the database (e.g. an imported or backdated history)."""
    extra = {"at": at} if at is not None else {}
    return TransitionRecord.objects.create(
        record=assistance_request,
        workflow="request",
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        comment=comment,
        **extra,
    )
