"""Factories for community decisions, their required actions and implementation reports.

Registry records and users come from the shared factories (community.tests.factories,
accounts.tests.factories); the personas are in the root conftest.py."""

import datetime

import factory
from factory.django import DjangoModelFactory

from community.tests.factories import MemberStateFactory
from decisions.choices import ImplementationStatus, Timeframe
from decisions.models import Decision, ImplementationReport, RequiredAction
from decisions.services import implementation_current_refresh

DECISIONS = [
    (
        "COTED",
        "Council for Trade and Economic Development (COTED)",
        "National accreditation bodies and the equivalency of qualifications",
    ),
    (
        "HGC",
        "Conference of Heads of Government",
        "Free movement of skilled persons: categories and procedures",
    ),
    (
        "COHSOD",
        "Council for Human and Social Development (COHSOD)",
        "Labour market information systems and public employment services",
    ),
]
ACTIONS = [
    "Enact the Caribbean Community (Free Movement of Skilled Persons) Act",
    "Designate the competent authority to issue and verify skills certificates",
    "Establish a national accreditation body by law",
    "Adopt and publish procedures for accrediting programmes and institutions",
    "Set up a labour market information system with regular publications",
]


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    organ = factory.Sequence(lambda n: DECISIONS[n % len(DECISIONS)][1])
    meeting = factory.Sequence(lambda n: f"{n + 20}th Regular Meeting")
    date = factory.Sequence(lambda n: datetime.date(2002 + n % 20, 7, 5))
    reference = factory.Sequence(lambda n: f"{DECISIONS[n % len(DECISIONS)][0]}/{2002 + n % 20}/{n:03d}")
    title = factory.Sequence(lambda n: DECISIONS[n % len(DECISIONS)][2])
    text = "Member states shall put in place the legislation and procedures the decision requires."


class RequiredActionFactory(DjangoModelFactory):
    class Meta:
        model = RequiredAction

    decision = factory.SubFactory(DecisionFactory)
    description = factory.Sequence(lambda n: ACTIONS[n % len(ACTIONS)])
    area = None
    timeframe = Timeframe.MEDIUM
    due_date = factory.LazyAttribute(lambda o: o.decision.date + datetime.timedelta(days=730))
    position = factory.Sequence(lambda n: n + 1)


class ImplementationReportFactory(DjangoModelFactory):
    """A report written straight to the database, then marked current or not as the services would."""

    class Meta:
        model = ImplementationReport

    state = factory.SubFactory(MemberStateFactory)
    action = factory.SubFactory(RequiredActionFactory)
    status = ImplementationStatus.IN_PROGRESS
    evidence = "Bill before parliament."
    status_date = datetime.date(2024, 1, 15)
    reported_by = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        report = super()._create(model_class, *args, **kwargs)
        current = implementation_current_refresh(state_id=report.state_id, action_id=report.action_id)
        report.is_current = current == report.pk
        return report
