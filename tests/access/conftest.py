"""`world`: the root conftest's registry plus records of every other app's scoped models,
named for what each one tests (tests/access/matrix.py says who may do what with each).

The matrix asks some 1,200 read-only questions of one world, so the world is built once per
test module and process, inside a transaction rolled back when the module ends; each test runs
in a savepoint of it (pytest-django's `db`), so a test that writes still leaves nothing behind."""

import pytest
from django.test import override_settings

from activities.choices import ActivityStatus
from activities.models import ModalityRule
from activities.rules import DEFAULT_RULES
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    BudgetLineFactory,
    CertificateFactory,
    NominationFactory,
    SessionFactory,
)
from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory, NeedsAssessmentFactory
from core.models import VisibilityChoices
from core.tests.factories import DocumentFactory
from decisions.tests.factories import DecisionFactory, ImplementationReportFactory, RequiredActionFactory
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory, MatchWeightsFactory
from maturity.choices import AssessmentMethod
from maturity.tests.factories import AssessmentFactory
from portfolio.choices import PracticeStatus
from portfolio.tests.factories import PracticeFactory
from tests.access.matrix import ACTIVITY_DOCUMENT_RECORDS, DOCUMENT_RECORDS
from tests.personas import build_registry_and_personas, built_once

SHARED, RESTRICTED = VisibilityChoices.SHARED, VisibilityChoices.RESTRICTED


