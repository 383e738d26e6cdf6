"""Factories for activities, on top of the community registry's and the requests' factories.
Statuses are written straight to the database: use `activities.lifecycle.activity_transition`
when the lifecycle itself is under test."""

import datetime
from decimal import Decimal

import factory

from activities import models
from activities.choices import ActivityStatus, BudgetCategory, NominationStatus, SessionKind
from assistance.choices import Modality
from community.tests.factories import MemberStateFactory, PersonFactory
from core.models import VisibilityChoices


def _next_monday(days_ahead: int = 45) -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=days_ahead)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


class ActivityFactory(factory.django.DjangoModelFactory):
    """A planned five-day attachment to Jamaica; `states=[...]` and `requests=[...]` link it."""

    class Meta:
        model = models.Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Attachment on accreditation procedures ({n})")
    modality = Modality.ATTACHMENT
    description = "Officials follow the accreditation unit's work for a week."
    host_state = factory.LazyFunction(lambda: MemberStateFactory.for_iso("JM"))
    host_institution = None
    start_date = factory.LazyFunction(_next_monday)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4) if o.start_date else None)
    venue = "Kingston"
    status = ActivityStatus.PLANNED
    visibility = VisibilityChoices.RESTRICTED

    class Params:
        shared = factory.Trait(visibility=VisibilityChoices.SHARED)
        undated = factory.Trait(start_date=None, end_date=None, status=ActivityStatus.PROPOSED)

    @factory.post_generation
    def states(self, create, extracted, **kwargs):
        if create and extracted:
            self.states.set(extracted)

    @factory.post_generation
    def requests(self, create, extracted, **kwargs):
        if create and extracted:
            self.requests.set(extracted)
            self.states.add(*{request.state for request in extracted})

    @factory.post_generation
    def experts(self, create, extracted, **kwargs):
        if create and extracted:
            self.experts.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    activity = factory.SubFactory(ActivityFactory)
    day = factory.LazyAttribute(lambda o: o.activity.start_date)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 30)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = SessionKind.PLENARY


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Nomination

    activity = factory.SubFactory(ActivityFactory)
    state = factory.LazyFunction(lambda: MemberStateFactory.for_iso("BZ"))
    person = factory.LazyAttribute(lambda o: PersonFactory(institution__state=o.state))
    post = "Accreditation officer"
    reason = "Will draft the council's procedures manual."
    status = NominationStatus.PROPOSED

    class Params:
        confirmed = factory.Trait(status=NominationStatus.CONFIRMED)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Attendance

    nomination = factory.SubFactory(NominationFactory, confirmed=True)
    day = factory.LazyAttribute(lambda o: o.nomination.activity.start_date)
    present = True


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BudgetLine

    activity = factory.SubFactory(ActivityFactory)
    category = BudgetCategory.TRAVEL
    description = "Return flights Belize City–Kingston"
    amount = Decimal("2400.00")
    currency = "USD"
    funding_source = "CARICOM Development Fund"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Certificate

    nomination = factory.SubFactory(NominationFactory, confirmed=True)
    participant_name = factory.LazyAttribute(lambda o: o.nomination.person.full_name)
    activity_title = factory.LazyAttribute(lambda o: o.nomination.activity.title)
    host = factory.LazyAttribute(lambda o: o.nomination.activity.host_state.name)
    start_date = factory.LazyAttribute(lambda o: o.nomination.activity.start_date)
    end_date = factory.LazyAttribute(lambda o: o.nomination.activity.end_date)
    days_attended = 5
    hours = Decimal("30.0")
