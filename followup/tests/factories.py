"""Factories for the follow-up, on top of the activities' factories."""

import datetime

import factory
from django.utils import timezone

from activities.tests.factories import ActivityFactory
from community.tests.factories import MemberStateFactory
from followup import models
from followup.choices import ItemStatus, Respondent, Stage, UsesResults
from followup.questions import OUTCOME_KEYS


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Evaluation

    activity = factory.SubFactory(ActivityFactory, status="closed")
    stage = Stage.END
    respondent = Respondent.PARTICIPANT
    email = factory.Sequence(lambda n: f"respondent{n}@gov.example")
    language = "en"
    sent_at = factory.LazyFunction(timezone.now)


class EvaluationAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EvaluationAnswer

    evaluation = factory.SubFactory(EvaluationFactory, answered_at=factory.LazyFunction(timezone.now))
    scores = factory.LazyFunction(lambda: dict.fromkeys(OUTCOME_KEYS, 4))
    uses_results = UsesResults.YES


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActionPlan

    activity = factory.SubFactory(ActivityFactory, status="closed")
    state = factory.LazyFunction(lambda: MemberStateFactory.for_iso("BZ"))
    title = factory.Sequence(lambda n: f"National action plan {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActionItem

    plan = factory.SubFactory(ActionPlanFactory)
    description = factory.Sequence(lambda n: f"Commitment {n}")
    owner_name = "Director of Labour"
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    status = ItemStatus.OPEN

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
        )