@pytest.fixture(scope="module")
def _world_of_module(django_db_setup, django_db_blocker, tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with built_once(django_db_blocker, _build_world) as world:
            yield world


def _build_world():
    registry = build_registry_and_personas()
    _add_records(registry)
    _add_followup_records(registry)
    _add_results_records(registry)
    _add_calendar_and_exclusion_records(registry)
    return registry


@pytest.fixture
def world(_world_of_module, db):
    return _world_of_module


def _add_records(registry):
    bz, jm, tt = registry.bz, registry.jm, registry.tt
    area = registry.records["capabilityarea"]["root"]
    records = registry.records

    def assessment(state, visibility):
        return AssessmentFactory(
            state=state, area=area, visibility=visibility, method=AssessmentMethod.SECRETARIAT, level=2
        )

    records["maturityassessment"] = {
        "bz_shared": assessment(bz, SHARED),
        "bz_restricted": assessment(bz, RESTRICTED),
        "jm_shared": assessment(jm, SHARED),
        "jm_restricted": assessment(jm, RESTRICTED),
    }

    decision = DecisionFactory(reference="COTED/2005/20/ACC", title="National accreditation bodies")
    action = RequiredActionFactory(decision=decision, position=1)
    records["decision"] = {"coted": decision}
    records["requiredaction"] = {"coted_1": action}
    records["implementationreport"] = {
        "bz": ImplementationReportFactory(state=bz, action=action),
        "jm": ImplementationReportFactory(state=jm, action=action),
    }

    def request(state, status, visibility):
        return AssistanceRequestFactory(state=state, status=status, visibility=visibility, areas=[area])

    requests = {
        "bz_draft": request(bz, Status.DRAFT, SHARED),
        "bz_shared": request(bz, Status.MATCHING, SHARED),
        "bz_restricted": request(bz, Status.ASSESSING, RESTRICTED),
        "jm_draft": request(jm, Status.DRAFT, SHARED),
        "jm_shared": request(jm, Status.APPROVED, SHARED),
    }
    records["assistancerequest"] = requests
    records["document"] = {key: DocumentFactory(record=requests[key]) for key in DOCUMENT_RECORDS}
    records["needsassessment"] = {
        key: NeedsAssessmentFactory(request=requests[key]) for key in ("bz_restricted", "jm_shared")
    }
    records["practice"] = {
        "bz_published": PracticeFactory(state=bz, status=PracticeStatus.PUBLISHED, areas=[area]),
        "bz_draft": PracticeFactory(state=bz, status=PracticeStatus.DRAFT, areas=[area]),
        "jm_host_draft": PracticeFactory(
            state=jm, institution=registry.inst_jm_host, status=PracticeStatus.DRAFT, areas=[area]
        ),
        "jm_restricted": PracticeFactory(
            state=jm, status=PracticeStatus.PUBLISHED, visibility=RESTRICTED, areas=[area]
        ),
    }
    records["hostinvitation"] = {
        "jm_host_for_bz": HostInvitationFactory(
            request=requests["bz_shared"], state=jm, institution=registry.inst_jm_host
        ),
        "tt_for_jm": HostInvitationFactory(request=requests["jm_shared"], state=tt),
    }
    records["expertinvitation"] = {
        "expert_for_bz": ExpertInvitationFactory(request=requests["bz_shared"], person=registry.person_expert),
    }
    records["matchweights"] = {
        key: MatchWeightsFactory(request=requests[key]) for key in ("bz_restricted", "jm_shared")
    }
    _add_activities(registry)


def _add_activities(registry):
    """Four activities and their agenda, people, money, certificates and papers (keys: see
    tests/access/matrix.py)."""
    bz, jm, tt = registry.bz, registry.jm, registry.tt
    records = registry.records
    activities = {
        "bz_at_jm_host": ActivityFactory(host_state=jm, host_institution=registry.inst_jm_host, states=[bz]),
        "bz_shared": ActivityFactory(host_state=tt, states=[bz, tt], shared=True),
        "jm_restricted": ActivityFactory(host_state=bz, host_institution=registry.inst_bz_shared, states=[jm]),
        "tt_restricted": ActivityFactory(host_state=tt, states=[tt], status=ActivityStatus.DELIVERED),
    }
    records["activity"] = activities
    records["session"] = {key: SessionFactory(activity=activity) for key, activity in activities.items()}
    records["session"]["bz_at_jm_host"].facilitator = registry.person_expert
    records["session"]["bz_at_jm_host"].save()
    records["nomination"] = {
        "bz_at_jm_host": NominationFactory(
            activity=activities["bz_at_jm_host"], state=bz, person=registry.person_bz_shared, confirmed=True
        ),
        "bz_shared": NominationFactory(
            activity=activities["bz_shared"], state=bz, person=registry.person_bz_restricted
        ),
        "jm_restricted": NominationFactory(
            activity=activities["jm_restricted"], state=jm, person=registry.person_jm_shared, confirmed=True
        ),
        "tt_expert": NominationFactory(
            activity=activities["tt_restricted"], state=tt, person=registry.person_expert, confirmed=True
        ),
    }
    attended = ("bz_at_jm_host", "jm_restricted", "tt_expert")
    records["attendance"] = {key: AttendanceFactory(nomination=records["nomination"][key]) for key in attended}
    records["certificate"] = {key: CertificateFactory(nomination=records["nomination"][key]) for key in attended}
    records["budgetline"] = {key: BudgetLineFactory(activity=activity) for key, activity in activities.items()}
    records["modalityrule"] = {
        "attachment": ModalityRule.objects.create(modality="attachment", **DEFAULT_RULES["attachment"])
    }
    records["document"].update(
        {f"activity:{key}": DocumentFactory(record=activities[key]) for key in ACTIVITY_DOCUMENT_RECORDS}
    )


# --- follow-up (followup): a closed Jamaican-hosted activity for Belize, its evaluations and plans


def _add_followup_records(registry):
    from followup.tests.factories import (
        ActionItemFactory,
        ActionPlanFactory,
        EvaluationAnswerFactory,
        EvaluationFactory,
    )

    bz, jm, records = registry.bz, registry.jm, registry.records
    # Belize's attachment hosted by the Jamaican institution (see _add_activities).
    activity = records["activity"]["bz_at_jm_host"]
    participant = EvaluationFactory(activity=activity, person=registry.person_bz_shared)
    records["evaluation"] = {
        "bz_participant": participant,
        "jm_host": EvaluationFactory(activity=activity, respondent="host", institution=registry.inst_jm_host),
    }
    records["evaluationanswer"] = {"bz_participant": EvaluationAnswerFactory(evaluation=participant)}
    plans = {"bz": ActionPlanFactory(activity=activity, state=bz), "jm": ActionPlanFactory(activity=activity, state=jm)}
    records["actionplan"] = plans
    records["actionitem"] = {
        "bz_overdue": ActionItemFactory(plan=plans["bz"], overdue=True),
        "jm_open": ActionItemFactory(plan=plans["jm"]),
    }


# --- results frameworks (results app) ------------------------------------------------------


def _add_results_records(registry):
    from results.choices import ValueStatus
    from results.tests.factories import (
        IndicatorFactory,
        MeasuredValueFactory,
        PeriodFactory,
        ProgrammeFactory,
        ResultNodeFactory,
        TargetFactory,
    )

    partner = registry.records["institution"]["partner"]
    records = registry.records
    programmes = {
        "funded_shared": ProgrammeFactory(funders=[partner]),
        "funded_restricted": ProgrammeFactory(funders=[partner], visibility=RESTRICTED),
        "other_shared": ProgrammeFactory(),
        "other_restricted": ProgrammeFactory(visibility=RESTRICTED),
    }
    records["programme"] = programmes
    records["resultnode"] = {key: ResultNodeFactory(programme=p) for key, p in programmes.items()}
    records["indicator"] = {key: IndicatorFactory(node=records["resultnode"][key]) for key in programmes}
    records["period"] = {key: PeriodFactory(programme=p) for key, p in programmes.items()}
    records["target"] = {
        key: TargetFactory(indicator=records["indicator"][key], period=records["period"][key]) for key in programmes
    }

    def value(key, status):
        return MeasuredValueFactory(indicator=records["indicator"][key], period=records["period"][key], status=status)

    records["measuredvalue"] = {
        "funded_approved": value("funded_shared", ValueStatus.APPROVED),
        "funded_draft": value("funded_restricted", ValueStatus.DRAFT),
        "other_shared_approved": value("other_shared", ValueStatus.APPROVED),
        "other_restricted_approved": value("other_restricted", ValueStatus.APPROVED),
    }


# --- the regional calendar (community) and the officer's exclusions (matching) ----------------


def _add_calendar_and_exclusion_records(registry):
    from community.tests.factories import NonWorkingDayFactory, RegionalMeetingFactory
    from matching.models import MatchExclusion

    records = registry.records
    records["regionalmeeting"] = {"cohsod": RegionalMeetingFactory(host_state=registry.jm)}
    records["nonworkingday"] = {"tt_carnival": NonWorkingDayFactory(state=registry.tt)}
    records["matchexclusion"] = {
        "jm_from_bz_shared": MatchExclusion.objects.create(
            request=records["assistancerequest"]["bz_shared"], state=registry.jm, reason="Hosted Belize last year"
        )
    }
