"""Factories for results frameworks. Statuses are written straight to the database: use the
services when the workflow itself is under test."""

import datetime
from decimal import Decimal

import factory

from community.choices import InstitutionKind
from community.tests.factories import InstitutionFactory
from core.models import VisibilityChoices
from results import models
from results.choices import Level, ValueStatus

D = datetime.date


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A shared five-year programme; `funders=[...]` names its development partners."""

    class Meta:
        model = models.Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Capacity development programme {n}")
    start_date = D(2003, 4, 1)
    end_date = D(2008, 3, 31)
    description = "Attachments of officials to host member states."
    visibility = VisibilityChoices.SHARED

    @factory.post_generation
    def funders(self, create, extracted, **kwargs):
        if create and extracted:
            self.funders.set(extracted)


def partner_institution(**kwargs):
    return InstitutionFactory(kind=InstitutionKind.DEVELOPMENT_PARTNER, state=None, **kwargs)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Period

    programme = factory.SubFactory(ProgrammeFactory)
    label = factory.Sequence(lambda n: f"P{n}")
    start_date = D(2003, 4, 1)
    end_date = D(2004, 3, 31)


class ResultNodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ResultNode

    programme = factory.SubFactory(ProgrammeFactory)
    parent = None
    level = Level.GOAL
    code = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Result {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Indicator

    node = factory.SubFactory(ResultNodeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "officials"
    baseline_value = Decimal(0)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.LazyAttribute(lambda o: PeriodFactory(programme=o.indicator.node.programme))
    value = Decimal(10)


class MeasuredValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MeasuredValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.LazyAttribute(lambda o: PeriodFactory(programme=o.indicator.node.programme))
    value = Decimal(8)
    status = ValueStatus.DRAFT

    class Params:
        approved = factory.Trait(status=ValueStatus.APPROVED)


def tree(programme=None):
    """A goal, an outcome serving it and an output serving that: (goal, outcome, output)."""
    programme = programme or ProgrammeFactory()
    goal = ResultNodeFactory(programme=programme, level=Level.GOAL, code="1")
    outcome = ResultNodeFactory(programme=programme, level=Level.OUTCOME, code="1.1", parent=goal)
    output = ResultNodeFactory(programme=programme, level=Level.OUTPUT, code="1.1.1", parent=outcome)
    return goal, outcome, output
