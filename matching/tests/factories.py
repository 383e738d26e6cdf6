"""Factories for brokering records. Invitations are written straight to the database: use the
services when the brokering itself is under test."""

import factory

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import MemberStateFactory, PersonFactory
from matching import models
from matching.choices import InvitationStatus


class HostInvitationFactory(factory.django.DjangoModelFactory):
    """Jamaica invited to host a Belizean request that is being matched."""

    class Meta:
        model = models.HostInvitation

    request = factory.SubFactory(AssistanceRequestFactory, status=Status.MATCHING)
    state = factory.LazyFunction(lambda: MemberStateFactory.for_iso("JM"))
    institution = None
    status = InvitationStatus.INVITED
    message = "Could the University Council host four officials for a week?"
    reason = factory.LazyAttribute(
        lambda o: "Our assessors are all on site visits." if o.status == InvitationStatus.DECLINED else ""
    )


class ExpertInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ExpertInvitation

    request = factory.SubFactory(AssistanceRequestFactory, status=Status.MATCHING)
    person = factory.SubFactory(PersonFactory, expert=True)
    status = InvitationStatus.INVITED
    reason = factory.LazyAttribute(
        lambda o: "Teaching full time that term." if o.status == InvitationStatus.DECLINED else ""
    )


class MatchWeightsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MatchWeights

    request = factory.SubFactory(AssistanceRequestFactory, status=Status.APPROVED)
